import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('leadership relationships on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  const employeeView = `query($id: ID!) { employee(id: $id) {
    leader { id } leaderChain { id } reports { totalCount edges { node { id } } }
    leadershipHistory { leader { id } endedAt endReason }
    currentRelationship { serviceAgreement { strengths needs goals preferredStyle } }
  } }`;

  it('should assign a leader and show it from both sides', async () => {
    const [ceo, lead, member] = await createEmployees(server, ['Cleo CEO', 'Lars Lead', 'Mia Member']);
    expect((await assign(server, lead!, ceo!)).errors).toBeUndefined();
    const res = await assign(server, member!, lead!);
    expect(res.data.assignLeader).toMatchObject({ leader: { id: lead }, member: { id: member }, endedAt: null });

    const view = await server.ok(employeeView, { id: member });
    expect(view.employee.leader).toEqual({ id: lead });
    expect(view.employee.leaderChain).toEqual([{ id: lead }, { id: ceo }]);
    const leadView = await server.ok(employeeView, { id: lead });
    expect(leadView.employee.reports).toEqual({ totalCount: 1, edges: [{ node: { id: member } }] });
  });

  it('should end the current relationship and keep the history when the leader changes', async () => {
    const [first, second, member] = await createEmployees(server, ['First Leader', 'Second Leader', 'Moved Member']);
    await assign(server, member!, first!, {
      startedAt: '2021-01-01T00:00:00.000Z',
      serviceAgreement: { strengths: ['SQL', ' SQL ', 'mentoring'], needs: 'Quiet time', preferredStyle: 'Autonomy' },
    });
    const res = await assign(server, member!, second!, { startedAt: '2022-06-01T00:00:00.000Z' });
    expect(res.errors).toBeUndefined();

    const view = await server.ok(employeeView, { id: member });
    expect(view.employee.leader).toEqual({ id: second });
    expect(view.employee.leadershipHistory).toEqual([
      { leader: { id: second }, endedAt: null, endReason: null },
      { leader: { id: first }, endedAt: '2022-06-01T00:00:00.000Z', endReason: 'REASSIGNED' },
    ]);
    // The agreement travels with the member (tags trimmed and de-duplicated).
    expect(view.employee.currentRelationship.serviceAgreement).toEqual({
      strengths: ['SQL', 'mentoring'],
      needs: 'Quiet time',
      goals: null,
      preferredStyle: 'Autonomy',
    });
    const firstView = await server.ok(employeeView, { id: first });
    expect(firstView.employee.reports.totalCount).toBe(0);
  });

  it('should refuse a person leading themselves', async () => {
    const [solo] = await createEmployees(server, ['Solo Self']);
    const res = await assign(server, solo!, solo!);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SELF_LEADERSHIP', field: 'leaderId' });
  });

  it('should refuse a cycle at any depth', async () => {
    const [a, b, c, d] = await createEmployees(server, ['Cyc A', 'Cyc B', 'Cyc C', 'Cyc D']);
    await assign(server, b!, a!);
    await assign(server, c!, b!);
    await assign(server, d!, c!);
    const direct = await assign(server, a!, b!);
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'LEADER_CYCLE', field: 'leaderId' });
    const deep = await assign(server, a!, d!);
    expect(deep.errors?.[0]?.extensions?.code).toBe('LEADER_CYCLE');
    expect(deep.errors?.[0]?.extensions?.chain).toEqual([d, c, b, a]);
    const view = await server.ok(employeeView, { id: a });
    expect(view.employee.leader).toBeNull();
  });

  it('should refuse a leader or member who has exited', async () => {
    const [gone, member, leader, leaver] = await createEmployees(server, ['Gone Leader', 'Waiting Member', 'Fine Leader', 'Left Member']);
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR, regretted: true }) { id } }`, { id: gone });
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RESIGNED }) { id } }`, { id: leaver });
    expect((await assign(server, member!, gone!)).errors?.[0]?.extensions).toMatchObject({ code: 'LEADER_EXITED', field: 'leaderId' });
    expect((await assign(server, leaver!, leader!)).errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_EXITED', field: 'memberId' });
  });

  it('should refuse assigning the same leader twice and a start that overlaps the current relationship', async () => {
    const [leader, other, member] = await createEmployees(server, ['Same Leader', 'Other Leader', 'Overlap Member']);
    await assign(server, member!, leader!, { startedAt: '2023-03-01T00:00:00.000Z' });
    expect((await assign(server, member!, leader!)).errors?.[0]?.extensions?.code).toBe('LEADER_UNCHANGED');
    const early = await assign(server, member!, other!, { startedAt: '2023-01-01T00:00:00.000Z' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'OVERLAPPING_RELATIONSHIP', field: 'startedAt' });
    const view = await server.ok(employeeView, { id: member });
    expect(view.employee.leadershipHistory).toHaveLength(1);
  });

  it('should let exactly one of two concurrent opposite assignments win (no cycle under concurrency)', async () => {
    const [x, y] = await createEmployees(server, ['Race X', 'Race Y']);
    const results = await Promise.all([assign(server, x!, y!), assign(server, y!, x!)]);
    const failures = results.filter((r) => r.errors);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.errors![0]!.extensions!.code).toBe('LEADER_CYCLE');
  });

  it('should end relationships on both sides when someone exits', async () => {
    const [boss, leaver, report] = await createEmployees(server, ['Exit Boss', 'Exit Leaver', 'Exit Report']);
    await assign(server, leaver!, boss!);
    await assign(server, report!, leaver!);
    const exit = await server.ok(
      `mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR, regretted: true, exitedAt: "2024-05-31T00:00:00.000Z" }) { status exitReason exitRegretted exitedAt } }`,
      { id: leaver },
    );
    expect(exit.recordExit).toEqual({ status: 'EXITED', exitReason: 'LEFT_FOR_COMPETITOR', exitRegretted: true, exitedAt: '2024-05-31T00:00:00.000Z' });
    const reportView = await server.ok(employeeView, { id: report });
    expect(reportView.employee.leader).toBeNull();
    expect(reportView.employee.leadershipHistory[0]).toMatchObject({ endReason: 'LEADER_EXITED' });
    const leaverView = await server.ok(employeeView, { id: leaver });
    expect(leaverView.employee.leadershipHistory[0]).toMatchObject({ endReason: 'MEMBER_EXITED' });
    const again = await server.gql(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: OTHER }) { id } }`, { id: leaver });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_EXITED');
  });

  it('should list everyone below a leader to a depth, breadth first, with their depth', async () => {
    const [top, m1, m2, m11, m111] = await createEmployees(server, ['Tree Top', 'Tree B', 'Tree A', 'Tree C', 'Tree D']);
    await assign(server, m1!, top!);
    await assign(server, m2!, top!);
    await assign(server, m11!, m1!);
    await assign(server, m111!, m11!);
    const query = `query($id: ID!, $depth: Int!, $first: Int, $after: String) { employee(id: $id) {
      allReports(maxDepth: $depth, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { depth leaderId node { name } } } } }`;
    const all = await server.ok(query, { id: top, depth: 10 });
    expect(all.employee.allReports.totalCount).toBe(4);
    expect(all.employee.allReports.edges.map((e: any) => [e.node.name, e.depth])).toEqual([
      ['Tree A', 1],
      ['Tree B', 1],
      ['Tree C', 2],
      ['Tree D', 3],
    ]);
    expect(all.employee.allReports.edges[2].leaderId).toBe(m1);
    const two = await server.ok(query, { id: top, depth: 2 });
    expect(two.employee.allReports.totalCount).toBe(3);
    const page1 = await server.ok(query, { id: top, depth: 10, first: 3 });
    expect(page1.employee.allReports.pageInfo.hasNextPage).toBe(true);
    const page2 = await server.ok(query, { id: top, depth: 10, first: 3, after: page1.employee.allReports.pageInfo.endCursor });
    expect(page2.employee.allReports.edges.map((e: any) => e.node.name)).toEqual(['Tree D']);
    const tooDeep = await server.gql(query, { id: top, depth: 51 });
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxDepth' });
  });

  it('should roll back a failed mutation completely', async () => {
    const [gone] = await createEmployees(server, ['Rollback Gone Leader']);
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RETIRED }) { id } }`, { id: gone });
    const res = await server.gql(`mutation($l: ID!) { createEmployee(input: { name: "Never Stored", email: "never.stored@example.com", leaderId: $l }) { id } }`, { l: gone });
    expect(res.errors?.[0]?.extensions?.code).toBe('LEADER_EXITED');
    const search = await server.ok(`{ employees(filter: { search: "never.stored" }) { totalCount } }`);
    expect(search.employees.totalCount).toBe(0);
  });

  it('should update the service agreement of an active relationship only, and show it to admins only', async () => {
    const [leader, member, next] = await createEmployees(server, ['Agreement Leader', 'Agreement Member', 'Agreement Next']);
    const rel = (await assign(server, member!, leader!)).data.assignLeader.id;
    const update = await server.ok(
      `mutation($id: ID!) { updateServiceAgreement(input: { relationshipId: $id, serviceAgreement: { strengths: ["writing"], goals: "Lead a project" } }) { serviceAgreement { strengths goals needs } } }`,
      { id: rel },
    );
    expect(update.updateServiceAgreement.serviceAgreement).toEqual({ strengths: ['writing'], goals: 'Lead a project', needs: null });
    const tooLong = await server.gql(
      `mutation($id: ID!, $g: String) { updateServiceAgreement(input: { relationshipId: $id, serviceAgreement: { goals: $g } }) { id } }`,
      { id: rel, g: 'x'.repeat(2001) },
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serviceAgreement.goals' });

    const analyst = await apiToken(server, 'ANALYST');
    const asAnalyst = await server.gql(`query($id: ID!) { leadershipRelationship(id: $id) { id serviceAgreement { goals } } }`, { id: rel }, { token: analyst });
    expect(asAnalyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await assign(server, member!, next!);
    const ended = await server.gql(`mutation($id: ID!) { updateServiceAgreement(input: { relationshipId: $id, serviceAgreement: { goals: "x" } }) { id } }`, { id: rel });
    expect(ended.errors?.[0]?.extensions?.code).toBe('RELATIONSHIP_ENDED');
  });

  it('should end a relationship without a successor', async () => {
    const [leader, member] = await createEmployees(server, ['Ending Leader', 'Ending Member']);
    const rel = (await assign(server, member!, leader!, { startedAt: '2024-01-01T00:00:00.000Z' })).data.assignLeader.id;
    const early = await server.gql(`mutation($id: ID!) { endLeadership(input: { relationshipId: $id, endedAt: "2023-01-01T00:00:00.000Z" }) { id } }`, { id: rel });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endedAt' });
    const ended = await server.ok(`mutation($id: ID!) { endLeadership(input: { relationshipId: $id }) { active endReason } }`, { id: rel });
    expect(ended.endLeadership).toEqual({ active: false, endReason: 'ENDED' });
    const view = await server.ok(employeeView, { id: member });
    expect(view.employee.leader).toBeNull();
  });

  it('should keep check-ins and agreement versions, readable by admins only', async () => {
    const [leader, member] = await createEmployees(server, ['Check Leader', 'Check Member']);
    const rel = (await assign(server, member!, leader!, { startedAt: '2024-01-01T00:00:00.000Z', serviceAgreement: { goals: 'First goal' } })).data.assignLeader.id;
    const checkIn = await server.ok(
      `mutation($id: ID!) { recordCheckIn(input: { relationshipId: $id, heldOn: "2024-02-01T00:00:00.000Z", notes: "Went well", actions: [" Pair on SQL ", ""] }) { heldOn notes actions recordedBy } }`,
      { id: rel },
    );
    expect(checkIn.recordCheckIn).toEqual({ heldOn: '2024-02-01T00:00:00.000Z', notes: 'Went well', actions: ['Pair on SQL'], recordedBy: 'admin@test.local' });
    await server.ok(`mutation($id: ID!) { updateServiceAgreement(input: { relationshipId: $id, serviceAgreement: { goals: "Second goal" } }) { id } }`, { id: rel });
    const view = await server.ok(`query($id: ID!) { leadershipRelationship(id: $id) { serviceAgreement { goals } agreementHistory { goals replacedBy } checkIns { notes } } }`, { id: rel });
    expect(view.leadershipRelationship).toEqual({
      serviceAgreement: { goals: 'Second goal' },
      agreementHistory: [{ goals: 'First goal', replacedBy: 'admin@test.local' }],
      checkIns: [{ notes: 'Went well' }],
    });
    const early = await server.gql(`mutation($id: ID!) { recordCheckIn(input: { relationshipId: $id, heldOn: "2023-01-01T00:00:00.000Z", notes: "Too early" }) { id } }`, { id: rel });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    for (const role of ['ANALYST', 'MONITOR'] as const) {
      const token = await apiToken(server, role, `${role} check-ins`);
      const res = await server.gql(`query($id: ID!) { leadershipRelationship(id: $id) { checkIns { notes } } }`, { id: rel }, { token });
      expect(res.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data ?? {})).not.toContain('Went well');
    }
  });
});
