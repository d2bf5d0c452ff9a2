import 'reflect-metadata';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../../db/database.js';
import { entities } from '../entities.js';
import { seedDemoData } from './demo.js';

/**
 * `npm run seed -- --size 100000 [--seed 7]`: adds a generated organisation to
 * the database in DATABASE_URL (migrating it first), printing progress.
 */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const size = option('size', 300);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, logger, { entities });
  const started = Date.now();
  let lastPrint = 0;
  const result = await seedDemoData(db, {
    employees: size,
    seed: option('seed', 42),
    logger,
    onProgress: (done, total) => {
      if (total < 5000 || (Date.now() - lastPrint < 1000 && done < total)) return;
      lastPrint = Date.now();
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      process.stderr.write(`\r  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} employees (${rate.toLocaleString('en')}/s)   `);
    },
  });
  if (size >= 5000) process.stderr.write('\n');
  process.stdout.write(
    `Seeded ${result.employees} employees, ${result.teams} teams, ${result.relationships} relationships in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`Seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
