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

/*
 * Read models (see loaders.ts) map raw rows with these: the SQLite/PostgreSQL differences in one place.
 * SQLite returns datetimes as epoch milliseconds and booleans as 0/1, PostgreSQL as Date and boolean.
 */

/** A datetime column as a Date (SQLite: epoch ms; PostgreSQL: Date); null stays null. */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  const time = ms(value);
  return time === null ? null : new Date(time);
}

/** A boolean column (SQLite: 0/1; PostgreSQL: boolean); null stays null. */
export function toBool(value: unknown): boolean | null {
  return value == null ? null : Boolean(value);
}

/** A datetime as a bound parameter, the way the ORM stores it (SQLite: epoch ms; PostgreSQL: Date). */
export function dateParam(kind: string, value: Date): Date | number {
  return kind === 'sqlite' ? value.getTime() : value;
}

/**
 * A LIMIT clause with the row count written into the SQL text. SQLite re-prepares a statement whose
 * LIMIT is a bound parameter on every run (its planner reads the value): ~15% of the instructions of
 * a 20-employee page. Page sizes are few, so each gets its own cached prepared statement instead.
 */
export function limitClause(rows: number): string {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`limitClause: ${rows} is not a row count`);
  return `limit ${rows}`;
}
