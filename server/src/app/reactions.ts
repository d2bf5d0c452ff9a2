import { DomainReactions } from '../pubsub/events.js';
import { registerRewardReactions } from '../referrals/reward.service.js';
import { registerTrustSignalReactions } from '../insights/trust-signals.js';

/**
 * Every reaction of one feature to another's domain events, wired once per instance. A lower
 * feature records what happened (an employee exited, a customer churned, a wave closed); the
 * features above it react here instead of being called by it:
 *
 * - referrals, in the same transaction: an exit or churn inside the retention period reverses
 *   the referrer's rewards;
 * - insights, after the commit: an exit re-evaluates the team's trust signals, a closed employee
 *   survey wave re-evaluates all of them.
 */
export function createDomainReactions(): DomainReactions {
  const reactions = new DomainReactions();
  registerRewardReactions(reactions);
  registerTrustSignalReactions(reactions);
  return reactions;
}
