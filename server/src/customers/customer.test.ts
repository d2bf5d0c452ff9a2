import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
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
    const invalid = await server.gql(IMPORT, { rows: [{ name: 'Bad Email', email: 'not-an-email' }] });
    // Shape errors are caught before the rows are read (type-graphql validates each item; it names the field, not the row).
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
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
});
