import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { ComplaintChangedSubscription } from './complaints.graphql.js';
import { LiveContext, type LiveValue } from '../people/live.js';
import { socketStatusStore } from '../app/client.js';

/**
 * Listens to `complaintChanged` (every complaint, or one with `complaintId`)
 * and provides the shared LiveContext, so `useRefetchOnLive` and
 * `LiveIndicator` work below it. Events are batched for 400 ms: a burst
 * (a status change that also resumes the clock) is one calm refetch.
 */
export function ComplaintLiveProvider({ complaintId, children }: { complaintId?: string; children: ReactNode }) {
  const [value, setValue] = useState<LiveValue>({ version: 0, lastEventAt: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setValue((v) => ({ version: v.version + 1, lastEventAt: new Date() }));
    }, 400);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
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
  const variables = useMemo(() => (complaintId ? { complaintId } : {}), [complaintId]);
  useSubscription({ query: ComplaintChangedSubscription, variables }, (_prev, data) => {
    bump();
    return data;
  });
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
