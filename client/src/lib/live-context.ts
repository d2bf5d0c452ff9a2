import { createContext, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { socketStatusStore } from './client.js';

export interface LiveValue {
  /** Bumped (at most once per batch) when another change arrives. */
  version: number;
  lastEventAt: Date | null;
}

/** Provided by every live provider, so `useRefetchOnLive` and `LiveIndicator` work below any of them. */
export const LiveContext = createContext<LiveValue>({ version: 0, lastEventAt: null });

export interface LiveBatchOptions {
  /** Runs when a batch ends, just before its version bump (state set here lands in the same render). */
  onBatch?: () => void;
  /** Runs once after the socket reconnects, instead of the default: a bump. */
  onReconnect?: () => void;
}

/**
 * The batching of a live provider: `bump()` schedules one version bump
 * `delayMs` after the first event of a burst (later events of the burst join
 * it), so a burst is one calm refetch. Events sent while the socket was down
 * are lost, so after a reconnect it bumps once too (or runs `onReconnect`).
 */
export function useLiveBatch(delayMs = 300, options: LiveBatchOptions = {}): [LiveValue, () => void] {
  const [value, setValue] = useState<LiveValue>({ version: 0, lastEventAt: null });
  const handlers = useRef(options);
  handlers.current = options;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      handlers.current.onBatch?.();
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
      const { onReconnect } = handlers.current;
      if (onReconnect) onReconnect();
      else bump();
    }
  }, [status, bump]);
  return [value, bump];
}
