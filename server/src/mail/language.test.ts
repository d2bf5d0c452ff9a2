import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { createEmployees, createTeam } from '../../test/fixtures.js';
import { TestSmtpServer } from '../../test/smtp.js';

const kinds = await testDatabaseKinds();

/** Every template is chosen by the recipient's language; without one, by RAPPORT_MAIL_LANGUAGE. */
describe.each(kinds)('recipient language on %s', (kind) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({ kind, env: { SMTP_URL: smtp.url, RAPPORT_MAIL_POLL_MS: '50', RAPPORT_CONTACT_BUDGET_DAYS: '0', RAPPORT_MAIL_LANGUAGE: 'en' } });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function openSurvey(audience: 'EMPLOYEES' | 'CUSTOMERS', title: string) {
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
      i: { title, audience, purpose: audience === 'EMPLOYEES' ? 'ENGAGEMENT' : 'NPS', anonymous: false, questions: [{ type: 'NPS', prompt: 'Recommend us?', required: true }] },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    return survey.id as string;
  }

  it('should store each customer’s language from the admin forms and write their invitation in it', async () => {
    const create = (name: string, language?: string) =>
      server.gql(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email language } }`, {
        i: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${kind}@example.com`, ...(language ? { language } : {}) },
      });
    const german = (await create('Greta Deutsch', 'DE')).data!.createCustomer;
    const english = (await create('Eddie English', 'EN')).data!.createCustomer;
    const unset = (await create('Nora Default')).data!.createCustomer;
    expect([german.language, english.language, unset.language]).toEqual(['DE', 'EN', null]);
    expect((await create('Franz Français', 'FR')).errors?.[0]?.message).toMatch(/MailLanguage/);

    const survey = await openSurvey('CUSTOMERS', 'Quarterly NPS');
    await server.ok(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, { i: { surveyId: survey, customerIds: [german.id, english.id, unset.id] } });
    const mails = await smtp.waitForMessages(3);
    const subject = (email: string) => mails.find((m) => m.to[0] === email)!.headers.get('subject');
    expect(subject(german.email)).toBe('Ihre Meinung zählt: Quarterly NPS');
    expect(subject(english.email)).toBe('Your view counts: Quarterly NPS');
    expect(subject(unset.email)).toBe('Your view counts: Quarterly NPS'); // RAPPORT_MAIL_LANGUAGE=en
    expect(mails.find((m) => m.to[0] === german.email)!.html).toContain('<html lang="de">');

    // Changing it in the edit form changes the next message; null returns to the default.
    const update = (id: string, language: string | null) => server.ok(`mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { language } }`, { i: { id, language } });
    expect((await update(english.id, 'DE')).updateCustomer.language).toBe('DE');
    expect((await update(german.id, null)).updateCustomer.language).toBeNull();
    const outbox = await server.ok(`query($c: ID!) { outboxMessages(filter: { customerId: $c }) { edges { node { language } } } }`, { c: english.id });
    expect(outbox.outboxMessages.edges.map((e: any) => e.node.language)).toEqual(['en']); // what was sent stays as sent
    smtp.received.length = 0;
    const again = await openSurvey('CUSTOMERS', 'Follow-up NPS');
    await server.ok(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, { i: { surveyId: again, customerIds: [german.id, english.id] } });
    const next = await smtp.waitForMessages(2);
    expect(next.find((m) => m.to[0] === english.email)!.headers.get('subject')).toBe('Ihre Meinung zählt: Follow-up NPS');
    expect(next.find((m) => m.to[0] === german.email)!.headers.get('subject')).toBe('Your view counts: Follow-up NPS');
  });

  it('should write each employee’s invitation in their language', async () => {
    smtp.received.length = 0;
    const team = await createTeam(server, `Language Team ${kind}`);
    const [anna, ben] = await createEmployees(server, [{ name: 'Anna Sprache', teamId: team }, { name: 'Ben Language', teamId: team }]);
    const set = await server.ok(`mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { language } }`, { i: { id: anna, language: 'DE' } });
    expect(set.updateEmployee.language).toBe('DE');
    expect((await server.ok(`query($id: ID!) { employee(id: $id) { language } }`, { id: ben })).employee.language).toBeNull();
    const survey = await openSurvey('EMPLOYEES', 'Team pulse');
    await server.ok(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, { i: { surveyId: survey, teamId: team } });
    const mails = await smtp.waitForMessages(2);
    expect(mails.map((m) => m.headers.get('subject')).sort()).toEqual(['Ihre Meinung zählt: Team pulse', 'Your view counts: Team pulse']);
  });
});
