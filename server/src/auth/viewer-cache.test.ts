import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerCache } from './viewer-cache.js';
import type { Viewer } from '../context.js';
import { Role } from './auth.entity.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { countStatements } from '../../test/sql-counter.js';

const kinds = await testDatabaseKinds();

const session = (id: number, userId: number, expiresAt = new Date(10_000_000)): Viewer => ({
  kind: 'user',
  id: userId,
  role: Role.ADMIN,
  label: `user${userId}@test.local`,
  sessionId: id,
  expiresAt,
});
const token = (id: number): Viewer => ({ kind: 'apiToken', id, role: Role.ANALYST, label: `token ${id}` });

describe('the viewer cache', () => {
  it('should keep an entry for its lifetime and never beyond the session expiry', () => {
    const cache = new ViewerCache({ ttlMs: 30_000 });
    cache.set('a', session(1, 1, new Date(1_000_000)), 0, cache.ticket());
    cache.set('b', session(2, 1, new Date(10_000)), 0, cache.ticket());
    expect(cache.get('a', 29_999)?.sessionId).toBe(1);
    expect(cache.get('a', 30_000)).toBeUndefined();
    expect(cache.get('b', 9_999)?.sessionId).toBe(2);
    expect(cache.get('b', 10_000)).toBeUndefined();
  });

  it('should forget a session, an API token or all of a user on invalidation', () => {
    const cache = new ViewerCache();
    cache.set('s1', session(1, 7), 0, cache.ticket());
    cache.set('s2', session(2, 7), 0, cache.ticket());
    cache.set('s3', session(3, 8), 0, cache.ticket());
    cache.set('t7', token(7), 0, cache.ticket());
    cache.invalidate({ kind: 'session', id: 1 });
    expect(cache.get('s1', 1)).toBeUndefined();
    expect(cache.get('s2', 1)).toBeDefined();
    cache.invalidate({ kind: 'user', id: 7 });
    expect(cache.get('s2', 1)).toBeUndefined();
    expect(cache.get('t7', 1)).toBeDefined(); // token 7 is not user 7
    expect(cache.get('s3', 1)).toBeDefined();
    cache.invalidate({ kind: 'apiToken', id: 7 });
    expect(cache.get('t7', 1)).toBeUndefined();
    expect(cache.get('s3', 1)).toBeDefined();
  });

  it('should not store a read that was in flight when a revocation arrived', () => {
    const cache = new ViewerCache();
    const ticket = cache.ticket();
    cache.invalidate({ kind: 'session', id: 99 }); // arrives while the database is being read
    cache.set('s1', session(1, 1), 0, ticket);
    expect(cache.get('s1', 1)).toBeUndefined();
  });

  it('should cache nothing while revocations from other instances cannot be heard, and drop entries from before a loss', () => {
    let epoch: number | undefined = 1;
    const cache = new ViewerCache({ deliveryEpoch: () => epoch });
    cache.set('s1', session(1, 1), 0, cache.ticket());
    expect(cache.get('s1', 1)).toBeDefined();
    epoch = undefined; // Redis subscription lost
    expect(cache.get('s1', 1)).toBeUndefined();
    cache.set('s2', session(2, 1), 0, cache.ticket());
    expect(cache.size).toBe(0);
    cache.set('s3', session(3, 1), 0, { generation: 0, epoch: 1 });
    epoch = 2; // subscribed again: whatever was cached before may have missed a revocation
    expect(cache.get('s3', 1)).toBeUndefined();
  });

  it('should stay bounded', () => {
    const cache = new ViewerCache({ maxEntries: 3 });
    for (let i = 1; i <= 5; i++) cache.set(`t${i}`, token(i), 0, cache.ticket());
    expect(cache.size).toBe(3);
    expect(cache.get('t1', 1)).toBeUndefined();
    expect(cache.get('t5', 1)).toBeDefined();
  });
});

describe.each(kinds)('resolving the viewer on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  it('should answer a repeated authenticated request without any SQL', async () => {
    const created = await server.ok(`mutation { createApiToken(input: { name: "Cached", role: ANALYST }) { token } }`);
    for (const bearer of [server.adminToken, created.createApiToken.token]) {
      await server.ok(`{ __typename }`, {}, bearer);
      const { result, statements } = await countStatements(server.rapport, () => server.ok(`{ me { role } }`, {}, bearer));
      expect(result.me.role).toMatch(/ADMIN|ANALYST/);
      expect(statements).toBe(0);
    }
  });

  it('should refuse a cached session and a cached token at once after logout and revoke', async () => {
    const login = await server.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
      e: 'admin@test.local',
      p: 'correct horse battery staple',
    });
    const sessionToken = login.login.token;
    const created = await server.ok(`mutation { createApiToken(input: { name: "Cached then revoked", role: ANALYST }) { token apiToken { id } } }`);
    const apiToken = created.createApiToken.token;
    for (const bearer of [sessionToken, apiToken]) expect((await server.ok(`{ me { role } }`, {}, bearer)).me.role).toBeDefined();

    await server.ok(`mutation { logout }`, {}, sessionToken);
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: created.createApiToken.apiToken.id });
    for (const bearer of [sessionToken, apiToken]) {
      const after = await server.gql(`{ me { role } }`, {}, { token: bearer });
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
