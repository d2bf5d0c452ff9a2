import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startRapport } from './rapport.js';

/**
 * `npm start` entry: loadConfig → open and migrate the database → listen.
 * `--demo` seeds demo data when the database has no employees.
 * SIGTERM/SIGINT stop gracefully: new connections are refused, in-flight
 * requests finish, subscriptions complete, then the database closes.
 */
async function main() {
  const args = process.argv.slice(2);
  const env = { ...process.env };
  if (args.includes('--demo')) env.RAPPORT_DEMO = 'true';
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const rapport = await startRapport(config, { logger });
  process.stdout.write(`\n  Rapport is running at http://localhost:${rapport.port}/  (GraphQL: /graphql)\n\n`);

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000);
    force.unref();
    rapport.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  createLogger('error').error('failed to start', { err });
  process.exit(1);
});
