import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { testDatabaseKinds } from '../../../test/databases.js';
import { seedDemoData } from './demo.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('demo organisation on %s', (kind) => {
  let server: TestServer;
  const progress: Array<[number, number]> = [];
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await seedDemoData(server.rapport.deps.db, { employees: 2500, onProgress: (done, total) => progress.push([done, total]) });
  });
  afterAll(() => server?.stop());

  it('should create the requested number of employees and report progress up to the total', async () => {
    const all = await server.ok(`{ employees(first: 1) { totalCount } }`);
    expect(all.employees.totalCount).toBe(2500);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([2500, 2500]);
  });

  it('should form one hierarchy: every active employee reports, directly or not, to the CEO', async () => {
    const active = (await server.ok(`{ employees(first: 1, filter: { status: ACTIVE }) { totalCount } }`)).employees.totalCount;
    const ceo = await server.ok(`{ employee(id: "1") { title leader { id } allReports(maxDepth: 50, first: 1) { totalCount } } }`);
    expect(ceo.employee.title).toBe('Chief Executive Officer');
    expect(ceo.employee.leader).toBeNull();
    expect(ceo.employee.allReports.totalCount).toBe(active - 1);
  });

  it('should include exits with reasons and leadership history', async () => {
    const exited = await server.ok(`{ employees(first: 100, filter: { status: EXITED }) { totalCount edges { node { exitReason exitedAt leadershipHistory { endReason } } } } }`);
    expect(exited.employees.totalCount).toBeGreaterThan(100);
    for (const { node } of exited.employees.edges) {
      expect(node.exitReason).toBeTruthy();
      expect(node.leadershipHistory[0].endReason).toBe('MEMBER_EXITED');
    }
    const reasons = new Set(exited.employees.edges.map((e: any) => e.node.exitReason));
    expect(reasons.has('LEFT_FOR_COMPETITOR')).toBe(true);
  });

  it('should keep ids usable after seeding: new rows get fresh ids', async () => {
    const created = await server.ok(`mutation { createEmployee(input: { name: "After Seed", email: "after.seed@example.com" }) { id } }`);
    expect(Number(created.createEmployee.id)).toBeGreaterThan(2500);
  });
});
