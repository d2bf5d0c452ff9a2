import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { countStatements } from '../../test/sql-counter.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();

/** A bare graphql-transport-ws client that keeps every message's text, to compare bytes and close abruptly. */
async function rawSubscriber(server: TestServer, token: string, query: string, variables: Record<string, unknown> = {}) {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  const messages: string[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('{"type":"connection_ack"')) {
        socket.send(JSON.stringify({ id: 'op-1', type: 'subscribe', payload: { query, variables } }));
        resolve();
      } else messages.push(text);
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
  });
  return {
    socket,
    messages,
    async next(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} messages (got ${messages.length})`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return messages.slice(0, count);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 150)); // let the subscriptions register

/** The leadership events of one employee, with both names. */
const LEADERSHIP_OF_EMPLOYEE = `subscription($employeeId: ID) { leadershipChanged(employeeId: $employeeId) { kind relationship { member { name } leader { name } } } }`;

/** A change that publishes one `leadershipChanged` for the relationship per call: a new service agreement. */
function agreementChanges(server: TestServer, relationship: string, label: string) {
  let round = 0;
  return () =>
    server.ok(`mutation($r: ID!, $needs: String!) { updateServiceAgreement(input: { relationshipId: $r, serviceAgreement: { needs: $needs } }) { id } }`, {
      r: relationship,
      needs: `${label} ${++round}`,
    });
}

describe.each(kinds)('subscriptions as a broadcast on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  const WITH_AGREEMENT = `subscription($employeeId: ID) { leadershipChanged(employeeId: $employeeId) {
    kind relationship { member { name } serviceAgreement { needs } } } }`;

  it('should send the same bytes to every socket of one group, and each role and argument set its own answer', async () => {
    const [leader, member, other] = await createEmployees(server, ['Group Leader', 'Group Member', 'Group Other']);
    const analyst = await apiToken(server, 'ANALYST', 'Group analyst');
    const admins = await Promise.all([1, 2, 3].map(() => rawSubscriber(server, server.adminToken, WITH_AGREEMENT, { employeeId: member })));
    const analysts = await Promise.all([1, 2].map(() => rawSubscriber(server, analyst, WITH_AGREEMENT, { employeeId: member })));
    const elsewhere = await rawSubscriber(server, server.adminToken, WITH_AGREEMENT, { employeeId: other });
    await settle();
    await assign(server, member!, leader!, { serviceAgreement: { needs: 'Quiet mornings' } });

    const adminTexts = (await Promise.all(admins.map((s) => s.next(1)))).map(([text]) => text);
    expect(new Set(adminTexts).size).toBe(1);
    expect(JSON.parse(adminTexts[0]!)).toEqual({
      id: 'op-1',
      type: 'next',
      payload: { data: { leadershipChanged: { kind: 'ASSIGNED', relationship: { member: { name: 'Group Member' }, serviceAgreement: { needs: 'Quiet mornings' } } } } },
    });
    // The agreement is for admins only: the analysts' group answers without it, never with the admins' payload.
    const analystTexts = (await Promise.all(analysts.map((s) => s.next(1)))).map(([text]) => text);
    expect(new Set(analystTexts).size).toBe(1);
    const analystAnswer = JSON.parse(analystTexts[0]!);
    expect(analystAnswer.payload.data).toBeNull();
    expect(analystAnswer.payload.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(analystTexts[0]).not.toContain('Quiet mornings');
    // Another argument set is another group: this change is not about `other`.
    await settle();
    expect(elsewhere.messages).toEqual([]);
    for (const s of [...admins, ...analysts, elsewhere]) s.socket.close();
  });

  it('should execute an event once per group however many sockets are in it', async () => {
    const [leader, member] = await createEmployees(server, ['Once Leader', 'Once Member']);
    const QUERY = LEADERSHIP_OF_EMPLOYEE;
    const statementsFor = async (sockets: number, change: () => Promise<unknown>) => {
      const subscribers = await Promise.all(Array.from({ length: sockets }, () => rawSubscriber(server, server.adminToken, QUERY, { employeeId: member })));
      await settle();
      const { statements } = await countStatements(server.rapport, async () => {
        await change();
        await Promise.all(subscribers.map((s) => s.next(1)));
      });
      for (const s of subscribers) s.socket.close();
      await settle();
      return statements;
    };
    const change = agreementChanges(server, (await assign(server, member!, leader!)).data.assignLeader.id, 'round');
    const one = await statementsFor(1, change);
    const many = await statementsFor(25, change);
    // The same statements for 25 subscribers as for one: the mutation's own plus one execution.
    expect(one).toBeGreaterThan(0);
    expect(many).toBe(one);
  });

  it('should execute an answer that reads no viewer once per event for every role that receives it', async () => {
    const [leader, member] = await createEmployees(server, ['Blind Leader', 'Blind Member']);
    const analyst = await apiToken(server, 'ANALYST', 'Blind analyst');
    const QUERY = LEADERSHIP_OF_EMPLOYEE;
    const change = agreementChanges(server, (await assign(server, member!, leader!)).data.assignLeader.id, 'blind');
    const run = async (tokens: string[]) => {
      const subscribers = await Promise.all(tokens.map((token) => rawSubscriber(server, token, QUERY, { employeeId: member })));
      await settle();
      const { statements } = await countStatements(server.rapport, async () => {
        await change();
        await Promise.all(subscribers.map((s) => s.next(1)));
      });
      const texts = subscribers.map((s) => s.messages[0]);
      for (const s of subscribers) s.socket.close();
      await settle();
      return { statements, texts };
    };
    const adminsOnly = await run([server.adminToken, server.adminToken]);
    const both = await run([server.adminToken, analyst, server.adminToken, analyst]);
    expect(both.statements).toBe(adminsOnly.statements);
    expect(new Set(both.texts).size).toBe(1);
    expect(JSON.parse(both.texts[0]!).payload.data.leadershipChanged.relationship).toEqual({ member: { name: 'Blind Member' }, leader: { name: 'Blind Leader' } });
  });

  it('should execute an event once for sockets whose arguments only filter (leadershipChanged), each still getting only its own events', async () => {
    const [leader, member, other] = await createEmployees(server, ['Filter Share Leader', 'Filter Share Member', 'Filter Share Other']);
    const QUERY = `subscription($memberId: ID, $leaderId: ID, $employeeId: ID) { leadershipChanged(memberId: $memberId, leaderId: $leaderId, employeeId: $employeeId) { kind relationship { member { name } } } }`;
    const change = agreementChanges(server, (await assign(server, member!, leader!)).data.assignLeader.id, 'filter');
    const run = async (sets: Record<string, unknown>[]) => {
      const subscribers = await Promise.all(sets.map((variables) => rawSubscriber(server, server.adminToken, QUERY, variables)));
      const outsider = await rawSubscriber(server, server.adminToken, QUERY, { employeeId: other });
      await settle();
      const { statements } = await countStatements(server.rapport, async () => {
        await change();
        await Promise.all(subscribers.map((s) => s.next(1)));
      });
      await settle();
      expect(outsider.messages).toEqual([]);
      const texts = subscribers.map((s) => s.messages[0]);
      for (const s of [...subscribers, outsider]) s.socket.close();
      await settle();
      return { statements, texts };
    };
    const one = await run([{ employeeId: member }]);
    const four = await run([{ employeeId: member }, { memberId: member }, { leaderId: leader }, {}]);
    expect(four.statements).toBe(one.statements);
    expect(new Set(four.texts).size).toBe(1);
  });

  it('should execute per role a selection whose resolver reads the role, so an analyst never gets what only admins may do', async () => {
    const analyst = await apiToken(server, 'ANALYST', 'Statuses analyst');
    const QUERY = `subscription { complaintChanged { complaint { subject allowedNextStatuses } } }`;
    // Either role's group may execute first: subscribe them in both orders.
    const subscribers = [
      await rawSubscriber(server, analyst, QUERY),
      await rawSubscriber(server, server.adminToken, QUERY),
      await rawSubscriber(server, analyst, QUERY),
    ];
    await settle();
    const customerId = (await server.ok(`mutation { createCustomer(input: { name: "Role Read", email: "role.read@example.com", segment: "smb" }) { id } }`)).createCustomer.id;
    await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId, subject: 'Role read', description: 'It came late.', category: 'Delivery', severity: 'LOW', channel: 'EMAIL' },
    });
    const [analystText, adminText, secondAnalystText] = (await Promise.all(subscribers.map((s) => s.next(1)))).map(([text]) => JSON.parse(text!).payload.data.complaintChanged.complaint);
    expect(adminText.subject).toBe('Role read');
    expect(adminText.allowedNextStatuses.length).toBeGreaterThan(0);
    expect(analystText).toEqual({ subject: 'Role read', allowedNextStatuses: [] });
    expect(secondAnalystText).toEqual(analystText);
    for (const s of subscribers) s.socket.close();
  });

  it('should keep serving the other sockets of a group when some close in the middle of a fan-out', async () => {
    const [leader, member, next] = await createEmployees(server, ['Close Leader', 'Close Member', 'Close Next']);
    const QUERY = `subscription($employeeId: ID) { leadershipChanged(employeeId: $employeeId) { kind relationship { leader { name } } } }`;
    const subscribers = await Promise.all(Array.from({ length: 40 }, () => rawSubscriber(server, server.adminToken, QUERY, { employeeId: member })));
    await settle();
    const change = assign(server, member!, leader!);
    // Half go away abruptly while the change is being published and sent.
    for (const s of subscribers.slice(0, 20)) s.socket.terminate();
    await change;
    const staying = subscribers.slice(20);
    for (const s of staying) expect(JSON.parse((await s.next(1))[0]!).payload.data.leadershipChanged.kind).toBe('ASSIGNED');
    // The group goes on: the next change (an ENDED and an ASSIGNED) reaches every socket still open.
    await assign(server, member!, next!);
    for (const s of staying) expect((await s.next(3)).map((t) => JSON.parse(t).payload.data.leadershipChanged.kind)).toEqual(['ASSIGNED', 'ENDED', 'ASSIGNED']);
    for (const s of staying) s.socket.close();
  });

  it('should complete one operation on the client’s complete and go on sending to the others of its group', async () => {
    const [leader, member] = await createEmployees(server, ['Complete Leader', 'Complete Member']);
    const QUERY = `subscription($employeeId: ID) { leadershipChanged(employeeId: $employeeId) { kind } }`;
    const leaving = await rawSubscriber(server, server.adminToken, QUERY, { employeeId: member });
    const staying = await rawSubscriber(server, server.adminToken, QUERY, { employeeId: member });
    await settle();
    leaving.socket.send(JSON.stringify({ id: 'op-1', type: 'complete' }));
    await settle();
    await assign(server, member!, leader!);
    expect(await staying.next(1)).toEqual([JSON.stringify({ id: 'op-1', type: 'next', payload: { data: { leadershipChanged: { kind: 'ASSIGNED' } } } })]);
    await settle();
    expect(leaving.messages).toEqual([]);
    leaving.socket.close();
    staying.socket.close();
  });

  it('should give a board monitor that joins later a snapshot of its own at once, then share the next one', async () => {
    const BOARD = `subscription { complaintBoardChanged { byStatus { key count } } }`;
    const monitor = await apiToken(server, 'MONITOR', 'Board fan-out');
    const first = collect(server.wsClient(monitor), BOARD);
    const [initial] = await first.next(1);
    const second = collect(server.wsClient(monitor), BOARD);
    const [joined] = await second.next(1);
    expect(joined).toEqual(initial);
    const customerId = (await server.ok(`mutation { createCustomer(input: { name: "Fan Out", email: "fan.out@example.com", segment: "smb" }) { id } }`)).createCustomer.id;
    await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId, subject: 'Late', description: 'It came late.', category: 'Delivery', severity: 'LOW', channel: 'EMAIL' },
    });
    const newCount = (board: any) => board.data.complaintBoardChanged.byStatus.find((s: any) => s.key === 'NEW').count;
    const [, afterFirst] = await first.next(2);
    const [, afterSecond] = await second.next(2);
    expect(newCount(afterFirst)).toBe(newCount(initial) + 1);
    expect(afterSecond).toEqual(afterFirst);
  });

  it('should refuse a role that may not subscribe with FORBIDDEN, without disturbing the group of those who may', async () => {
    const [leader, member] = await createEmployees(server, ['Refused Leader', 'Refused Member']);
    const monitor = await apiToken(server, 'MONITOR', 'Refused monitor');
    const QUERY = `subscription { leadershipChanged { kind relationship { member { name } } } }`;
    const refused = collect(server.wsClient(monitor), QUERY);
    const admin = collect(server.wsClient(server.adminToken), QUERY);
    const [answer] = await refused.next(1);
    expect(answer!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await settle();
    await assign(server, member!, leader!);
    const [event] = await admin.next(1);
    expect(event!.data!.leadershipChanged.relationship.member.name).toBe('Refused Member');
  });
});
