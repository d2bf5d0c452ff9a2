import type { EntityManager } from '@mikro-orm/knex';

/** The part of a better-sqlite3 connection this module uses. */
interface SqliteConnection {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

type KnexClient = {
  config: { client: unknown };
  driverName?: string;
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
  emit(event: 'query', query: { sql: string; bindings: unknown[]; method: string }): void;
};

/** The one SQLite connection behind each knex client (the better-sqlite3 pool holds exactly one). */
const sqliteConnections = new WeakMap<object, SqliteConnection>();

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
  if (!em.getTransactionContext()) {
    const knex = em.getConnection().getKnex();
    const client = knex.client as unknown as KnexClient;
    if (client.driverName === 'better-sqlite3') {
      let connection = sqliteConnections.get(client);
      if (!connection?.open) {
        connection = (await client.acquireConnection()) as SqliteConnection;
        await client.releaseConnection(connection);
        sqliteConnections.set(client, connection);
      }
      if (connection.open && !connection.inTransaction) {
        const bindings = params.map(sqliteBinding);
        knex.emit('query', { sql, bindings, method: 'raw' });
        return connection.prepare(sql).all(...bindings) as T[];
      }
    }
  }
  return em.execute<T[]>(sql, [...params]);
}

/** A parameter the way knex binds it for better-sqlite3 (dates as epoch ms, booleans as 0/1). */
function sqliteBinding(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}
