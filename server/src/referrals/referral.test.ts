import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

describe.each(kinds)('referral chains on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-01-01T09:00:00.000Z');
  /** Moves the server's clock; sessions expire with it, so the admin logs in again. */
  async function advance(days: number) {
    clock = new Date(clock.getTime() + days * DAY);
    await server.relogin();
  }
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
  });
  afterAll(() => server?.stop());

  let seq = 0;
  async function customer(name: string): Promise<{ id: string; email: string }> {
    seq += 1;
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${seq}@example.com`;
    const data = await server.ok(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email } }`, { i: { name, email } });
    return data.createCustomer;
  }
  const CREATE = `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id generation flags status parent { id } root { id } } }`;
  async function refer(referrer: { customerId?: string; employeeId?: string }, name: string, kindOf = 'CUSTOMER', email?: string) {
    seq += 1;
    return server.gql(CREATE, {
      i: {
        kind: kindOf,
        referrerCustomerId: referrer.customerId,
        referrerEmployeeId: referrer.employeeId,
        referredName: name,
        referredEmail: email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${seq}@example.com`,
      },
    });
  }
  async function ok(res: Awaited<ReturnType<typeof refer>>) {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createReferral as { id: string; generation: number; flags: string[]; parent: { id: string } | null; root: { id: string } };
  }
  const CONVERT = `mutation($i: ConvertReferralInput!) { convertReferral(input: $i) {
    status convertedAt convertedCustomer { id email referredBy { id } } convertedEmployee { id leader { id } }
    rewards { stage amount status dueAt } } }`;
  async function convert(referralId: string, extra: Record<string, unknown> = {}) {
    const data = await server.ok(CONVERT, { i: { referralId, ...extra } });
    return data.convertReferral;
  }

  describe('guards', () => {
    it('should require exactly one active referrer', async () => {
      const none = await server.gql(CREATE, { i: { kind: 'CUSTOMER', referredName: 'Nobody', referredEmail: 'nobody@example.com' } });
      expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'REFERRER_REQUIRED', field: 'referrerCustomerId' });
      const a = await customer('Churned Referrer');
      await server.ok(`mutation($id: ID!) { recordChurn(input: { customerId: $id }) { id } }`, { id: a.id });
      expect((await refer({ customerId: a.id }, 'Too Late')).errors?.[0]?.extensions).toMatchObject({ code: 'REFERRER_INACTIVE', field: 'referrerCustomerId' });
      const [gone] = await createEmployees(server, ['Gone Referrer']);
      await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RESIGNED }) { id } }`, { id: gone });
      expect((await refer({ employeeId: gone! }, 'Also Late', 'HIRE')).errors?.[0]?.extensions?.code).toBe('REFERRER_INACTIVE');
    });

    it('should refuse self-referral by the same email in any case', async () => {
      const a = await customer('Selfie');
      const res = await refer({ customerId: a.id }, 'Selfie Again', 'CUSTOMER', a.email.toUpperCase());
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SELF_REFERRAL', field: 'referredEmail' });
    });

    it('should refuse referring an existing customer as a customer, or a current employee as a hire', async () => {
      const a = await customer('Referrer One');
      const b = await customer('Existing Customer');
      expect((await refer({ customerId: a.id }, 'Existing Customer', 'CUSTOMER', b.email)).errors?.[0]?.extensions?.code).toBe('ALREADY_CUSTOMER');
      // An existing customer may still be referred for a job.
      expect((await refer({ customerId: a.id }, 'Existing Customer', 'HIRE', b.email)).errors).toBeUndefined();
      const [emp] = await createEmployees(server, ['Already Here']);
      const empEmail = (await server.ok(`query($id: ID!) { employee(id: $id) { email } }`, { id: emp })).employee.email;
      expect((await refer({ customerId: a.id }, 'Already Here', 'HIRE', empEmail)).errors?.[0]?.extensions?.code).toBe('ALREADY_EMPLOYEE');
    });

    it('should keep the credit with the first referrer, until that referral expires', async () => {
      const first = await customer('First Referrer');
      const second = await customer('Second Referrer');
      const original = await ok(await refer({ customerId: first.id }, 'Popular Person', 'CUSTOMER', 'popular@example.com'));
      const late = await refer({ customerId: second.id }, 'Popular Person', 'CUSTOMER', 'Popular@Example.com');
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_REFERRED', field: 'referredEmail', firstReferralId: original.id });
      expect(late.errors?.[0]?.message).toContain('First Referrer');
      await server.ok(`mutation($id: ID!) { updateReferralStatus(input: { referralId: $id, status: EXPIRED }) { status } }`, { id: original.id });
      expect((await refer({ customerId: second.id }, 'Popular Person', 'CUSTOMER', 'popular@example.com')).errors).toBeUndefined();
    });

    it('should let exactly one of two simultaneous referrals of one person win', async () => {
      const a = await customer('Racer A');
      const b = await customer('Racer B');
      const results = await Promise.all([refer({ customerId: a.id }, 'Contested', 'CUSTOMER', 'contested@example.com'), refer({ customerId: b.id }, 'Contested', 'CUSTOMER', 'contested@example.com')]);
      expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code)).toEqual(['ALREADY_REFERRED']);
    });

    it('should refuse a cycle: nobody can refer someone above them in their own chain', async () => {
      const a = await customer('Cycle Top');
      const toB = await ok(await refer({ customerId: a.id }, 'Cycle Middle'));
      const b = (await convert(toB.id)).convertedCustomer;
      const toC = await ok(await refer({ customerId: b.id }, 'Cycle Bottom'));
      const c = (await convert(toC.id)).convertedCustomer;
      // C (a customer) tries to refer A — already a customer — for a job: A is above C in the chain.
      const cycle = await refer({ customerId: c.id }, 'Cycle Top', 'HIRE', a.email);
      expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'REFERRAL_CYCLE', field: 'referredEmail' });
      const middle = await refer({ customerId: c.id }, 'Cycle Middle', 'HIRE', b.email);
      expect(middle.errors?.[0]?.extensions?.code).toBe('REFERRAL_CYCLE');
    });

    it('should flag (not block) bursts and near-duplicates', async () => {
      const busy = await customer('Busy Referrer');
      const flags: string[][] = [];
      for (let i = 0; i < 6; i++) flags.push((await ok(await refer({ customerId: busy.id }, `Burst Person ${i}`))).flags);
      expect(flags.slice(0, 5).every((f) => !f.includes('VELOCITY'))).toBe(true);
      expect(flags[5]).toContain('VELOCITY');
      const other = await customer('Careful Referrer');
      await ok(await refer({ customerId: other.id }, 'Jane Doe', 'CUSTOMER', 'jane.doe@mail.example'));
      const twin = await ok(await refer({ customerId: other.id }, 'Someone Else', 'CUSTOMER', 'Jane.Doe+promo@mail.example'));
      expect(twin.flags).toEqual(['NEAR_DUPLICATE_EMAIL']);
      const sameName = await ok(await refer({ customerId: other.id }, 'JANE  DOÉ', 'CUSTOMER', 'jd@elsewhere.example'));
      expect(sameName.flags).toEqual(['NEAR_DUPLICATE_NAME']);
    });
  });

  describe('status and conversion', () => {
    it('should allow only the documented moves and name the allowed ones', async () => {
      const a = await customer('Mover');
      const r = await ok(await refer({ customerId: a.id }, 'Moved Person'));
      const move = (status: string) => server.gql(`mutation($id: ID!, $s: ReferralStatus!) { updateReferralStatus(input: { referralId: $id, status: $s }) { status engagedAt } }`, { id: r.id, s: status });
      const allowedNext = async () => (await server.ok(`query($id: ID!) { referral(id: $id) { allowedNextStatuses } }`, { id: r.id })).referral.allowedNextStatuses;
      expect(await allowedNext()).toEqual(['ENGAGED', 'REJECTED', 'EXPIRED', 'CONVERTED']);
      // An analyst may not move referrals, so nothing is offered.
      const analyst = await apiToken(server, 'ANALYST');
      expect((await server.ok(`query($id: ID!) { referral(id: $id) { allowedNextStatuses } }`, { id: r.id }, analyst)).referral.allowedNextStatuses).toEqual([]);
      expect((await move('ENGAGED')).data.updateReferralStatus.status).toBe('ENGAGED');
      expect(await allowedNext()).toEqual(['REJECTED', 'EXPIRED', 'CONVERTED']);
      const again = await move('ENGAGED');
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: ['REJECTED', 'EXPIRED'] });
      await convert(r.id);
      expect(await allowedNext()).toEqual([]);
      const final = await move('REJECTED');
      expect(final.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', allowed: [] });
      expect(final.errors?.[0]?.message).toContain('final');
      const twice = await server.gql(CONVERT, { i: { referralId: r.id } });
      expect(twice.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    });

    it('should convert a hire into an employee with a leader, and start the staged rewards', async () => {
      const [leader, referrer] = await createEmployees(server, ['Hiring Leader', 'Employee Referrer']);
      const r = await ok(await refer({ employeeId: referrer! }, 'New Hire', 'HIRE'));
      const converted = await convert(r.id, { employee: { title: 'Engineer', leaderId: leader } });
      expect(converted.status).toBe('CONVERTED');
      expect(converted.convertedEmployee.leader).toEqual({ id: leader });
      expect(converted.rewards).toEqual([
        { stage: 'CONVERSION', amount: 500, status: 'EARNED', dueAt: clock.toISOString() },
        { stage: 'RETENTION', amount: 1000, status: 'PENDING', dueAt: new Date(clock.getTime() + 180 * DAY).toISOString() },
      ]);
      const wrong = await server.gql(CONVERT, { i: { referralId: (await ok(await refer({ employeeId: referrer! }, 'Another Hire', 'HIRE'))).id, customer: { company: 'X' } } });
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customer' });
    });
  });

  describe('rewards', () => {
    const REWARDS = `query($id: ID!) { referral(id: $id) { rewards { stage status reversalReason } } }`;
    const ledger = (customerId: string) => server.ok(`query($c: ID!) { referralRewards(filter: { referrerCustomerId: $c }) { totalCount edges { node { stage amount status } } } }`, { c: customerId });

    it('should earn the retention stage once its period has passed', async () => {
      const a = await customer('Patient Referrer');
      const r = await ok(await refer({ customerId: a.id }, 'Loyal Customer'));
      await convert(r.id);
      await advance(89);
      expect((await ledger(a.id)).referralRewards.edges.map((e: any) => e.node.status).sort()).toEqual(['EARNED', 'PENDING']);
      await advance(2);
      expect((await ledger(a.id)).referralRewards.edges.map((e: any) => e.node.status)).toEqual(['EARNED', 'EARNED']);
    });

    it('should claw back and cancel when the new customer churns inside the retention period', async () => {
      const a = await customer('Unlucky Referrer');
      const r = await ok(await refer({ customerId: a.id }, 'Short Stay'));
      const converted = await convert(r.id);
      await advance(30);
      await server.ok(`mutation($id: ID!) { recordChurn(input: { customerId: $id, reason: "Price" }) { status } }`, { id: converted.convertedCustomer.id });
      const rewards = (await server.ok(REWARDS, { id: r.id })).referral.rewards;
      expect(rewards).toEqual([
        { stage: 'CONVERSION', status: 'CLAWED_BACK', reversalReason: 'The referred customer churned' },
        { stage: 'RETENTION', status: 'CANCELLED', reversalReason: 'The referred customer churned' },
      ]);
    });

    it('should claw back when a referred hire leaves inside the period, and not after it', async () => {
      const [referrer] = await createEmployees(server, ['Hire Referrer']);
      const quick = await ok(await refer({ employeeId: referrer! }, 'Quick Leaver', 'HIRE'));
      const stayer = await ok(await refer({ employeeId: referrer! }, 'Long Stayer', 'HIRE'));
      const quickHire = (await convert(quick.id)).convertedEmployee.id;
      const stayHire = (await convert(stayer.id)).convertedEmployee.id;
      await advance(100);
      await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR }) { id } }`, { id: quickHire });
      await advance(100);
      await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RETIRED }) { id } }`, { id: stayHire });
      expect((await server.ok(REWARDS, { id: quick.id })).referral.rewards.map((r: any) => r.status)).toEqual(['CLAWED_BACK', 'CANCELLED']);
      const kept = await server.ok(`query($e: ID!) { referralRewards(filter: { referrerEmployeeId: $e, status: [EARNED] }) { edges { node { stage amount } } } }`, { e: referrer });
      expect(kept.referralRewards.edges.map((e: any) => e.node.amount).sort((x: number, y: number) => x - y)).toEqual([500, 1000]);
    });
  });

  describe('chains and trees', () => {
    // Root customer A refers B and C; B converts and refers D and E; D converts and refers F (engaged).
    let ids: Record<string, string>;
    let customers: Record<string, { id: string }>;
    beforeAll(async () => {
      const a = await customer('Tree A');
      const toB = await ok(await refer({ customerId: a.id }, 'Tree B'));
      const toC = await ok(await refer({ customerId: a.id }, 'Tree C'));
      const b = (await convert(toB.id)).convertedCustomer;
      const toD = await ok(await refer({ customerId: b.id }, 'Tree D'));
      const toE = await ok(await refer({ customerId: b.id }, 'Tree E'));
      const d = (await convert(toD.id)).convertedCustomer;
      const toF = await ok(await refer({ customerId: d.id }, 'Tree F'));
      await server.ok(`mutation($id: ID!) { updateReferralStatus(input: { referralId: $id, status: ENGAGED }) { id } }`, { id: toF.id });
      await server.ok(`mutation($id: ID!) { updateReferralStatus(input: { referralId: $id, status: REJECTED }) { id } }`, { id: toC.id });
      ids = { B: toB.id, C: toC.id, D: toD.id, E: toE.id, F: toF.id };
      customers = { A: a, B: b, D: d };
    });

    it('should place each referral below the one its referrer came in through', async () => {
      const f = await server.ok(`query($id: ID!) { referral(id: $id) { generation parent { id } root { id } referrer { ... on Customer { id } } } }`, { id: ids.F });
      expect(f.referral).toEqual({ generation: 3, parent: { id: ids.D }, root: { id: ids.B }, referrer: { id: customers.D!.id } });
      const b = await server.ok(`query($id: ID!) { customer(id: $id) { referredBy { id } } }`, { id: customers.B!.id });
      expect(b.customer.referredBy).toEqual({ id: ids.B });
    });

    it('should list ancestors nearest first and descendants by generation', async () => {
      const up = await server.ok(`query($id: ID!) { referral(id: $id) { ancestors { totalCount edges { depth node { referredName } } } } }`, { id: ids.F });
      expect(up.referral.ancestors.totalCount).toBe(2);
      expect(up.referral.ancestors.edges.map((e: any) => [e.node.referredName, e.depth])).toEqual([['Tree D', 1], ['Tree B', 2]]);
      const down = await server.ok(`query($id: ID!) { referral(id: $id) { descendants(maxDepth: 5) { totalCount edges { depth node { referredName } } } } }`, { id: ids.B });
      expect(down.referral.descendants.edges.map((e: any) => [e.node.referredName, e.depth])).toEqual([['Tree D', 1], ['Tree E', 1], ['Tree F', 2]]);
      const person = await server.ok(`query($id: ID!) { customer(id: $id) { referralTree(maxDepth: 10) { totalCount edges { depth node { referredName } } } } }`, { id: customers.A!.id });
      expect(person.customer.referralTree.edges.map((e: any) => [e.node.referredName, e.depth])).toEqual([
        ['Tree B', 1], ['Tree C', 1], ['Tree D', 2], ['Tree E', 2], ['Tree F', 3],
      ]);
      const shallow = await server.ok(`query($id: ID!) { customer(id: $id) { referralTree(maxDepth: 2) { totalCount } } }`, { id: customers.A!.id });
      expect(shallow.customer.referralTree.totalCount).toBe(4);
    });

    it('should compute generation figures and K-factor as by hand', async () => {
      const stats = await server.ok(`query($id: ID!) { customer(id: $id) { referralStats { size depth converted generations { generation referrals engaged converted referrers conversionRate invitesPerReferrer kFactor } } } }`, { id: customers.A!.id });
      // Gen 1: A made 2 (B converted, C rejected) → i = 2/1, c = 1/2, K = 1.
      // Gen 2: B made 2 (D converted, E invited) → i = 2, c = 0.5, K = 1.
      // Gen 3: D made 1 (F engaged)             → i = 1, c = 0,   K = 0.
      expect(stats.customer.referralStats).toEqual({
        size: 5,
        depth: 3,
        converted: 2,
        generations: [
          { generation: 1, referrals: 2, engaged: 1, converted: 1, referrers: 1, conversionRate: 0.5, invitesPerReferrer: 2, kFactor: 1 },
          { generation: 2, referrals: 2, engaged: 1, converted: 1, referrers: 1, conversionRate: 0.5, invitesPerReferrer: 2, kFactor: 1 },
          { generation: 3, referrals: 1, engaged: 1, converted: 0, referrers: 1, conversionRate: 0, invitesPerReferrer: 1, kFactor: 0 },
        ],
      });
      // The whole tree of B's referral: B is its root (generation 1), D and E generation 2, F generation 3.
      const tree = await server.ok(`query($id: ID!) { referral(id: $id) { tree { size depth generations { generation referrals converted } } } }`, { id: ids.F });
      expect(tree.referral.tree).toEqual({
        size: 4,
        depth: 3,
        generations: [
          { generation: 1, referrals: 1, converted: 1 },
          { generation: 2, referrals: 2, converted: 1 },
          { generation: 3, referrals: 1, converted: 0 },
        ],
      });
    });

    it('should rank referrers and count what their referrals set off', async () => {
      const board = await server.ok(`{ referralLeaderboard(kind: CUSTOMER, first: 100) { rank referrals converted downstreamReferrals downstreamConverted referrer { ... on Customer { id } } } }`);
      const entryOf = (id: string) => board.referralLeaderboard.find((e: any) => e.referrer.id === id);
      expect(entryOf(customers.A!.id)).toMatchObject({ referrals: 2, converted: 1, downstreamReferrals: 5, downstreamConverted: 2 });
      expect(entryOf(customers.B!.id)).toMatchObject({ referrals: 2, converted: 1, downstreamReferrals: 3, downstreamConverted: 1 });
      const ranks = board.referralLeaderboard.map((e: any) => e.rank);
      expect(ranks).toEqual(ranks.map((_: number, i: number) => i + 1));
      const converted = board.referralLeaderboard.map((e: any) => e.converted);
      expect(converted).toEqual([...converted].sort((x: number, y: number) => y - x));
    });

    it('should count the funnel per stage', async () => {
      const all = await server.ok(`{ referrals(first: 100, filter: { kind: CUSTOMER }) { totalCount edges { node { status engagedAt } } } }`);
      const nodes = all.referrals.edges.map((e: any) => e.node);
      const funnel = (await server.ok(`{ referralFunnel(kind: CUSTOMER) { invited engaged converted rejected expired } }`)).referralFunnel;
      expect(funnel).toEqual({
        invited: all.referrals.totalCount,
        engaged: nodes.filter((n: any) => n.engagedAt).length,
        converted: nodes.filter((n: any) => n.status === 'CONVERTED').length,
        rejected: nodes.filter((n: any) => n.status === 'REJECTED').length,
        expired: nodes.filter((n: any) => n.status === 'EXPIRED').length,
      });
    });

    it('should filter the list by tree, status and flag', async () => {
      const tree = await server.ok(`query($r: ID!) { referrals(filter: { rootId: $r }) { edges { node { referredName } } } }`, { r: ids.B });
      expect(tree.referrals.edges.map((e: any) => e.node.referredName).sort()).toEqual(['Tree B', 'Tree D', 'Tree E', 'Tree F']);
      const rejected = await server.ok(`query($r: ID!) { referrals(filter: { status: [REJECTED], referrerCustomerId: $r }) { totalCount } }`, { r: customers.A!.id });
      expect(rejected.referrals.totalCount).toBe(1);
      const flagged = await server.ok(`{ referrals(first: 100, filter: { flagged: true }) { edges { node { flags } } } }`);
      expect(flagged.referrals.edges.every((e: any) => e.node.flags.length > 0)).toBe(true);
    });
  });

  it("should count the hire referrals of a leader's whole team", async () => {
    const [lead, mid, member, outsider] = await createEmployees(server, ['Trust Lead', 'Trust Mid', 'Trust Member', 'Trust Outsider']);
    await assign(server, mid!, lead!);
    await assign(server, member!, mid!);
    const r1 = await ok(await refer({ employeeId: member! }, 'Friend One', 'HIRE'));
    await ok(await refer({ employeeId: mid! }, 'Friend Two', 'HIRE'));
    await ok(await refer({ employeeId: outsider! }, 'Not Counted', 'HIRE'));
    await convert(r1.id);
    const stats = await server.ok(`query($id: ID!) { employee(id: $id) { teamHireReferrals { referrals converted referrers } } }`, { id: lead });
    expect(stats.employee.teamHireReferrals).toEqual({ referrals: 2, converted: 1, referrers: 2 });
  });

  it('should push new referrals and conversions live, filtered by tree', async () => {
    const a = await customer('Live Root');
    const first = await ok(await refer({ customerId: a.id }, 'Live Child'));
    const client = server.wsClient(server.adminToken);
    const sub = collect(client, `subscription($r: ID) { referralChanged(rootId: $r) { kind referral { referredName status } } }`, { r: first.id });
    await new Promise((r) => setTimeout(r, 100));
    const other = await customer('Other Root');
    await ok(await refer({ customerId: other.id }, 'Elsewhere'));
    const child = (await convert(first.id)).convertedCustomer;
    await ok(await refer({ customerId: child.id }, 'Live Grandchild'));
    const events = await sub.next(2);
    expect(events.map((e) => [e.data!.referralChanged.kind, e.data!.referralChanged.referral.referredName])).toEqual([
      ['CONVERTED', 'Live Child'],
      ['CREATED', 'Live Grandchild'],
    ]);
    await client.dispose();
  });
});
