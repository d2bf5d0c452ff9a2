import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, collect, ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../db/database.js';
import { entities } from '../app/entities.js';
import { ensureFirstAdmin } from './auth.service.js';
import { User } from './auth.entity.js';
import { MemoryRateLimiter } from './rate-limiter.js';
import { createPubSubHandle } from '../pubsub/topics.js';
import { DomainReactions } from '../pubsub/events.js';

const kinds = await testDatabaseKinds();
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { id email role } } }`;

describe.each(kinds)('authentication and authorization on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind, env: { RAPPORT_LOGIN_ATTEMPTS: '3' } });
  });
  afterAll(() => server?.stop());

  it('should log in, set an httpOnly session cookie and accept that cookie', async () => {
    const res = await server.gql(LOGIN, { e: ADMIN_EMAIL.toUpperCase(), p: ADMIN_PASSWORD }, { token: null });
    expect(res.data.login.user).toMatchObject({ email: ADMIN_EMAIL, role: 'ADMIN' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^rapport_session=rps_[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await server.gql(`{ me { kind role label } }`, {}, { token: null, headers: { cookie: cookie.split(';')[0]! } });
    expect(me.data.me).toEqual({ kind: 'user', role: 'ADMIN', label: ADMIN_EMAIL });
  });

  it('should revoke the session on logout', async () => {
    const token = (await server.ok(LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, null)).login.token;
    const out = await server.gql(`mutation { logout }`, {}, { token });
    expect(out.data.logout).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/rapport_session=;/);
    const after = await server.gql(`{ me { role } }`, {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should store only a scrypt hash of the password', async () => {
    const user = await server.rapport.deps.db.fork().findOneOrFail(User, { email: ADMIN_EMAIL });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(user.passwordHash).not.toContain(ADMIN_PASSWORD);
  });

  it('should refuse anonymous calls with UNAUTHENTICATED', async () => {
    const res = await server.gql(`{ employees { totalCount } }`, {}, { token: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bogus = await server.gql(`{ me { role } }`, {}, { token: 'rps_not-a-real-token' });
    expect(bogus.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should let an ANALYST token read but not write, and a MONITOR token do neither', async () => {
    const analyst = await apiToken(server, 'ANALYST', 'Power BI');
    const monitor = await apiToken(server, 'MONITOR', 'Lobby screen');
    expect((await server.gql(`{ me { kind role label } }`, {}, { token: analyst })).data.me).toEqual({ kind: 'apiToken', role: 'ANALYST', label: 'Power BI' });
    expect((await server.gql(`{ employees { totalCount } }`, {}, { token: analyst })).data.employees.totalCount).toBeGreaterThanOrEqual(0);
    const write = await server.gql(`mutation { createTeam(input: { name: "Analysts cannot" }) { id } }`, {}, { token: analyst });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await server.gql(`{ employees { totalCount } }`, {}, { token: monitor });
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(`{ me { role } }`, {}, { token: monitor })).data.me.role).toBe('MONITOR');
    const tokens = await server.gql(`{ apiTokens { name } }`, {}, { token: analyst });
    expect(tokens.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should list tokens without their secrets and stop accepting a revoked one', async () => {
    const created = await server.ok(`mutation { createApiToken(input: { name: "Revoke me", role: ANALYST }) { token apiToken { id tokenPrefix role } } }`);
    const { token, apiToken: record } = created.createApiToken;
    expect(token.startsWith(record.tokenPrefix)).toBe(true);
    const listed = await server.ok(`{ apiTokens { id name tokenPrefix revokedAt } }`);
    expect(JSON.stringify(listed)).not.toContain(token);
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: record.id });
    const after = await server.gql(`{ me { role } }`, {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const adminToken = await server.gql(`mutation { createApiToken(input: { name: "No admin tokens", role: ADMIN }) { token } }`);
    expect(adminToken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });

  it('should rate-limit repeated failed logins per email', async () => {
    const wrong = () => server.gql(LOGIN, { e: 'victim@example.com', p: 'guess' }, { token: null });
    for (let i = 0; i < 3; i++) expect((await wrong()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await wrong();
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Other accounts are unaffected.
    expect((await server.gql(LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, { token: null })).data.login.token).toBeTruthy();
  });

  it('should refuse an unauthenticated WebSocket at connection_init with 4403', async () => {
    const closed = new Promise<number>((resolve) => {
      const client = server.wsClient(null, { on: { closed: (event: any) => resolve(event.code) } });
      client.subscribe({ query: 'subscription { employeeChanged { kind } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    expect(await closed).toBe(4403);
  });

  it('should close the open WebSocket of a token when it is revoked', async () => {
    const created = await server.ok(`mutation { createApiToken(input: { name: "Stolen kiosk", role: ANALYST }) { token apiToken { id } } }`);
    const closed = new Promise<number>((resolve) => {
      const client = server.wsClient(created.createApiToken.token, { on: { closed: (event: any) => resolve(event.code) } });
      client.subscribe({ query: 'subscription { employeeChanged { kind } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    await new Promise((r) => setTimeout(r, 150));
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: created.createApiToken.apiToken.id });
    expect(await closed).toBe(4403);
  });

  it('should close a live connection when its session expires', async () => {
    let offset = 0;
    const short = await startTestServer({ kind, env: { RAPPORT_SESSION_TTL_HOURS: '1' }, now: () => new Date(Date.now() + offset) });
    try {
      // Logged in just now for 1 h; move the server's clock to 300 ms before the end.
      offset = 3_600_000 - 300;
      const closed = new Promise<number>((resolve) => {
        const client = short.wsClient(short.adminToken, { on: { closed: (event: any) => resolve(event.code) } });
        client.subscribe({ query: 'subscription { employeeChanged { kind } }' }, { next: () => {}, error: () => {}, complete: () => {} });
      });
      expect(await closed).toBe(4403);
    } finally {
      await short.stop();
    }
  });

  it('should refuse a subscription to a role that may not read it', async () => {
    const monitor = await apiToken(server, 'MONITOR', 'Kiosk');
    const client = server.wsClient(monitor);
    const sub = collect(client, 'subscription { leadershipChanged { kind } }');
    const [first] = await sub.next(1);
    expect(first!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await client.dispose();
  });
});

describe('the first admin', () => {
  it('should be created once with a generated password that is printed once and works', async () => {
    const logger = createLogger('silent');
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
    const db = await openDatabase(config.databaseUrl, logger, { entities });
    const printed: string[] = [];
    const deps = {
      config,
      logger,
      db,
      pubSub: createPubSubHandle(undefined).pubSub,
      loginLimiter: new MemoryRateLimiter(5, 1000),
      loginAddressLimiter: new MemoryRateLimiter(5, 1000),
      intakeLimiter: new MemoryRateLimiter(5, 1000),
      threadLimiter: new MemoryRateLimiter(5, 1000),
      now: () => new Date(),
      reactions: new DomainReactions(),
    };
    await ensureFirstAdmin(deps, (t) => printed.push(t));
    await ensureFirstAdmin(deps, (t) => printed.push(t));
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const users = await db.fork().find(User, {});
    expect(users.map((u) => [u.email, u.role])).toEqual([['admin@rapport.local', 'ADMIN']]);
    const { verifyPassword } = await import('./passwords.js');
    expect(await verifyPassword(password, users[0]!.passwordHash)).toBe(true);
    await db.close();
  });
});
