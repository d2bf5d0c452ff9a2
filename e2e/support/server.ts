import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../server/src/config.js';
import { startRapport, type RunningRapport } from '../../server/src/app/rapport.js';

export const ADMIN_EMAIL = 'admin@e2e.local';
export const ADMIN_PASSWORD = 'e2e-password-correct-horse';

const CLIENT_DIR = resolve('dist/client');

export interface E2EServer {
  url: string;
  rapport: RunningRapport;
  /** POSTs GraphQL as the admin (bearer token), for test setup only; throws on errors. */
  admin<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the real server in-process with a small demo company, serving the built admin app.
 * By default on an in-memory SQLite and a free port; `databaseFile` and `port` let a test
 * restart the server on the same port with the same data; `env` adds settings (e.g. SMTP_URL).
 */
export async function startServer(options: { port?: number; databaseFile?: string; env?: Record<string, string> } = {}): Promise<E2EServer> {
  if (!existsSync(resolve(CLIENT_DIR, 'index.html'))) {
    throw new Error(`The admin app is not built: ${CLIENT_DIR}/index.html is missing. Run \`npx vite build\` before the e2e tests.`);
  }
  const rapport = await startRapport(
    loadConfig({
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseFile ? `sqlite:${options.databaseFile}` : 'sqlite::memory:',
      RAPPORT_ADMIN_EMAIL: ADMIN_EMAIL,
      RAPPORT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RAPPORT_CLIENT_DIR: CLIENT_DIR,
      RAPPORT_DEMO: 'true',
      RAPPORT_DEMO_SIZE: '60',
      LOG_LEVEL: 'silent',
      ...options.env,
    }),
    { print: () => {} },
  );
  const url = rapport.url;
  let token: string | undefined;
  const post = async (query: string, variables: Record<string, unknown> | undefined, bearer?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data;
  };
  return {
    url,
    rapport,
    async admin(query, variables) {
      token ??= (
        await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD })
      ).login.token as string;
      return post(query, variables, token);
    },
    stop: () => rapport.stop(),
  };
}
