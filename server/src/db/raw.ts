/**
 * A number read with raw SQL: PostgreSQL returns counts (bigint) as strings,
 * SQLite returns numbers, and an absent aggregate is null — all become numbers, null as 0.
 */
export const num = (v: unknown): number => Number(v ?? 0);

/** Epoch milliseconds of a datetime column (SQLite: a number; PostgreSQL: a Date). */
export function ms(value: unknown): number | null {
  if (value == null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

/**
 * A case-insensitive "contains" search for `lower(column) like ? escape '!'`: `%`, `_` and the
 * escape character itself match literally after this.
 */
export function likePattern(search: string): string {
  return '%' + search.trim().toLowerCase().replace(/[!%_]/g, (c) => '!' + c) + '%';
}
