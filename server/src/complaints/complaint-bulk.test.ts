import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, createEmployees } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('bulk triage and "assigned to me" on %s', (kind) => {
  let server: TestServer;
  let customerId: string;
  let ana: string;
  let leftCompany: string;

  beforeAll(async () => {
    server = await startTestServer({ kind });
    customerId = (await server.ok(`mutation { createCustomer(input: { name: "Bulk Customer", email: "bulk@example.com" }) { id } }`)).createCustomer.id;
    [ana, leftCompany] = await createEmployees(server, ['Ana Agent', 'Gone Person']);
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RESIGNED }) { id } }`, { id: leftCompany });
  });
  afterAll(() => server?.stop());

  async function create(subject: string): Promise<string> {
    const data = await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId, subject, description: 'Something broke.', category: 'Billing', severity: 'HIGH', channel: 'EMAIL' },
    });
    return data.createComplaint.id;
  }
  const state = async (id: string) =>
    (await server.ok(`query($id: ID!) { complaint(id: $id) { status assignee { id } timeline { kind } } }`, { id })).complaint as {
      status: string;
      assignee: { id: string } | null;
      timeline: Array<{ kind: string }>;
    };

  it('should assign and acknowledge several complaints in one call, each with its own thread event', async () => {
    const ids = [await create('First'), await create('Second'), await create('Third')];
    const assigned = await server.ok(`mutation($ids: [ID!]!, $a: ID) { assignComplaints(complaintIds: $ids, assigneeId: $a) { id assignee { id } } }`, {
      ids: [...ids, ids[0]],
      a: ana,
    });
    expect(assigned.assignComplaints.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(assigned.assignComplaints.every((c: { assignee: { id: string } }) => c.assignee.id === ana)).toBe(true);

    // One of them is already past NEW: acknowledging the batch leaves it where it is.
    await server.ok(`mutation($id: ID!) { changeComplaintStatus(input: { complaintId: $id, status: ACKNOWLEDGED }) { id } }`, { id: ids[2] });
    await server.ok(`mutation($id: ID!) { changeComplaintStatus(input: { complaintId: $id, status: IN_PROGRESS }) { id } }`, { id: ids[2] });
    const acknowledged = await server.ok(`mutation($ids: [ID!]!) { acknowledgeComplaints(complaintIds: $ids) { status } }`, { ids });
    expect(acknowledged.acknowledgeComplaints.map((c: { status: string }) => c.status)).toEqual(['ACKNOWLEDGED', 'ACKNOWLEDGED', 'IN_PROGRESS']);

    const first = await state(ids[0]!);
    expect(first.timeline.map((e) => e.kind)).toEqual(['CUSTOMER_MESSAGE', 'ASSIGNED', 'STATUS_CHANGED']);
    // Re-assigning to the same person records nothing new.
    await server.ok(`mutation($ids: [ID!]!, $a: ID) { assignComplaints(complaintIds: $ids, assigneeId: $a) { id } }`, { ids, a: ana });
    expect((await state(ids[0]!)).timeline).toHaveLength(3);
  });

  it('should change nothing when one complaint of the batch or the assignee is refused, naming the field', async () => {
    const ids = [await create('Keep me'), await create('And me')];
    const unknown = await server.gql(`mutation($ids: [ID!]!, $a: ID) { assignComplaints(complaintIds: $ids, assigneeId: $a) { id } }`, { ids: [ids[0], '999999', ids[1]], a: ana });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'complaintIds[1]' });
    const exited = await server.gql(`mutation($ids: [ID!]!, $a: ID) { assignComplaints(complaintIds: $ids, assigneeId: $a) { id } }`, { ids, a: leftCompany });
    expect(exited.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_EXITED', field: 'assigneeId' });
    const malformed = await server.gql(`mutation($ids: [ID!]!) { acknowledgeComplaints(complaintIds: $ids) { id } }`, { ids: [ids[0], 'abc'] });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'complaintIds[1]' });
    const none = await server.gql(`mutation { acknowledgeComplaints(complaintIds: []) { id } }`);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'complaintIds' });
    const tooMany = await server.gql(`mutation($ids: [ID!]!) { acknowledgeComplaints(complaintIds: $ids) { id } }`, { ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'complaintIds' });
    for (const id of ids) {
      const s = await state(id);
      expect(s).toMatchObject({ status: 'NEW', assignee: null });
      expect(s.timeline).toHaveLength(1);
    }
  });

  it('should let only admins act in bulk', async () => {
    const id = await create('Analyst tries');
    const analyst = await apiToken(server, 'ANALYST');
    const res = await server.gql(`mutation($ids: [ID!]!) { acknowledgeComplaints(complaintIds: $ids) { id } }`, { ids: [id] }, { token: analyst });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await state(id)).status).toBe('NEW');
  });

  it('should name the employee behind the logged-in user, and nobody behind a token', async () => {
    expect((await server.ok(`{ me { employee { id } } }`)).me.employee).toBeNull();
    const me = (await server.ok(`mutation($e: String!) { createEmployee(input: { name: "Adele Admin", email: $e, hiredAt: "2020-01-01T00:00:00.000Z" }) { id } }`, { e: ADMIN_EMAIL.toUpperCase() })).createEmployee.id;
    expect((await server.ok(`{ me { employee { id name } } }`)).me.employee).toEqual({ id: me, name: 'Adele Admin' });
    const analyst = await apiToken(server, 'ANALYST', 'BI');
    expect((await server.ok(`{ me { label employee { id } } }`, {}, analyst)).me).toEqual({ label: 'BI', employee: null });
  });
});
