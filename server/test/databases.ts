import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * Which databases the integration suite runs on. SQLite always; PostgreSQL
 * when TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, a
 * maintenance database) is reachable. With CI=true an unreachable
 * PostgreSQL fails the run instead of skipping it.
 */
export const TEST_PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
export const IN_CI = /^(1|true)$/i.test(process.env.CI ?? '');

export type TestDatabaseKind = 'sqlite' | 'postgresql';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let kinds: Promise<TestDatabaseKind[]> | undefined;
export function testDatabaseKinds(): Promise<TestDatabaseKind[]> {
  kinds ??= (async () => {
    if (process.env.TEST_DATABASES === 'sqlite') return ['sqlite'];
    if (await postgresReachable()) return ['sqlite', 'postgresql'];
    if (IN_CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${TEST_PG_URL}`);
    console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: running the suite on SQLite only`);
    return ['sqlite'];
  })();
  return kinds;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: in-memory SQLite, or a new PostgreSQL database that `drop()` removes. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  const name = `rapport_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
