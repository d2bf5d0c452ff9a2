import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { markIdempotencyCommitted } from '../idempotency/idempotency.js';
import { Topic, type OutboxChangedPayload, type EmployeeChangedPayload, type LeadershipChangedPayload, type ReferralChangedPayload, type ComplaintChangedPayload, type SurveyRespondedPayload, type CustomerChangedPayload, type CustomerChangeKind, type TrustSignalChangedPayload } from './topics.js';

export type DomainEvent =
  | { topic: typeof Topic.LEADERSHIP_CHANGED; payload: LeadershipChangedPayload }
  | { topic: typeof Topic.EMPLOYEE_CHANGED; payload: EmployeeChangedPayload }
  | { topic: typeof Topic.REFERRAL_CHANGED; payload: ReferralChangedPayload }
  | { topic: typeof Topic.COMPLAINT_CHANGED; payload: ComplaintChangedPayload }
  | { topic: typeof Topic.SURVEY_RESPONDED; payload: SurveyRespondedPayload }
  | { topic: typeof Topic.CUSTOMER_CHANGED; payload: CustomerChangedPayload }
  | { topic: typeof Topic.TRUST_SIGNAL_CHANGED; payload: TrustSignalChangedPayload }
  | { topic: typeof Topic.OUTBOX_CHANGED; payload: OutboxChangedPayload };

/** The event of a customer change (ids and time only: subscribers reload what they show). */
export function customerEvent(kind: CustomerChangeKind, customerId: number, at: Date): DomainEvent {
  return { topic: Topic.CUSTOMER_CHANGED, payload: { kind, customerId, at: at.toISOString() } };
}

/** What a reaction inside the transaction works with. */
export interface TransactionScope {
  ctx: Context;
  /** The transaction's EntityManager: what a reaction writes commits or rolls back with the change. */
  em: EntityManager;
  /** The events recorded so far; a reaction may record more, which are reacted to and published too. */
  events: DomainEvent[];
}

type EventTopic = DomainEvent['topic'];
type EventOn<T extends EventTopic> = Extract<DomainEvent, { topic: T }>;
type DuringTransaction<T extends EventTopic> = (event: EventOn<T>, scope: TransactionScope) => Promise<void>;
type AfterCommit<T extends EventTopic> = (event: EventOn<T>, ctx: Context) => Promise<void>;

interface Registered<H> {
  topic: EventTopic;
  name: string;
  handler: H;
}

/**
 * Reactions of one feature to another's domain events, so a lower feature never calls a higher
 * one: people records that an employee exited; referrals (reverse rewards) and insights (trust
 * signals) react. Each feature registers its reactions once at start (see app/reactions.ts).
 *
 * - `duringTransaction` handlers run inside the transaction that recorded the event, after its
 *   work and before the commit: they must be atomic with it. A handler that throws rolls the whole
 *   change back and the mutation fails with its error. Events they record are handled in turn.
 * - `afterCommit` handlers run once the transaction committed and its events were published, with
 *   a fresh EntityManager; the mutation answers after them. They never undo the change: a failure
 *   is logged, and the next handler still runs.
 *
 * Handlers run in the order the events were recorded, and for one event in registration order.
 */
export class DomainReactions {
  private readonly during: Registered<DuringTransaction<any>>[] = [];
  private readonly after: Registered<AfterCommit<any>>[] = [];

  duringTransaction<T extends EventTopic>(topic: T, name: string, handler: DuringTransaction<T>): this {
    this.during.push({ topic, name, handler });
    return this;
  }

  afterCommit<T extends EventTopic>(topic: T, name: string, handler: AfterCommit<T>): this {
    this.after.push({ topic, name, handler });
    return this;
  }

  /** Runs the `duringTransaction` handlers for every event in `scope.events`, including those they add. */
  async reactInTransaction(scope: TransactionScope): Promise<void> {
    if (!this.during.length) return;
    for (let i = 0; i < scope.events.length; i++) {
      const event = scope.events[i]!;
      for (const reaction of this.during) if (reaction.topic === event.topic) await reaction.handler(event, scope);
    }
  }

  /** Runs the `afterCommit` handlers for the committed events; failures are logged, not thrown. */
  async reactAfterCommit(ctx: Context, events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const reaction of this.after) {
        if (reaction.topic !== event.topic) continue;
        try {
          await reaction.handler(event, ctx);
        } catch (err) {
          ctx.logger.error('domain reaction after commit failed', { reaction: reaction.name, topic: event.topic, err });
        }
      }
    }
  }
}

/**
 * Runs `work` in one database transaction, with the `duringTransaction` reactions to the events it
 * recorded, and publishes the events only after the commit: a subscriber never hears of a change
 * that was rolled back. Afterwards the context gets a fresh EntityManager and loaders, so the
 * mutation's result is read as committed, and the `afterCommit` reactions run.
 */
export async function inTransaction<T>(
  ctx: Context,
  work: (em: EntityManager, events: DomainEvent[]) => Promise<T>,
): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await ctx.em.transactional(async (em) => {
    const value = await work(em as EntityManager, events);
    await ctx.deps.reactions.reactInTransaction({ ctx, em: em as EntityManager, events });
    // A mutation sent with an Idempotency-Key: "it was carried out" commits with the write itself.
    if (ctx.idempotency) await markIdempotencyCommitted(em as EntityManager, ctx.idempotency, ctx.deps.now());
    return value;
  });
  ctx.renew();
  for (const event of events) {
    ctx.deps.pubSub.publish(event.topic, event.payload as never);
    // Mail written by this transaction goes out now rather than at the sender's next poll.
    if (event.topic === Topic.OUTBOX_CHANGED) ctx.deps.mailSender?.wake();
  }
  await ctx.deps.reactions.reactAfterCommit(ctx, events);
  return result;
}
