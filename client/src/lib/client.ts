import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange, subscriptionExchange, type CombinedError, type Operation } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

let socketStatus: SocketStatus = 'idle';
const statusListeners = new Set<() => void>();
function setSocketStatus(next: SocketStatus) {
  if (next === socketStatus) return;
  socketStatus = next;
  for (const listener of statusListeners) listener();
}
/** For useSyncExternalStore: the live-update socket's state. */
export const socketStatusStore = {
  get: () => socketStatus,
  subscribe(listener: () => void) {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
};

export interface RapportClient {
  client: Client;
  dispose(): void;
}

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

/** A random key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every mutation carries an `Idempotency-Key`, one per submission: if its answer is lost and the
 * submission is sent again with the same key (`context.idempotencyKey`), the server answers with
 * the first result instead of writing twice.
 */
export function withIdempotencyKey(operation: Operation): Operation {
  if (operation.kind !== 'mutation') return operation;
  const options = typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
  const key = (operation.context.idempotencyKey as string | undefined) ?? newIdempotencyKey();
  return makeOperation(operation.kind, operation, {
    ...operation.context,
    idempotencyKey: key,
    fetchOptions: { ...options, headers: { ...(options.headers as Record<string, string> | undefined), 'idempotency-key': key } },
  });
}

function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * One urql client per session: HTTP POST for queries and mutations (Apollo's
 * CSRF prevention refuses GETs), graphql-ws for subscriptions. The session
 * cookie authenticates both, so no token is handled here. `onUnauthenticated`
 * fires when the server says the session is gone (except for the login itself).
 */
export function createRapportClient(options: { onUnauthenticated: () => void }): RapportClient {
  let ws: WsClient | undefined;
  const wsClient = () =>
    (ws ??= createWsClient({
      url: webSocketUrl(),
      lazy: true,
      // A daily-use app keeps trying, with backoff capped at 30 s.
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000)),
      shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event as CloseEvent).code === 4403),
      on: {
        connecting: (isRetry) => setSocketStatus(isRetry || socketStatus === 'reconnecting' ? 'reconnecting' : 'connecting'),
        connected: () => setSocketStatus('connected'),
        closed: (event) => {
          const code = event && typeof event === 'object' && 'code' in event ? (event as CloseEvent).code : undefined;
          // 1000: closed on purpose (no subscriptions left, or disposed); anything else is retried.
          const intentional = code === 1000 || code === 4403;
          const wasUp = socketStatus === 'connected' || socketStatus === 'reconnecting';
          setSocketStatus(!intentional && wasUp ? 'reconnecting' : 'idle');
          if (code === 4403) options.onUnauthenticated();
        },
      },
    }));

  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin', headers: { 'content-type': 'application/json' } },
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onOperation: withIdempotencyKey,
        onError(error, operation) {
          const name = operation.query.definitions.find((d) => d.kind === 'OperationDefinition');
          const opName = name && 'name' in name ? name.name?.value : undefined;
          if (opName !== 'Login' && opName !== 'Me' && isUnauthenticated(error)) options.onUnauthenticated();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = wsClient().subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    dispose: () => {
      void ws?.dispose();
      setSocketStatus('idle');
    },
  };
}
