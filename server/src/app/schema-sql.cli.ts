import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../db/orm.config.js';
import { entities } from './entities.js';

/**
 * `npm run schema:sql`: prints the SQL the entities imply for SQLite and
 * PostgreSQL, the raw material of a new migration. With `--diff` it prints
 * what would change against the databases in DATABASE_URL_SQLITE /
 * DATABASE_URL_POSTGRES (each already migrated to the latest migration).
 */
async function main() {
  const diff = process.argv.includes('--diff');
  const targets = [
    process.env.DATABASE_URL_SQLITE ?? 'sqlite::memory:',
    process.env.DATABASE_URL_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  ];
  for (const url of targets) {
    const orm = await MikroORM.init({ ...ormOptions(url, { entities }), connect: diff });
    const sql = diff ? await orm.schema.getUpdateSchemaSQL({ wrap: false }) : await orm.schema.getCreateSchemaSQL({ wrap: false });
    // MikroORM 6 repeats some SQLite index statements; print each once.
    const statements = [...new Set(sql.split('\n').filter((line) => line.trim()))];
    process.stdout.write(`-- ${url.split(':')[0]}\n${statements.join('\n')}\n\n`);
    await orm.close(true);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
