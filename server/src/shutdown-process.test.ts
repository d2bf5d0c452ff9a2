import { afterAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { connect } from 'node:net';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/harness.js';
import { IN_CI, createTestDatabase, testDatabaseKinds } from '../test/databases.js';
import { RapportProcess, removeBuilds } from '../test/processes.js';

/**
 * SIGTERM to a real `node main.js` (NODE_ENV=production, where Apollo would install its own
 * signal handler) while keep-alive clients keep writing: every write the database committed
 * must have been answered, the process must run Rapport's own shutdown and exit 0.
 */
const hasPostgres = (await testDatabaseKinds()).includes('postgresql');
if (!hasPostgres && IN_CI) throw new Error('CI=true but PostgreSQL is not reachable');
afterAll(() => removeBuilds());

type Outcome = { email: string; kind: 'ok' | 'refused' | 'graphql-error' | 'no-answer'; status?: number; connection?: string; code?: string; retryAfter?: string; afterSignal: boolean; answeredAfterSignal?: boolean };

function post(agent: http.Agent, port: number, body: unknown, token: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe.skipIf(!hasPostgres)('SIGTERM to a running instance', () => {
  it('answers every write it commits to keep-alive clients, refuses the rest untouched, closes subscriptions with 1001 and exits 0 after closing the database', async () => {
    const database = await createTestDatabase('postgresql');
    const rapport = await RapportProcess.start({ DATABASE_URL: database.url, RAPPORT_SHUTDOWN_GRACE_MS: '5000' });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const login = await post(agent, rapport.port, { query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, variables: { e: ADMIN_EMAIL, p: ADMIN_PASSWORD } }, '');
      const token = login.body.data.login.token as string;

      const closeCode = new Promise<number>((resolve) => {
        const client = createClient({
          url: `ws://127.0.0.1:${rapport.port}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
          on: { closed: (event: any) => resolve(event.code) },
        });
        client.subscribe({ query: 'subscription { employeeChanged { kind } }' }, { next: () => {}, error: () => {}, complete: () => {} });
      });

      let signalled = false;
      let n = 0;
      const outcomes: Outcome[] = [];
      const writer = async () => {
        for (;;) {
          const email = `sigterm.${++n}@example.com`;
          const afterSignal = signalled;
          try {
            const res = await post(agent, rapport.port, { query: `mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, variables: { i: { name: `Sigterm ${n}`, email, hiredAt: '2020-01-01T00:00:00.000Z' } } }, token);
            const code = res.body.errors?.[0]?.extensions?.code as string | undefined;
            outcomes.push({
              email,
              kind: res.status === 200 && res.body.data?.createEmployee?.id ? 'ok' : res.status === 503 ? 'refused' : 'graphql-error',
              status: res.status,
              connection: res.headers.connection,
              code,
              retryAfter: res.headers['retry-after'] as string | undefined,
              afterSignal,
              answeredAfterSignal: signalled,
            });
          } catch {
            outcomes.push({ email, kind: 'no-answer', afterSignal });
            if (signalled) return; // the instance is gone: a real client would go to another one
          }
          if (signalled && outcomes.filter((o) => o.afterSignal).length > 400) return;
        }
      };
      const writers = Array.from({ length: 8 }, () => writer());
      // A request in flight when the signal comes (its body still arriving): it must be run and answered.
      await new Promise((r) => setTimeout(r, 700));
      const loginBody = JSON.stringify({ query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, variables: { e: ADMIN_EMAIL, p: ADMIN_PASSWORD } });
      let finishBody!: () => void;
      const slowLogin = new Promise<{ status: number; connection?: string; body: any }>((resolve) => {
        const req = http.request(
          { host: '127.0.0.1', port: rapport.port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(loginBody) } },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
          },
        );
        req.on('error', (error) => resolve({ status: 0, body: { error: String(error) } }));
        req.write(loginBody.slice(0, 20));
        finishBody = () => req.end(loginBody.slice(20));
      });
      await new Promise((r) => setTimeout(r, 300)); // the server has its headers: the request is in flight
      const signalAt = Date.now();
      rapport.child.kill('SIGTERM');
      signalled = true;
      setTimeout(() => finishBody(), 100);
      const exit = await rapport.exited;
      const exitMs = Date.now() - signalAt;
      await Promise.all(writers);
      agent.destroy();

      expect(exit).toEqual({ code: 0, signal: null });
      const messages = rapport.logs.map((l) => l.msg);
      expect(messages.indexOf('shutting down')).toBeGreaterThan(-1);
      expect(messages.indexOf('rapport stopped')).toBeGreaterThan(messages.indexOf('shutting down'));
      expect(rapport.logs.find((l) => l.msg === 'rapport stopped')).toMatchObject({ database: 'closed' });
      const slow = await slowLogin;
      expect(slow).toMatchObject({ status: 200, connection: 'close' });
      expect(slow.body.data.login.token).toMatch(/^rps_/);
      expect(await closeCode).toBe(1001);

      // What the database committed, against what the clients were told.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const committed = new Set((await client.query<{ email: string }>(`select email from employee where email like 'sigterm.%'`)).rows.map((r) => r.email));
      await client.end();
      const ok = outcomes.filter((o) => o.kind === 'ok');
      const unanswered = outcomes.filter((o) => o.kind === 'no-answer');
      const refused = outcomes.filter((o) => o.kind === 'refused');
      expect(outcomes.filter((o) => o.kind === 'graphql-error')).toEqual([]);
      expect(ok.length).toBeGreaterThan(10);
      expect([...committed].sort()).toEqual(ok.map((o) => o.email).sort()); // every committed write was answered, and only those
      for (const o of [...unanswered, ...refused]) expect(committed.has(o.email)).toBe(false);
      for (const o of refused) expect(o).toMatchObject({ status: 503, code: 'SHUTTING_DOWN', connection: 'close', retryAfter: '1' });
      // Answers given once draining began tell the client to drop the connection.
      const lastOk = ok.filter((o) => o.answeredAfterSignal);
      expect(lastOk.length).toBeGreaterThan(0);
      expect(lastOk.filter((o) => o.connection === 'close').length).toBeGreaterThan(0);
      for (const o of ok.filter((o) => o.afterSignal)) expect(o.connection).toBe('close');
      console.log(
        `[recovery] SIGTERM under keep-alive load: exit 0 after ${exitMs} ms; ${ok.length} writes committed and answered (${lastOk.length} after the signal), ${refused.length} refused with 503 untouched, ${unanswered.length} not answered and not committed`,
      );
    } finally {
      if (rapport.alive) rapport.child.kill('SIGKILL');
      await database.drop();
    }
  }, 60_000);

  it('stops waiting for a request that never finishes after RAPPORT_SHUTDOWN_GRACE_MS and still exits 0', async () => {
    const rapport = await RapportProcess.start({ DATABASE_URL: 'sqlite::memory:', RAPPORT_SHUTDOWN_GRACE_MS: '1500' });
    try {
      // A request whose body never ends: it is in flight for as long as the socket lives.
      const socket = connect(rapport.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.on('error', () => {});
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
      await new Promise((r) => setTimeout(r, 200));
      const signalAt = Date.now();
      rapport.child.kill('SIGTERM');
      const exit = await rapport.exited;
      const elapsed = Date.now() - signalAt;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(5000);
      expect(rapport.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutdown grace period over; closing what is still open', 'rapport stopped']));
      socket.destroy();
    } finally {
      if (rapport.alive) rapport.child.kill('SIGKILL');
    }
  }, 60_000);
});
