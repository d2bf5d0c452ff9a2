import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('live updates on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  const LEADERSHIP = `subscription($employeeId: ID) { leadershipChanged(employeeId: $employeeId) {
    kind at relationship { active endReason leader { name } member { name leader { name } } } } }`;

  it('should push the end of the old relationship and the start of the new one to every subscribed admin', async () => {
    const [oldLeader, newLeader, member] = await createEmployees(server, ['Old Live Leader', 'New Live Leader', 'Live Member']);
    await assign(server, member!, oldLeader!);
    const first = server.wsClient(server.adminToken);
    const second = server.wsClient(await apiToken(server, 'ANALYST'));
    const a = collect(first, LEADERSHIP, { employeeId: member });
    const b = collect(second, LEADERSHIP, {});
    await new Promise((r) => setTimeout(r, 100)); // let both subscriptions register
    await assign(server, member!, newLeader!);

    const events = await a.next(2);
    expect(events.map((e) => e.data!.leadershipChanged.kind)).toEqual(['ENDED', 'ASSIGNED']);
    expect(events[0]!.data!.leadershipChanged.relationship).toMatchObject({ active: false, endReason: 'REASSIGNED', leader: { name: 'Old Live Leader' } });
    // Resolved after commit: the member already shows the new leader.
    expect(events[1]!.data!.leadershipChanged.relationship).toMatchObject({
      active: true,
      leader: { name: 'New Live Leader' },
      member: { name: 'Live Member', leader: { name: 'New Live Leader' } },
    });
    expect((await b.next(2)).map((e) => e.data!.leadershipChanged.kind)).toEqual(['ENDED', 'ASSIGNED']);
    await Promise.all([first.dispose(), second.dispose()]);
  });

  it('should filter by employee and push nothing for a failed mutation', async () => {
    const [leader, member, other] = await createEmployees(server, ['Filter Leader', 'Filter Member', 'Filter Other']);
    const client = server.wsClient(server.adminToken);
    const sub = collect(client, LEADERSHIP, { employeeId: member });
    await new Promise((r) => setTimeout(r, 100));
    await assign(server, other!, leader!); // not about `member`
    expect((await assign(server, member!, member!)).errors?.[0]?.extensions?.code).toBe('SELF_LEADERSHIP');
    await assign(server, member!, leader!);
    const [event] = await sub.next(1);
    expect(event!.data!.leadershipChanged.relationship.member.name).toBe('Filter Member');
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.results).toHaveLength(1);
    await client.dispose();
  });

  it('should push created, updated and exited employees', async () => {
    const client = server.wsClient(server.adminToken);
    const sub = collect(client, `subscription { employeeChanged { kind employee { name status } } }`);
    await new Promise((r) => setTimeout(r, 100));
    const [id] = await createEmployees(server, ['Pushed Person']);
    await server.ok(`mutation($id: ID!) { updateEmployee(input: { id: $id, title: "Engineer" }) { id } }`, { id });
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RETIRED }) { id } }`, { id });
    const events = await sub.next(3);
    expect(events.map((e) => [e.data!.employeeChanged.kind, e.data!.employeeChanged.employee.status])).toEqual([
      ['CREATED', 'ACTIVE'],
      ['UPDATED', 'ACTIVE'],
      ['EXITED', 'EXITED'],
    ]);
    await client.dispose();
  });
});
