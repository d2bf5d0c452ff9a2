import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { TestSmtpServer, type ReceivedMail } from '../../test/smtp.js';
import { waitFor } from '../../test/processes.js';
import { hashToken } from '../auth/tokens.js';
import { ComplaintThreadLink } from './complaint-mail.entity.js';
import { OutboxMessage } from '../mail/outbox.entity.js';

const kinds = await testDatabaseKinds();
const PUBLIC_URL = 'https://care.example';
const COALESCE_MS = 1500;
const THREAD_LINK = new RegExp(`${PUBLIC_URL}/c/(rct_[\\w-]+)`, 'g');

function threadTokens(mail: ReceivedMail): string[] {
  return [...mail.text.matchAll(THREAD_LINK)].map((m) => m[1]!);
}

const SUBMIT = `mutation($i: SubmitComplaintInput!) { submitComplaint(input: $i) { number } }`;
const THREAD = `query($t: String!) { complaintThread(token: $t) { number subject status canReply canRateRecovery recoveryRating resolution language improvement { title } entries { kind body status author } } }`;
const REPLY = `mutation($t: String!, $b: String!) { replyToComplaintThread(token: $t, body: $b) { entries { kind body } } }`;
const RATE = `mutation($t: String!, $r: Int!, $c: String) { rateComplaintRecovery(token: $t, rating: $r, comment: $c) { canRateRecovery recoveryRating } }`;
const MESSAGE = `mutation($i: AddComplaintMessageInput!) { addComplaintMessage(input: $i) { id } }`;
const STATUS = `mutation($i: ChangeComplaintStatusInput!) { changeComplaintStatus(input: $i) { status } }`;
const MAILS = `query($id: ID!) { complaint(id: $id) { complainantToldAt complainantToldMessage { id template status } recoveryAskedAt recoveryRating recoveryComment
  threadLinks { id email revokedAt } complainantMails { id template status recipientEmail preview { text } } } }`;

describe.each(kinds)('complaint threads by email on %s', (kind) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer({
      kind,
      env: { SMTP_URL: smtp.url, RAPPORT_PUBLIC_URL: PUBLIC_URL, RAPPORT_MAIL_POLL_MS: '50', RAPPORT_MAIL_REPLY_COALESCE_MS: String(COALESCE_MS), RAPPORT_PUBLIC_COMPLAINTS: '100' },
    });
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  /** A complaint through the public form; returns its id and the token from the acknowledgement the SMTP server received. */
  async function complain(email = `complainant${++n}@example.com`, language = 'en') {
    const subject = `Parcel ${++n} arrived broken`;
    const { number } = (await server.ok(SUBMIT, { i: { name: 'Carla Complainant', email, subject, description: 'The lid was crushed.', idempotencyKey: `key-${kind}-${n}-xyz`, language } }, null)).submitComplaint;
    const id = String(Number(number.slice(2)));
    const ack = await waitForMail((m) => m.to[0] === email && m.headers.get('x-rapport-template') === 'COMPLAINT_RECEIVED' && m.headers.get('subject')!.includes(number));
    const [token] = threadTokens(ack);
    return { id, number, subject, email, token: token!, ack };
  }

  async function waitForMail(match: (m: ReceivedMail) => boolean): Promise<ReceivedMail> {
    await waitFor('the mail at the SMTP server', () => smtp.received.some(match), 15_000);
    return smtp.received.find(match)!;
  }

  const mailsTo = (email: string, template: string) => smtp.received.filter((m) => m.to[0] === email && m.headers.get('x-rapport-template') === template);

  it('should acknowledge a submitted complaint with a private thread link that opens the thread (stored hashed, never an ask)', async () => {
    const { id, number, subject, email, token, ack } = await complain();
    expect(ack.headers.get('subject')).toBe(`Your complaint ${number}: ${subject}`);
    expect(token).toMatch(/^rct_[\w-]{43}$/);
    expect(ack.html).toContain(`href="${PUBLIC_URL}/c/${token}"`);
    expect(ack.headers.get('list-unsubscribe')).toBeUndefined();
    const thread = (await server.ok(THREAD, { t: token }, null)).complaintThread;
    expect(thread).toMatchObject({ number, subject, status: 'NEW', canReply: true, canRateRecovery: false, language: 'en' });
    expect(thread.entries).toEqual([{ kind: 'CUSTOMER_MESSAGE', body: 'The lid was crushed.', status: null, author: null }]);
    const links = await server.rapport.deps.db.fork().find(ComplaintThreadLink, { email });
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(links)).not.toContain(token);
    // The admin sees the mail and its status, never the link.
    await waitFor('the acknowledgement to be recorded as sent', async () => (await server.ok(MAILS, { id })).complaint.complainantMails[0]?.status === 'SENT');
    const admin = (await server.ok(MAILS, { id })).complaint;
    expect(admin.complainantMails).toMatchObject([{ template: 'COMPLAINT_RECEIVED', status: 'SENT', recipientEmail: email }]);
    expect(JSON.stringify(admin)).not.toContain(token);
    expect(admin.complainantMails[0].preview.text).toContain('[personal link – only the recipient sees it]');
  });

  it('should mail staff replies (several in a short window as one message) and never an internal note', async () => {
    const { id, email, token } = await complain(undefined, 'de');
    await server.ok(MESSAGE, { i: { complaintId: id, kind: 'STAFF_MESSAGE', body: 'Wir schicken Ersatz.' } });
    await server.ok(MESSAGE, { i: { complaintId: id, kind: 'INTERNAL_NOTE', body: 'Courier keeps crushing parcels — secret note' } });
    await server.ok(MESSAGE, { i: { complaintId: id, kind: 'STAFF_MESSAGE', body: 'Die Sendungsnummer folgt.' } });
    const reply = await waitForMail((m) => m.to[0] === email && m.headers.get('x-rapport-template') === 'COMPLAINT_REPLY');
    await new Promise((r) => setTimeout(r, COALESCE_MS + 500));
    expect(mailsTo(email, 'COMPLAINT_REPLY')).toHaveLength(1);
    expect(reply.text).toContain('es gibt 2 neue Antworten');
    expect(reply.text).toContain('Wir schicken Ersatz.');
    expect(reply.text).toContain('Die Sendungsnummer folgt.');
    expect(threadTokens(reply)).toEqual([token]); // the same private link
    for (const mail of smtp.received) {
      expect(mail.raw).not.toContain('secret note');
      expect(mail.raw).not.toContain('admin@test.local');
    }
    const thread = (await server.ok(THREAD, { t: token }, null)).complaintThread;
    expect(thread.entries.map((e: { kind: string; body: string }) => [e.kind, e.body])).toEqual([
      ['CUSTOMER_MESSAGE', 'The lid was crushed.'],
      ['STAFF_MESSAGE', 'Wir schicken Ersatz.'],
      ['STAFF_MESSAGE', 'Die Sendungsnummer folgt.'],
    ]);
    expect(JSON.stringify(thread)).not.toMatch(/secret note|admin@test\.local/);
  });

  it('should take the complainant\'s answer by token as a customer message and push it live to staff', async () => {
    const { id, token } = await complain();
    const client = server.wsClient(server.adminToken);
    const live = collect(client, `subscription($id: ID) { complaintChanged(complaintId: $id) { kind complaint { id } } }`, { id });
    await new Promise((r) => setTimeout(r, 300));
    const answered = (await server.ok(REPLY, { t: token, b: '  Thanks — it still rattles, though.  ' }, null)).replyToComplaintThread;
    expect(answered.entries.at(-1)).toEqual({ kind: 'CUSTOMER_MESSAGE', body: 'Thanks — it still rattles, though.' });
    const [event] = await live.next(1);
    expect(event!.data!.complaintChanged).toEqual({ kind: 'CUSTOMER_MESSAGE', complaint: { id } });
    live.dispose();
    await client.dispose();
    const timeline = (await server.ok(`query($id: ID!) { complaint(id: $id) { timeline { kind body actor } } }`, { id })).complaint.timeline;
    expect(timeline.at(-1)).toEqual({ kind: 'CUSTOMER_MESSAGE', body: 'Thanks — it still rattles, though.', actor: 'customer' });
    for (const body of ['   ', 'x'.repeat(5001)]) {
      const refused = await server.gql(REPLY, { t: token, b: body }, { token: null });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    }
  });

  it('should refuse a wrong or revoked token, and replace a link issued again', async () => {
    const { id, email, token } = await complain();
    for (const wrong of ['rct_' + 'A'.repeat(43), 'not-a-token', token.slice(0, -1)]) {
      const refused = await server.gql(THREAD, { t: wrong }, { token: null });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'THREAD_LINK_INVALID', field: 'token' });
      expect(refused.data).toBeNull();
    }
    expect((await server.gql(REPLY, { t: 'rct_nope', b: 'hello' }, { token: null })).errors?.[0]?.extensions?.code).toBe('THREAD_LINK_INVALID');
    const [link] = (await server.ok(MAILS, { id })).complaint.threadLinks;
    await server.ok(`mutation($l: ID!) { revokeComplaintThreadLink(linkId: $l) { revokedAt } }`, { l: link.id });
    expect((await server.gql(THREAD, { t: token }, { token: null })).errors?.[0]?.extensions?.code).toBe('THREAD_LINK_INVALID');
    expect((await server.gql(REPLY, { t: token, b: 'hello?' }, { token: null })).errors?.[0]?.extensions?.code).toBe('THREAD_LINK_INVALID');
    // An invalid address is refused at the source, naming the field.
    const bad = await server.gql(`mutation($i: SendComplaintThreadLinkInput!) { sendComplaintThreadLink(input: $i) { id } }`, { i: { complaintId: id, email: 'not an address' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    // Staff send it again: a new link works, the old one stays dead.
    smtp.received.length = 0;
    await server.ok(`mutation($i: SendComplaintThreadLinkInput!) { sendComplaintThreadLink(input: $i) { email revokedAt } }`, { i: { complaintId: id } });
    const again = await waitForMail((m) => m.to[0] === email);
    const [fresh] = threadTokens(again);
    expect(fresh).not.toBe(token);
    expect(again.text).toContain('you can now follow your complaint');
    expect((await server.ok(THREAD, { t: fresh }, null)).complaintThread.status).toBe('NEW');
    expect((await server.gql(THREAD, { t: token }, { token: null })).errors?.[0]?.extensions?.code).toBe('THREAD_LINK_INVALID');
  });

  it('should ask for recovery satisfaction once after resolution and record the one answer on the complaint', async () => {
    const { id, email, token } = await complain();
    const rateEarly = await server.gql(RATE, { t: token, r: 5 }, { token: null });
    expect(rateEarly.errors?.[0]?.extensions?.code).toBe('COMPLAINT_NOT_RESOLVED');
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS']) await server.ok(STATUS, { i: { complaintId: id, status } });
    await server.ok(STATUS, { i: { complaintId: id, status: 'RESOLVED', resolution: 'We sent a new lid by express.' } });
    const ask = await waitForMail((m) => m.to[0] === email && m.headers.get('x-rapport-template') === 'COMPLAINT_RESOLVED');
    expect(ask.text).toContain('We sent a new lid by express.');
    expect(ask.text).toContain('how satisfied are you');
    expect(threadTokens(ask)).toEqual([token]);
    const thread = (await server.ok(THREAD, { t: token }, null)).complaintThread;
    expect(thread).toMatchObject({ status: 'RESOLVED', resolution: 'We sent a new lid by express.', canRateRecovery: true });
    expect((await server.ok(RATE, { t: token, r: 4, c: 'Quick and friendly.' }, null)).rateComplaintRecovery).toEqual({ canRateRecovery: false, recoveryRating: 4 });
    const again = await server.gql(RATE, { t: token, r: 1 }, { token: null });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RECOVERY_ALREADY_RATED', field: 'rating' });
    const admin = (await server.ok(MAILS, { id })).complaint;
    expect(admin).toMatchObject({ recoveryRating: 4, recoveryComment: 'Quick and friendly.' });
    expect(admin.recoveryAskedAt).toBeTruthy();
    // Reopened and resolved again: nobody is asked a second time.
    await server.ok(STATUS, { i: { complaintId: id, status: 'IN_PROGRESS' } });
    await server.ok(STATUS, { i: { complaintId: id, status: 'RESOLVED', resolution: 'And a new box.' } });
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo(email, 'COMPLAINT_RESOLVED')).toHaveLength(1);
  });

  it('should tell each linked complainant once when the improvement ships, and show when and by which message', async () => {
    const first = await complain('twice@example.com');
    const second = await complain('twice@example.com');
    const other = await complain();
    const late = await complain();
    const improvement = (await server.ok(`mutation($i: CreateImprovementInput!) { createImprovement(input: $i) { id } }`, { i: { title: 'Sturdier boxes', description: 'Double-walled cardboard from now on.' } })).createImprovement.id;
    for (const c of [first, second, other]) await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: c.id, i: improvement });
    const SHIP = `mutation($i: ID!) { setImprovementStatus(improvementId: $i, status: SHIPPED) { status } }`;
    await server.ok(SHIP, { i: improvement });
    await waitFor('both recipients to be told', () => mailsTo('twice@example.com', 'COMPLAINT_FIXED').length === 1 && mailsTo(other.email, 'COMPLAINT_FIXED').length === 1);
    const [both] = mailsTo('twice@example.com', 'COMPLAINT_FIXED');
    expect(both!.headers.get('subject')).toBe('We fixed it: Sturdier boxes');
    expect(both!.text).toContain(first.number);
    expect(both!.text).toContain(second.number);
    expect(threadTokens(both!)).toEqual([first.token, second.token]);
    const told = (await server.ok(MAILS, { id: first.id })).complaint;
    expect(told.complainantToldAt).toBeTruthy();
    expect(told.complainantToldMessage).toMatchObject({ template: 'COMPLAINT_FIXED' });
    expect((await server.ok(MAILS, { id: second.id })).complaint.complainantToldMessage.id).toBe(told.complainantToldMessage.id);
    expect(told.complainantMails.map((m: { template: string }) => m.template)).toContain('COMPLAINT_FIXED');
    expect((await server.ok(THREAD, { t: other.token }, null)).complaintThread.improvement).toEqual({ title: 'Sturdier boxes' });
    // A second ship sends nothing more; linking again does not tell twice; a newly linked complaint is told at once.
    expect((await server.gql(SHIP, { i: improvement })).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: first.id, i: improvement });
    await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: late.id, i: improvement });
    await waitForMail((m) => m.to[0] === late.email && m.headers.get('x-rapport-template') === 'COMPLAINT_FIXED');
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.received.filter((m) => m.headers.get('x-rapport-template') === 'COMPLAINT_FIXED').map((m) => m.to[0]).sort()).toEqual([late.email, other.email, 'twice@example.com'].sort());
    const rows = await server.rapport.deps.db.fork().find(OutboxMessage, { template: 'COMPLAINT_FIXED' });
    expect(rows).toHaveLength(3);
  });

  it('should slow down guessing: unknown links count per address, then RATE_LIMITED even for a good one', async () => {
    const { token } = await complain();
    // A second server with a small budget (3 x RAPPORT_PUBLIC_COMPLAINTS unknown links per window) on its own database.
    const strict = await startTestServer({ kind, env: { RAPPORT_PUBLIC_COMPLAINTS: '1' } });
    try {
      for (let i = 0; i < 3; i++) expect((await strict.gql(THREAD, { t: `rct_guess${i}` }, { token: null })).errors?.[0]?.extensions?.code).toBe('THREAD_LINK_INVALID');
      const limited = await strict.gql(THREAD, { t: 'rct_guess4' }, { token: null });
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await strict.stop();
    }
    // The first server is untouched by the other's budget.
    expect((await server.ok(THREAD, { t: token }, null)).complaintThread.status).toBe('NEW');
  });

  it('should tell each complainant once when two ships of one improvement race', async () => {
    const a = await complain();
    const b = await complain();
    const improvement = (await server.ok(`mutation($i: CreateImprovementInput!) { createImprovement(input: $i) { id } }`, { i: { title: 'Racing fix' } })).createImprovement.id;
    for (const c of [a, b]) await server.ok(`mutation($c: ID!, $i: ID) { linkImprovement(complaintId: $c, improvementId: $i) { id } }`, { c: c.id, i: improvement });
    const SHIP = `mutation($i: ID!) { setImprovementStatus(improvementId: $i, status: SHIPPED) { status } }`;
    await Promise.all([server.gql(SHIP, { i: improvement }), server.gql(SHIP, { i: improvement })]);
    await waitForMail((m) => m.to[0] === a.email && m.headers.get('x-rapport-template') === 'COMPLAINT_FIXED');
    await waitForMail((m) => m.to[0] === b.email && m.headers.get('x-rapport-template') === 'COMPLAINT_FIXED');
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo(a.email, 'COMPLAINT_FIXED')).toHaveLength(1);
    expect(mailsTo(b.email, 'COMPLAINT_FIXED')).toHaveLength(1);
    const rows = await server.rapport.deps.db.fork().find(OutboxMessage, { template: 'COMPLAINT_FIXED', recipientEmail: { $in: [a.email, b.email] } });
    expect(rows).toHaveLength(2);
  });
});
