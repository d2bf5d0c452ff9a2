import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getIntrospectionQuery } from 'graphql';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { apiToken } from '../../test/fixtures.js';
import { formatError } from '../errors/format-error.js';
import { createLogger } from '../logger.js';

/** `employee { leader { leader { … } } }` nested `levels` deep. */
function deepLeaderQuery(levels: number): string {
  return `{ employee(id: "1") { ${'leader { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

describe('query guards, the same on HTTP and WebSocket', () => {
  let server: TestServer;
  let analyst: string;
  let monitor: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RAPPORT_MAX_DEPTH: '8', RAPPORT_MAX_ALIASES: '5', RAPPORT_MAX_COST: '5000', RAPPORT_MAX_TOKENS: '1500' } });
    analyst = await apiToken(server, 'ANALYST');
    monitor = await apiToken(server, 'MONITOR');
  });
  afterAll(() => server?.stop());

  async function overWs(query: string, token = server.adminToken) {
    const client = server.wsClient(token);
    const sub = collect(client, query);
    try {
      const [result] = await sub.next(1);
      return result!;
    } catch (error) {
      return { errors: Array.isArray(error) ? error : [error as any] };
    } finally {
      await client.dispose();
    }
  }

  it('should refuse a query nested deeper than the limit over HTTP and WebSocket', async () => {
    const http = await server.gql(deepLeaderQuery(9));
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 8 });
    const ws = await overWs(deepLeaderQuery(9).replace('{ employee', 'query { employee'));
    expect(ws.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    const fine = await server.gql(deepLeaderQuery(6));
    expect(fine.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // passed the guard, reached the resolver
  });

  it('should count depth through fragments', async () => {
    const query = `fragment L on Employee { leader { leader { leader { leader { leader { leader { leader { id } } } } } } } }
      { employee(id: "1") { ...L } }`;
    expect((await server.gql(query)).errors?.[0]?.extensions?.limit).toBe('depth');
  });

  it('should refuse too many aliases', async () => {
    const query = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
    const http = await server.gql(query);
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    const ws = await overWs(query);
    expect(ws.errors?.[0]?.extensions?.limit).toBe('aliases');
  });

  it('should refuse a document with more tokens than allowed without a 500', async () => {
    const query = `{ me { ${'role '.repeat(2000)} } }`;
    const http = await server.gql(query);
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.message).toMatch(/tokens/);
    const ws = await overWs(query);
    expect(ws.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('should refuse a query whose nested page sizes exceed the cost budget, counting variables', async () => {
    const query = `query($n: Int) { employees(first: $n) { edges { node { reports(first: 100) { edges { node { name } } } } } } }`;
    const http = await server.gql(query, { n: 100 });
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    const small = await server.gql(query, { n: 5 });
    expect(small.errors).toBeUndefined();
    const ws = await overWs(`subscription { employeeChanged { employee { reports(first: 100) { edges { node { reports(first: 100) { totalCount } } } } } } }`);
    expect(ws.errors?.[0]?.extensions?.limit).toBe('cost');
  });

  it('should allow the standard introspection query to admins and analysts only', async () => {
    const introspection = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    const asAnalyst = await server.gql(introspection, {}, { token: analyst });
    expect(asAnalyst.errors).toBeUndefined();
    expect(asAnalyst.data.__schema.queryType.name).toBe('Query');
    expect((await server.gql(introspection, {}, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(`{ __type(name: "Employee") { name } }`, {}, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ws = await overWs(`query { __schema { queryType { name } } }`, monitor);
    expect(ws.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should hide field suggestions from everyone but admins', async () => {
    const typo = `{ employees { totalCont } }`;
    expect((await server.gql(typo)).errors?.[0]?.message).toMatch(/Did you mean "totalCount"/);
    const analystMessage = (await server.gql(typo, {}, { token: analyst })).errors?.[0]?.message;
    expect(analystMessage).toMatch(/Cannot query field "totalCont"/);
    expect(analystMessage).not.toMatch(/Did you mean/);
    const ws = await overWs(typo.replace('{ employees', 'query { employees'), analyst);
    expect(ws.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('should answer malformed JSON, oversized bodies, batches and simple GETs with clean 4xx errors', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}`, ...headers }, body });
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    const huge = await post(JSON.stringify({ query: `{ me { role } }`, variables: { pad: 'x'.repeat(200 * 1024) } }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const batch = await post(JSON.stringify([{ query: '{ me { role } }' }, { query: '{ me { role } }' }]));
    expect(batch.status).toBe(400);
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ me { role } }')}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(get.status).toBe(400); // CSRF prevention: a simple GET without a preflight header is refused
    const notQuery = await post(JSON.stringify({ query: 42 }));
    expect(notQuery.status).toBe(400);
  });

  it('should refuse bodies it cannot read before GraphQL runs, name the request and close the socket after a refused body', async () => {
    const { request } = await import('node:http');
    const raw = (headers: Record<string, string>, body: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const url = new URL(server.url);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${server.adminToken}`, ...headers } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    // A declared length over the limit is refused before the body is read, and that connection ends.
    const declared = await raw({ 'content-type': 'application/json', 'content-length': String(200 * 1024) }, '{}');
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(declared.headers.connection).toBe('close');
    // Compressed bodies are not inflated (no client of Rapport sends them): 415, not a parse error.
    const gzipped = await raw({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'xx');
    expect(gzipped.status).toBe(415);
    // JSON that is not an object or array is not a GraphQL request (body-parser's strict mode did the same).
    const scalar = await raw({ 'content-type': 'application/json' }, '"{ me { role } }"');
    expect(scalar.status).toBe(400);
    expect(JSON.parse(scalar.body).errors[0].message).toBe('Request body is not valid JSON');
    // A non-JSON POST reaches Apollo without a body: refused (CSRF prevention), nothing runs.
    const text = await raw({ 'content-type': 'text/plain' }, '{ me { role } }');
    expect(text.status).toBe(400);
    // Every answer names its request: a sane X-Request-Id is echoed, anything else replaced.
    const named = await raw({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'trace-42' }, JSON.stringify({ query: '{ me { role } }' }));
    expect(named.status).toBe(200);
    expect(named.headers['x-request-id']).toBe('trace-42');
    expect(JSON.parse(named.body)).toEqual({ data: { me: { role: 'ADMIN' } } });
    const renamed = await raw({ 'content-type': 'application/json', 'x-request-id': 'no spaces allowed' }, JSON.stringify({ query: '{ me { role } }' }));
    expect(renamed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should close a WebSocket that sends a message larger than maxPayload', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(128 * 1024) } })));
      socket.on('close', (c) => resolve(c));
    });
    expect(code).toBe(1009);
  });

  it('should close a WebSocket that never sends connection_init', async () => {
    const small = await startTestServer({ env: { RAPPORT_WS_INIT_TIMEOUT_MS: '200' } });
    try {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(small.wsUrl, 'graphql-transport-ws');
        socket.on('close', (c) => resolve(c));
      });
      expect(code).toBe(4408);
    } finally {
      await small.stop();
    }
  });

  it('should mask internal errors: no SQL, no stack, but a log entry', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', {}, (l) => lines.push(l));
    const sqlError = new Error('insert into "employee" ("email") values ($1) - duplicate key value violates unique constraint');
    const formatted = formatError(
      { message: sqlError.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      sqlError,
      logger,
    );
    expect(formatted).toEqual({ message: 'Internal server error', locations: undefined, path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines.join('\n')).toContain('duplicate key');
  });
});
