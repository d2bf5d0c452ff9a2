import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { TestSmtpServer, type ReceivedMail } from '../../test/smtp.js';
import { waitFor } from '../../test/processes.js';
import { MailAddress, OutboxMessage, OutboxStatus } from '../mail/outbox.entity.js';
import { ReferralAsk } from './referral-ask.entity.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;
const PUBLIC_URL = 'https://thanks.example';
const REFERRAL_LINK = new RegExp(`${PUBLIC_URL}/r/(rrf_[\\w-]+)`);

function referralToken(mail: ReceivedMail): string {
  const token = REFERRAL_LINK.exec(mail.text)?.[1];
  if (!token) throw new Error(`no referral link in ${mail.text}`);
  return token;
}

const INVITE = `mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email token } throttled { email } optedOut } }`;
const ASK = `mutation($s: ID!) { invitePromotersToRefer(surveyId: $s) { asked { id email } skipped { customer { id email } reason lastAskedAt } } }`;
const SUBMIT = `mutation($i: PublicReferralInput!) { submitPublicReferral(input: $i) { remainingUses } }`;

describe.each(kinds)('promoter → referrer on %s', (kind) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let seq = 0;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({
      kind,
      now: () => clock,
      env: {
        SMTP_URL: smtp.url,
        RAPPORT_PUBLIC_URL: PUBLIC_URL,
        RAPPORT_MAIL_POLL_MS: '50',
        RAPPORT_SURVEY_REMINDER_DAYS: '0',
        RAPPORT_CONTACT_BUDGET_DAYS: '30',
        RAPPORT_REFERRAL_LINK_DAYS: '14',
        RAPPORT_REFERRAL_LINK_USES: '3',
        RAPPORT_PUBLIC_REFERRALS: '20',
      },
    });
  });
  afterEach(() => {
    smtp.received.length = 0;
    smtp.rejectRecipients.clear();
    smtp.rejectData.clear();
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function advance(ms: number) {
    clock = new Date(clock.getTime() + ms);
    await server.relogin();
  }
  async function customer(name: string, language?: 'DE' | 'EN') {
    seq += 1;
    return (
      await server.ok(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email name language } }`, {
        i: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${seq}.${kind}@example.com`, ...(language ? { language } : {}) },
      })
    ).createCustomer as { id: string; email: string; name: string };
  }
  async function openSurvey(title: string, anonymous = false) {
    const survey = (
      await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
        i: { title, audience: 'CUSTOMERS', purpose: 'NPS', anonymous, questions: [{ type: 'NPS', prompt: 'Would you recommend us?', required: true }] },
      })
    ).createSurvey as { id: string; questions: Array<{ id: string }> };
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    return survey;
  }
  /** Invites the customers to the survey and has each answer the score given (null: no answer). */
  async function answer(survey: { id: string; questions: Array<{ id: string }> }, people: Array<[{ id: string; email: string }, number | null]>) {
    const created = (await server.ok(INVITE, { i: { surveyId: survey.id, customerIds: people.map(([c]) => c.id) } })).inviteToSurvey.created as Array<{ email: string; token: string }>;
    for (const [person, score] of people) {
      if (score === null) continue;
      const token = created.find((c) => c.email === person.email)!.token;
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: token, a: [{ questionId: survey.questions[0]!.id, value: score }] }, null);
    }
  }
  const outbox = (template: string) => server.rapport.deps.db.fork().find(OutboxMessage, { template }, { orderBy: { id: 'asc' } });

  it('should ask each promoter once with a personal link in their language, and report everyone left out with the reason', async () => {
    const ada = await customer('Ada Promoter', 'EN');
    const bert = await customer('Bert Promoter', 'DE');
    const cleo = await customer('Cleo Unsubscribed', 'EN');
    const dora = await customer('Dora Bouncing');
    const emil = await customer('Emil Busy', 'EN');
    const fritz = await customer('Fritz Referred', 'EN');
    const gus = await customer('Gus Detractor', 'EN');
    const hanna = await customer('Hanna Passive', 'EN');
    const survey = await openSurvey('Spring NPS');
    smtp.rejectRecipients.add(dora.email); // her invitation bounces: the address is marked
    await answer(survey, [[ada, 10], [bert, 9], [cleo, 9], [dora, 10], [emil, 10], [fritz, 9], [gus, 3], [hanna, 8]]);
    await waitFor('the bounce to be recorded', async () => Boolean((await server.rapport.deps.db.fork().findOne(MailAddress, { email: dora.email }))?.bouncingAt));
    await waitFor('the invitations to go out', async () => smtp.received.length >= 7);
    // Cleo unsubscribes with the one-click link of her invitation.
    const cleoInvitation = smtp.received.find((m) => m.to[0] === cleo.email)!;
    const unsubscribe = cleoInvitation.headers.get('list-unsubscribe')!.slice(1, -1).replace(PUBLIC_URL, server.rapport.url);
    expect((await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    // A month later Emil is asked something else (another survey): the contact budget keeps him out.
    await advance(31 * DAY);
    const other = await openSurvey('Onboarding check');
    await server.ok(INVITE, { i: { surveyId: other.id, customerIds: [emil.id] } });
    // Fritz has referred someone since answering: nothing to ask.
    await server.ok(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
      i: { kind: 'CUSTOMER', referrerCustomerId: fritz.id, referredName: 'Friend of Fritz', referredEmail: `fritz.friend.${kind}@example.com` },
    });
    await advance(3_600_000);
    smtp.received.length = 0;

    const result = (await server.ok(ASK, { s: survey.id })).invitePromotersToRefer;
    expect(result.asked.map((c: { email: string }) => c.email).sort()).toEqual([ada.email, bert.email].sort());
    const reasons = Object.fromEntries(result.skipped.map((s: { customer: { email: string }; reason: string }) => [s.customer.email, s.reason]));
    expect(reasons).toEqual({ [cleo.email]: 'UNSUBSCRIBED', [dora.email]: 'BOUNCING', [emil.email]: 'CONTACT_BUDGET', [fritz.email]: 'ALREADY_REFERRED' });
    expect(result.skipped.find((s: { reason: string }) => s.reason === 'CONTACT_BUDGET').lastAskedAt).toBe(new Date(clock.getTime() - 3_600_000).toISOString());

    const mails = await smtp.waitForMessages(2);
    const english = mails.find((m) => m.to[0] === ada.email)!;
    const german = mails.find((m) => m.to[0] === bert.email)!;
    expect(english.headers.get('subject')).toBe('Thank you for recommending us – do you know someone?');
    expect(english.text).toContain('The link works for 14 days');
    expect(german.headers.get('subject')).toBe('Danke für Ihre Empfehlung – kennen Sie jemanden?');
    expect(referralToken(english)).not.toBe(referralToken(german));
    expect(english.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/[\\w-]+>$`)); // an ask carries one-click unsubscribe
    // Only the hash is kept; the admin's outbox preview shows a placeholder instead of the link.
    const asks = await server.rapport.deps.db.fork().find(ReferralAsk, {});
    expect(asks.map((a) => a.tokenHash)).not.toContain(referralToken(english));
    const preview = JSON.stringify(await server.ok(`{ outboxMessages(filter: { status: [SENT, PENDING, SENDING] }) { edges { node { template preview { text html } } } } }`));
    expect(preview).not.toContain('rrf_');
    expect(preview).toContain('[personal link – only the recipient sees it]');
    // Each promoter's history on their page lists the ask.
    const history = (await server.ok(`query($c: ID!) { outboxMessages(filter: { customerId: $c }) { edges { node { template status } } } }`, { c: ada.id })).outboxMessages.edges.map((e: any) => e.node.template);
    expect(history).toContain('REFERRAL_ASK');

    // The ask counts against the contact budget of later asks, surveys included.
    const soon = await openSurvey('Too soon');
    const throttled = (await server.ok(INVITE, { i: { surveyId: soon.id, customerIds: [ada.id, hanna.id] } })).inviteToSurvey;
    expect(throttled.throttled.map((t: { email: string }) => t.email)).toEqual([ada.email]);
    expect(throttled.created.map((c: { email: string }) => c.email)).toEqual([hanna.email]);

    // Asking again asks nobody twice.
    const again = (await server.ok(ASK, { s: survey.id })).invitePromotersToRefer;
    expect(again.asked).toEqual([]);
    expect(again.skipped.filter((s: { reason: string }) => s.reason === 'ALREADY_ASKED').map((s: { customer: { email: string } }) => s.customer.email).sort()).toEqual([ada.email, bert.email].sort());
    expect((await outbox('REFERRAL_ASK')).length).toBe(2);
    // An employee survey, an anonymous one, or an unknown id are refused with the field named.
    const anonymous = await openSurvey('Anonymous NPS', true);
    expect((await server.gql(ASK, { s: anonymous.id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'surveyId' });
    expect((await server.gql(ASK, { s: '999999' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('should let the referred person leave their details on the public page, under every referral guard, until the link is used up or expires', async () => {
    const promoter = await customer('Ida Promoter', 'EN');
    const existing = await customer('Jan Existing');
    const survey = await openSurvey('Summer NPS');
    await answer(survey, [[promoter, 10]]);
    await advance(DAY);
    smtp.received.length = 0;
    await server.ok(ASK, { s: survey.id });
    const [mail] = await smtp.waitForMessages(1);
    const token = referralToken(mail!);

    const link = (await server.ok(`query($t: String!) { referralLink(token: $t) { state referrerFirstName expiresAt } }`, { t: token }, null)).referralLink;
    expect(link).toEqual({ state: 'VALID', referrerFirstName: 'Ida', expiresAt: new Date(clock.getTime() + 14 * DAY).toISOString() });
    const submit = (input: Record<string, unknown>) => server.gql(SUBMIT, { i: { token, consent: true, ...input } }, { token: null });

    const first = await submit({ name: 'Kim Friend', email: `Kim.Friend.${kind}@Example.com` });
    expect(first.data?.submitPublicReferral).toEqual({ remainingUses: 2 });
    const referrals = (await server.ok(`query($c: ID!) { referrals(filter: { referrerCustomerId: $c }) { edges { node { referredName referredEmail status kind referrer { ... on Customer { id } } } } } }`, { c: promoter.id })).referrals.edges.map((e: any) => e.node);
    expect(referrals).toEqual([{ referredName: 'Kim Friend', referredEmail: `kim.friend.${kind}@example.com`, status: 'INVITED', kind: 'CUSTOMER', referrer: { id: promoter.id } }]);

    // Bad input and the guards, each naming the field, none revealing who else is involved.
    const problems = async (input: Record<string, unknown>) => (await submit(input)).errors?.[0];
    expect((await problems({ name: 'No Address', email: 'not-an-address' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect((await problems({ name: '  ', email: `blank.${kind}@example.com` }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await problems({ name: 'No Consent', email: `noconsent.${kind}@example.com`, consent: false }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consent' });
    expect((await problems({ name: 'Ida Herself', email: promoter.email }))?.extensions).toMatchObject({ code: 'SELF_REFERRAL', field: 'email' });
    expect((await problems({ name: 'Jan Existing', email: existing.email }))?.extensions).toMatchObject({ code: 'ALREADY_CUSTOMER', field: 'email' });
    const twice = await problems({ name: 'Kim Again', email: `kim.friend.${kind}@example.com` });
    expect(twice?.extensions).toMatchObject({ code: 'ALREADY_REFERRED', field: 'email' });
    expect(JSON.stringify(twice)).not.toContain('Ida');
    expect(twice?.extensions?.firstReferralId).toBeUndefined();
    expect((await server.gql(SUBMIT, { i: { token: 'rrf_unknown', name: 'X', email: `x.${kind}@example.com`, consent: true } }, { token: null })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'token' });

    // Refused attempts did not use the link up: two more friends fit, then it is used up.
    expect((await submit({ name: 'Lou Friend', email: `lou.${kind}@example.com` })).data?.submitPublicReferral).toEqual({ remainingUses: 1 });
    expect((await submit({ name: 'Mo Friend', email: `mo.${kind}@example.com` })).data?.submitPublicReferral).toEqual({ remainingUses: 0 });
    expect((await problems({ name: 'Nina Late', email: `nina.${kind}@example.com` }))?.extensions).toMatchObject({ code: 'REFERRAL_LINK_USED_UP', field: 'token' });
    expect((await server.ok(`query($t: String!) { referralLink(token: $t) { state referrerFirstName } }`, { t: token }, null)).referralLink).toEqual({ state: 'USED_UP', referrerFirstName: null });
    expect((await server.rapport.deps.db.fork().findOneOrFail(ReferralAsk, { customer: Number(promoter.id) })).uses).toBe(3);

    // Another promoter's link expires after RAPPORT_REFERRAL_LINK_DAYS.
    const late = await customer('Olga Promoter', 'EN');
    const autumn = await openSurvey('Autumn NPS');
    await answer(autumn, [[late, 9]]);
    await advance(DAY);
    smtp.received.length = 0;
    await server.ok(ASK, { s: autumn.id });
    const lateToken = referralToken((await smtp.waitForMessages(1))[0]!);
    await advance(15 * DAY);
    expect((await server.ok(`query($t: String!) { referralLink(token: $t) { state } }`, { t: lateToken }, null)).referralLink.state).toBe('EXPIRED');
    expect((await server.gql(SUBMIT, { i: { token: lateToken, name: 'Pia Friend', email: `pia.${kind}@example.com`, consent: true } }, { token: null })).errors?.[0]?.extensions).toMatchObject({
      code: 'REFERRAL_LINK_EXPIRED',
      field: 'token',
    });
  });

  it('should stop asking an address whose mail server refuses the ask or reports a dead mailbox, but not after a refusal of the message itself', async () => {
    const refused = await customer('Quinn Refused', 'EN');
    const full = await customer('Rita Full', 'EN');
    const policy = await customer('Sam Policy', 'EN');
    const survey = await openSurvey('Winter NPS');
    await answer(survey, [[refused, 10], [full, 10], [policy, 9]]);
    await advance(DAY);
    smtp.rejectRecipients.add(refused.email); // 550 at RCPT TO
    smtp.rejectData.set(full.email, '552 5.2.2 Mailbox full'); // after DATA, a mailbox status
    smtp.rejectData.set(policy.email, '554 5.7.1 Message rejected by policy'); // after DATA, about the message
    expect((await server.ok(ASK, { s: survey.id })).invitePromotersToRefer.asked).toHaveLength(3);
    const failed = async () => (await outbox('REFERRAL_ASK')).filter((m) => [refused, full, policy].some((c) => m.customerId === Number(c.id)) && m.status === OutboxStatus.FAILED);
    await waitFor('the three asks to fail permanently', async () => (await failed()).length === 3);
    const addresses = new Map((await server.rapport.deps.db.fork().find(MailAddress, { email: { $in: [refused.email, full.email, policy.email] } })).map((a) => [a.email, a]));
    expect(addresses.get(refused.email)!.bounceReason).toMatch(/^550/);
    expect(addresses.get(full.email)!.bounceReason).toMatch(/^552 .*5\.2\.2/);
    expect(addresses.get(policy.email)?.bouncingAt ?? null).toBeNull();
    expect((await failed()).find((m) => m.customerId === Number(policy.id))!.lastError).toMatch(/^554/);
    // Further asks leave the bouncing addresses out (the next survey's invitations as well as promoter asks).
    await advance(40 * DAY);
    const next = await openSurvey('Next NPS');
    const invited = (await server.ok(INVITE, { i: { surveyId: next.id, customerIds: [refused.id, full.id, policy.id] } })).inviteToSurvey;
    expect([...invited.optedOut].sort()).toEqual([refused.email, full.email].sort());
    expect(invited.created.map((c: { email: string }) => c.email)).toEqual([policy.email]);
  });

  it('should rate-limit the public page per client address', async () => {
    let limited = 0;
    for (let i = 0; i < 22; i += 1) {
      const res = await server.gql(SUBMIT, { i: { token: 'rrf_nothing', name: 'Flood', email: `flood${i}.${kind}@example.com`, consent: true } }, { token: null });
      if (res.errors?.[0]?.extensions?.code === 'RATE_LIMITED') limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
