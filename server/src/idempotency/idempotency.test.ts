import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestServer, ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../../test/harness.js';
import { IN_CI, createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';
import { waitFor } from '../../test/processes.js';
import { apiToken } from '../../test/fixtures.js';

/**
 * Safe retries: two instances on one PostgreSQL database; a client loses the answer to a
 * mutation and retries it — on the other instance — with the same Idempotency-Key.
 */
const hasPostgres = (await testDatabaseKinds()).includes('postgresql');
if (!hasPostgres && IN_CI) throw new Error('CI=true but PostgreSQL is not reachable');

const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name } }`;

describe.skipIf(!hasPostgres)('Idempotency-Key on mutations', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let clock = new Date();
  let sql: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    a = await startTestServer({ databaseUrl: database.url, now: () => clock });
    b = await startTestServer({ databaseUrl: database.url, now: () => clock });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });
  const teams = async (name: string) => Number((await sql.query(`select count(*) from team where name = $1`, [name])).rows[0].count);
  const send = (server: TestServer, key: string, name: string) => server.gql(CREATE, { input: { name } }, { headers: { 'idempotency-key': key } });

  it('writes once when the answer is lost and the client retries on another instance with the same key', async () => {
    const key = randomUUID();
    const name = `Lost Answer ${key}`;
    // Send the request, then drop the connection without reading the answer.
    const body = JSON.stringify({ query: CREATE, variables: { input: { name } } });
    const url = new URL(a.url);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    await new Promise<void>((r) =>
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${a.adminToken}\r\nIdempotency-Key: ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        () => r(),
      ),
    );
    socket.destroy();
    await waitFor('the lost request to have written its team', async () => (await teams(name)) === 1);

    // The retry, as a client would do it: on 409 (first still running) wait Retry-After and go again.
    const retry = await waitFor('the retry to be answered', async () => {
      const res = await send(b, key, name);
      return res.status === 409 ? undefined : res;
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.data.createTeam.name).toBe(name);
    expect(await teams(name)).toBe(1);
    // And once more, on the first instance: the same answer, still one row.
    const again = await send(a, key, name);
    expect(again.data).toEqual(retry.data);
    expect(await teams(name)).toBe(1);
  });

  it('runs a mutation sent twice at the same moment once', async () => {
    const key = randomUUID();
    const name = `Double Submit ${key}`;
    const [first, second] = await Promise.all([send(a, key, name), send(b, key, name)]);
    expect(await teams(name)).toBe(1);
    const answered = [first, second].filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const other of [first, second].filter((r) => r.status !== 200)) {
      expect(other.status).toBe(409);
      expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(other.headers.get('retry-after')).toBe('1');
    }
    expect(new Set(answered.map((r) => r.data.createTeam.id)).size).toBe(1);
  });

  it('refuses the same key with a different body, and runs nothing', async () => {
    const key = randomUUID();
    expect((await send(a, key, `Reuse One ${key}`)).status).toBe(200);
    const reused = await send(b, key, `Reuse Two ${key}`);
    expect(reused.status).toBe(422);
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await teams(`Reuse Two ${key}`)).toBe(0);
    const malformed = await send(a, 'short', 'Never Made');
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('keeps a refused mutation’s answer too, and keeps keys per caller', async () => {
    const key = randomUUID();
    const name = `Refused ${key}`;
    expect((await send(a, key, name)).status).toBe(200);
    // The same name again under a new key is a domain refusal; its retry replays the refusal.
    const other = randomUUID();
    const refused = await a.gql(`mutation { createTeam(input: { name: "${name}" }) { id } }`, {}, { headers: { 'idempotency-key': other } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('TEAM_NAME_TAKEN');
    const replayed = await b.gql(`mutation { createTeam(input: { name: "${name}" }) { id } }`, {}, { headers: { 'idempotency-key': other } });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.errors).toEqual(refused.errors);
    // Another caller with the same key is another key: never someone else's answer.
    const analyst = await apiToken(a, 'ANALYST');
    const asAnalyst = await b.gql(CREATE, { input: { name } }, { token: analyst, headers: { 'idempotency-key': key } });
    expect(asAnalyst.headers.get('idempotent-replayed')).toBeNull();
    expect(asAnalyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The same user in another session is the same caller (a retry after logging in again works).
    const login = await b.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, { token: null });
    const viaOtherSession = await b.gql(CREATE, { input: { name } }, { token: login.data.login.token, headers: { 'idempotency-key': key } });
    expect(viaOtherSession.headers.get('idempotent-replayed')).toBe('true');
  });

  it('accepts the key in graphql-ws extensions, shared with HTTP', async () => {
    const key = randomUUID();
    const name = `Over The Socket ${key}`;
    const client = a.wsClient(a.adminToken);
    const first = await new Promise<any>((resolve, reject) => {
      client.subscribe({ query: CREATE, variables: { input: { name } }, extensions: { idempotencyKey: key } }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(first.data.createTeam.name).toBe(name);
    const second = await new Promise<any>((resolve, reject) => {
      client.subscribe({ query: CREATE, variables: { input: { name } }, extensions: { idempotencyKey: key } }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(second.data).toEqual(first.data);
    const overHttp = await send(b, key, name);
    expect(overHttp.data).toEqual(first.data);
    await client.dispose();
    expect(await teams(name)).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    const name = `Day Old ${key}`;
    expect((await send(a, key, name)).status).toBe(200);
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1000);
    await a.relogin();
    const later = await send(a, key, name);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.errors?.[0]?.extensions?.code).toBe('TEAM_NAME_TAKEN'); // it ran again (and met the team it made the first time)
    clock = new Date();
  });
});
