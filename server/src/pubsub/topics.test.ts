import { describe, expect, it } from 'vitest';
import { createPubSubHandle, Topic } from './topics.js';

describe('the in-memory pub/sub', () => {
  it('should take many subscription groups on one topic without a listener-leak warning, and deliver to each', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const { pubSub } = createPubSubHandle();
      const groups = Array.from({ length: 25 }, () => pubSub.subscribe(Topic.LEADERSHIP_CHANGED)[Symbol.asyncIterator]());
      const firsts = groups.map((group) => group.next());
      await new Promise((resolve) => setTimeout(resolve, 0));
      pubSub.publish(Topic.LEADERSHIP_CHANGED, { kind: 'ASSIGNED', employeeId: 1, leaderId: 2, at: new Date(0).toISOString() } as never);
      const delivered = await Promise.all(firsts);
      expect(delivered.every((result) => !result.done)).toBe(true);
      await Promise.all(groups.map((group) => group.return?.()));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
