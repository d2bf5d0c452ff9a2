/**
 * Configuration is parsed once, from the environment, into a typed object.
 * Nothing else in the server reads `process.env`: tests build a `Config` with
 * `loadConfig({...})` and get exactly the server they describe.
 */
export interface Limits {
  /** Deepest selection nesting allowed (introspection subtrees excepted, they have their own cap). */
  maxDepth: number;
  /** Most aliases one document may use (alias flooding multiplies work). */
  maxAliases: number;
  /** Most lexical tokens the parser reads before giving up. */
  maxTokens: number;
  /** Most estimated nodes one operation may return (list sizes multiplied down the tree). */
  maxCost: number;
  /** Largest `first` a connection accepts; larger is rejected, never silently cut. */
  maxPageSize: number;
  /** Largest `first` of an incremental sync list (BI tools read every row, so their pages are larger). */
  maxSyncPageSize: number;
  /** Largest HTTP request body, in bytes. */
  httpBodyLimitBytes: number;
  /** Largest WebSocket message, in bytes. */
  wsMaxPayloadBytes: number;
  /** How long a WebSocket may stay open without `connection_init`. */
  wsConnectionInitTimeoutMs: number;
  /** Failed logins allowed per email (and 4x that per client address) in the window. */
  loginAttemptsPerWindow: number;
  loginWindowMs: number;
  /** Public complaint submissions per client address in the login window. */
  publicComplaintsPerWindow: number;
}

/** Outbound email (see mail/ and the README's "Email" section). */
export interface MailConfig {
  /** smtp://user:pass@host:port (or smtps://); absent: nothing is sent, messages wait in the outbox. */
  smtpUrl: string | undefined;
  /** From address of every message. */
  from: string;
  /** Where recipients reach Rapport: survey links, one-click unsubscribe, complaint pages. */
  publicUrl: string;
  /** Language of recipients Rapport has none for ('de' or 'en'). */
  defaultLanguage: 'de' | 'en';
  /** How often a sender looks for due messages. */
  pollMs: number;
  /** Messages one sender claims at a time. */
  batchSize: number;
  /** How long a claim holds; a sender that died is taken over after it. */
  leaseMs: number;
  /** Attempts before a message is given up (transient failures). */
  maxAttempts: number;
  /** Staff replies to one complainant within this window go out as one message (the first waits this long). */
  replyCoalesceMs: number;
  /** First retry delay; doubled per attempt, at most an hour. */
  retryBaseMs: number;
  /** Days after an invitation when those who have not answered get the one reminder; 0: no reminders. */
  reminderDays: number;
  /** Days a promoter's personal referral link (`/r/<token>`) stays usable. */
  referralLinkDays: number;
  /** Friends one referral link can bring in before it is used up. */
  referralLinkUses: number;
  /** Referrals the public referral page accepts per client address in 15 minutes. */
  publicReferralsPerWindow: number;
  /** UTC hour from which the daily trust-signal digest goes to admins (once a day, on one instance). */
  trustDigestHour: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of Rapport's keys in Redis, so several deployments can share one. */
  redisKeyPrefix: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Seed demo data on start when the database holds no employees. */
  seedDemo: boolean;
  demoSize: number;
  /** Set the session cookie `Secure` (behind TLS). */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** Built admin app to serve at `/`; absent in development (Vite serves it). */
  clientDir: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Milliseconds to wait for in-flight work on SIGTERM before closing anyway. */
  shutdownGraceMs: number;
  /** Days after resolution or closing in which a complaint can be reopened. */
  reopenWindowDays: number;
  /** How often SLA breaches are looked for (each breach is recorded once, on any instance). */
  slaCheckIntervalMs: number;
  /** How often every team's trust-withdrawal signals are re-evaluated (exits age out of their window with time). */
  signalCheckIntervalMs: number;
  /** Nobody is invited to a survey more than once in this many days (employee and customer surveys together); 0 switches it off. */
  contactBudgetDays: number;
  /** No survey figure is shown for fewer responses than this (never below 3). */
  anonymityThreshold: number;
  /**
   * Whether survey figures go through disclosure control. Always true from the
   * environment; only the benchmark that measures the policy's cost turns it off.
   */
  disclosureControl: boolean;
  /** Free-text comments need at least this many responses in the group. */
  commentThreshold: number;
  limits: Limits;
  mail: MailConfig;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/** An hour of the day, 0–23. */
function hour(env: Env, name: string, fallback: number): number {
  const value = int(env, name, fallback);
  if (value > 23) throw new ConfigError(`${name} must be an hour from 0 to 23, got "${env[name]}"`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/rapport.sqlite';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const adminPassword = env.RAPPORT_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 10) {
    throw new ConfigError('RAPPORT_ADMIN_PASSWORD must be at least 10 characters');
  }
  const anonymityThreshold = int(env, 'RAPPORT_ANONYMITY_THRESHOLD', 5, 3);
  const commentThreshold = int(env, 'RAPPORT_COMMENT_THRESHOLD', 8, 3);
  if (commentThreshold < anonymityThreshold) {
    throw new ConfigError('RAPPORT_COMMENT_THRESHOLD must not be below RAPPORT_ANONYMITY_THRESHOLD');
  }
  const defaultLanguage = (env.RAPPORT_MAIL_LANGUAGE || 'de') as MailConfig['defaultLanguage'];
  if (defaultLanguage !== 'de' && defaultLanguage !== 'en') throw new ConfigError('RAPPORT_MAIL_LANGUAGE must be de or en');
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const port = int(env, 'PORT', 4000);
  const publicUrl = (env.RAPPORT_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('RAPPORT_PUBLIC_URL must start with http:// or https://');
  const from = env.MAIL_FROM || 'Rapport <rapport@localhost>';
  if (!/@/.test(from)) throw new ConfigError('MAIL_FROM must be an email address, optionally with a name: "Rapport <rapport@example.com>"');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.RAPPORT_REDIS_PREFIX || 'rapport:',
    adminEmail: env.RAPPORT_ADMIN_EMAIL || undefined,
    adminPassword,
    seedDemo: bool(env, 'RAPPORT_DEMO', false),
    demoSize: int(env, 'RAPPORT_DEMO_SIZE', 300, 10),
    secureCookies: bool(env, 'RAPPORT_SECURE_COOKIES', false),
    sessionTtlHours: int(env, 'RAPPORT_SESSION_TTL_HOURS', 12, 1),
    clientDir: env.RAPPORT_CLIENT_DIR === '' ? undefined : env.RAPPORT_CLIENT_DIR || 'dist/client',
    logLevel,
    shutdownGraceMs: int(env, 'RAPPORT_SHUTDOWN_GRACE_MS', 10_000),
    reopenWindowDays: int(env, 'RAPPORT_REOPEN_WINDOW_DAYS', 14),
    slaCheckIntervalMs: int(env, 'RAPPORT_SLA_CHECK_MS', 15_000, 1000),
    signalCheckIntervalMs: int(env, 'RAPPORT_SIGNAL_CHECK_MS', 3_600_000, 1000),
    contactBudgetDays: int(env, 'RAPPORT_CONTACT_BUDGET_DAYS', 30),
    anonymityThreshold,
    commentThreshold,
    disclosureControl: true,
    limits: {
      maxDepth: int(env, 'RAPPORT_MAX_DEPTH', 12, 2),
      maxAliases: int(env, 'RAPPORT_MAX_ALIASES', 30, 1),
      maxTokens: int(env, 'RAPPORT_MAX_TOKENS', 4000, 100),
      maxCost: int(env, 'RAPPORT_MAX_COST', 20_000, 10),
      maxPageSize: int(env, 'RAPPORT_MAX_PAGE_SIZE', 100, 1),
      maxSyncPageSize: int(env, 'RAPPORT_MAX_SYNC_PAGE_SIZE', 1000, 1),
      httpBodyLimitBytes: int(env, 'RAPPORT_HTTP_BODY_LIMIT', 100 * 1024, 1024),
      wsMaxPayloadBytes: int(env, 'RAPPORT_WS_MAX_PAYLOAD', 64 * 1024, 1024),
      wsConnectionInitTimeoutMs: int(env, 'RAPPORT_WS_INIT_TIMEOUT_MS', 5_000, 100),
      loginAttemptsPerWindow: int(env, 'RAPPORT_LOGIN_ATTEMPTS', 10, 1),
      loginWindowMs: int(env, 'RAPPORT_LOGIN_WINDOW_MS', 15 * 60_000, 1000),
      publicComplaintsPerWindow: int(env, 'RAPPORT_PUBLIC_COMPLAINTS', 10, 1),
    },
    mail: {
      smtpUrl,
      from,
      publicUrl,
      defaultLanguage,
      pollMs: int(env, 'RAPPORT_MAIL_POLL_MS', 2000, 10),
      batchSize: int(env, 'RAPPORT_MAIL_BATCH', 20, 1),
      leaseMs: int(env, 'RAPPORT_MAIL_LEASE_MS', 120_000, 100),
      maxAttempts: int(env, 'RAPPORT_MAIL_MAX_ATTEMPTS', 8, 1),
      retryBaseMs: int(env, 'RAPPORT_MAIL_RETRY_MS', 30_000, 1),
      reminderDays: int(env, 'RAPPORT_SURVEY_REMINDER_DAYS', 5),
      replyCoalesceMs: int(env, 'RAPPORT_MAIL_REPLY_COALESCE_MS', 120_000, 0),
      referralLinkDays: int(env, 'RAPPORT_REFERRAL_LINK_DAYS', 60, 1),
      referralLinkUses: int(env, 'RAPPORT_REFERRAL_LINK_USES', 10, 1),
      publicReferralsPerWindow: int(env, 'RAPPORT_PUBLIC_REFERRALS', 10, 1),
      trustDigestHour: hour(env, 'RAPPORT_TRUST_DIGEST_HOUR', 7),
    },
  };
}
