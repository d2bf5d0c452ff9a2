import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { ReferralChangedSubscription } from './referrals.graphql.js';
import { LiveContext } from '../people/live.js';
import { socketStatusStore } from '../app/client.js';

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
  const [value, setValue] = useState<ReferralLiveValue>({ version: 0, lastEventAt: null, changed: new Set() });
  const pending = useRef<Set<string>>(new Set());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = (id?: string) => {
    if (id) pending.current.add(id);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const changed = pending.current;
      pending.current = new Set();
      setValue((v) => ({ version: v.version + 1, lastEventAt: new Date(), changed }));
    }, 300);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // Events sent while the socket was down are lost: after a reconnect, refetch once.
  const status = useSyncExternalStore(socketStatusStore.subscribe, socketStatusStore.get);
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    else if (status === 'connected' && wasDown.current) {
      wasDown.current = false;
      bump();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);
  useSubscription({ query: ReferralChangedSubscription, variables: rootId ? { rootId } : {} }, (_prev, data) => {
    bump(data.referralChanged.referral.id);
    return data;
  });
  const live = useMemo(() => ({ version: value.version, lastEventAt: value.lastEventAt }), [value.version, value.lastEventAt]);
  return (
    <ChangedContext.Provider value={value}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </ChangedContext.Provider>
  );
}

export function useReferralLive(): ReferralLiveValue {
  return useContext(ChangedContext);
}
