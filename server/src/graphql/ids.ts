import { badInput } from '../errors/domain-error.js';

/** GraphQL IDs are opaque strings; ours are positive integers underneath. */
export function parseId(value: string | number, field: string): number {
  const id = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(field, `\`${field}\` is not a valid id`);
  return id;
}

/** A whole-number argument within bounds, or BAD_USER_INPUT naming it. */
export function intInRange(value: number | undefined, field: string, min: number, max: number): number {
  if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `\`${field}\` must be between ${min} and ${max}`);
  }
  return value;
}
