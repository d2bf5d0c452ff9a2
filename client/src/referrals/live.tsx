import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { ReferralChangedSubscription } from './referrals.graphql.js';
import { LiveContext, useLiveBatch } from '../lib/live-context.js';

export interface ReferralLiveValue {
  version: number;
  lastEventAt: Date | null;
  /** Referral ids named by the last batch of events. */
  changed: ReadonlySet<string>;
}

const ChangedContext = createContext<ReferralLiveValue>({ version: 0, lastEventAt: null, changed: new Set() });

/**
 * Listens to `referralChanged` (all referrals, or one tree with `rootId`).
 * Events are batched for 300 ms, so a burst (a conversion, its rewards, the
 * next referral) is one refetch; the ids of the batch are kept so a drawing
 * can highlight what changed. Provides the shared LiveContext too, so
 * `useRefetchOnLive` and `LiveIndicator` work below it.
 */
export function ReferralLiveProvider({ rootId, children }: { rootId?: string; children: ReactNode }) {
  const pending = useRef<Set<string>>(new Set());
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set());
  const [live, bump] = useLiveBatch(300, {
    onBatch: () => {
      setChanged(pending.current);
      pending.current = new Set();
    },
  });
  useSubscription({ query: ReferralChangedSubscription, variables: rootId ? { rootId } : {} }, (_prev, data) => {
    pending.current.add(data.referralChanged.referral.id);
    bump();
    return data;
  });
  const value = useMemo<ReferralLiveValue>(() => ({ ...live, changed }), [live, changed]);
  return (
    <ChangedContext.Provider value={value}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </ChangedContext.Provider>
  );
}

export function useReferralLive(): ReferralLiveValue {
  return useContext(ChangedContext);
}
