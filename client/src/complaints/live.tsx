import { useMemo, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { ComplaintChangedSubscription } from './complaints.graphql.js';
import { LiveContext, useLiveBatch } from '../lib/live-context.js';

/**
 * Listens to `complaintChanged` (every complaint, or one with `complaintId`)
 * and provides the shared LiveContext, so `useRefetchOnLive` and
 * `LiveIndicator` work below it. Events are batched for 400 ms: a burst
 * (a status change that also resumes the clock) is one calm refetch.
 */
export function ComplaintLiveProvider({ complaintId, children }: { complaintId?: string; children: ReactNode }) {
  const [value, bump] = useLiveBatch(400);
  const variables = useMemo(() => (complaintId ? { complaintId } : {}), [complaintId]);
  useSubscription({ query: ComplaintChangedSubscription, variables }, (_prev, data) => {
    bump();
    return data;
  });
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
