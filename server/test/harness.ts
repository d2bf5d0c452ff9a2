import 'reflect-metadata';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startRapport, type RunningRapport } from '../src/app/rapport.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './databases.js';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: Array<string | number> }>;
  headers: Headers;
}

export interface TestServer {
  rapport: RunningRapport;
  url: string;
  wsUrl: string;
  adminToken: string;
  /** POSTs a GraphQL operation; `token` null sends none. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string | null; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T>;
  wsClient(token: string | null, extra?: Partial<Parameters<typeof createClient>[0]>): Client;
  /** Logs the admin in again (after moving a test clock past the session's lifetime). */
  relogin(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  kind?: TestDatabaseKind;
  /** Reuse an existing database (several instances on one database). */
  databaseUrl?: string;
  redisUrl?: string;
  env?: Record<string, string>;
  now?: () => Date;
  logLines?: string[];
}

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  let database: TestDatabase | undefined;
  const databaseUrl = options.databaseUrl ?? (database = await createTestDatabase(options.kind ?? 'sqlite')).url;
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    RAPPORT_ADMIN_EMAIL: ADMIN_EMAIL,
    RAPPORT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RAPPORT_CLIENT_DIR: '',
    ...options.env,
  });
  const lines = options.logLines;
  const logger = createLogger(lines ? 'debug' : 'silent', {}, (line) => lines?.push(line));
  const rapport = await startRapport(config, { logger, now: options.now, print: () => {} });
  const url = `${rapport.url}/graphql`;

  const gql: TestServer['gql'] = async (query, variables, opts = {}) => {
    const token = opts.token === undefined ? server.adminToken : opts.token;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };

  const server: TestServer = {
    rapport,
    url,
    wsUrl: url.replace('http', 'ws'),
    adminToken: '',
    gql,
    ok: async (query, variables, token) => {
      const res = await gql(query, variables, { token });
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
    wsClient: (token, extra = {}) =>
      createClient({
        url: server.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
        ...extra,
      }),
    relogin: async () => {
      const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, { token: null });
      if (!login.data?.login?.token) throw new Error(`admin login failed: ${JSON.stringify(login.errors)}`);
      server.adminToken = login.data.login.token;
    },
    stop: async () => {
      await rapport.stop();
      await database?.drop();
    },
  };
  await server.relogin();
  return server;
}

/** Collects the next `count` results of a subscription. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: Array<{ data?: T; errors?: any[] }> = [];
  const waiters: Array<() => void> = [];
  let failure: unknown;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        results.push(value as any);
        waiters.splice(0).forEach((w) => w());
      },
      error: (err) => {
        // graphql-ws delivers refused operations (validation, guards) as an array of GraphQL errors.
        if (Array.isArray(err)) results.push({ errors: err });
        else failure = err;
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => {},
    },
  );
  return {
    results,
    dispose,
    get failure() {
      return failure;
    },
    async next(count = 1, timeoutMs = 5000): Promise<Array<{ data?: T; errors?: any[] }>> {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count && !failure) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${count} subscription results (got ${results.length})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (failure) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
      return results.slice(0, count);
    },
  };
}
