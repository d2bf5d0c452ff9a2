import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useSubscription, type OperationContext } from 'urql';
import { EmployeeChangedSubscription, LeadershipChangedSubscription } from './people.graphql.js';
import { socketStatusStore } from '../app/client.js';
import { useNow } from '../ui/hooks.js';
import { formatRelative } from '../ui/format.js';
import { Button } from '../ui/components.js';
import { useSession } from '../app/session.js';

export interface LiveValue {
  /** Bumped (at most every 300 ms) when another change arrives. */
  version: number;
  lastEventAt: Date | null;
}

/** Shared with the referral pages' provider, so `useRefetchOnLive` and `LiveIndicator` work there too. */
export const LiveContext = createContext<LiveValue>({ version: 0, lastEventAt: null });

/**
 * Listens to every employee and leadership change while the people pages are
 * open. Events are batched so a burst (a reassignment ends one relationship
 * and starts another) causes one refetch, not several.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<LiveValue>({ version: 0, lastEventAt: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setValue((v) => ({ version: v.version + 1, lastEventAt: new Date() }));
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
  useSubscription({ query: EmployeeChangedSubscription, variables: {} }, (_prev, data) => {
    bump();
    return data;
  });
  useSubscription({ query: LeadershipChangedSubscription, variables: {} }, (_prev, data) => {
    bump();
    return data;
  });
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/**
 * The batching of a live provider as one hook (the customer provider uses it;
 * the older providers still spell it out): `bump()` schedules one version
 * bump `delayMs` after the first event of a burst (later events of the burst
 * join it), and one after the socket reconnects, since events sent while it
 * was down are lost.
 */
export function useLiveBatch(delayMs = 300): [LiveValue, () => void] {
  const [value, setValue] = useState<LiveValue>({ version: 0, lastEventAt: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setValue((v) => ({ version: v.version + 1, lastEventAt: new Date() }));
    }, delayMs);
  }, [delayMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const status = useSyncExternalStore(socketStatusStore.subscribe, socketStatusStore.get);
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    else if (status === 'connected' && wasDown.current) {
      wasDown.current = false;
      bump();
    }
  }, [status, bump]);
  return [value, bump];
}

export function useLive(): LiveValue {
  return useContext(LiveContext);
}

/** Re-runs a query from the network when a live event arrives; urql keeps the old data on screen meanwhile. */
export function useRefetchOnLive(reexecute: (opts?: Partial<OperationContext>) => void) {
  const { version } = useLive();
  const first = useRef(version);
  useEffect(() => {
    if (version === first.current) return;
    reexecute({ requestPolicy: 'network-only' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
}

export function LiveIndicator() {
  const { lastEventAt } = useLive();
  const status = useSyncExternalStore(socketStatusStore.subscribe, socketStatusStore.get);
  const now = useNow(10_000);
  const connected = status === 'connected';
  return (
    <span className={`live-indicator${connected ? ' is-live' : ''}`} role="status" aria-live="polite" data-live={connected ? 'on' : 'off'}>
      <span className="live-dot" aria-hidden="true" />
      {connected ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
      {lastEventAt && <span className="live-updated"> · updated {formatRelative(lastEventAt, now)}</span>}
    </span>
  );
}

/** The header actions of a live list page: the live status, and for admins the page's primary "add" button. */
export function LiveHeaderActions({ addLabel, onAdd }: { addLabel: string; onAdd: () => void }) {
  const { isAdmin } = useSession();
  return (
    <>
      <LiveIndicator />
      {isAdmin && (
        <Button variant="primary" onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </>
  );
}
