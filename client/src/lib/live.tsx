import { t } from '../i18n/index.js';
import { useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { type OperationContext } from 'urql';
import { socketStatusStore } from './client.js';
import { LiveContext, type LiveValue } from './live-context.js';
import { useNow } from '../ui/hooks.js';
import { formatRelative } from '../ui/format.js';
import { Button } from '../ui/components.js';
import { useSession } from './session.js';

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
      {connected ? t('live.live') : status === 'reconnecting' ? t('live.reconnecting') : t('live.connecting')}
      {lastEventAt && <span className="live-updated">{t('live.updated', { when: formatRelative(lastEventAt, now) })}</span>}
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
