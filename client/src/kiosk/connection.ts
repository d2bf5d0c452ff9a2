import { createClient, type Client } from 'graphql-ws';
import { stringifyDocument } from 'urql';
import { graphql } from '../generated/index.js';
import type { BoardSnapshot } from './board.js';

/** The board the kiosk shows; typed (and checked against the schema) like every other document. */
export const KioskBoardSubscription = graphql(`
  subscription KioskBoard {
    complaintBoardChanged {
      generatedAt
      byStatus { key count }
      bySeverity { key count }
      breached
      open {
        id
        number
        subject
        severity
        status
        customer
        assignee
        createdAt
        sla { state nextDueAt atRiskAt remainingSeconds firstResponseBreached resolutionBreached }
      }
      improvementsShipped { title shippedAt complaints }
    }
  }
`);
/** graphql-ws sends text. */
const BOARD_SUBSCRIPTION = stringifyDocument(KioskBoardSubscription);

export type KioskStatus = 'connecting' | 'live' | 'reconnecting' | 'revoked';

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event ? Number((event as { code: unknown }).code) : undefined;
}

/** Backoff for reconnects: 0.5 s, 1 s, 2 s, … capped at 10 s, with a little jitter. */
export function retryDelay(retries: number): number {
  return Math.min(10_000, 500 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 400);
}

/**
 * A wallboard connection that never gives up: graphql-ws retries forever
 * (backoff capped at 10 s) and resubscribes after every reconnect, and the
 * server answers each subscription with a fresh snapshot, so a reconnect
 * resynchronises by itself. Pings every 10 s notice a dead connection; no
 * pong within 5 s terminates the socket, which is retried. Only 4403 (token
 * revoked or invalid) stops it.
 */
export function connectBoard(options: {
  url: string;
  token: string;
  onSnapshot: (snapshot: BoardSnapshot) => void;
  onStatus: (status: KioskStatus) => void;
  webSocketImpl?: unknown;
}): () => void {
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let everConnected = false;
  let revoked = false;
  let client: Client | undefined = undefined;
  client = createClient({
    url: options.url,
    connectionParams: () => ({ authorization: `Bearer ${options.token}` }),
    lazy: true,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    shouldRetry: (event) => closeCode(event) !== 4403,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    on: {
      connecting: () => {
        if (!revoked) options.onStatus(everConnected ? 'reconnecting' : 'connecting');
      },
      connected: () => {
        everConnected = true;
        options.onStatus('live');
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client?.terminate(), 5_000);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        if (closeCode(event) === 4403) {
          revoked = true;
          options.onStatus('revoked');
        } else if (!revoked && closeCode(event) !== 1000) options.onStatus(everConnected ? 'reconnecting' : 'connecting');
      },
    },
  });
  // A subscription that ends with an error (not a closed socket, which graphql-ws retries itself)
  // is started again after a pause, so the board never stops on its own.
  let unsubscribe: (() => void) | undefined;
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const subscribe = () => {
    if (!client) return;
    unsubscribe = client.subscribe<{ complaintBoardChanged: BoardSnapshot }>(
      { query: BOARD_SUBSCRIPTION },
      {
        next: (result) => {
          failures = 0;
          if (result.data?.complaintBoardChanged) options.onSnapshot(result.data.complaintBoardChanged);
        },
        error: (error) => {
          if (closeCode(error) === 4403) {
            revoked = true;
            options.onStatus('revoked');
            return;
          }
          again();
        },
        complete: () => again(),
      },
    );
  };
  const again = () => {
    if (!client || revoked) return;
    clearTimeout(resubscribeTimer);
    resubscribeTimer = setTimeout(subscribe, retryDelay(failures++));
  };
  subscribe();
  return () => {
    clearTimeout(pongTimer);
    clearTimeout(resubscribeTimer);
    const c = client;
    client = undefined;
    unsubscribe?.();
    void c?.dispose();
  };
}
