import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

describe('smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('creates an employee and reads it back', async () => {
    const data = await server.ok(`mutation { createEmployee(input: { name: "Ada Lovelace", email: "Ada@Example.com" }) { id name email status team { name } leader { name } } }`);
    expect(data.createEmployee).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', status: 'ACTIVE', team: null, leader: null });
    const list = await server.ok(`{ employees(first: 5) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`);
    expect(list.employees.totalCount).toBe(1);
  });
});
