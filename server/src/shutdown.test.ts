import { describe, expect, it } from 'vitest';
import { startTestServer, ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/harness.js';

describe('graceful shutdown', () => {
  it('should finish in-flight requests, close subscriptions cleanly and then refuse connections', async () => {
    const server = await startTestServer();
    expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);

    const closeCode = new Promise<number>((resolve) => {
      const client = server.wsClient(server.adminToken, { on: { closed: (event: any) => resolve(event.code) } });
      client.subscribe({ query: 'subscription { employeeChanged { kind } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    await new Promise((r) => setTimeout(r, 100));

    // A login hashes with scrypt (tens of ms): it is in flight when the shutdown begins.
    const inFlight = server.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD }, { token: null });
    await new Promise((r) => setTimeout(r, 5));
    const stopped = server.stop();
    expect(server.rapport.server.ready).toBe(false);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.data.login.token).toMatch(/^rps_/);
    expect(await closeCode).toBe(1001); // "going away": clients reconnect to another instance
    await stopped;
    await expect(fetch(server.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  });
});
