import { badInput } from '../errors/domain-error.js';

/** GraphQL IDs are opaque strings; ours are positive integers underneath. */
export function parseId(value: string | number, field: string): number {
  const id = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(field, `\`${field}\` is not a valid id`);
  return id;
}
