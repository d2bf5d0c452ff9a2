import { Repeater } from '@graphql-yoga/subscription';
import type { Context } from '../context.js';
import { Topic, type TopicPayloads } from './topics.js';

/** Snapshot streams and how to make the event of a snapshot now (for a subscriber joining a running stream; see fanout.ts). */
const initialTicks = new WeakMap<object, () => unknown>();

/** For a stream made by snapshotTicks: the event that yields a fresh snapshot; undefined for event streams. */
export function initialTickOf(stream: object): (() => unknown) | undefined {
  return initialTicks.get(stream);
}

/**
 * A subscription source for views that are recomputed, not patched: it ticks
 * once at once (the first snapshot) and then once per burst of matching
 * events — events within `batchMs` become one tick, so a burst never makes a
 * board or chart redraw several times. After a loss of cross-instance delivery
 * (Redis away and back) it ticks again, so the client gets a fresh snapshot of
 * whatever it may have missed. Stops listening when the client leaves.
 *
 * With `leading`, the first event after a quiet period (no tick for `batchMs`)
 * ticks at once — only the events of the same moment (one commit's) are
 * merged into it — and the events that follow within `batchMs` make one
 * trailing tick: a single change shows without delay, a burst still yields at
 * most one tick per `batchMs`.
 */
export function snapshotTicks<K extends keyof TopicPayloads>(
  ctx: Context,
  topic: K,
  batchMs: number,
  accept: (payload: TopicPayloads[K][0]) => boolean = () => true,
  options: { leading?: boolean } = {},
) {
  const ticks = new Repeater<{ at: number }>(async (push, stop) => {
    await push({ at: Date.now() });
    let lastTick = Date.now();
    const events = ctx.deps.pubSub.subscribe(topic as never) as AsyncIterableIterator<TopicPayloads[K][0]>;
    const resyncs = ctx.deps.pubSub.subscribe(Topic.RESYNC);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      timer = undefined;
      lastTick = Date.now();
      void push({ at: lastTick });
    };
    const tick = () => {
      if (timer) return;
      const wait = options.leading ? Math.max(0, lastTick + batchMs - Date.now()) : batchMs;
      timer = setTimeout(fire, wait);
    };
    void (async () => {
      for await (const event of events) if (accept(event)) tick();
    })();
    void (async () => {
      for await (const _resync of resyncs) tick();
    })();
    await stop;
    clearTimeout(timer);
    await Promise.all([events.return?.(), resyncs.return?.()]);
  });
  initialTicks.set(ticks, () => ({ at: Date.now() }));
  return ticks;
}
