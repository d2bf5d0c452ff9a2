import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';
import { checkSlaBreaches } from './complaint.service.js';

const kinds = await testDatabaseKinds();
const MINUTE = 60_000;
const STATUSES = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
type Status = (typeof STATUSES)[number];
/** The documented machine: IN_PROGRESS from RESOLVED or CLOSED is a reopen. */
const ALLOWED: Record<Status, Status[]> = {
  NEW: ['ACKNOWLEDGED'],
  ACKNOWLEDGED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: ['IN_PROGRESS'],
};
const PATH: Status[] = ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];

describe.each(kinds)('complaints on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-03-02T08:00:00.000Z');
  let customerId: string;
  async function advance(ms: number) {
    clock = new Date(clock.getTime() + ms);
    await server.relogin();
  }
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock, env: { RAPPORT_PUBLIC_COMPLAINTS: '3' } });
    customerId = (await server.ok(`mutation { createCustomer(input: { name: "Carla Complainer", email: "carla@example.com", segment: "smb" }) { id } }`)).createCustomer.id;
  });
  afterAll(() => server?.stop());

  const VIEW = `query($id: ID!) { complaint(id: $id) { number status reopenCount resolution waitingOnCustomer toBeToldSince complainantToldAt
    escalatedTo { id } sla { state firstResponseDueAt firstResponseAt firstResponseBreached resolutionDueAt resolutionBreached remainingSeconds nextDueAt atRiskAt }
    timeline { kind body fromValue toValue actor actorName } } }`;
  const view = async (id: string, token?: string) => (await server.ok(VIEW, { id }, token)).complaint;

  async function create(severity = 'HIGH', extra: Record<string, unknown> = {}): Promise<string> {
    const data = await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId, subject: 'Invoice charged twice', description: 'I was billed twice in March.', category: 'Billing', severity, channel: 'EMAIL', ...extra },
    });
    return data.createComplaint.id;
  }
  const move = (id: string, status: string, extra: Record<string, unknown> = {}) =>
    server.gql(`mutation($i: ChangeComplaintStatusInput!) { changeComplaintStatus(input: $i) { status } }`, { i: { complaintId: id, status, ...extra } });
  async function complaintIn(status: Status): Promise<string> {
    const id = await create();
    for (const step of PATH.slice(0, PATH.indexOf(status as never) + 1)) {
      const res = await move(id, step, step === 'RESOLVED' ? { resolution: 'Refunded the second charge' } : {});
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    return id;
  }

  it('should allow exactly the documented transitions and name the allowed ones when refusing', async () => {
    const matrix: string[] = [];
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const id = await complaintIn(from);
        const res = await move(id, to, to === 'RESOLVED' ? { resolution: 'Done' } : {});
        const allowed = ALLOWED[from].includes(to);
        matrix.push(`${from}→${to}:${allowed ? 'ok' : 'refused'}`);
        if (allowed) {
          expect(res.errors, `${from} → ${to}`).toBeUndefined();
          expect(res.data.changeComplaintStatus.status).toBe(to);
        } else {
          expect(res.errors?.[0]?.extensions, `${from} → ${to}`).toMatchObject({ code: 'INVALID_TRANSITION', field: 'status', allowed: ALLOWED[from] });
        }
      }
    }
    expect(matrix.filter((m) => m.endsWith(':ok'))).toHaveLength(6);
  });

  it('should tell an admin exactly the statuses the mutation accepts next, and an analyst none', async () => {
    const analyst = await apiToken(server, 'ANALYST');
    const allowedNext = async (id: string, token?: string) =>
      (await server.ok(`query($id: ID!) { complaint(id: $id) { allowedNextStatuses } }`, { id }, token)).complaint.allowedNextStatuses;
    for (const from of STATUSES) {
      const id = await complaintIn(from);
      expect(await allowedNext(id), from).toEqual(ALLOWED[from]);
      expect(await allowedNext(id, analyst), from).toEqual([]);
    }
  });

  it('should require a resolution, record every change in the timeline and count reopens', async () => {
    const id = await complaintIn('IN_PROGRESS');
    expect((await move(id, 'RESOLVED')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolution' });
    await move(id, 'RESOLVED', { resolution: 'Refunded', rootCause: 'Billing system' });
    await move(id, 'IN_PROGRESS');
    const c = await view(id);
    expect(c).toMatchObject({ status: 'IN_PROGRESS', reopenCount: 1 });
    expect(c.timeline.filter((e: any) => e.kind === 'STATUS_CHANGED').map((e: any) => `${e.fromValue}→${e.toValue}`)).toEqual([
      'NEW→ACKNOWLEDGED',
      'ACKNOWLEDGED→IN_PROGRESS',
      'IN_PROGRESS→RESOLVED',
      'RESOLVED→IN_PROGRESS',
    ]);
    expect(c.timeline.at(-1)).toMatchObject({ body: 'Reopened', actor: 'admin@test.local', actorName: 'admin@test.local' });
  });

  it('should say until when a complaint can be reopened, and refuse a reopen after that', async () => {
    const id = await complaintIn('CLOSED');
    const reopenUntil = async () => (await server.ok(`query($id: ID!) { complaint(id: $id) { reopenUntil } }`, { id })).complaint.reopenUntil;
    // 14 days (the default window) from closing.
    expect(await reopenUntil()).toBe(new Date(clock.getTime() + 14 * 24 * 60 * MINUTE).toISOString());
    const open = await create();
    expect((await server.ok(`query($id: ID!) { complaint(id: $id) { reopenUntil } }`, { id: open })).complaint.reopenUntil).toBeNull();
    const allowedNext = async () => (await server.ok(`query($id: ID!) { complaint(id: $id) { allowedNextStatuses } }`, { id })).complaint.allowedNextStatuses;
    await advance(14 * 24 * 60 * MINUTE);
    // At the deadline it still can be; a minute later it cannot, and the server stops offering it.
    expect(new Date(await reopenUntil()).getTime()).toBe(clock.getTime());
    expect(await allowedNext()).toEqual(['IN_PROGRESS']);
    await advance(MINUTE);
    expect(await allowedNext()).toEqual([]);
    expect((await move(id, 'IN_PROGRESS')).errors?.[0]?.extensions).toMatchObject({ code: 'REOPEN_WINDOW_PASSED' });
  });

  it('should run the first-response clock until the first staff reply, not an internal note', async () => {
    const id = await create('HIGH'); // 60 min first response, 24 h resolution
    const createdAt = clock.getTime();
    await advance(30 * MINUTE);
    // At risk in the last quarter of the window: 45 min into the 60 min first-response window.
    expect((await view(id)).sla).toMatchObject({ state: 'ON_TRACK', remainingSeconds: 1800, firstResponseBreached: false, atRiskAt: new Date(createdAt + 45 * MINUTE).toISOString() });
    await advance(15 * MINUTE - 1);
    expect((await view(id)).sla.state).toBe('ON_TRACK');
    await advance(1);
    expect((await view(id)).sla.state).toBe('AT_RISK');
    await advance(5 * MINUTE);
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: INTERNAL_NOTE, body: "Check the billing run" }) { id } }`, { id });
    expect((await view(id)).sla).toMatchObject({ state: 'AT_RISK', remainingSeconds: 600, firstResponseAt: null });
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: STAFF_MESSAGE, body: "We are on it." }) { id } }`, { id });
    const sla = (await view(id)).sla;
    expect(sla.firstResponseAt).toBe(clock.toISOString());
    expect(sla.firstResponseBreached).toBe(false);
    expect(sla.nextDueAt).toBe(sla.resolutionDueAt);
    // Now the resolution window runs: at risk 18 h into its 24 h.
    expect(sla.atRiskAt).toBe(new Date(createdAt + 18 * 60 * MINUTE).toISOString());
  });

  it('should pause the resolution clock while waiting on the customer and move the due time by the pause', async () => {
    const id = await complaintIn('IN_PROGRESS');
    const due = new Date((await view(id)).sla.resolutionDueAt).getTime();
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: STAFF_MESSAGE, body: "Can you send the invoice?" }) { id } }`, { id });
    await server.ok(`mutation($id: ID!) { setWaitingOnCustomer(complaintId: $id, waiting: true) { waitingOnCustomer } }`, { id });
    await advance(10 * 60 * MINUTE);
    const paused = (await view(id)).sla;
    expect(paused.state).toBe('PAUSED');
    expect(paused.remainingSeconds).toBeNull();
    expect(new Date(paused.resolutionDueAt).getTime()).toBe(due + 10 * 60 * MINUTE);
    // The customer's answer ends the pause by itself.
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: CUSTOMER_MESSAGE, body: "Attached." }) { id } }`, { id });
    const resumed = await view(id);
    expect(resumed.waitingOnCustomer).toBe(false);
    expect(new Date(resumed.sla.resolutionDueAt).getTime()).toBe(due + 10 * 60 * MINUTE);
    expect(resumed.timeline.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['PAUSED', 'RESUMED']));
  });

  it('should record each breach once as an event and escalate to the assignee\'s leader', async () => {
    const [lead, agent] = await createEmployees(server, ['Escalation Lead', 'Support Agent']);
    await assign(server, agent!, lead!);
    const id = await create('CRITICAL', { assigneeId: agent }); // 15 min first response, 4 h resolution
    const client = server.wsClient(server.adminToken);
    const sub = collect(client, `subscription($id: ID) { complaintChanged(complaintId: $id) { kind } }`, { id });
    await new Promise((r) => setTimeout(r, 100));
    await advance(16 * MINUTE);
    expect((await view(id)).sla).toMatchObject({ state: 'BREACHED', firstResponseBreached: true });
    expect(await checkSlaBreaches(server.rapport.deps)).toBeGreaterThanOrEqual(1);
    expect(await checkSlaBreaches(server.rapport.deps)).toBe(0);
    const c = await view(id);
    expect(c.escalatedTo).toEqual({ id: lead });
    expect(c.timeline.filter((e: any) => e.kind === 'SLA_BREACHED').map((e: any) => e.toValue)).toEqual(['FIRST_RESPONSE']);
    expect(c.timeline.find((e: any) => e.kind === 'ESCALATED')).toMatchObject({ toValue: 'Escalation Lead', actor: 'system' });
    expect((await sub.next(2)).map((e) => e.data!.complaintChanged.kind)).toEqual(['SLA_BREACHED', 'ESCALATED']);
    // Both hear of it by email (waiting in the outbox: this server has no SMTP_URL).
    const alerts = async (employeeId: string) =>
      (await server.ok(`query($e: ID!) { outboxMessages(filter: { employeeId: $e }) { edges { node { template status eventCount preview { subject text } } } } }`, { e: employeeId })).outboxMessages.edges.map(
        (e: any) => e.node,
      );
    for (const person of [agent!, lead!]) {
      expect(await alerts(person)).toMatchObject([{ template: 'SLA_BREACH', status: 'PENDING', eventCount: 1, preview: { subject: expect.stringMatching(/^SLA verletzt: /) } }]);
    }
    await advance(4 * 60 * MINUTE);
    await checkSlaBreaches(server.rapport.deps);
    expect((await view(id)).timeline.filter((e: any) => e.kind === 'SLA_BREACHED').map((e: any) => e.toValue)).toEqual(['FIRST_RESPONSE', 'RESOLUTION']);
    // The second breach joins the unsent alert instead of making a second message.
    const [coalesced] = await alerts(agent!);
    expect(coalesced).toMatchObject({ eventCount: 2, preview: { subject: '2 SLA-Verletzungen' } });
    expect(coalesced.preview.text).toMatch(/erste Antwort überfällig[\s\S]*Lösung überfällig/);
    await client.dispose();
  });

  it('should keep internal notes from analysts and monitors', async () => {
    const id = await create('LOW');
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: INTERNAL_NOTE, body: "Customer is a known escalator" }) { id } }`, { id });
    const analyst = await apiToken(server, 'ANALYST');
    const monitor = await apiToken(server, 'MONITOR');
    expect((await view(id)).timeline.some((e: any) => e.kind === 'INTERNAL_NOTE')).toBe(true);
    const asAnalyst = await view(id, analyst);
    expect(asAnalyst.timeline.some((e: any) => e.kind === 'INTERNAL_NOTE' || /escalator/.test(e.body ?? ''))).toBe(false);
    const asMonitor = await server.gql(VIEW, { id }, { token: monitor });
    expect(asMonitor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const board = await server.gql(`{ complaintBoard { open { id customer subject } } }`, {}, { token: monitor });
    expect(board.errors).toBeUndefined();
    expect(JSON.stringify(board.data)).not.toMatch(/escalator|Carla Complainer/);
    expect(board.data.complaintBoard.open.find((o: any) => o.id === id).customer).toBe('C. C.');
    // Live: an analyst's thread subscription never hears of a note.
    const client = server.wsClient(analyst);
    const sub = collect(client, `subscription($id: ID) { complaintChanged(complaintId: $id) { kind } }`, { id });
    await new Promise((r) => setTimeout(r, 100));
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: INTERNAL_NOTE, body: "Second note" }) { id } }`, { id });
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: STAFF_MESSAGE, body: "Hello" }) { id } }`, { id });
    expect((await sub.next(1)).map((e) => e.data!.complaintChanged.kind)).toEqual(['STAFF_MESSAGE']);
    await new Promise((r) => setTimeout(r, 150));
    expect(sub.results).toHaveLength(1);
    await client.dispose();
  });

  it('should create one complaint for concurrent submits with one idempotency key, and rate-limit new ones', async () => {
    const submit = (key: string, email = 'walk.in@example.com') =>
      server.gql(`mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { number receivedAt } }`, {
        i: { name: 'Walk In', email, subject: 'Broken delivery', description: 'The parcel arrived damaged.', idempotencyKey: key },
      }, { token: null });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => submit('double-click-key-1')));
    const numbers = new Set(results.map((r) => r.data?.submitComplaint?.number));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(numbers.size).toBe(1);
    const customer = await server.ok(`{ customers(filter: { search: "walk.in@example.com" }) { edges { node { id } } } }`);
    const mine = await server.ok(`query($c: ID!) { complaints(filter: { customerId: $c }) { totalCount edges { node { channel severity status } } } }`, { c: customer.customers.edges[0].node.id });
    expect(mine.complaints.totalCount).toBe(1);
    expect(mine.complaints.edges[0].node).toEqual({ channel: 'WEB', severity: 'MEDIUM', status: 'NEW' });
    // Budget of 3 per address: key 1 used one; two more pass, the fourth new one is refused; replays still answer.
    expect((await submit('second-key-123')).errors).toBeUndefined();
    expect((await submit('third-key-1234')).errors).toBeUndefined();
    expect((await submit('fourth-key-123')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await submit('double-click-key-1')).data.submitComplaint.number).toBe([...numbers][0]);
    const invalid = await server.gql(`mutation { submitComplaint(input: { name: "X", email: "not-an-email", subject: "S", description: "D", idempotencyKey: "k" }) { number } }`, {}, { token: null });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should tell every linked complainant (by email) when the improvement ships, and leave to be told whom nobody can be written to', async () => {
    const a = await create('MEDIUM');
    const b = await create('LOW');
    const imp = (await server.ok(`mutation { createImprovement(input: { title: "Deduplicate invoice runs" }) { id status } }`)).createImprovement;
    for (const id of [a, b]) await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: id, i: imp.id });
    expect((await view(a)).toBeToldSince).toBeNull();
    await server.ok(`mutation($i: ID!) { setImprovementStatus(improvementId: $i, status: SHIPPED) { status shippedAt } }`, { i: imp.id });
    for (const id of [a, b]) {
      const c = await view(id);
      // Told in the same transaction: the "we fixed it" mail waits in the outbox (see complaint-mail.test.ts).
      expect(c).toMatchObject({ toBeToldSince: null, complainantToldAt: clock.toISOString() });
      expect(c.timeline.slice(-2)).toMatchObject([{ kind: 'IMPROVEMENT_SHIPPED', body: 'Deduplicate invoice runs' }, { kind: 'COMPLAINANT_TOLD', actor: 'system' }]);
    }
    const told = await server.gql(`mutation($c: ID!) { markComplainantTold(complaintId: $c) { id } }`, { c: a });
    expect(told.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    // A complainant whose link staff revoked gets no mail: the complaint stays to be told, by hand.
    const late = await create('LOW');
    const link = (await server.ok(`mutation($i: SendComplaintThreadLinkInput!) { sendComplaintThreadLink(input: $i) { id } }`, { i: { complaintId: late } })).sendComplaintThreadLink;
    await server.ok(`mutation($l: ID!) { revokeComplaintThreadLink(linkId: $l) { id } }`, { l: link.id });
    await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: late, i: imp.id });
    expect((await view(late)).toBeToldSince).toBe(clock.toISOString());
    await server.ok(`mutation($c: ID!) { markComplainantTold(complaintId: $c) { id } }`, { c: late });
    expect(await view(late)).toMatchObject({ toBeToldSince: null, complainantToldAt: clock.toISOString() });
    expect((await server.ok(`{ improvements(status: SHIPPED) { id complaintCount } }`)).improvements.find((i: any) => i.id === imp.id).complaintCount).toBe(3);
    const again = await server.gql(`mutation($i: ID!) { setImprovementStatus(improvementId: $i, status: IN_PROGRESS) { status } }`, { i: imp.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('should take a recovery rating only after resolution', async () => {
    const open = await create('LOW');
    const early = await server.gql(`mutation($c: ID!) { recordRecoverySatisfaction(input: { complaintId: $c, rating: 5 }) { id } }`, { c: open });
    expect(early.errors?.[0]?.extensions?.code).toBe('COMPLAINT_NOT_RESOLVED');
    const done = await complaintIn('RESOLVED');
    const rated = await server.ok(`mutation($c: ID!) { recordRecoverySatisfaction(input: { complaintId: $c, rating: 5, comment: "Handled well" }) { recoveryRating recoveryComment } }`, { c: done });
    expect(rated.recordRecoverySatisfaction).toEqual({ recoveryRating: 5, recoveryComment: 'Handled well' });
    const bad = await server.gql(`mutation($c: ID!) { recordRecoverySatisfaction(input: { complaintId: $c, rating: 6 }) { id } }`, { c: done });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
  });

  it('should push a board snapshot at once and a new one after each change, to a monitor', async () => {
    const monitor = await apiToken(server, 'MONITOR', 'Lobby');
    const client = server.wsClient(monitor);
    const sub = collect(client, `subscription { complaintBoardChanged { generatedAt breached byStatus { key count } open { id status customer } } }`);
    const [first] = await sub.next(1);
    const newCount = first!.data!.complaintBoardChanged.byStatus.find((s: any) => s.key === 'NEW').count;
    const id = await create('HIGH');
    const [, second] = await sub.next(2);
    expect(second!.data!.complaintBoardChanged.byStatus.find((s: any) => s.key === 'NEW').count).toBe(newCount + 1);
    expect(second!.data!.complaintBoardChanged.open.find((o: any) => o.id === id)).toMatchObject({ status: 'NEW', customer: 'C. C.' });
    await move(id, 'ACKNOWLEDGED');
    const [, , third] = await sub.next(3);
    expect(third!.data!.complaintBoardChanged.open.find((o: any) => o.id === id).status).toBe('ACKNOWLEDGED');
    await client.dispose();
  });

  it('should filter the inbox by every SLA state exactly as the clocks report it, severity and search', async () => {
    const atRisk = await create('HIGH');
    await advance(50 * MINUTE); // 10 of 60 minutes left: at risk
    const fresh = await create('HIGH');
    const all = (await server.ok(`{ complaints(first: 100) { edges { node { id sla { state } } } } }`)).complaints.edges.map((e: any) => e.node);
    expect(all.find((c: any) => c.id === atRisk).sla.state).toBe('AT_RISK');
    expect(all.find((c: any) => c.id === fresh).sla.state).toBe('ON_TRACK');
    for (const state of ['ON_TRACK', 'AT_RISK', 'BREACHED', 'PAUSED', 'MET']) {
      const filtered = await server.ok(`query($s: SlaState) { complaints(first: 100, filter: { slaState: $s }) { totalCount edges { node { id } } } }`, { s: state });
      const expected = all.filter((c: any) => c.sla.state === state).map((c: any) => c.id).sort();
      expect(filtered.complaints.edges.map((e: any) => e.node.id).sort(), state).toEqual(expected);
      expect(filtered.complaints.totalCount, state).toBe(expected.length);
    }
    expect(all.some((c: any) => c.sla.state === 'BREACHED')).toBe(true);
    const urgent = await server.ok(`{ complaints(first: 100, sort: { field: RESOLUTION_DUE_AT, direction: ASC }) { edges { node { sla { resolutionDueAt } } } } }`);
    const dues = urgent.complaints.edges.map((e: any) => e.node.sla.resolutionDueAt);
    expect(dues).toEqual([...dues].sort());
    const critical = await server.ok(`{ complaints(first: 100, filter: { severity: [CRITICAL] }) { edges { node { severity } } } }`);
    expect(critical.complaints.edges.every((e: any) => e.node.severity === 'CRITICAL')).toBe(true);
    await create('LOW', { subject: 'Rude driver at the depot' });
    const search = await server.ok(`{ complaints(first: 100, filter: { search: "RUDE driver" }) { totalCount edges { node { subject } } } }`);
    expect(search.complaints.edges.map((e: any) => e.node.subject)).toEqual(['Rude driver at the depot']);
  });
});
