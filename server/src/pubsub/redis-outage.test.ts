import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { collect, startTestServer, ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../../test/harness.js';
import { IN_CI, createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';
import { OwnRedis, RapportProcess, buildServer, removeBuilds, waitFor } from '../../test/processes.js';

/**
 * Redis as a degradable dependency, with real processes: a redis-server the test starts and
 * SIGKILLs itself (never the shared one), and Rapport instances as `node main.js` child processes,
 * so "the instance did not exit" is observed the way a supervisor would observe it.
 */
const hasPostgres = (await testDatabaseKinds()).includes('postgresql');
if (!hasPostgres && IN_CI) throw new Error('CI=true but PostgreSQL is not reachable');
afterAll(() => removeBuilds());

async function gql(baseUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

async function login(baseUrl: string): Promise<string> {
  const res = await gql(baseUrl, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
  if (!res.body.data?.login?.token) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.data.login.token;
}

async function readyz(baseUrl: string) {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let emails = 0;
const CREATE = `mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { id name } }`;
const createEmployee = (baseUrl: string, token: string, name: string) =>
  gql(baseUrl, CREATE, { input: { name, email: `redis.outage.${Date.now()}.${++emails}@example.com`, hiredAt: '2020-01-01T00:00:00.000Z' } }, token);
const COMPLAIN = `mutation($input: CreateComplaintInput!) { createComplaint(input: $input) { id } }`;

function wsClient(baseUrl: string, token: string): Client {
  return createClient({
    url: `${baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
}

describe.skipIf(!hasPostgres)('Redis outage with two instances on PostgreSQL', () => {
  let redis: OwnRedis;
  let database: TestDatabase;
  let a: RapportProcess;
  let b: RapportProcess;
  let token: string;
  const clients: Client[] = [];
  const env = () => ({ DATABASE_URL: database.url, REDIS_URL: redis.url, RAPPORT_REDIS_PREFIX: `outage-${randomUUID()}:` });

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createTestDatabase('postgresql');
    const shared = env();
    a = await RapportProcess.start(shared);
    b = await RapportProcess.start(shared);
    token = await login(a.url);
  }, 90_000);
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('keeps both instances up and every write succeeding while Redis is killed under load, then resumes delivery and resyncs the board by itself', async () => {
    const clientB = wsClient(b.url, token);
    const clientA = wsClient(a.url, token);
    clients.push(clientA, clientB);
    const onB = collect(clientB, `subscription { employeeChanged { kind employee { name } } }`);
    const onA = collect(clientA, `subscription { employeeChanged { kind employee { name } } }`);
    const resyncOnB = collect(clientB, `subscription { liveResync { at reason } }`);
    const boardOnB = collect(clientB, `subscription { complaintBoardChanged { byStatus { key count } } }`);
    await boardOnB.next(1); // the first snapshot, at once
    await new Promise((r) => setTimeout(r, 300));

    const customer = await gql(a.url, `mutation { createCustomer(input: { name: "Olga Outage", email: "olga@example.com", segment: "smb" }) { id } }`, {}, token);
    const customerId = customer.body.data.createCustomer.id;
    // Healthy: a change through A reaches B.
    expect((await createEmployee(a.url, token, 'Before Outage')).body.errors).toBeUndefined();
    await waitFor('B to hear of the change made on A', () => onB.results.some((r) => r.data?.employeeChanged.employee.name === 'Before Outage'));
    expect(await readyz(a.url)).toMatchObject({ status: 200, body: { status: 'ready', redis: 'up' } });

    // Kill Redis (SIGKILL, as a crash) and keep writing on both instances, four writers each, for 3 s.
    await redis.kill();
    const killedAt = Date.now();
    const results: Array<{ status: number; errors?: unknown }> = [];
    const writer = async (url: string, n: number) => {
      for (let i = 0; Date.now() - killedAt < 3000; i++) {
        const res = await createEmployee(url, token, `Outage ${url === a.url ? 'A' : 'B'}${n}-${i}`);
        results.push({ status: res.status, errors: res.body.errors });
      }
    };
    await Promise.all([0, 1, 2, 3].flatMap((n) => [writer(a.url, n), writer(b.url, n)]));
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    expect(a.alive && b.alive).toBe(true);
    // A complaint made on A while B cannot hear of it: B's board must catch up after the outage.
    const complaint = await gql(a.url, COMPLAIN, { input: { customerId, subject: 'Made during the Redis outage', description: 'Nobody on B heard of it live.', category: 'Billing', severity: 'HIGH', channel: 'EMAIL' } }, token);
    expect(complaint.body.errors).toBeUndefined();

    // Degraded, not down: still routable, and it says why.
    const degraded = await readyz(b.url);
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', redis: 'down' } });
    // Subscribers on each instance still hear of changes made on that instance.
    expect(onA.results.some((r) => r.data?.employeeChanged.employee.name.startsWith('Outage A'))).toBe(true);
    expect(onB.results.some((r) => r.data?.employeeChanged.employee.name.startsWith('Outage B'))).toBe(true);
    expect(onB.results.some((r) => r.data?.employeeChanged.employee.name.startsWith('Outage A'))).toBe(false);
    const boardSnapshotsBefore = boardOnB.results.length;

    // Redis comes back on the same address; nobody touches the instances.
    await redis.start();
    const back = Date.now();
    await waitFor('B to be told to resync', () => resyncOnB.results.length > 0, 10_000);
    const resyncMs = Date.now() - back;
    await waitFor('B’s board to send a fresh snapshot with the complaint made during the outage', () => {
      const latest = boardOnB.results.at(-1)?.data?.complaintBoardChanged;
      return boardOnB.results.length > boardSnapshotsBefore && latest?.byStatus.some((s: { key: string; count: number }) => s.key === 'NEW' && s.count === 1);
    });
    await waitFor('both instances to report Redis up', async () => (await readyz(a.url)).body.redis === 'up' && (await readyz(b.url)).body.redis === 'up');
    expect(resyncOnB.results[0]!.data!.liveResync.reason).toMatch(/restored|publish/);
    const delivered = await waitFor(
      'a change through A to reach B again',
      async () => {
        const name = `After Outage ${Date.now()}`;
        await createEmployee(a.url, token, name);
        const start = Date.now();
        while (Date.now() - start < 300) {
          if (onB.results.some((r) => r.data?.employeeChanged.employee.name === name)) return Date.now() - back;
          await new Promise((r) => setTimeout(r, 20));
        }
        return undefined;
      },
      10_000,
      0,
    );
    console.log(`[recovery] Redis killed under load: ${results.length} writes, all answered 200; resync ${resyncMs} ms and cross-instance delivery ${delivered} ms after Redis was back`);
    expect(a.alive && b.alive).toBe(true);
    expect(a.logs.some((l) => l.msg === 'publish to Redis failed; delivered on this instance only')).toBe(true);
  });
});

describe.skipIf(!hasPostgres)('an instance started while Redis is down', () => {
  it('starts, serves writes, reports degraded, and connects by itself when Redis appears', async () => {
    const redis = await OwnRedis.notStarted();
    const database = await createTestDatabase('postgresql');
    const prefix = `late-${randomUUID()}:`;
    await buildServer();
    const startedAt = Date.now();
    const rapport = await RapportProcess.start({ DATABASE_URL: database.url, REDIS_URL: redis.url, RAPPORT_REDIS_PREFIX: prefix });
    try {
      const startMs = Date.now() - startedAt;
      expect(rapport.alive).toBe(true);
      expect(await readyz(rapport.url)).toMatchObject({ status: 200, body: { status: 'degraded', redis: 'down' } });
      const token = await login(rapport.url);
      expect((await createEmployee(rapport.url, token, 'Written Without Redis')).body.errors).toBeUndefined();

      await redis.start();
      const back = Date.now();
      await waitFor('the instance to report Redis up', async () => (await readyz(rapport.url)).body.status === 'ready', 10_000, 20);
      const connectMs = Date.now() - back;
      // It publishes there now, under its prefix.
      const listener = redis.client();
      const channels: string[] = [];
      listener.on('pmessage', (_p: string, channel: string) => channels.push(channel));
      await listener.psubscribe('*');
      expect((await createEmployee(rapport.url, token, 'Written With Redis')).body.errors).toBeUndefined();
      await waitFor('the publish to arrive in Redis', () => channels.includes(`${prefix}pubsub:EMPLOYEE_CHANGED`));
      listener.disconnect();
      console.log(`[recovery] start while Redis is down: listening after ${startMs} ms; Redis in use ${connectMs} ms after it appeared`);
    } finally {
      await rapport.stop();
      await redis.stop();
      await database.drop();
    }
    expect((await rapport.exited).code).toBe(0);
  }, 60_000);
});

describe.skipIf(!hasPostgres)('two deployments on one Redis', () => {
  let redis: OwnRedis;
  let db1: TestDatabase;
  let db2: TestDatabase;
  let a1: TestServer;
  let a2: TestServer;
  let b1: TestServer;
  const channels: string[] = [];
  beforeAll(async () => {
    redis = await OwnRedis.start();
    const spy = redis.client();
    spy.on('pmessage', (_p: string, channel: string) => channels.push(channel));
    await spy.psubscribe('*');
    db1 = await createTestDatabase('postgresql');
    db2 = await createTestDatabase('postgresql');
    a1 = await startTestServer({ databaseUrl: db1.url, redisUrl: redis.url, env: { RAPPORT_REDIS_PREFIX: 'deployment-a:' } });
    a2 = await startTestServer({ databaseUrl: db1.url, redisUrl: redis.url, env: { RAPPORT_REDIS_PREFIX: 'deployment-a:' } });
    b1 = await startTestServer({ databaseUrl: db2.url, redisUrl: redis.url, env: { RAPPORT_REDIS_PREFIX: 'deployment-b:' } });
  }, 60_000);
  afterAll(async () => {
    await a1?.stop();
    await a2?.stop();
    await b1?.stop();
    await redis?.stop();
    await db1?.drop();
    await db2?.drop();
  });

  it('keeps their events and keys apart: every key and channel is under its deployment’s prefix', async () => {
    const QUERY = `subscription { employeeChanged { employee { name } } }`;
    const onA2 = collect(a2.wsClient(a2.adminToken), QUERY);
    const onB1 = collect(b1.wsClient(b1.adminToken), QUERY);
    await new Promise((r) => setTimeout(r, 300));
    await a1.ok(`mutation { createEmployee(input: { name: "Only In A", email: "only.a@example.com", hiredAt: "2020-01-01T00:00:00Z" }) { id } }`);
    await b1.ok(`mutation { createEmployee(input: { name: "Only In B", email: "only.b@example.com", hiredAt: "2020-01-01T00:00:00Z" }) { id } }`);
    await onA2.next(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(onA2.results.map((r) => r.data!.employeeChanged.employee.name)).toEqual(['Only In A']);
    expect(onB1.results.map((r) => r.data!.employeeChanged.employee.name)).toEqual(['Only In B']);

    // Attempt counters: a failed login on each deployment writes keys — under its prefix only.
    for (const server of [a1, b1]) {
      await server.gql(`mutation { login(email: "${ADMIN_EMAIL}", password: "wrong password") { token } }`, {}, { token: null });
    }
    const keys = await redis.client().keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !k.startsWith('deployment-a:') && !k.startsWith('deployment-b:'))).toEqual([]);
    expect(keys.some((k) => k.startsWith('deployment-b:'))).toBe(true);
    expect(channels.length).toBeGreaterThanOrEqual(2);
    expect(channels.filter((c) => !c.startsWith('deployment-a:pubsub:') && !c.startsWith('deployment-b:pubsub:'))).toEqual([]);
  });
});
