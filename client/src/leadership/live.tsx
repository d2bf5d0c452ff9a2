import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { TrustSignalChangedSubscription, type TrustSignal, type TrustSignalChange } from './leadership.graphql.js';
import { LiveContext, useLiveBatch } from '../lib/live-context.js';
import { useSession } from '../lib/session.js';

/** How long a signal that arrived live keeps its "New" / "Worse" mark. */
export const FRESH_MS = 30_000;

export interface SignalArrival {
  change: TrustSignalChange;
  signal: TrustSignal;
  at: number;
}

export interface TrustSignalLiveValue {
  version: number;
  lastEventAt: Date | null;
  /** The latest event per signal id since the page opened (pushed signals are shown before the refetch lands). */
  arrivals: ReadonlyMap<string, SignalArrival>;
}

const SignalContext = createContext<TrustSignalLiveValue>({ version: 0, lastEventAt: null, arrivals: new Map() });

/**
 * Listens to `trustSignalChanged` (admins only; the server refuses other
 * roles) while the signals page is open. Each event's signal is kept by id so
 * the list can show it at once and mark it; events are batched for 300 ms
 * into one refetch of the list, like the other live providers. Provides the
 * shared LiveContext too, so `useRefetchOnLive` and `LiveIndicator` work below it.
 */
export function TrustSignalLiveProvider({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  const [batch, bump] = useLiveBatch(300);
  // Each arrival counts as an event at once (its signal is shown before the refetch lands).
  const [pushed, setPushed] = useState<{ arrivals: ReadonlyMap<string, SignalArrival>; at: Date | null }>({ arrivals: new Map(), at: null });
  useSubscription({ query: TrustSignalChangedSubscription, variables: {}, pause: !isAdmin }, (_prev, data) => {
    const event = data.trustSignalChanged;
    setPushed((p) => {
      const arrivals = new Map(p.arrivals);
      arrivals.set(event.signal.id, { change: event.change, signal: event.signal, at: Date.now() });
      return { arrivals, at: new Date() };
    });
    bump();
    return data;
  });
  const lastEventAt = pushed.at && (!batch.lastEventAt || pushed.at > batch.lastEventAt) ? pushed.at : batch.lastEventAt;
  const live = useMemo(() => ({ version: batch.version, lastEventAt }), [batch.version, lastEventAt]);
  const value = useMemo<TrustSignalLiveValue>(() => ({ ...live, arrivals: pushed.arrivals }), [live, pushed.arrivals]);
  return (
    <SignalContext.Provider value={value}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </SignalContext.Provider>
  );
}

export function useTrustSignalLive(): TrustSignalLiveValue {
  return useContext(SignalContext);
}

/** Signals worst first: score, then the most recently updated. */
export function bySeverity(a: TrustSignal, b: TrustSignal): number {
  return b.score - a.score || b.updatedAt.localeCompare(a.updatedAt);
}

/**
 * When a copy of a signal was last changed: an evaluation moves `updatedAt`,
 * taking it on only sets `acknowledgement.at`.
 */
function changedAt(s: TrustSignal): string {
  const at = s.acknowledgement?.at;
  return at && at > s.updatedAt ? at : s.updatedAt;
}

/**
 * The fetched list with every signal pushed since overlaid: a pushed signal
 * newer than the fetched copy replaces it (so an earlier "raised" event never hides
 * an acknowledgement fetched since), a new one joins, one that is no
 * longer active leaves unless cleared ones are shown. Kept worst first.
 */
export function mergeArrivals(fetched: TrustSignal[], arrivals: ReadonlyMap<string, SignalArrival>, includeCleared: boolean): TrustSignal[] {
  const byId = new Map(fetched.map((s) => [s.id, s]));
  for (const { signal } of arrivals.values()) {
    const known = byId.get(signal.id);
    if (known && changedAt(known) > changedAt(signal)) continue;
    if (!signal.active && !includeCleared) byId.delete(signal.id);
    else byId.set(signal.id, signal);
  }
  return [...byId.values()].sort(bySeverity);
}
