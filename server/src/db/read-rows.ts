import type { EntityManager, Knex } from '@mikro-orm/knex';

/** The part of a better-sqlite3 connection this module uses. */
interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  /** Rows as arrays of column values (true) or as objects keyed by column name (false, the default). */
  raw(asArrays: boolean): SqliteStatement;
}

type KnexClient = {
  driverName?: string;
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
};

/** Where a read may go straight to SQLite: the connection, and the knex instance that reports each statement. */
interface DirectTarget {
  connection: SqliteConnection;
  knex: Knex;
}

/** The one SQLite connection behind each knex client (the better-sqlite3 pool holds exactly one), with its knex. */
const directTargets = new WeakMap<object, DirectTarget>();

/**
 * Plain rows for a read path (`select …` with `?` parameters), for read models that build no entity.
 *
 * On SQLite, a read outside any transaction runs straight on the connection: better-sqlite3 is
 * synchronous, so nothing can interleave with the statement, and it sees only committed data as
 * long as no transaction is open on the connection — when one is (another request is between the
 * statements of its write), the read goes through knex's pool like every other statement and waits
 * for that commit, as before. knex's pool, runner and query builder were ~13% of a 20-employee
 * list's CPU for the four statements it runs. knex still sees every statement (its `query` event,
 * which the statement-count tests listen to). PostgreSQL and reads inside a transaction take the
 * ORM's path (`em.execute`).
 */
export async function readRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const direct = prepareDirect(await directTarget(em), sql, params);
  if (direct) return direct.statement.all(...direct.bindings) as T[];
  return em.execute<T[]>(sql, [...params]);
}

/**
 * Like `readRows`, each row as the array of its column values in select order. better-sqlite3 builds
 * an object row with one V8 property store per column (interning the column name each time): ~35%
 * of the instructions of a 12-column employee page, which arrays skip. Every column of `sql` needs a
 * distinct name: outside the direct path the rows come as objects and are read back in key order.
 */
export async function readTuples(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
  const direct = prepareDirect(await directTarget(em), sql, params);
  if (direct) {
    // The prepared statement is shared (the connection's statement cache, knex's too): back to objects at once.
    try {
      return direct.statement.raw(true).all(...direct.bindings) as unknown[][];
    } finally {
      direct.statement.raw(false);
    }
  }
  const rows = await em.execute<Array<Record<string, unknown>>>(sql, [...params]);
  return rows.map((row) => Object.values(row));
}

/**
 * `<column> in (<ids>)` with its parameters, for a batch read by `readRows`/`readTuples`. On SQLite the
 * ids travel as one JSON array (`json_each`): once ANALYZE has sampled an index (sqlite_stat4, as the
 * demo seed leaves it), SQLite's planner reads the bound values of an `in (?, …)` list, so it
 * re-prepares such a statement on every run — ~35% of the instructions of a 20-id leader read. One
 * SQL text then also serves every batch size. PostgreSQL keeps the plain list.
 */
export function idsIn(em: EntityManager, column: string, ids: readonly number[]): { sql: string; params: unknown[] } {
  if (ids.length === 0) return { sql: '1 = 0', params: [] };
  if (isSqlite(em)) return { sql: `${column} in (select value from json_each(?))`, params: [JSON.stringify(ids)] };
  return { sql: `${column} in (${ids.map(() => '?').join(',')})`, params: [...ids] };
}

function isSqlite(em: EntityManager): boolean {
  return (em.getConnection().getKnex().client as unknown as KnexClient).driverName === 'better-sqlite3';
}

/** The SQLite connection behind `em` when a read may go straight to it (SQLite, no transaction of `em`'s own). */
async function directTarget(em: EntityManager): Promise<DirectTarget | undefined> {
  if (em.getTransactionContext()) return undefined;
  const knex = em.getConnection().getKnex();
  const client = knex.client as unknown as KnexClient;
  if (client.driverName !== 'better-sqlite3') return undefined;
  let target = directTargets.get(client);
  if (!target?.connection.open) {
    const connection = (await client.acquireConnection()) as SqliteConnection;
    await client.releaseConnection(connection);
    directTargets.set(client, (target = { connection, knex }));
  }
  return target;
}

/**
 * The statement to run on the connection now, or undefined when another request's transaction is
 * open on it. Callers run the statement in the same synchronous step as this check, so no transaction
 * can begin in between. Reported to knex's `query` listeners like every statement.
 */
function prepareDirect(target: DirectTarget | undefined, sql: string, params: readonly unknown[]): { statement: SqliteStatement; bindings: unknown[] } | undefined {
  if (!target?.connection.open || target.connection.inTransaction) return undefined;
  const bindings = params.map(sqliteBinding);
  target.knex.emit('query', { sql, bindings, method: 'raw' });
  return { statement: target.connection.prepare(sql), bindings };
}

/** A parameter the way knex binds it for better-sqlite3 (dates as epoch ms, booleans as 0/1). */
function sqliteBinding(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}
