// What every benchmark script shares: its command-line options and a throwaway PostgreSQL database.
import pg from 'pg';

/** PostgreSQL maintenance database the benchmarks create their own databases from. */
export const PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** `--name value` from the command line, or the fallback. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

/** A new, empty PostgreSQL database: its URL, and `drop()` to remove it (connections included). */
export async function freshPostgres(prefix = 'rapport_bench') {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
