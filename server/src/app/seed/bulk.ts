import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { DatabaseKind } from '../../db/orm.config.js';

/** Helpers the demo seeders share: raw multi-row inserts, id ranges and datetime columns read back. */

export type Value = string | number | Date | null;
type SqliteConnection = { prepare(sql: string): { run(params: Value[]): unknown } };

export { ms } from '../../db/raw.js';

export async function maxId(em: EntityManager, table: string): Promise<number> {
  const [row] = await em.execute<Array<{ m: number | string | null }>>(`select max(id) as m from ${table}`);
  return Number(row?.m ?? 0);
}

/**
 * Multi-row INSERTs with bound parameters on the transaction's connection: the survey tables get
 * hundreds of thousands of rows at benchmark sizes, and this skips the ORM's per-row work. On
 * SQLite (synchronous, in-process) two statements are prepared once and reused; on PostgreSQL each
 * statement carries about 30,000 parameters (under its limit of 65,535). Columns are named as in
 * the table; datetimes are passed as the ORM stores them (epoch milliseconds in SQLite, Date in
 * PostgreSQL).
 */
export async function bulkInsert(em: EntityManager, kind: DatabaseKind, table: string, columns: string[], rows: Value[][]): Promise<void> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('bulkInsert runs inside a transaction');
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  if (kind === 'sqlite') {
    const connection = (await trx.client.acquireConnection()) as SqliteConnection;
    const per = 100;
    const many = rows.length >= per ? connection.prepare(head + new Array(per).fill(tuple).join(', ')) : null;
    const one = connection.prepare(head + tuple);
    let i = 0;
    for (; many && i + per <= rows.length; i += per) many.run(rows.slice(i, i + per).flat());
    for (; i < rows.length; i++) one.run(rows[i]!);
    return;
  }
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await trx.raw(head + new Array(chunk.length).fill(tuple).join(', '), chunk.flat() as Knex.RawBinding[]);
  }
}

/**
 * Sets columns of existing rows by id, many rows per statement: `rows[i]` is the id followed by the
 * values of `columns` (each with its PostgreSQL type, for the casts a VALUES list needs there). On
 * SQLite one prepared UPDATE runs per row (in-process, as fast as a join); on PostgreSQL an
 * `UPDATE … FROM (VALUES …)` carries about 30,000 parameters.
 */
export async function bulkUpdate(
  em: EntityManager,
  kind: DatabaseKind,
  table: string,
  columns: Array<[name: string, pgType: string]>,
  rows: Value[][],
): Promise<void> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('bulkUpdate runs inside a transaction');
  if (!rows.length) return;
  if (kind === 'sqlite') {
    const connection = (await trx.client.acquireConnection()) as SqliteConnection;
    const statement = connection.prepare(`update "${table}" set ${columns.map(([c]) => `"${c}" = ?`).join(', ')} where "id" = ?`);
    for (const [id, ...values] of rows) statement.run([...values, id!]);
    return;
  }
  const tuple = `(?::integer, ${columns.map(([, type]) => `?::${type}`).join(', ')})`;
  const set = columns.map(([c]) => `"${c}" = v."${c}"`).join(', ');
  const names = ['id', ...columns.map(([c]) => c)].map((c) => `"${c}"`).join(', ');
  const perStatement = Math.max(1, Math.floor(30_000 / (columns.length + 1)));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await trx.raw(
      `update "${table}" as t set ${set} from (values ${new Array(chunk.length).fill(tuple).join(', ')}) as v(${names}) where t."id" = v."id"`,
      chunk.flat() as Knex.RawBinding[],
    );
  }
}
