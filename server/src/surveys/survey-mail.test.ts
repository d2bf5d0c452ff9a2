import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees, createTeam } from '../../test/fixtures.js';
import { TestSmtpServer, type ReceivedMail } from '../../test/smtp.js';
import { waitFor } from '../../test/processes.js';
import { Customer } from '../customers/customer.entity.js';
import { OutboxMessage, OutboxStatus } from '../mail/outbox.entity.js';
import { remindSurveyInvitees } from './survey-reminders.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;
const PUBLIC_URL = 'https://feedback.example';

const SURVEY_LINK = new RegExp(`${PUBLIC_URL}/s/(rsv_[\\w-]+)`);
function linkToken(mail: ReceivedMail): string {
  const token = SURVEY_LINK.exec(mail.text)?.[1];
  if (!token) throw new Error(`no survey link in ${mail.text}`);
  return token;
}

describe.each(kinds)('survey invitations by email on %s', (kind) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let clock = new Date('2026-06-01T09:00:00.000Z');
  let teamId: string;
  let members: string[];
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({
      kind,
      now: () => clock,
      env: { SMTP_URL: smtp.url, RAPPORT_PUBLIC_URL: PUBLIC_URL, RAPPORT_MAIL_POLL_MS: '50', RAPPORT_SURVEY_REMINDER_DAYS: '4', RAPPORT_CONTACT_BUDGET_DAYS: '0' },
    });
    teamId = await createTeam(server, 'Mail Team');
    const [leader, ...rest] = await createEmployees(server, ['Mail Leader', ...[1, 2, 3, 4, 5].map((i) => ({ name: `Mail Member ${'ABCDE'[i - 1]}`, teamId }))]);
    members = rest;
    for (const m of members) await assign(server, m, leader!);
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function openSurvey(anonymous: boolean, audience: 'EMPLOYEES' | 'CUSTOMERS' = 'EMPLOYEES') {
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: anonymous ? 'Anonymous pulse' : 'Named check-in', audience, purpose: audience === 'EMPLOYEES' ? 'ENGAGEMENT' : 'NPS', anonymous, questions: [{ type: 'NPS', prompt: 'Recommend us?', required: true }] },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    return survey as { id: string; questions: Array<{ id: string }> };
  }
  /** Moves the clock on (and logs in again: sessions last hours). */
  async function advance(ms: number) {
    clock = new Date(clock.getTime() + ms);
    await server.relogin();
  }
  const INVITE = `mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email token } throttled { email } optedOut alreadyInvited } }`;
  const answer = (token: string, questionId: string) =>
    server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: token, a: [{ questionId, value: 8 }] }, null);

  it('should email each invitee of an anonymous survey their own link and give the admin none', async () => {
    const survey = await openSurvey(true);
    const result = (await server.ok(INVITE, { i: { surveyId: survey.id, teamId } })).inviteToSurvey;
    expect(result.created).toHaveLength(5);
    expect(result.created.every((c: { token: string | null }) => c.token === null)).toBe(true);
    const mails = await smtp.waitForMessages(5);
    const tokens = new Set(mails.map(linkToken));
    expect(tokens.size).toBe(5);
    expect(new Set(mails.map((m) => m.to[0]))).toEqual(new Set(result.created.map((c: { email: string }) => c.email)));
    for (const mail of mails) {
      expect(mail.headers.get('subject')).toBe('Ihre Meinung zählt: Anonymous pulse'); // German by default
      expect(mail.text).toContain('anonym');
      expect(mail.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/[\\w-]+>$`));
    }
    // The emailed link is the respondent's: it opens the survey and takes one answer.
    const token = linkToken(mails[0]!);
    expect((await server.ok(`query($t: String!) { surveyInvitation(token: $t) { state anonymous } }`, { t: token }, null)).surveyInvitation).toEqual({ state: 'VALID', anonymous: true });
    expect(await answer(token, survey.questions[0]!.id)).toEqual({ submitSurveyResponse: true });
  });

  it('should not let an ADMIN learn who holds which anonymous link, from any answer the API gives', async () => {
    const survey = await openSurvey(true);
    const invite = await server.gql(INVITE, { i: { surveyId: survey.id, teamId } });
    const mails = await smtp.waitForMessages(5);
    const secrets = mails.map(linkToken);
    await answer(secrets[1]!, survey.questions[0]!.id);
    await advance(5 * DAY);
    // (the first test's anonymous wave is due too: its five invitees are reminded as well)
    const reminded = await remindSurveyInvitees(server.rapport.deps);
    await smtp.waitForMessages(5 + reminded);
    // Everything an admin can read about this: the invitation answer, the outbox (every field, the
    // rendered preview of every message, each person's history) and the delivery counts.
    const everything = [
      invite,
      await server.gql(`{ mailDelivery { configured waiting sent failed suppressed from } }`),
      await server.gql(
        `{ outboxMessages(first: 100) { edges { node { id messageId template recipientEmail recipientName language status attempts lastError isAsk eventCount createdAt nextAttemptAt sentAt customerId employeeId preview { subject text html } } } } }`,
      ),
      ...(await Promise.all(members.map((m) => server.gql(`query($e: ID!) { outboxMessages(filter: { employeeId: $e }) { edges { node { preview { text html } } } } }`, { e: m })))),
    ];
    const seen = JSON.stringify(everything);
    expect(seen).toContain('[persönlicher Link – nur der Empfänger sieht ihn]');
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(seen).not.toContain('/s/rsv_');
    expect(seen).not.toMatch(/unsubscribe\/[\w-]{10,}/);
    // Reminders cannot tell who answered: every invitee of the anonymous wave got one, the respondent too.
    const reminders = smtp.received.slice(5).filter((m) => secrets.includes(linkToken(m)));
    expect(reminders.map((m) => m.headers.get('subject'))).toEqual(Array(5).fill('Erinnerung: Anonymous pulse'));
    expect(new Set(reminders.map((m) => m.to[0]))).toEqual(new Set(mails.map((m) => m.to[0])));
    expect(new Set(reminders.map(linkToken))).toEqual(new Set(secrets)); // each person's own link again
    // A BI token sees no outbox at all.
    const analyst = await apiToken(server, 'ANALYST', `outbox analyst ${kind}`);
    expect((await server.gql(`{ outboxMessages { totalCount } }`, {}, { token: analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should remind only those who have not answered a named survey, once, after the configured days', async () => {
    const survey = await openSurvey(false);
    const created = (await server.ok(INVITE, { i: { surveyId: survey.id, teamId } })).inviteToSurvey.created as Array<{ email: string; token: string }>;
    expect(created.every((c) => c.token?.startsWith('rsv_'))).toBe(true); // a named survey's links may be shown
    await smtp.waitForMessages(5);
    await answer(created[0]!.token, survey.questions[0]!.id);
    await answer(created[3]!.token, survey.questions[0]!.id);
    await advance(3 * DAY);
    expect(await remindSurveyInvitees(server.rapport.deps)).toBe(0); // not yet: 4 days
    await advance(DAY + 1000);
    expect(await remindSurveyInvitees(server.rapport.deps)).toBe(3);
    const reminders = (await smtp.waitForMessages(8)).slice(5);
    expect(new Set(reminders.map((m) => m.to[0]))).toEqual(new Set([created[1]!.email, created[2]!.email, created[4]!.email]));
    for (const mail of reminders) expect(linkToken(mail)).toBe(created.find((c) => c.email === mail.to[0])!.token);
    await advance(10 * DAY);
    expect(await remindSurveyInvitees(server.rapport.deps)).toBe(0); // one reminder only
  });

  it('should honour one-click unsubscribe for surveys: pending asks are dropped and later invitations leave the address out', async () => {
    const customers: Array<{ id: string; email: string }> = [];
    for (const [i, language] of [['1', 'en'], ['2', null]] as const) {
      const id = (await server.ok(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email } }`, { i: { name: `Mail Customer ${i}`, email: `mail.customer${i}.${kind}@example.com` } })).createCustomer;
      await server.rapport.deps.db.fork().nativeUpdate(Customer, { id: Number(id.id) }, { language });
      customers.push(id);
    }
    const first = await openSurvey(false, 'CUSTOMERS');
    await server.ok(INVITE, { i: { surveyId: first.id, customerIds: customers.map((c) => c.id) } });
    const mails = await smtp.waitForMessages(2);
    const english = mails.find((m) => m.to[0] === customers[0]!.email)!;
    expect(english.headers.get('subject')).toBe('Your view counts: Named check-in');
    expect(english.text).toContain('The survey is named');
    const unsubscribeUrl = english.headers.get('list-unsubscribe')!.slice(1, -1);
    // A link scanner's GET changes nothing; the RFC 8058 one-click POST does.
    expect((await fetch(unsubscribeUrl.replace(PUBLIC_URL, server.rapport.url))).status).toBe(200);
    const oneClick = await fetch(unsubscribeUrl.replace(PUBLIC_URL, server.rapport.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const second = await openSurvey(false, 'CUSTOMERS');
    const result = (await server.ok(INVITE, { i: { surveyId: second.id, customerIds: customers.map((c) => c.id) } })).inviteToSurvey;
    expect(result.optedOut).toEqual([customers[0]!.email]);
    expect(result.created.map((c: { email: string }) => c.email)).toEqual([customers[1]!.email]);
    await smtp.waitForMessages(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.to[0] === customers[0]!.email)).toHaveLength(1);
    const unknown = await fetch(`${server.rapport.url}/unsubscribe/not-a-token`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('should keep invitation emails in the outbox, unsent, when the SMTP server refuses nothing but is not configured', async () => {
    const offline = await startTestServer({ kind, env: { RAPPORT_CONTACT_BUDGET_DAYS: '0' } });
    try {
      const team = await createTeam(offline, 'Offline Team');
      await createEmployees(offline, [{ name: 'Offline One', teamId: team }]);
      const survey = (await offline.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
        i: { title: 'Offline', audience: 'EMPLOYEES', purpose: 'ENGAGEMENT', questions: [{ type: 'NPS', prompt: 'Recommend us?', required: true }] },
      })).createSurvey;
      await offline.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
      await offline.ok(INVITE, { i: { surveyId: survey.id, teamId: team } });
      await new Promise((r) => setTimeout(r, 200));
      const delivery = (await offline.ok(`{ mailDelivery { configured waiting sent } outboxMessages { edges { node { status template preview { subject } } } } }`));
      expect(delivery.mailDelivery).toEqual({ configured: false, waiting: 1, sent: 0 });
      expect(delivery.outboxMessages.edges.map((e: any) => e.node)).toEqual([{ status: 'PENDING', template: 'SURVEY_INVITATION', preview: { subject: 'Ihre Meinung zählt: Offline' } }]);
      const rows = await offline.rapport.deps.db.fork().find(OutboxMessage, {});
      expect(rows.map((r) => r.status)).toEqual([OutboxStatus.PENDING]);
    } finally {
      await offline.stop();
    }
  });
});
