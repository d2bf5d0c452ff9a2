import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { countStatements } from '../../test/sql-counter.js';
import { seedDemoData } from '../app/seed/demo.js';

const kinds = await testDatabaseKinds();

/** The people list as the admin app asks for it: each row with team, leader, chain and a page of reports. */
const LIST = `query($first: Int) { employees(first: $first, sort: { field: NAME, direction: ASC }) {
  totalCount
  edges { node {
    id name email title status
    team { id name parent { name } }
    leader { id name team { name } }
    leaderChain { id name }
    currentRelationship { startedAt serviceAgreement { strengths } }
    reports(first: 5) { totalCount edges { node { id name team { name } } } }
  } } } }`;

describe.each(kinds)('SQL statements for the employee list on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await seedDemoData(server.rapport.deps.db, { employees: 400 });
  });
  afterAll(() => server?.stop());

  it('should not grow with the page size (no N+1)', async () => {
    const counts: Record<number, number> = {};
    // The caller's session is resolved here and then comes from the viewer cache: the counts below are the list's alone.
    await server.ok(`{ __typename }`);
    for (const first of [5, 25, 100]) {
      const { result, statements } = await countStatements(server.rapport, () => server.ok(LIST, { first }));
      expect(result.employees.edges).toHaveLength(first);
      expect(result.employees.edges.some((e: any) => e.node.reports.totalCount > 0)).toBe(true);
      expect(result.employees.edges.some((e: any) => e.node.leaderChain.length >= 2)).toBe(true);
      counts[first] = statements;
    }
    console.info(`[statements] ${kind}: employee list with team, leader, chain, agreement and reports:`, counts);
    // The count depends on the query's shape, not on the rows: one list query, one count, and one
    // batched statement per loader "wave" (team, leader, chain, reports, their teams…). On
    // PostgreSQL parallel replies can split or merge a wave, so the same query takes 9–11
    // statements run to run; with N+1 a 100-row page would take hundreds. (Until the viewer cache,
    // each count also held the statement that resolved the session: 9 on SQLite, now 8.)
    const SHAPE_BOUND = 12;
    for (const count of Object.values(counts)) expect(count).toBeLessThanOrEqual(SHAPE_BOUND);
    if (kind === 'sqlite') expect(new Set(Object.values(counts)).size).toBe(1); // one connection: fully deterministic
  });
});
