import type { ReactNode } from 'react';
import { useSubscription } from 'urql';
import { EmployeeChangedSubscription, LeadershipChangedSubscription } from './people.graphql.js';
import { LiveContext, useLiveBatch } from '../lib/live-context.js';

/**
 * Listens to every employee and leadership change while the people pages are
 * open. Events are batched so a burst (a reassignment ends one relationship
 * and starts another) causes one refetch, not several.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [value, bump] = useLiveBatch(300);
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
