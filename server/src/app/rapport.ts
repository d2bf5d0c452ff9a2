import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { openDatabase } from '../db/database.js';
import { entities } from './entities.js';
import { createPubSubHandle } from '../pubsub/topics.js';
import { connectRedis } from '../pubsub/redis-bus.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../auth/rate-limiter.js';
import { ensureFirstAdmin } from '../auth/auth.service.js';
import { createRapportServer, type RapportServer } from './server.js';
import type { AppDeps } from '../context.js';
import { createDomainReactions } from './reactions.js';
import { ViewerCache } from '../auth/viewer-cache.js';
import { Employee } from '../people/employee.entity.js';
import { seedDemoData } from './seed/demo.js';
import { forestShape, seedReferrals } from './seed/referrals.js';
import { seedDemoSurveys } from './seed/surveys.js';
import { seedDemoChain } from './seed/chain.js';
import { seedDemoOutbox } from './seed/outbox.js';
import { settleDueRewards } from '../referrals/reward.service.js';
import { checkSlaBreaches } from '../complaints/complaint.service.js';
import { evaluateTrustSignals } from '../insights/trust-signals.js';
import { sendTrustDigest } from '../insights/trust-digest.js';
import { purgeExpiredIdempotencyKeys } from '../idempotency/idempotency.js';
import { OutboxSender, smtpTransport } from '../mail/sender.js';
import { remindSurveyInvitees } from '../surveys/survey-reminders.js';

export interface RunningRapport {
  deps: AppDeps;
  server: RapportServer;
  port: number;
  url: string;
  /** Graceful stop: server first (finishing in-flight work), then pub/sub and database. */
  stop(): Promise<void>;
}

/** Opens the database (migrating it), wires pub/sub, makes sure an admin exists and starts listening. */
export async function startRapport(
  config: Config,
  options: { logger?: Logger; now?: () => Date; print?: (text: string) => void } = {},
): Promise<RunningRapport> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, logger, { entities });
  // Redis is optional at every moment: an instance starts, serves and writes while it is away, and
  // picks it up when it appears (see RELIABILITY in the README).
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const pubSubHandle = createPubSubHandle(redis, config.redisKeyPrefix, logger);
  // With Redis, attempt limits are shared by every instance; commands fail fast (no offline queue) so a
  // Redis outage falls back to counting in memory instead of holding logins.
  const limiterRedis = redis?.commands;
  const limiter = (name: string, limit: number, windowMs: number): RateLimiter =>
    limiterRedis ? new RedisRateLimiter(limiterRedis, `${config.redisKeyPrefix}ratelimit:${name}:`, limit, windowMs, logger) : new MemoryRateLimiter(limit, windowMs);
  const deps: AppDeps = {
    config,
    logger,
    db,
    pubSub: pubSubHandle.pubSub,
    loginLimiter: limiter('login-email', config.limits.loginAttemptsPerWindow, config.limits.loginWindowMs),
    loginAddressLimiter: limiter('login-address', config.limits.loginAttemptsPerWindow * 4, config.limits.loginWindowMs),
    intakeLimiter: limiter('complaint-intake', config.limits.publicComplaintsPerWindow, config.limits.loginWindowMs),
    threadLimiter: limiter('complaint-thread', config.limits.publicComplaintsPerWindow * 3, config.limits.loginWindowMs),
    referralIntakeLimiter: limiter('referral-intake', config.mail.publicReferralsPerWindow, config.limits.loginWindowMs),
    now: options.now ?? (() => new Date()),
    redisHealth: redis ? () => redis.health() : undefined,
    // Only without Redis for now: across instances, a revoke was not always seen by the other instance
    // before its next request under heavy load (redis.test.ts failed 2 runs in ~12), so several
    // instances keep asking the database until that is fixed.
    viewerCache: redis ? undefined : new ViewerCache({ deliveryEpoch: pubSubHandle.deliveryEpoch }),
    published: pubSubHandle.published,
    reactions: createDomainReactions(),
  };
  try {
    // Give Redis a moment, so the first logins already count there — but never wait on it longer
    // (or fail because of it): an instance must start while Redis is down.
    if (redis && redis.health().status !== 'up') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 2000);
        function done() {
          clearTimeout(timer);
          redis!.commands.off('ready', done).off('error', done);
          resolve();
        }
        redis.commands.once('ready', done).once('error', done);
      });
    }
    await ensureFirstAdmin(deps, options.print);
    if (config.seedDemo && (await db.fork().count(Employee, {})) === 0) {
      await seedDemoData(db, { employees: config.demoSize, logger });
      await seedReferrals(db, forestShape(Math.round(config.demoSize / 2)));
      await seedDemoSurveys(db, { logger });
      await seedDemoChain(db, { logger });
      await evaluateTrustSignals(deps);
      // The Outbox starts as a running Rapport's would: alerts of the seeded breaches, and of any breach due now.
      await seedDemoOutbox(db, config.mail, deps.now());
      await checkSlaBreaches(deps);
    }
    const server = await createRapportServer(deps);
    const port = await server.listen(config.port, config.host);
    // Retention rewards become due with time, not with a request: settle them once a minute
    // (one idempotent UPDATE, safe on every instance). Reads of the ledger settle first anyway.
    const settler = setInterval(() => {
      settleDueRewards(db.fork(), deps.now()).catch((err) => logger.error('reward settlement failed', { err }));
    }, 60_000);
    settler.unref();
    // SLA breaches are events: look for new ones regularly (each is claimed once, on any instance).
    const slaChecker = setInterval(() => {
      checkSlaBreaches(deps).catch((err) => logger.error('SLA check failed', { err }));
    }, config.slaCheckIntervalMs);
    slaChecker.unref();
    // Exits age out of the signal window with time: re-evaluate every team regularly, not only after changes.
    const signalChecker = setInterval(() => {
      evaluateTrustSignals(deps).catch((err) => logger.error('trust signal evaluation failed', { err }));
    }, config.signalCheckIntervalMs);
    signalChecker.unref();
    // Idempotency keys are kept 24 hours; drop older ones hourly (one DELETE, safe on every instance).
    const keyPurger = setInterval(() => {
      purgeExpiredIdempotencyKeys(deps).catch((err) => logger.warn('idempotency key purge failed', { err: String(err) }));
    }, 3_600_000);
    keyPurger.unref();
    // Survey reminders fall due with time: look every 15 minutes (each invitation is claimed once, on any instance).
    const reminder = setInterval(() => {
      remindSurveyInvitees(deps).catch((err) => logger.error('survey reminders failed', { err: String(err) }));
    }, 15 * 60_000);
    reminder.unref();
    // The daily trust-signal digest to admins: due from RAPPORT_TRUST_DIGEST_HOUR, each day claimed once (on any instance).
    const digester = setInterval(() => {
      sendTrustDigest(deps).catch((err) => logger.error('trust digest failed', { err: String(err) }));
    }, 5 * 60_000);
    digester.unref();
    // Without SMTP_URL nothing is sent: messages wait in the outbox (visible in the admin app) until one is configured.
    if (config.mail.smtpUrl) {
      const sender = new OutboxSender(deps, smtpTransport(config.mail.smtpUrl));
      sender.start();
      deps.mailSender = sender;
    }
    logger.info('rapport listening', { port, database: db.kind, redis: Boolean(config.redisUrl), mail: config.mail.smtpUrl ? 'smtp' : 'not configured' });
    let stopping: Promise<void> | undefined;
    return {
      deps,
      server,
      port,
      url: `http://127.0.0.1:${port}`,
      stop: () =>
        (stopping ??= (async () => {
          clearInterval(settler);
          clearInterval(slaChecker);
          clearInterval(signalChecker);
          clearInterval(keyPurger);
          clearInterval(reminder);
          clearInterval(digester);
          await server.close();
          // After the server (requests that enqueue mail have finished), before the database: the batch in hand is recorded.
          await deps.mailSender?.stop();
          await redis?.close();
          await db.close();
          logger.info('rapport stopped', { database: 'closed', redis: config.redisUrl ? 'closed' : 'not configured' });
        })()),
    };
  } catch (error) {
    await redis?.close();
    await db.close();
    throw error;
  }
}
