import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotTicks } from './streams.js';
import { createPubSubHandle, Topic } from './topics.js';
import type { Context } from '../context.js';

const BATCH = 250;

/** Ticks of a snapshot stream, as offsets (ms) from the start, on a fake clock. */
async function ticksOf(leading: boolean, script: (publish: () => void, advance: (ms: number) => Promise<void>) => Promise<void>) {
  const { pubSub } = createPubSubHandle(undefined);
  const ctx = { deps: { pubSub } } as unknown as Context;
  const start = Date.now();
  const seen: number[] = [];
  const stream = snapshotTicks(ctx, Topic.COMPLAINT_CHANGED, BATCH, undefined, { leading });
  const consumer = (async () => {
    for await (const _tick of stream) seen.push(Date.now() - start);
  })();
  const advance = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
  };
  await advance(0); // first snapshot consumed, listening from here
  const publish = () => pubSub.publish(Topic.COMPLAINT_CHANGED, { complaintId: 1, kind: 'CREATED', at: new Date().toISOString() });
  await script(publish, advance);
  await stream.return();
  await consumer;
  return seen;
}

describe('snapshot ticks', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should tick at once for the first change after a quiet period, merging the events of one moment', async () => {
    const seen = await ticksOf(true, async (publish, advance) => {
      await advance(1000);
      publish();
      publish(); // same commit
      await advance(5);
    });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeLessThanOrEqual(1001);
  });

  it('should batch a burst into at most one tick per batch, with a trailing tick for the last events', async () => {
    const seen = await ticksOf(true, async (publish, advance) => {
      await advance(1000);
      for (let i = 0; i < 60; i++) {
        publish();
        await advance(10); // 600 ms of changes every 10 ms
      }
      await advance(1000);
      publish(); // quiet again: at once
      await advance(5);
    });
    // 0 (first snapshot), 1000 (leading), then one per 250 ms while the burst lasts, a trailing one, and 2600 at once.
    const gaps = seen.slice(2, -1).map((t, i) => t - seen[i + 1]!);
    expect(seen[1]).toBeLessThanOrEqual(1001);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(BATCH);
    expect(seen.length).toBeLessThanOrEqual(2 + Math.ceil(600 / BATCH) + 1);
    expect(seen.at(-2)).toBeGreaterThanOrEqual(1590); // the last burst events were shown
    expect(seen.at(-1)).toBeLessThanOrEqual(2601);
  });

  it('should keep the plain batching (first change after the batch time) without leading', async () => {
    const seen = await ticksOf(false, async (publish, advance) => {
      await advance(1000);
      publish();
      await advance(BATCH + 5);
    });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeGreaterThanOrEqual(1000 + BATCH);
  });
});
