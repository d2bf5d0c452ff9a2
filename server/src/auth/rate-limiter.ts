import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * A fixed-window counter of attempts per key (failed logins per email or
 * address, public complaint submissions per address).
 */
export interface RateLimiter {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number>;
  record(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/** In memory, for one instance (the embedded default). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async retryAfter(key: string): Promise<number> {
    const entry = this.windows.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (entry.resetAt <= now) {
      this.windows.delete(key);
      return 0;
    }
    return entry.count >= this.limit ? entry.resetAt - now : 0;
  }

  async record(key: string): Promise<void> {
    const now = this.now();
    const entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
    if (this.windows.size > 100_000) this.prune(now);
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}

/** INCR the window's counter and start its expiry with the first attempt, atomically. */
const RECORD_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Shared by every instance through Redis, so N instances do not give an
 * attacker N times the budget. If Redis cannot be reached, the instance falls
 * back to counting in memory (the limits then hold per instance) rather than
 * refusing every login.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;

  constructor(
    private readonly redis: Redis,
    /** Key prefix: the deployment and the limiter's name, e.g. "rapport:login-email:". */
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {
    this.fallback = new MemoryRateLimiter(limit, windowMs);
  }

  async retryAfter(key: string): Promise<number> {
    return this.guarded(() => this.fallback.retryAfter(key), async () => {
      const [[, count], [, ttl]] = (await this.redis.multi().get(this.prefix + key).pttl(this.prefix + key).exec()) as [[null, string | null], [null, number]];
      return Number(count ?? 0) >= this.limit && ttl > 0 ? ttl : 0;
    });
  }

  async record(key: string): Promise<void> {
    await this.guarded(() => this.fallback.record(key), async () => {
      await this.redis.eval(RECORD_SCRIPT, 1, this.prefix + key, String(this.windowMs));
    });
  }

  async reset(key: string): Promise<void> {
    await this.guarded(() => this.fallback.reset(key), async () => {
      await this.redis.del(this.prefix + key);
    });
  }

  private async guarded<T>(fallback: () => Promise<T>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.logger.warn('rate limiter: Redis unavailable, counting in memory', { err });
      return fallback();
    }
  }
}
