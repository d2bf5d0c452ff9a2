import { Repeater } from '@graphql-yoga/subscription';
import type { Context } from '../context.js';
import type { TopicPayloads } from './topics.js';

/**
 * A subscription source for views that are recomputed, not patched: it ticks
 * once at once (the first snapshot) and then once per burst of matching
 * events — events within `batchMs` become one tick, so a burst never makes a
 * board or chart redraw several times. Stops listening when the client leaves.
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      for await (const event of events) {
        if (!accept(event)) continue;
        timer ??= setTimeout(() => {
          timer = undefined;
          void push({ at: Date.now() });
        }, batchMs);
      }
    })();
    await stop;
    clearTimeout(timer);
    await events.return?.();
  });
}
