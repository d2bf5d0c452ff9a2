import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';
import { apiToken } from '../../test/fixtures.js';
import { testDatabaseKinds } from '../../test/databases.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('customers on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  const IMPORT = `mutation($rows: [CreateCustomerInput!]!) { importCustomers(rows: $rows) { name email segment } }`;
  const total = async () => (await server.ok(`{ customers { totalCount } }`)).customers.totalCount;

  it('should import a clean file in one go, normalising emails', async () => {
    const res = await server.ok(IMPORT, { rows: [
      { name: 'Ada Import', email: 'ADA@import.example', segment: 'enterprise' },
      { name: 'Ben Import', email: 'ben@import.example', segment: 'smb' },
    ] });
    expect(res.importCustomers).toEqual([
      { name: 'Ada Import', email: 'ada@import.example', segment: 'enterprise' },
      { name: 'Ben Import', email: 'ben@import.example', segment: 'smb' },
    ]);
  });

  it('should list every problem by row and import nothing when any row is wrong', async () => {
    const before = await total();
    const res = await server.gql(IMPORT, { rows: [
      { name: 'Fine Row', email: 'fine@import.example' },
      { name: 'Taken Row', email: 'ada@import.example' },
      { name: 'Twice', email: 'twice@import.example' },
      { name: 'Twice Again', email: 'TWICE@import.example' },
      { name: 'Ghost Owner', email: 'ghost@import.example', accountOwnerId: '999999' },
    ] });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rows',
      rows: [
        { row: 2, field: 'email', message: 'ada@import.example is already a customer' },
        { row: 4, field: 'email', message: 'Same email as row 3' },
        { row: 5, field: 'accountOwnerId', message: 'No employee 999999' },
      ],
    });
    expect(await total()).toBe(before);
    // Field rules (email format, lengths) are reported by row too, next to the other problems.
    const invalid = await server.gql(IMPORT, { rows: [
      { name: 'Good Email', email: 'good@import.example' },
      { name: 'Bad Email', email: 'not-an-email' },
      { name: 'Long Segment', email: 'long@import.example', segment: 'x'.repeat(81) },
    ] });
    expect(invalid.errors?.[0]?.message).toBe('2 problems in the file; nothing was imported');
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rows',
      rows: [
        { row: 2, field: 'email', message: 'email must be a valid email address' },
        { row: 3, field: 'segment', message: expect.stringContaining('segment') },
      ],
    });
    expect(await total()).toBe(before);
  });

  it('should search customers by name, email or company and filter by segment and status', async () => {
    await server.ok(`mutation { createCustomer(input: { name: "Cora Search", email: "cora@search.example", company: "Acme Widgets", segment: "smb" }) { id } }`);
    const byCompany = await server.ok(`{ customers(filter: { search: "acme" }) { edges { node { name } } } }`);
    expect(byCompany.customers.edges.map((e: any) => e.node.name)).toEqual(['Cora Search']);
    expect((await server.ok(`{ customerSegments }`)).customerSegments).toEqual(['enterprise', 'smb']);
    const smb = await server.ok(`{ customers(filter: { segment: "smb" }) { edges { node { name } } } }`);
    expect(smb.customers.edges.map((e: any) => e.node.name)).toEqual(['Ben Import', 'Cora Search']);
    const id = (await server.ok(`{ customers(filter: { search: "cora" }) { edges { node { id } } } }`)).customers.edges[0].node.id;
    await server.ok(`mutation($id: ID!) { recordChurn(input: { customerId: $id, reason: "Moved to a competitor" }) { status } }`, { id });
    const churned = await server.ok(`{ customers(filter: { status: CHURNED }) { edges { node { name churnReason status } } } }`);
    expect(churned.customers.edges.map((e: any) => e.node)).toEqual([{ name: 'Cora Search', churnReason: 'Moved to a competitor', status: 'CHURNED' }]);
    const again = await server.gql(`mutation($id: ID!) { recordChurn(input: { customerId: $id }) { status } }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_CHURNED');
  });

  it('should push every way a customer is added, changed or churned, and narrow to one customer on request', async () => {
    const client = server.wsClient(server.adminToken);
    const all = collect(client, `subscription { customerChanged { kind customer { name status } } }`);
    const monitorClient = server.wsClient(await apiToken(server, 'MONITOR'));
    const refused = collect(monitorClient, `subscription { customerChanged { kind } }`);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Each event carries the customer as it is when delivered: wait for one before the next change.
    let seen = 0;
    const next = async () => {
      const result = (await all.next(++seen)).at(-1)!.data!.customerChanged;
      return [result.kind, result.customer.name, result.customer.status];
    };
    const created = (await server.ok(`mutation { createCustomer(input: { name: "Live Customer", email: "live.customer@example.com" }) { id } }`)).createCustomer.id;
    expect(await next()).toEqual(['CREATED', 'Live Customer', 'ACTIVE']);
    const one = collect(client, `subscription($id: ID) { customerChanged(customerId: $id) { kind customer { name } } }`, { id: created });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.ok(`mutation($id: ID!) { updateCustomer(input: { id: $id, name: "Live Customer Renamed" }) { id } }`, { id: created });
    expect(await next()).toEqual(['UPDATED', 'Live Customer Renamed', 'ACTIVE']);
    await server.ok(`mutation($id: ID!) { recordChurn(input: { customerId: $id, reason: "Moved on" }) { id } }`, { id: created });
    expect(await next()).toEqual(['CHURNED', 'Live Customer Renamed', 'CHURNED']);
    const referrer = (await server.ok(`mutation { createCustomer(input: { name: "Live Referrer", email: "live.referrer@example.com" }) { id } }`)).createCustomer.id;
    expect(await next()).toEqual(['CREATED', 'Live Referrer', 'ACTIVE']);
    const referral = (await server.ok(`mutation($c: ID!) { createReferral(input: { kind: CUSTOMER, referrerCustomerId: $c, referredName: "Live Referred", referredEmail: "live.referred@example.com" }) { id } }`, { c: referrer })).createReferral.id;
    await server.ok(`mutation($r: ID!) { convertReferral(input: { referralId: $r }) { id } }`, { r: referral });
    expect(await next()).toEqual(['CREATED', 'Live Referred', 'ACTIVE']);
    await server.gql(`mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { number } }`, {
      i: { name: 'Live Walk In', email: 'live.walk.in@example.com', subject: 'Broken', description: 'It broke.', idempotencyKey: 'live-customer-key' },
    }, { token: null });
    expect(await next()).toEqual(['CREATED', 'Live Walk In', 'ACTIVE']);
    expect((await one.next(2)).map((r) => r.data!.customerChanged.kind)).toEqual(['UPDATED', 'CHURNED']);
    const [denied] = await refused.next(1);
    expect(denied!.errors?.[0]?.extensions?.code ?? denied!.errors?.[0]?.message).toMatch(/FORBIDDEN/);
    await Promise.all([client.dispose(), monitorClient.dispose()]);
  });
});
