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

/**
 * Runs `work` in one database transaction and publishes the events it
 * recorded only after the commit: a subscriber never hears of a change that
 * was rolled back. Afterwards the context gets a fresh EntityManager and
 * loaders, so the mutation's result is read as committed.
 */
export async function inTransaction<T>(
  ctx: Context,
  work: (em: EntityManager, events: DomainEvent[]) => Promise<T>,
): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await ctx.em.transactional(async (em) => {
    const value = await work(em as EntityManager, events);
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
  return result;
}
