import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * Redis as a degradable dependency. One connection for commands (publishes and
 * the attempt counters) that fails fast while Redis is away, and one for the
 * pub/sub subscription that reconnects and resubscribes by itself.
 *
 * Nothing here ever rejects into the void: a publish that fails is caught,
 * logged (once per outage) and counted, so a Redis outage never takes an
 * instance down and never fails a write.
 */
export interface RedisHealth {
  /** `up` when both connections are ready, `down` otherwise. */
  status: 'up' | 'down';
  /** Publishes that could not reach Redis since the start. */
  failedPublishes: number;
  /** Times cross-instance delivery came back after a loss (each told subscribers to resync). */
  resyncs: number;
  /** ISO time since when Redis has been unreachable, while it is. */
  downSince?: string;
}

export interface RedisConnections {
  /** Fails fast (no offline queue): for publishes and attempt counters. */
  commands: Redis;
  subscriber: Redis;
  health(): RedisHealth;
  close(): Promise<void>;
}

/** Reconnect quickly (≤ 1 s between tries) and never give up; an unreachable host is noticed in 2 s. */
const reconnecting: RedisOptions = {
  retryStrategy: (times) => Math.min(100 * times, 1000),
  connectTimeout: 2000,
  lazyConnect: false,
};

export function connectRedis(redisUrl: string, logger: Logger): RedisConnections & { stats: { failedPublishes: number; resyncs: number } } {
  const commands = new Redis(redisUrl, { ...reconnecting, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
  const subscriber = new Redis(redisUrl, { ...reconnecting, maxRetriesPerRequest: null, enableOfflineQueue: true, autoResubscribe: true });
  const stats = { failedPublishes: 0, resyncs: 0 };
  let downSince: Date | undefined;
  let closing = false;
  const noteDown = (which: string, err?: unknown) => {
    if (closing) return;
    if (!downSince) {
      downSince = new Date();
      logger.warn('Redis unreachable: serving on, live updates stay on this instance until it is back', { connection: which, err: err ? String(err) : undefined });
    }
  };
  for (const [name, client] of [['commands', commands], ['subscriber', subscriber]] as const) {
    client.on('error', (err) => noteDown(name, err));
    client.on('close', () => noteDown(name));
    client.on('ready', () => {
      if (downSince && commands.status === 'ready' && subscriber.status === 'ready') {
        logger.info('Redis reachable again', { downMs: Date.now() - downSince.getTime(), failedPublishes: stats.failedPublishes });
        downSince = undefined;
      }
    });
  }
  return {
    commands,
    subscriber,
    stats,
    health: () => ({
      status: commands.status === 'ready' && subscriber.status === 'ready' ? 'up' : 'down',
      failedPublishes: stats.failedPublishes,
      resyncs: stats.resyncs,
      ...(downSince ? { downSince: downSince.toISOString() } : {}),
    }),
    close: async () => {
      closing = true;
      // quit() waits for replies; when Redis is away it would wait (or reject) — disconnect then.
      await Promise.allSettled(
        [commands, subscriber].map((client) =>
          client.status === 'ready' ? Promise.race([client.quit(), new Promise((r) => setTimeout(r, 1000).unref())]).finally(() => client.disconnect()) : client.disconnect(),
        ),
      );
    },
  };
}

type Callback = (event: { detail: unknown }) => void;
type Listener = Callback | { handleEvent: Callback };

/** The local-only topic that tells subscribers they may have missed events. */
export const RESYNC_TOPIC = 'RESYNC';

/**
 * An event target for `@graphql-yoga/subscription`'s `createPubSub`:
 *
 * - every event is delivered to this instance's subscribers at once, in
 *   process, so live updates for changes made here never depend on Redis;
 * - it is published to Redis on `<prefix>pubsub:<topic>` for the other
 *   instances (their own copy coming back is recognised and dropped); a failed
 *   publish is counted and logged, never thrown;
 * - when the subscription connection comes back after a loss, local
 *   subscribers get a `RESYNC` event (events may have been missed); an instance
 *   whose publishes failed also asks every other instance to resync.
 */
export function createResilientEventTarget(redis: ReturnType<typeof connectRedis>, prefix: string, logger: Logger) {
  const instance = randomUUID();
  const channelPrefix = `${prefix}pubsub:`;
  const pattern = `${channelPrefix}*`;
  const listeners = new Map<string, Set<Callback>>();
  let publishFailedSinceReady = false;
  let everSubscribed = false;
  // Periods in which this instance hears the others (see PubSubHandle.deliveryEpoch).
  let epoch = 0;
  let subscribed = false;
  const pending = new Set<Promise<void>>();
  redis.subscriber.on('close', () => {
    subscribed = false;
  });

  const deliver = (topic: string, detail: unknown) => {
    const callbacks = listeners.get(topic);
    if (!callbacks) return;
    for (const callback of [...callbacks]) {
      try {
        callback({ detail });
      } catch (err) {
        logger.error('subscriber failed on an event', { topic, err });
      }
    }
  };
  const resync = (reason: string) => {
    redis.stats.resyncs += 1;
    logger.info('live updates resync', { reason });
    deliver(RESYNC_TOPIC, { at: new Date().toISOString(), reason });
  };
  const publish = (topic: string, detail: unknown) => {
    const message = JSON.stringify({ o: instance, d: detail ?? null });
    const failed = (err: unknown) => {
      redis.stats.failedPublishes += 1;
      publishFailedSinceReady = true;
      if (redis.stats.failedPublishes === 1 || redis.stats.failedPublishes % 100 === 0) {
        logger.warn('publish to Redis failed; delivered on this instance only', { topic, failedPublishes: redis.stats.failedPublishes, err: String(err) });
      }
    };
    if (redis.commands.status !== 'ready') {
      failed(new Error(`Redis connection is ${redis.commands.status}`));
      return;
    }
    const sent: Promise<void> = redis.commands.publish(channelPrefix + topic, message).then(() => {}, failed).finally(() => pending.delete(sent));
    pending.add(sent);
  };

  redis.subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    let message: { o?: string; d?: unknown };
    try {
      message = JSON.parse(raw);
    } catch {
      logger.warn('unreadable pub/sub message dropped', { channel });
      return;
    }
    if (message.o === instance) return; // delivered locally when it was published
    const topic = channel.slice(channelPrefix.length);
    if (topic === RESYNC_TOPIC) resync('another instance could not publish for a while');
    else deliver(topic, message.d ?? null);
  });
  // Subscribe (again) whenever the connection is ready; after a loss, tell subscribers to resync
  // once the subscription is back in place, so what they refetch then is followed live.
  redis.subscriber.on('ready', () => {
    redis.subscriber.psubscribe(pattern).then(
      () => {
        if (redis.subscriber.status === 'ready') {
          epoch += 1;
          subscribed = true;
        }
        if (everSubscribed) resync('Redis connection restored');
        everSubscribed = true;
      },
      (err) => logger.warn('Redis subscribe failed; will retry on reconnect', { err: String(err) }),
    );
  });
  // The other instances may not have lost Redis themselves (only this one could not publish).
  redis.commands.on('ready', () => {
    if (!publishFailedSinceReady) return;
    publishFailedSinceReady = false;
    redis.commands.publish(channelPrefix + RESYNC_TOPIC, JSON.stringify({ o: instance, d: null })).catch(() => {
      publishFailedSinceReady = true;
    });
  });

  return {
    deliveryEpoch: (): number | undefined => (subscribed && redis.subscriber.status === 'ready' ? epoch : undefined),
    published: async (): Promise<void> => {
      await Promise.all([...pending]);
    },
    addEventListener(topic: string, listener: Listener | null) {
      if (!listener) return;
      const callback = 'handleEvent' in listener ? listener.handleEvent : listener;
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(callback);
    },
    removeEventListener(topic: string, listener: Listener | null) {
      if (!listener) return;
      const callback = 'handleEvent' in listener ? listener.handleEvent : listener;
      const set = listeners.get(topic);
      set?.delete(callback);
      if (set?.size === 0) listeners.delete(topic);
    },
    dispatchEvent(event: { type: string; detail?: unknown }) {
      deliver(event.type, event.detail ?? null);
      if (event.type !== RESYNC_TOPIC) publish(event.type, event.detail);
      return true;
    },
  };
}
