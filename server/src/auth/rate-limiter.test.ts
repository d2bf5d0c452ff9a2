import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { IN_CI, TEST_REDIS_URL } from '../../test/databases.js';
import { createLogger } from '../logger.js';
import { MemoryRateLimiter, RedisRateLimiter } from './rate-limiter.js';

describe('memory rate limiter', () => {
  it('should refuse after the limit within a window and allow again after it', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(2, 1000, () => now);
    await limiter.record('k');
    expect(await limiter.retryAfter('k')).toBe(0);
    await limiter.record('k');
    expect(await limiter.retryAfter('k')).toBe(1000);
    now = 400;
    expect(await limiter.retryAfter('k')).toBe(600);
    now = 1000;
    expect(await limiter.retryAfter('k')).toBe(0);
  });
});

async function reachable(): Promise<boolean> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const ready = await reachable();
if (!ready && IN_CI) throw new Error(`CI=true but Redis (${TEST_REDIS_URL}) is not reachable`);

describe.skipIf(!ready)('Redis rate limiter', () => {
  let redis: Redis;
  const logger = createLogger('silent');
  const prefix = `rapport-test:${randomUUID()}:`;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { enableOfflineQueue: true });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('should share one budget between two instances and expire it with the window', async () => {
    const a = new RedisRateLimiter(redis, prefix, 3, 400, logger);
    const b = new RedisRateLimiter(redis, prefix, 3, 400, logger);
    await a.record('mallory@example.com');
    await b.record('mallory@example.com');
    expect(await a.retryAfter('mallory@example.com')).toBe(0);
    await a.record('mallory@example.com');
    // The third attempt, made through either instance, closes the window on both.
    const wait = await b.retryAfter('mallory@example.com');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(400);
    expect(await redis.pttl(`${prefix}mallory@example.com`)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await a.retryAfter('mallory@example.com')).toBe(0);
  });

  it('should reset a key for every instance', async () => {
    const a = new RedisRateLimiter(redis, prefix, 1, 60_000, logger);
    const b = new RedisRateLimiter(redis, prefix, 1, 60_000, logger);
    await a.record('reset@example.com');
    expect(await b.retryAfter('reset@example.com')).toBeGreaterThan(0);
    await b.reset('reset@example.com');
    expect(await a.retryAfter('reset@example.com')).toBe(0);
  });

  it('should fall back to counting in memory when Redis cannot be reached', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const limiter = new RedisRateLimiter(down, prefix, 1, 60_000, logger);
    await limiter.record('offline@example.com');
    expect(await limiter.retryAfter('offline@example.com')).toBeGreaterThan(0);
    down.disconnect();
  });
});
