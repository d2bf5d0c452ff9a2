/**
 * A number read with raw SQL: PostgreSQL returns counts (bigint) as strings,
 * SQLite returns numbers, and an absent aggregate is null — all become numbers, null as 0.
 */
export const num = (v: unknown): number => Number(v ?? 0);
