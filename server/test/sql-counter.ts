import type { EntityManager } from '@mikro-orm/knex';
import type { RunningRapport } from '../src/app/rapport.js';

/** Counts the SQL statements the server sends while `work` runs (through knex's query event). */
export async function countStatements<T>(rapport: RunningRapport, work: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }> {
  const knex = (rapport.deps.db.orm.em as EntityManager).getConnection().getKnex();
  const sql: string[] = [];
  const listener = (query: { sql: string }) => sql.push(query.sql);
  knex.on('query', listener);
  try {
    const result = await work();
    return { result, statements: sql.length, sql };
  } finally {
    knex.removeListener('query', listener);
  }
}
