import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../db/database.js';
import { entities } from './entities.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, logger, { entities, migrate: false });
  const applied = await db.orm.getMigrator().up();
  process.stdout.write(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}\n` : 'Database is up to date\n');
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
