import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { countStatements } from '../../test/sql-counter.js';
import { bushyShape, chainShape, seedReferrals } from '../app/seed/referrals.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('referral trees at scale on %s', (kind) => {
  let server: TestServer;
  let chain: { referralIds: number[]; rootCustomerIds: number[] };
  let bushy: { referralIds: number[]; rootCustomerIds: number[] };
  beforeAll(async () => {
    server = await startTestServer({ kind });
    chain = await seedReferrals(server.rapport.deps.db, chainShape(1000));
    bushy = await seedReferrals(server.rapport.deps.db, bushyShape(10_000, 4));
  }, 120_000);
  afterAll(() => server?.stop());

  it('should walk a chain of depth 1,000 up and down in a bounded number of statements', async () => {
    const deepest = chain.referralIds.at(-1)!;
    const root = chain.referralIds[0]!;
    const up = await countStatements(server.rapport, () =>
      server.ok(`query($id: ID!) { referral(id: $id) { generation ancestors(first: 100) { totalCount edges { depth node { id } } pageInfo { hasNextPage } } } }`, { id: String(deepest) }),
    );
    expect(up.result.referral.generation).toBe(1000);
    expect(up.result.referral.ancestors.totalCount).toBe(999);
    expect(up.result.referral.ancestors.edges.map((e: any) => Number(e.node.id))).toEqual(chain.referralIds.slice(-101, -1).reverse());
    expect(up.result.referral.ancestors.edges.at(-1).depth).toBe(100);
    const down = await countStatements(server.rapport, () =>
      server.ok(`query($id: ID!) { referral(id: $id) { descendants(maxDepth: 1000, first: 10) { totalCount edges { depth node { id } } } tree { size depth } } }`, { id: String(root) }),
    );
    expect(down.result.referral.descendants.totalCount).toBe(999);
    expect(down.result.referral.descendants.edges.map((e: any) => e.depth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(down.result.referral.tree).toEqual({ size: 1000, depth: 1000 });
    console.info(`[statements] ${kind}: chain of 1,000 — ancestors page: ${up.statements}, descendants page + count + tree: ${down.statements}`);
    expect(up.statements).toBeLessThanOrEqual(5);
    expect(down.statements).toBeLessThanOrEqual(6);
  });

  it('should refuse to grow a chain beyond 1,000 generations', async () => {
    // Seeded past the cap on purpose (the seed bypasses the guard): generation 1,000 converted.
    const capped = await seedReferrals(server.rapport.deps.db, chainShape(1001));
    const atCap = await server.ok(`query($id: ID!) { referral(id: $id) { generation convertedCustomer { id } } }`, { id: String(capped.referralIds[999]) });
    expect(atCap.referral.generation).toBe(1000);
    const res = await server.gql(`mutation($c: ID!) { createReferral(input: { kind: CUSTOMER, referrerCustomerId: $c, referredName: "One Too Deep", referredEmail: "too.deep@example.com" }) { id } }`, {
      c: atCap.referral.convertedCustomer.id,
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'REFERRAL_DEPTH_EXCEEDED' });
  });

  it('should count a 10,000-node tree by generation exactly, in a bounded number of statements', async () => {
    const rootCustomer = bushy.rootCustomerIds[0]!;
    const { result, statements } = await countStatements(server.rapport, () =>
      server.ok(`query($c: ID!) { customer(id: $c) {
        referralTree(maxDepth: 100, first: 100) { totalCount edges { depth } }
        referralStats(maxDepth: 100) { size depth generations { generation referrals converted referrers kFactor } } } }`, { c: String(rootCustomer) }),
    );
    // Branching 4, filled breadth first: 1, 4, 16, 64, 256, 1024, 4096 and the remaining 4,539 in generation 8.
    const expected = [1, 4, 16, 64, 256, 1024, 4096, 10_000 - 5461];
    const stats = result.customer.referralStats;
    expect(stats.size).toBe(10_000);
    expect(stats.depth).toBe(8);
    expect(stats.generations.map((g: any) => g.referrals)).toEqual(expected);
    // Every node of generations 1–6 has children, so all of them converted and each referred in the next generation;
    // the 4,539 referrals of generation 8 come from ⌈4,539 / 4⌉ = 1,135 people.
    for (let g = 0; g < 6; g++) {
      expect(stats.generations[g].converted).toBe(expected[g]);
      expect(stats.generations[g + 1].referrers).toBe(expected[g]);
    }
    expect(stats.generations[7].referrers).toBe(1135);
    expect(stats.generations[0].kFactor).toBe(1); // the root customer made 1 referral, converted
    expect(stats.generations[1].kFactor).toBe(4); // that person made 4, all converted
    expect(result.customer.referralTree.totalCount).toBe(10_000);
    console.info(`[statements] ${kind}: 10,000-node tree — page + count + generation stats: ${statements}`);
    expect(statements).toBeLessThanOrEqual(7);
  });
});
