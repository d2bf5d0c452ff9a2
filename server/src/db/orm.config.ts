import { defineConfig as defineSqlite } from '@mikro-orm/better-sqlite';
import { defineConfig as definePostgres } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Options } from '@mikro-orm/core';
import { migrationsList } from './migrations/index.js';

export type DatabaseKind = 'sqlite' | 'postgresql';

/** The entity classes the ORM maps (the application's list lives in app/entities.ts). */
export type EntityList = NonNullable<Options['entities']>;

export function databaseKind(databaseUrl: string): DatabaseKind {
  return databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
}

/** Prepared statements kept per SQLite connection (most used first out last). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * knex prepares every statement it sends to better-sqlite3 anew (`connection.prepare(sql)`), which
 * was ~6% of a list request's CPU. The same SQL text (the ORM's and the read paths' statements,
 * parameters bound separately) reuses its prepared statement instead; SQLite re-prepares a cached
 * statement by itself after a schema change. knex still sees and reports every statement.
 */
function cachePreparedStatements(conn: { prepare(sql: string): unknown }): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
}

/**
 * MikroORM options for `sqlite:<file>`, `sqlite::memory:` or `postgres://…`.
 * Migrations are listed in code (not discovered from disk), so the same list
 * runs from sources under Vitest and from the compiled build.
 */
export function ormOptions(databaseUrl: string, opts: { entities: EntityList; debug?: boolean; poolMax?: number }): Options {
  const common: Options = {
    entities: opts.entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // One statement per batch of relations instead of one per parent entity.
    dataloader: true,
    debug: opts.debug ?? false,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: true },
  };

  if (databaseKind(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length) || ':memory:';
    return defineSqlite({
      ...(common as object),
      dbName: file,
      // WAL lets readers work while a writer commits; foreign keys are off by default in SQLite.
      pool: { afterCreate: ((conn: any, done: (err: unknown, conn: unknown) => void) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        cachePreparedStatements(conn);
        done(null, conn);
      }) as any },
    }) as Options;
  }
  return definePostgres({
    ...(common as object),
    clientUrl: databaseUrl,
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // An unreachable database answers 503 within seconds instead of holding requests for a minute
    // (knex waits 60 s for a pooled connection by default; pg waits forever for a connect).
    driverOptions: { acquireConnectionTimeout: 10_000, connection: { connectionTimeoutMillis: 5_000 } },
  }) as Options;
}
