import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestServer, ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../../test/harness.js';
import { IN_CI, createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';
import { OwnRedis, waitFor } from '../../test/processes.js';
import { countStatements } from '../../test/sql-counter.js';

/**
 * The viewer cache must never outlive a revocation, also while Redis is away: an instance that
 * cannot hear the others trusts no cached credential. Uses a redis-server of its own (killed and
 * restarted here), never the shared one.
 */
const hasPostgres = (await testDatabaseKinds()).includes('postgresql');
if (!hasPostgres && IN_CI) throw new Error('CI=true but PostgreSQL is not reachable');

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
const ME = `{ me { role } }`;

describe.skipIf(!hasPostgres)('revocations across two instances while Redis is away', () => {
  let redis: OwnRedis;
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createTestDatabase('postgresql');
    const env = { RAPPORT_REDIS_PREFIX: `revocation-${randomUUID()}:` };
    a = await startTestServer({ databaseUrl: database.url, redisUrl: redis.url, env });
    b = await startTestServer({ databaseUrl: database.url, redisUrl: redis.url, env });
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    await database?.drop();
  });

  const status = (server: TestServer) => server.rapport.deps.redisHealth?.().status;

  it('should refuse on the other instance at once a session logged out and a token revoked during the outage, and cache again once Redis is back', async () => {
    const session = (await a.ok(LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, null)).login.token;
    const created = await a.ok(`mutation { createApiToken(input: { name: "Outage kiosk", role: MONITOR }) { token apiToken { id } } }`);
    const apiToken = created.createApiToken.token;
    // Cached on b (once its Redis subscription is in place, right after the start): no SQL for the caller.
    const cachedOnB = (bearer: string) =>
      waitFor('b to answer from its viewer cache', async () => {
        expect((await b.gql(ME, {}, { token: bearer })).data?.me).toBeTruthy();
        return (await countStatements(b.rapport, () => b.ok(ME, {}, bearer))).statements === 0;
      }, 10_000);
    await cachedOnB(session);
    await cachedOnB(apiToken);

    await redis.kill();
    await waitFor('both instances to notice Redis is gone', () => status(a) === 'down' && status(b) === 'down', 10_000);

    // The CREDENTIAL_REVOKED messages cannot reach b now; b must not answer from its cache.
    expect((await a.gql(`mutation { logout }`, {}, { token: session })).data?.logout).toBe(true);
    expect((await b.gql(ME, {}, { token: session })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await a.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: created.createApiToken.apiToken.id });
    expect((await b.gql(ME, {}, { token: apiToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Credentials still work meanwhile, checked against the database every time.
    const { statements } = await countStatements(b.rapport, () => b.ok(ME, {}, b.adminToken));
    expect(statements).toBeGreaterThan(0);

    await redis.start();
    await waitFor('both instances to use Redis again', () => status(a) === 'up' && status(b) === 'up', 15_000);
    await cachedOnB(b.adminToken);
    // And a revocation reaches b's cache again at once.
    const later = (await a.ok(LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, null)).login.token;
    await cachedOnB(later);
    await a.gql(`mutation { logout }`, {}, { token: later });
    expect((await b.gql(ME, {}, { token: later })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 60_000);
});
