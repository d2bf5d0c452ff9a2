import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Referral, ReferralKind, ReferralReward, RewardStage, RewardStatus } from './referral.entity.js';
import type { DomainEvent, DomainReactions } from '../pubsub/events.js';
import { Employee } from '../people/employee.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Topic } from '../pubsub/topics.js';

const DAY_MS = 86_400_000;

/**
 * Staged rewards per referral kind (EUR): part on conversion, the rest when
 * the new customer or hire is still there after the retention period. If they
 * leave inside it, the pending part is cancelled and the paid part clawed back.
 */
export const REWARD_RULES: Record<ReferralKind, { conversion: number; retention: number; retentionDays: number }> = {
  [ReferralKind.CUSTOMER]: { conversion: 50, retention: 100, retentionDays: 90 },
  [ReferralKind.HIRE]: { conversion: 500, retention: 1000, retentionDays: 180 },
};

export async function createRewardsOnConversion(em: EntityManager, referral: Referral, now: Date): Promise<void> {
  const rule = REWARD_RULES[referral.kind];
  em.create(ReferralReward, { referral, stage: RewardStage.CONVERSION, amount: rule.conversion, status: RewardStatus.EARNED, dueAt: now, earnedAt: now, createdAt: now });
  em.create(ReferralReward, {
    referral,
    stage: RewardStage.RETENTION,
    amount: rule.retention,
    status: RewardStatus.PENDING,
    dueAt: new Date(now.getTime() + rule.retentionDays * DAY_MS),
    createdAt: now,
  });
  await em.flush();
}

/**
 * The referred person left (a hire exited, a customer churned). Inside the
 * retention period their referrer's rewards are reversed: pending ones
 * cancelled, earned ones clawed back. After it, nothing changes.
 */
export async function reverseRewardsFor(
  ctx: Context,
  em: EntityManager,
  events: DomainEvent[],
  who: { convertedCustomerId?: number; convertedEmployeeId?: number; leftAt: Date; reason: string },
): Promise<void> {
  const referral = await em.findOne(
    Referral,
    who.convertedCustomerId ? { convertedCustomer: who.convertedCustomerId } : { convertedEmployee: who.convertedEmployeeId },
  );
  if (!referral?.convertedAt) return;
  const retentionEnds = referral.convertedAt.getTime() + REWARD_RULES[referral.kind].retentionDays * DAY_MS;
  if (who.leftAt.getTime() >= retentionEnds) return;
  const rewards = await em.find(ReferralReward, { referral, status: { $in: [RewardStatus.PENDING, RewardStatus.EARNED] } });
  const now = ctx.deps.now();
  for (const reward of rewards) {
    reward.status = reward.status === RewardStatus.PENDING ? RewardStatus.CANCELLED : RewardStatus.CLAWED_BACK;
    reward.reversedAt = now;
    reward.reversalReason = who.reason;
  }
  await em.flush();
  if (rewards.length) {
    events.push({
      topic: Topic.REFERRAL_CHANGED,
      payload: { kind: 'REWARDS_REVERSED', referralId: referral.id, rootId: referral.root?.id ?? referral.id, at: now.toISOString() },
    });
  }
}

/**
 * A referred hire who exits, or a referred customer who churns, inside the retention period
 * reverses the referrer's rewards — in the same transaction as the exit or churn.
 */
export function registerRewardReactions(reactions: DomainReactions): void {
  reactions.duringTransaction(Topic.EMPLOYEE_CHANGED, 'reverse the rewards for a referred hire who left', async ({ payload }, { ctx, em, events }) => {
    if (payload.kind !== 'EXITED') return;
    const employee = await em.findOneOrFail(Employee, payload.employeeId);
    await reverseRewardsFor(ctx, em, events, { convertedEmployeeId: employee.id, leftAt: employee.exitedAt!, reason: 'The referred hire left' });
  });
  reactions.duringTransaction(Topic.CUSTOMER_CHANGED, 'reverse the rewards for a referred customer who churned', async ({ payload }, { ctx, em, events }) => {
    if (payload.kind !== 'CHURNED') return;
    const customer = await em.findOneOrFail(Customer, payload.customerId);
    await reverseRewardsFor(ctx, em, events, { convertedCustomerId: customer.id, leftAt: customer.churnedAt!, reason: 'The referred customer churned' });
  });
}

/**
 * Pending rewards whose retention period has passed become earned. One
 * idempotent UPDATE: safe to run from every instance; runs before rewards are
 * read and once a minute.
 */
export async function settleDueRewards(em: EntityManager, now: Date): Promise<number> {
  return em.nativeUpdate(
    ReferralReward,
    { status: RewardStatus.PENDING, dueAt: { $lte: now } },
    { status: RewardStatus.EARNED, earnedAt: now },
  );
}
