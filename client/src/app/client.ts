import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from 'urql';
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
