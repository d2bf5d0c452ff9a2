import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { IN_CI, TEST_REDIS_URL, createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';
import { assign, createEmployees, createTeam } from '../../test/fixtures.js';

async function redisReachable(): Promise<boolean> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const ready = (await testDatabaseKinds()).includes('postgresql') && (await redisReachable());
if (!ready && IN_CI) throw new Error(`CI=true but PostgreSQL or Redis (${TEST_REDIS_URL}) is not reachable`);

describe.skipIf(!ready)('two instances on one PostgreSQL and one Redis', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    // One key prefix for both instances, new for every run: attempt counters of earlier runs stay out.
    const env = { RAPPORT_REDIS_PREFIX: `rapport-test:${randomUUID()}:` };
    a = await startTestServer({ databaseUrl: database.url, redisUrl: TEST_REDIS_URL, env });
    b = await startTestServer({ databaseUrl: database.url, redisUrl: TEST_REDIS_URL, env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });

  it('should deliver a change made through one instance to a subscriber of the other', async () => {
    const client = b.wsClient(b.adminToken);
    const sub = collect(client, `subscription($id: ID) { leadershipChanged(employeeId: $id) { kind relationship { leader { name } member { name } } } }`);
    await new Promise((r) => setTimeout(r, 300)); // the Redis SUBSCRIBE must be in place
    const [leader, member] = await createEmployees(a, ['Redis Leader', 'Redis Member']);
    await assign(a, member!, leader!);
    const [event] = await sub.next(1, 5000);
    expect(event!.data!.leadershipChanged).toEqual({
      kind: 'ASSIGNED',
      relationship: { leader: { name: 'Redis Leader' }, member: { name: 'Redis Member' } },
    });
    await client.dispose();
  });

  it('should give each role on the other instance its own answer, and close a revoked token there while its group goes on', async () => {
    const QUERY = `subscription($id: ID) { leadershipChanged(employeeId: $id) { kind relationship { member { name } serviceAgreement { needs } } } }`;
    const token = async (name: string) =>
      (await a.ok(`mutation($n: String!) { createApiToken(input: { name: $n, role: ANALYST }) { token apiToken { id } } }`, { n: name })).createApiToken;
    const [revoked, kept] = await Promise.all([token('Fan-out revoked'), token('Fan-out kept')]);
    const [leader, member, next] = await createEmployees(a, ['Scope Leader', 'Scope Member', 'Scope Next']);
    const closed = new Promise<number>((resolve) => {
      const client = b.wsClient(revoked.token, { on: { closed: (event: any) => resolve(event.code) } });
      client.subscribe({ query: QUERY, variables: { id: member } }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    const analystClient = b.wsClient(kept.token);
    const adminClient = b.wsClient(b.adminToken);
    const analyst = collect(analystClient, QUERY, { id: member });
    const admin = collect(adminClient, QUERY, { id: member });
    await new Promise((r) => setTimeout(r, 300));
    await a.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: revoked.apiToken.id });
    expect(await closed).toBe(4403);
    await assign(a, member!, leader!, { serviceAgreement: { needs: 'Scoped needs' } });
    const [adminEvent] = await admin.next(1, 5000);
    expect(adminEvent!.data!.leadershipChanged.relationship).toEqual({ member: { name: 'Scope Member' }, serviceAgreement: { needs: 'Scoped needs' } });
    const [analystEvent] = await analyst.next(1, 5000);
    expect(analystEvent!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(analystEvent)).not.toContain('Scoped needs');
    await assign(a, member!, next!);
    expect((await analyst.next(3, 5000)).length).toBe(3);
    await Promise.all([analystClient.dispose(), adminClient.dispose()]);
  });

  it('should share sessions: a token from one instance works on the other', async () => {
    const me = await b.gql(`{ me { label } }`, {}, { token: a.adminToken });
    expect(me.data.me.label).toBe('admin@test.local');
  });

  it('should refuse a logged-out session and a revoked token on the other instance as soon as the revoke answers, though both sit in its viewer cache', async () => {
    const ME = `{ me { label } }`;
    for (let round = 0; round < 3; round++) {
      const session = (await a.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: 'admin@test.local', p: 'correct horse battery staple' }, null)).login.token;
      const created = await a.ok(`mutation($n: String!) { createApiToken(input: { name: $n, role: ANALYST }) { token apiToken { id } } }`, { n: `Two instances ${round}` });
      const apiToken = created.createApiToken.token;
      // Resolved (and cached) on both instances, answered by b without the database from now on.
      for (const server of [a, b, b]) {
        expect((await server.gql(ME, {}, { token: session })).data?.me?.label).toBe('admin@test.local');
        expect((await server.gql(ME, {}, { token: apiToken })).data?.me?.label).toBe(`Two instances ${round}`);
      }
      expect((await a.gql(`mutation { logout }`, {}, { token: session })).data?.logout).toBe(true);
      expect((await b.gql(ME, {}, { token: session })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await a.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: created.createApiToken.apiToken.id });
      expect((await b.gql(ME, {}, { token: apiToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // And the other way round, revoking on b while a holds them.
      expect((await a.gql(ME, {}, { token: a.adminToken })).data?.me?.label).toBe('admin@test.local');
    }
    // Revoked on b, refused on a at once.
    const session = (await b.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: 'admin@test.local', p: 'correct horse battery staple' }, null)).login.token;
    const created = await b.ok(`mutation { createApiToken(input: { name: "Revoked on b", role: MONITOR }) { token apiToken { id } } }`);
    for (const server of [a, a]) {
      expect((await server.gql(ME, {}, { token: session })).data?.me).toBeTruthy();
      expect((await server.gql(`{ me { role } }`, {}, { token: created.createApiToken.token })).data?.me?.role).toBe('MONITOR');
    }
    await b.ok(`mutation { logout }`, {}, session);
    expect((await a.gql(ME, {}, { token: session })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await b.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: created.createApiToken.apiToken.id });
    expect((await a.gql(`{ me { role } }`, {}, { token: created.createApiToken.token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should raise a trust signal once when both instances evaluate at the same moment, and push it once', async () => {
    const teamId = await createTeam(a, 'Redis Signal Team');
    // Exits recorded before joining the team, so no evaluation has run for it yet.
    const people = await createEmployees(a, Array.from({ length: 6 }, (_, i) => `Redis Signal ${i + 1}`));
    for (const id of people.slice(0, 2)) {
      await a.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR }) { id } }`, { id });
    }
    for (const id of people) await a.ok(`mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { id } }`, { i: { id, teamId } });
    const client = b.wsClient(b.adminToken);
    const sub = collect(client, `subscription { trustSignalChanged { change signal { team { name } } } }`);
    await new Promise((r) => setTimeout(r, 300));
    const EVALUATE = `mutation { evaluateTrustSignals { raised active } }`;
    const [fromA, fromB] = await Promise.all([a.ok(EVALUATE), b.ok(EVALUATE)]);
    expect(fromA.evaluateTrustSignals.raised + fromB.evaluateTrustSignals.raised).toBe(1);
    const [event] = await sub.next(1, 5000);
    expect(event!.data!.trustSignalChanged).toEqual({ change: 'RAISED', signal: { team: { name: 'Redis Signal Team' } } });
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.results).toHaveLength(1);
    const list = await b.ok(`{ trustSignals { totalCount } }`);
    expect(list.trustSignals.totalCount).toBe(1);
    await client.dispose();
  });

  it('should count failed logins across both instances: ten wrong passwords in all, then the eleventh is refused on either', async () => {
    const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
    const attempt = (server: TestServer) => server.gql(LOGIN, { e: 'admin@test.local', p: 'not the password' }, { token: null });
    for (let i = 0; i < 10; i++) {
      const res = await attempt(i % 2 ? b : a);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Five attempts on each instance: alone, neither would have reached the limit of ten.
    for (const server of [a, b]) expect((await attempt(server)).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
