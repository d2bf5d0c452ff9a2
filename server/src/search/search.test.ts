import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, createEmployees, createTeam } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();
const SEARCH = `query($t: String!, $n: Int) { search(text: $t, first: $n) { kind id title subtitle } }`;

describe.each(kinds)('search (command palette) on %s', (kind) => {
  let server: TestServer;
  let complaintId: string;
  let marta: string;
  let martaTeam: string;

  beforeAll(async () => {
    server = await startTestServer({ kind });
    martaTeam = await createTeam(server, 'Mars Logistics');
    [marta] = await createEmployees(server, [{ name: 'Marta Meyer', teamId: martaTeam }, 'Amar Kaur', 'Bob Stone']);
    const customerId = (await server.ok(`mutation { createCustomer(input: { name: "Marek Novak", email: "marek@example.com", company: "Acme 100% GmbH" }) { id } }`)).createCustomer.id;
    complaintId = (
      await server.ok(`mutation($c: ID!) { createComplaint(input: { customerId: $c, subject: "Mars delivery late", description: "Late.", category: "Delivery", severity: LOW, channel: EMAIL }) { id } }`, { c: customerId })
    ).createComplaint.id;
    await server.ok(`mutation { createSurvey(input: { title: "Marketing pulse", audience: EMPLOYEES, purpose: ENGAGEMENT, questions: [{ type: RATING, prompt: "How are you?", scaleMax: 5 }] }) { id } }`);
  });
  afterAll(() => server?.stop());

  const search = async (t: string, n?: number, token?: string) => (await server.ok(SEARCH, { t, n }, token)).search as Array<{ kind: string; id: string; title: string; subtitle: string | null }>;

  it('should find every kind by a part of its name, names starting with the text first', async () => {
    const hits = await search('mar');
    const titles = (kindName: string) => hits.filter((h) => h.kind === kindName).map((h) => h.title);
    expect(titles('EMPLOYEE')).toEqual(['Marta Meyer', 'Amar Kaur']);
    expect(titles('TEAM')).toEqual(['Mars Logistics']);
    expect(titles('CUSTOMER')).toEqual(['Marek Novak']);
    expect(titles('COMPLAINT')).toEqual(['Mars delivery late']);
    expect(titles('SURVEY')).toEqual(['Marketing pulse']);
    expect(hits.find((h) => h.kind === 'EMPLOYEE')).toMatchObject({ id: marta, subtitle: expect.stringMatching(/@example\.com$/) });
    expect(hits.find((h) => h.kind === 'COMPLAINT')?.subtitle).toBe(`C-${complaintId.padStart(6, '0')} · NEW`);
    expect(await search('zzz-nothing')).toEqual([]);
    expect(await search('   ')).toEqual([]);
  });

  it('should find a complaint by its number and treat LIKE wildcards as plain text', async () => {
    const byNumber = await search(`C-${complaintId.padStart(6, '0')}`);
    expect(byNumber.filter((h) => h.kind === 'COMPLAINT').map((h) => h.id)).toEqual([complaintId]);
    expect((await search('100%')).map((h) => h.title)).toEqual(['Marek Novak']);
    expect(await search('_')).toEqual([]);
  });

  it('should cap hits per kind and refuse bad arguments naming them', async () => {
    expect((await search('a', 1)).filter((h) => h.kind === 'EMPLOYEE')).toHaveLength(1);
    const tooLong = await server.gql(SEARCH, { t: 'x'.repeat(101) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const tooMany = await server.gql(SEARCH, { t: 'a', n: 50 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('should answer BI tokens like admins and refuse monitors and anonymous callers', async () => {
    const analyst = await apiToken(server, 'ANALYST');
    expect(await search('mar', undefined, analyst)).toEqual(await search('mar'));
    const monitor = await apiToken(server, 'MONITOR');
    expect((await server.gql(SEARCH, { t: 'mar' }, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(SEARCH, { t: 'mar' }, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
