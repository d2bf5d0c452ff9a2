import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { IN_CI, TEST_PG_URL, createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';
import { CuttableProxy, waitFor } from '../../test/processes.js';

/**
 * Answers a load balancer and a client can act on: the database unreachable is 503
 * SERVICE_UNAVAILABLE with Retry-After (retry), a refused document is 400 (do not retry).
 * The outage is real: PostgreSQL is reached through a TCP proxy the test cuts and restores.
 */
const hasPostgres = (await testDatabaseKinds()).includes('postgresql');
if (!hasPostgres && IN_CI) throw new Error('CI=true but PostgreSQL is not reachable');

describe.skipIf(!hasPostgres)('answers during a database outage, and to refused documents', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    const target = new URL(TEST_PG_URL);
    proxy = await CuttableProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await startTestServer({ databaseUrl: viaProxy.toString(), env: { RAPPORT_MAX_COST: '1000', RAPPORT_MAX_DEPTH: '6', RAPPORT_MAX_ALIASES: '5', RAPPORT_MAX_TOKENS: '400' } });
  });
  afterAll(async () => {
    await proxy?.restore();
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 400 for every refusal of the client’s document: cost, depth, aliases, tokens', async () => {
    const cost = await server.gql(`query { employees(first: 100) { edges { node { reports(first: 100) { totalCount } } } } }`);
    expect(cost.status).toBe(400);
    expect(cost.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    const depth = await server.gql(`{ employee(id: "1") { leader { leader { leader { leader { leader { leader { id } } } } } } } }`);
    expect(depth.status).toBe(400);
    expect(depth.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    const aliases = await server.gql(`{ ${Array.from({ length: 6 }, (_, i) => `a${i}: me { role }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(aliases.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    const tokens = await server.gql(`{ me { ${'role '.repeat(500)} } }`);
    expect(tokens.status).toBe(400);
    expect(tokens.errors?.[0]?.message).toMatch(/tokens/);
    // Refusing introspection is about the caller, not a fault of the server either.
    expect((await server.gql(`{ __schema { queryType { name } } }`, {}, { token: null })).status).toBe(401);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while the database is unreachable, and recovers by itself', async () => {
    expect((await server.gql(`{ employees(first: 5) { totalCount } }`)).status).toBe(200);
    await proxy.cut();
    const cutAt = Date.now();

    const read = await server.gql(`{ employees(first: 5) { totalCount } }`);
    const answeredMs = Date.now() - cutAt;
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('2');
    expect(read.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const write = await server.gql(`mutation { createTeam(input: { name: "During the outage" }) { id } }`);
    expect(write.status).toBe(503);
    expect(write.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const ready = await fetch(server.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    expect(answeredMs).toBeLessThan(10_000);
    // A mutation refused by the outage is not remembered under its Idempotency-Key: its retry runs.
    const key = crypto.randomUUID();
    const keyed = await server.gql(`mutation { createTeam(input: { name: "Retried After The Outage" }) { id } }`, {}, { headers: { 'idempotency-key': key } });
    expect(keyed.status).toBe(503);

    await proxy.restore();
    const restoredAt = Date.now();
    await waitFor('reads to succeed again', async () => (await server.gql(`{ employees(first: 5) { totalCount } }`)).status === 200, 20_000, 100);
    const recoveredMs = Date.now() - restoredAt;
    expect((await server.gql(`mutation { createTeam(input: { name: "After the outage" }) { id } }`)).errors).toBeUndefined();
    expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);
    const retried = await server.gql(`mutation { createTeam(input: { name: "Retried After The Outage" }) { id } }`, {}, { headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.data.createTeam.id).toBeDefined();
    console.log(`[recovery] database unreachable: first 503 after ${answeredMs} ms; serving again ${recoveredMs} ms after the database came back`);
  }, 60_000);
});
