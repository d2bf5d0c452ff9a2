import type { EntityManager } from '@mikro-orm/knex';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub/topics.js';
import type { DomainReactions } from './pubsub/events.js';
import type { Role } from './auth/auth.entity.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { RateLimiter } from './auth/rate-limiter.js';
import type { RedisHealth } from './pubsub/redis-bus.js';
import type { IdempotencyState } from './idempotency/idempotency.js';
import type { ViewerCache } from './auth/viewer-cache.js';

/** Who is calling: a logged-in user or a named API token. */
export interface Viewer {
  kind: 'user' | 'apiToken';
  /** User id or API token id. */
  id: number;
  role: Role;
  /** The user's email, or the token's name. */
  label: string;
  /** Session id when the viewer logged in (so logout can revoke it). */
  sessionId?: number;
  /** When the session ends; live connections are closed then. */
  expiresAt?: Date;
}

/** What services need of this instance's outbox sender (mail/sender.ts, started by the app). */
export interface MailSender {
  /** Send waiting mail now rather than at the next poll. */
  wake(): void;
  /** Stop looking for messages, let the batch in hand finish, close the SMTP connections. */
  stop(): Promise<void>;
}

/** Long-lived pieces shared by every request of one server instance. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Database;
  pubSub: PubSub;
  loginLimiter: RateLimiter;
  loginAddressLimiter: RateLimiter;
  /** Public complaint submissions per client address. */
  intakeLimiter: RateLimiter;
  /** Public complaint-thread links: unknown tokens per client address, replies per link. */
  threadLimiter: RateLimiter;
  /** Recommendations the public referral page accepts per client address (absent: unlimited, e.g. in tools). */
  referralIntakeLimiter?: RateLimiter;
  /** Clock, replaceable in tests. */
  now: () => Date;
  /** Redis connection state, when Redis is configured (for `/readyz`). */
  redisHealth?: () => RedisHealth;
  /** Recently resolved sessions and API tokens (see auth/viewer-cache.ts); absent: every request asks the database. */
  viewerCache?: ViewerCache;
  /** Resolves once every event published so far has reached Redis (or failed); immediate without Redis. */
  published?: () => Promise<void>;
  /** This instance's outbox sender; absent without SMTP_URL (messages then wait in the outbox). */
  mailSender?: MailSender;
  /** How features react to each other's domain events (wired in app/reactions.ts). */
  reactions: DomainReactions;
}

/** Only HTTP requests can set cookies; WebSocket operations get `undefined`. */
export interface HttpHooks {
  clientAddress: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

/**
 * Per-operation state: a forked EntityManager (never the global one) and
 * DataLoaders bound to it, both made on first use — an operation that touches
 * no database (`{ __typename }`, `me`, a refused document) forks nothing.
 * `renew()` swaps both for fresh ones; subscriptions call it per event so a
 * monitor connected for days neither leaks an identity map nor serves stale data.
 */
export class Context {
  private currentEm?: EntityManager;
  private currentLoaders?: Loaders;
  /** Set for a mutation sent with an Idempotency-Key (see idempotency/idempotency.ts). */
  idempotency?: IdempotencyState;

  /**
   * How often `viewer` was read. The subscription fan-out shares one event's answer between viewer
   * scopes only when its execution never read the viewer (see pubsub/fanout.ts), so every look at
   * who is asking — authorization checks, role-dependent resolvers — must go through `viewer`.
   */
  viewerReads = 0;

  constructor(
    readonly deps: AppDeps,
    private readonly caller: Viewer | null,
    readonly requestId: string,
    readonly logger: Logger,
    readonly http?: HttpHooks,
  ) {}

  get viewer(): Viewer | null {
    this.viewerReads++;
    return this.caller;
  }

  get em(): EntityManager {
    return (this.currentEm ??= this.deps.db.fork());
  }

  get loaders(): Loaders {
    return (this.currentLoaders ??= createLoaders(this.em));
  }

  renew(): void {
    this.currentEm = undefined;
    this.currentLoaders = undefined;
  }

  get config(): Config {
    return this.deps.config;
  }
}
