import type { QueryBuilder } from '@mikro-orm/knex';
import { SortDirection, decodeCursor, encodeCursor, toConnection, type PageRequest } from './connection.js';
import { badInput } from '../errors/domain-error.js';

/** The (value, id) an `after` cursor of a keyset list holds; BAD_INPUT when this list did not produce it. */
export function keysetAfter(after: string, isDate = false): { value: unknown; id: number } {
  const [rawValue, rawId] = decodeCursor(after, 2);
  const value = isDate && rawValue !== null ? new Date(String(rawValue)) : rawValue;
  if (typeof rawId !== 'number' || (value instanceof Date && Number.isNaN(value.getTime()))) {
    throw badInput('after', '`after` is not a cursor this list produced');
  }
  return { value, id: rawId };
}

/** A row's keyset cursor: its sort value (a date as ISO text) and its id. */
export function keysetCursor(value: unknown, id: number): string {
  return encodeCursor([value instanceof Date ? value.toISOString() : value, id]);
}

/**
 * Keyset pagination over one sort property with `id` as tie-breaker: the
 * cursor holds the last row's (value, id), and the next page starts strictly
 * after it. Stable under inserts, and as fast on page 1,000 as on page 1.
 * `qb` must already carry the filters; the count runs on a clone of it.
 */
export async function keysetConnection<T extends { id: number }>(
  qb: QueryBuilder<T>,
  page: PageRequest,
  property: string,
  direction: SortDirection,
  options: { isDate?: boolean } = {},
) {
  const countQb = qb.clone();
  if (page.after) {
    const after = keysetAfter(page.after, options.isDate);
    const op = direction === SortDirection.ASC ? '$gt' : '$lt';
    qb.andWhere({ $or: [{ [property]: { [op]: after.value } }, { [property]: after.value, id: { [op]: after.id } }] } as never);
  }
  const order = direction === SortDirection.ASC ? 'asc' : 'desc';
  qb.orderBy([{ [property]: order }, { id: order }] as never).limit(page.first + 1);
  const rows = await qb.getResultList();
  return toConnection(
    rows,
    page,
    (row) => keysetCursor(row[property as keyof T], row.id),
    () => countQb.getCount(),
  );
}
