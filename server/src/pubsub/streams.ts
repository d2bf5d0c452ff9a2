import { Repeater } from '@graphql-yoga/subscription';
import type { Context } from '../context.js';
import { Topic, type TopicPayloads } from './topics.js';

/**
 * A subscription source for views that are recomputed, not patched: it ticks
 * once at once (the first snapshot) and then once per burst of matching
 * events — events within `batchMs` become one tick, so a burst never makes a
 * board or chart redraw several times. After a loss of cross-instance delivery
 * (Redis away and back) it ticks again, so the client gets a fresh snapshot of
 * whatever it may have missed. Stops listening when the client leaves.
 */
export function snapshotTicks<K extends keyof TopicPayloads>(
  ctx: Context,
  topic: K,
  batchMs: number,
  accept: (payload: TopicPayloads[K][0]) => boolean = () => true,
) {
  return new Repeater<{ at: number }>(async (push, stop) => {
    await push({ at: Date.now() });
    const events = ctx.deps.pubSub.subscribe(topic as never) as AsyncIterableIterator<TopicPayloads[K][0]>;
    const resyncs = ctx.deps.pubSub.subscribe(Topic.RESYNC);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void push({ at: Date.now() });
      }, batchMs);
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
}
