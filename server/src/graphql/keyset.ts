import type { QueryBuilder } from '@mikro-orm/knex';
import { SortDirection, decodeCursor, encodeCursor, toConnection, type PageRequest } from './connection.js';
import { badInput } from '../errors/domain-error.js';

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
    const [rawValue, rawId] = decodeCursor(page.after, 2);
    const value = options.isDate && rawValue !== null ? new Date(String(rawValue)) : rawValue;
    if (typeof rawId !== 'number' || (value instanceof Date && Number.isNaN(value.getTime()))) {
      throw badInput('after', '`after` is not a cursor this list produced');
    }
    const op = direction === SortDirection.ASC ? '$gt' : '$lt';
    qb.andWhere({ $or: [{ [property]: { [op]: value } }, { [property]: value, id: { [op]: rawId } }] } as never);
  }
  const order = direction === SortDirection.ASC ? 'asc' : 'desc';
  qb.orderBy([{ [property]: order }, { id: order }] as never).limit(page.first + 1);
  const rows = await qb.getResultList();
  return toConnection(
    rows,
    page,
    (row) => {
      const value = row[property as keyof T];
      return encodeCursor([value instanceof Date ? value.toISOString() : value, row.id]);
    },
    () => countQb.getCount(),
  );
}
