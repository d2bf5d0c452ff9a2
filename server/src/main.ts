import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startRapport } from './app/rapport.js';

/**
 * `npm start` entry: loadConfig → open and migrate the database → listen.
 * `--demo` seeds demo data when the database has no employees.
 * SIGTERM/SIGINT stop gracefully: new connections and new requests are
 * refused, in-flight requests finish (within RAPPORT_SHUTDOWN_GRACE_MS) and are
 * answered, subscriptions close with 1001, then pub/sub and the database close
 * and the process exits 0.
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

  // The only signal handler (Apollo's is switched off): a first SIGTERM/SIGINT drains and exits 0;
  // a second one while draining exits at once (1).
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal while shutting down; exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal, graceMs: config.shutdownGraceMs });
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
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err) => {
  createLogger('error').error('failed to start', { err });
  process.exit(1);
});
