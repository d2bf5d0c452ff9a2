import { useMemo, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { CustomerChangedSubscription } from './customers.graphql.js';
import { ReferralChangedSubscription } from '../referrals/referrals.graphql.js';
import { LiveContext, useLiveBatch } from '../lib/live-context.js';

/**
 * The customer pages' live updates, provided as the shared LiveContext so
 * `useRefetchOnLive` and `LiveIndicator` work below it.
 *
 * - The list (no `customerId`) listens to `customerChanged` for every
 *   customer: added by hand, by import, by a converted referral or by a first
 *   public complaint; renamed; churned.
 * - A customer's page (`customerId`) listens to `customerChanged` for that
 *   customer, and to `referralChanged` (no root filter: their referrals can sit
 *   in many trees), which moves the "Referred by" and "Referrals they set off" parts.
 *
 * Both streams feed one 300 ms batch: a conversion (referral converted,
 * customer created, rewards staged) is one calm refetch.
 */
export function CustomerLiveProvider({ customerId, children }: { customerId?: string; children: ReactNode }) {
  const [value, bump] = useLiveBatch(300);
  const variables = useMemo(() => (customerId ? { customerId } : {}), [customerId]);
  useSubscription({ query: CustomerChangedSubscription, variables }, (_prev, data) => {
    bump();
    return data;
  });
  useSubscription({ query: ReferralChangedSubscription, variables: {}, pause: !customerId }, (_prev, data) => {
    bump();
    return data;
  });
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
