import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { Context } from '../context.js';
import { createLogger } from '../logger.js';
import { Team } from '../teams/team.entity.js';
import { DomainReactions, inTransaction, type DomainEvent } from './events.js';
import { Topic } from './topics.js';

/** The registry through which features react to each other's domain events (see app/reactions.ts). */
describe('DomainReactions', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ kind: 'sqlite' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const contextWith = (reactions: DomainReactions) =>
    new Context(
      { ...server.rapport.deps, reactions },
      null,
      'reactions-test',
      createLogger('debug', {}, (line) => logLines.push(line)),
    );
  const employeeEvent = (employeeId: number): DomainEvent => ({
    topic: Topic.EMPLOYEE_CHANGED,
    payload: { kind: 'UPDATED', employeeId, at: new Date().toISOString() },
  });
  const teamNamed = async (name: string) => server.rapport.deps.db.fork().findOne(Team, { name });

  it('should run reactions in the order events were recorded, then registered, with events they record reacted to as well', async () => {
    const seen: string[] = [];
    const reactions = new DomainReactions()
      .duringTransaction(Topic.EMPLOYEE_CHANGED, 'first', async ({ payload }, { events }) => {
        seen.push(`during first ${payload.employeeId}`);
        if (payload.employeeId === 2) events.push({ topic: Topic.CUSTOMER_CHANGED, payload: { kind: 'UPDATED', customerId: 9, at: payload.at } });
      })
      .duringTransaction(Topic.EMPLOYEE_CHANGED, 'second', async ({ payload }) => void seen.push(`during second ${payload.employeeId}`))
      .duringTransaction(Topic.CUSTOMER_CHANGED, 'customer', async ({ payload }) => void seen.push(`during customer ${payload.customerId}`))
      .afterCommit(Topic.CUSTOMER_CHANGED, 'customer after', async ({ payload }) => void seen.push(`after customer ${payload.customerId}`))
      .afterCommit(Topic.EMPLOYEE_CHANGED, 'employee after', async ({ payload }) => void seen.push(`after employee ${payload.employeeId}`));

    const result = await inTransaction(contextWith(reactions), async (_em, events) => {
      events.push(employeeEvent(1), employeeEvent(2));
      seen.push('work done');
      return 'answer';
    });

    expect(result).toBe('answer');
    expect(seen).toEqual([
      'work done',
      'during first 1',
      'during second 1',
      'during first 2',
      'during second 2',
      'during customer 9',
      'after employee 1',
      'after employee 2',
      'after customer 9',
    ]);
  });

  it('should commit what a duringTransaction reaction writes together with the change', async () => {
    const reactions = new DomainReactions().duringTransaction(Topic.EMPLOYEE_CHANGED, 'write', async (_event, { em }) => {
      em.create(Team, { name: 'Written by the reaction' });
      await em.flush();
    });
    await inTransaction(contextWith(reactions), async (em, events) => {
      em.create(Team, { name: 'Written by the change' });
      await em.flush();
      events.push(employeeEvent(1));
    });
    expect(await teamNamed('Written by the change')).not.toBeNull();
    expect(await teamNamed('Written by the reaction')).not.toBeNull();
  });

  it('should roll the change back when a duringTransaction reaction fails, and not run afterCommit reactions or publish', async () => {
    const after: string[] = [];
    const reactions = new DomainReactions()
      .duringTransaction(Topic.EMPLOYEE_CHANGED, 'refuses', async () => {
        throw new Error('the reaction refused');
      })
      .afterCommit(Topic.EMPLOYEE_CHANGED, 'after', async () => void after.push('after'));
    const published: unknown[] = [];
    const subscription = server.rapport.deps.pubSub.subscribe(Topic.EMPLOYEE_CHANGED);
    const listening = (async () => {
      for await (const payload of subscription) published.push(payload);
    })();

    await expect(
      inTransaction(contextWith(reactions), async (em, events) => {
        em.create(Team, { name: 'Rolled back' });
        await em.flush();
        events.push(employeeEvent(41));
      }),
    ).rejects.toThrow('the reaction refused');

    expect(await teamNamed('Rolled back')).toBeNull();
    expect(after).toEqual([]);
    // A later, committed event is the first one subscribers hear.
    await inTransaction(contextWith(new DomainReactions()), async (_em, events) => void events.push(employeeEvent(42)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.return?.();
    await listening;
    expect(published).toEqual([expect.objectContaining({ employeeId: 42 })]);
  });

  it('should not run afterCommit reactions when the work itself fails and rolls back', async () => {
    const seen: string[] = [];
    const reactions = new DomainReactions()
      .duringTransaction(Topic.EMPLOYEE_CHANGED, 'during', async () => void seen.push('during'))
      .afterCommit(Topic.EMPLOYEE_CHANGED, 'after', async () => void seen.push('after'));
    await expect(
      inTransaction(contextWith(reactions), async (em, events) => {
        events.push(employeeEvent(7));
        em.create(Team, { name: 'Never committed' });
        await em.flush();
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(seen).toEqual([]);
    expect(await teamNamed('Never committed')).toBeNull();
  });

  it('should keep the committed change and run the remaining afterCommit reactions when one fails', async () => {
    const seen: string[] = [];
    const reactions = new DomainReactions()
      .afterCommit(Topic.EMPLOYEE_CHANGED, 'breaks', async () => {
        throw new Error('evaluation broke');
      })
      .afterCommit(Topic.EMPLOYEE_CHANGED, 'still runs', async () => void seen.push('still runs'));
    const result = await inTransaction(contextWith(reactions), async (em, events) => {
      em.create(Team, { name: 'Kept despite the reaction' });
      await em.flush();
      events.push(employeeEvent(8));
      return 'kept';
    });
    expect(result).toBe('kept');
    expect(seen).toEqual(['still runs']);
    expect(await teamNamed('Kept despite the reaction')).not.toBeNull();
    expect(logLines.some((line) => line.includes('domain reaction after commit failed') && line.includes('breaks'))).toBe(true);
  });
});
