import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { TestSmtpServer } from '../../test/smtp.js';
import { waitFor } from '../../test/processes.js';
import { enqueueMail, type MailRequest } from './outbox.js';
import { MailAddress, OutboxMessage, OutboxStatus } from './outbox.entity.js';
import { OutboxSender, smtpTransport } from './sender.js';
import type { DomainEvent } from '../pubsub/events.js';

const kinds = await testDatabaseKinds();

function invitation(to: string, n = 1): MailRequest {
  return {
    template: 'SURVEY_INVITATION',
    to,
    toField: 'email',
    name: `Person ${n}`,
    language: n % 2 ? 'de' : 'en',
    params: { surveyTitle: `Pulse ${n}`, anonymous: true },
    secretParams: { link: `https://rapport.example/s/rsv_secret_${n}` },
  };
}

async function enqueue(server: TestServer, requests: MailRequest[]): Promise<void> {
  const events: DomainEvent[] = [];
  await server.rapport.deps.db.fork().transactional(async (em) => {
    for (const request of requests) await enqueueMail(em as EntityManager, events, server.rapport.deps.config.mail, server.rapport.deps.now(), request);
  });
  server.rapport.deps.mailSender?.wake();
}

function rows(server: TestServer): Promise<OutboxMessage[]> {
  return server.rapport.deps.db.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
}

const FAST = { RAPPORT_MAIL_POLL_MS: '50', RAPPORT_MAIL_RETRY_MS: '100', RAPPORT_MAIL_LEASE_MS: '5000' };

describe.each(kinds)('outbox on %s', (kind) => {
  let smtp: TestSmtpServer;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    await smtp.start().catch(() => {}); // a test that stopped it leaves it running for the next
    smtp.received.length = 0;
    smtp.rejectRecipients.clear();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  async function server(env: Record<string, string> = {}, databaseUrl?: string): Promise<TestServer> {
    const started = await startTestServer({ kind, databaseUrl, env: { ...FAST, ...env } });
    servers.push(started);
    return started;
  }

  it('should deliver a committed message with its Message-ID, both parts and one-click unsubscribe, and record it as sent', async () => {
    const rapport = await server({ SMTP_URL: smtp.url, MAIL_FROM: 'Rapport <surveys@rapport.example>', RAPPORT_PUBLIC_URL: 'https://rapport.example/' });
    await enqueue(rapport, [invitation('Ada@Example.com', 1)]);
    const [mail] = await smtp.waitForMessages(1);
    await waitFor('the row to be recorded as sent', async () => (await rows(rapport))[0]!.status === OutboxStatus.SENT);
    const [row] = await rows(rapport);
    expect(row!.attempts).toBe(1);
    expect(mail!.to).toEqual(['ada@example.com']);
    expect(mail!.headers.get('message-id')).toBe(row!.messageId);
    expect(row!.messageId).toMatch(/^<[\w-]+@rapport\.example>$/);
    expect(mail!.headers.get('subject')).toContain('Pulse 1');
    expect(mail!.text).toContain('https://rapport.example/s/rsv_secret_1');
    expect(mail!.html).toContain('href="https://rapport.example/s/rsv_secret_1"');
    expect(mail!.text).toContain('anonym'); // German: the recipient's language
    const address = await rapport.rapport.deps.db.fork().findOneOrFail(MailAddress, { email: 'ada@example.com' });
    expect(mail!.headers.get('list-unsubscribe')).toBe(`<https://rapport.example/unsubscribe/${address.unsubscribeToken}>`);
    expect(mail!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('should send nothing for a transaction that rolled back', async () => {
    const rapport = await server({ SMTP_URL: smtp.url });
    await expect(
      rapport.rapport.deps.db.fork().transactional(async (em) => {
        await enqueueMail(em as EntityManager, [], rapport.rapport.deps.config.mail, new Date(), invitation('ghost@example.com'));
        await (em as EntityManager).flush();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await enqueue(rapport, [invitation('real@example.com', 2)]);
    await smtp.waitForMessages(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.map((m) => m.to[0])).toEqual(['real@example.com']);
    expect((await rows(rapport)).map((r) => r.recipientEmail)).toEqual(['real@example.com']);
  });

  it('should refuse an invalid address at the source, naming the field', async () => {
    const rapport = await server();
    await expect(enqueue(rapport, [{ ...invitation('not an address'), toField: 'customer.email' }])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'customer.email' },
    });
    expect(await rows(rapport)).toEqual([]);
  });

  it('should keep messages through an SMTP outage and deliver each exactly once when it returns', async () => {
    await smtp.stop();
    const rapport = await server({ SMTP_URL: smtp.url });
    await enqueue(
      rapport,
      Array.from({ length: 6 }, (_, i) => invitation(`person${i}@example.com`, i)),
    );
    await waitFor('failed attempts to be recorded', async () => (await rows(rapport)).every((r) => r.attempts >= 1 && r.status === OutboxStatus.PENDING && r.lastError));
    const failed = await rows(rapport);
    expect(failed.every((r) => /ECONNECTION|ESOCKET|ECONNREFUSED/.test(r.lastError!))).toBe(true);
    await smtp.start();
    await smtp.waitForMessages(6);
    await waitFor('every row to be recorded as sent', async () => (await rows(rapport)).every((r) => r.status === OutboxStatus.SENT));
    await new Promise((r) => setTimeout(r, 500));
    const ids = smtp.received.map((m) => m.headers.get('message-id'));
    expect(ids).toHaveLength(6);
    expect(new Set(ids)).toEqual(new Set((await rows(rapport)).map((r) => r.messageId)));
  });

  it('should give up after the attempt limit and keep the reason', async () => {
    await smtp.stop();
    const rapport = await server({ SMTP_URL: smtp.url, RAPPORT_MAIL_MAX_ATTEMPTS: '3', RAPPORT_MAIL_RETRY_MS: '20' });
    await enqueue(rapport, [invitation('late@example.com')]);
    await waitFor('the message to be given up', async () => (await rows(rapport))[0]!.status === OutboxStatus.FAILED, 15_000);
    const [row] = await rows(rapport);
    expect(row!.attempts).toBe(3);
    expect(row!.lastError).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
  });

  it('should fail a permanently refused address at once, mark it bouncing and suppress further asks to it', async () => {
    smtp.rejectRecipients.add('gone@example.com');
    const rapport = await server({ SMTP_URL: smtp.url });
    await enqueue(rapport, [invitation('gone@example.com', 1), invitation('here@example.com', 2)]);
    await smtp.waitForMessages(1);
    await waitFor('the refusal to be recorded', async () => (await rows(rapport))[0]!.status === OutboxStatus.FAILED);
    const [refused] = await rows(rapport);
    expect(refused!.attempts).toBe(1);
    expect(refused!.lastError).toMatch(/^550 /);
    const address = await rapport.rapport.deps.db.fork().findOneOrFail(MailAddress, { email: 'gone@example.com' });
    expect(address.bouncingAt).toBeInstanceOf(Date);
    await enqueue(rapport, [invitation('gone@example.com', 3)]);
    const latest = (await rows(rapport)).at(-1)!;
    expect(latest.status).toBe(OutboxStatus.SUPPRESSED);
    expect(latest.lastError).toBe('address is bouncing');
    expect(smtp.received.map((m) => m.to[0])).toEqual(['here@example.com']);
  });

  it('should resend a failed message with its Message-ID, copy a sent one with a new one, and refuse a bouncing address', async () => {
    await smtp.stop();
    const rapport = await server({ SMTP_URL: smtp.url, RAPPORT_MAIL_MAX_ATTEMPTS: '1' });
    await enqueue(rapport, [invitation('retry@example.com')]);
    await waitFor('the message to be given up', async () => (await rows(rapport))[0]!.status === OutboxStatus.FAILED);
    await smtp.start();
    const [failed] = await rows(rapport);
    const RESEND = `mutation($id: ID!) { resendOutboxMessage(id: $id) { id status attempts } }`;
    expect((await rapport.ok(RESEND, { id: String(failed!.id) })).resendOutboxMessage).toEqual({ id: String(failed!.id), status: 'PENDING', attempts: 0 });
    const [first] = await smtp.waitForMessages(1);
    expect(first!.headers.get('message-id')).toBe(failed!.messageId);
    await waitFor('the resent message to be recorded as sent', async () => (await rows(rapport))[0]!.status === OutboxStatus.SENT);
    const copy = (await rapport.ok(RESEND, { id: String(failed!.id) })).resendOutboxMessage;
    expect(copy.id).not.toBe(String(failed!.id));
    const [, second] = await smtp.waitForMessages(2);
    expect(second!.headers.get('message-id')).not.toBe(failed!.messageId);
    expect(second!.text).toContain('rsv_secret_1');
    smtp.rejectRecipients.add('retry@example.com');
    await rapport.ok(RESEND, { id: String(failed!.id) });
    await waitFor('the refusal to be recorded', async () => (await rows(rapport)).at(-1)!.status === OutboxStatus.FAILED);
    const refused = await rapport.gql(RESEND, { id: String(failed!.id) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'ADDRESS_BOUNCING', field: 'id' });
  });

  it('should coalesce a flood of events to one recipient into one message', async () => {
    const rapport = await server(); // no SMTP_URL: messages wait, nothing is sent
    expect(rapport.rapport.deps.mailSender).toBeUndefined();
    for (let i = 1; i <= 4; i++) {
      await enqueue(rapport, [
        { template: 'SLA_BREACH', to: 'lead@example.com', toField: 'assignee.email', language: 'en', coalesceKey: 'sla-breach', params: { appUrl: 'http://x', items: [{ complaintId: String(i), subject: `Broken ${i}`, target: 'RESOLUTION' }] } },
      ]);
    }
    const all = await rows(rapport);
    expect(all).toHaveLength(1);
    expect(all[0]!.status).toBe(OutboxStatus.PENDING);
    expect(all[0]!.eventCount).toBe(4);
    const sender = new OutboxSender(rapport.rapport.deps, smtpTransport(smtp.url));
    expect(await sender.runOnce()).toBe(1);
    await sender.stop();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.headers.get('subject')).toBe('4 SLA breaches');
    for (let i = 1; i <= 4; i++) expect(mail!.text).toContain(`Broken ${i}`);
    expect(mail!.headers.get('list-unsubscribe')).toBeUndefined(); // staff alerts are not asks
  });

  it('should take over a message whose sender died mid-send once its lease has ended', async () => {
    const rapport = await server();
    await enqueue(rapport, [invitation('orphan@example.com')]);
    const em = rapport.rapport.deps.db.fork();
    const past = new Date(Date.now() - 1000);
    await em.nativeUpdate(OutboxMessage, {}, { status: OutboxStatus.SENDING, claimToken: 'dead-sender', lockedUntil: new Date(Date.now() + 60_000), attempts: 1 });
    const sender = new OutboxSender(rapport.rapport.deps, smtpTransport(smtp.url));
    expect(await sender.runOnce()).toBe(0); // the lease still holds
    await em.nativeUpdate(OutboxMessage, {}, { lockedUntil: past });
    expect(await sender.runOnce()).toBe(1);
    await sender.stop();
    await smtp.waitForMessages(1);
    const [row] = await rows(rapport);
    expect(row!.status).toBe(OutboxStatus.SENT);
    expect(row!.attempts).toBe(2);
  });

  // Two instances need one shared database: PostgreSQL (an in-memory SQLite database belongs to one process).
  if (kind === 'postgresql') it('should never send one message twice from two instances on one database', async () => {
    const first = await server({ SMTP_URL: smtp.url, RAPPORT_MAIL_BATCH: '5' });
    const second = await server({ SMTP_URL: smtp.url, RAPPORT_MAIL_BATCH: '5' }, first.rapport.deps.config.databaseUrl);
    const count = 80;
    await enqueue(first, Array.from({ length: count }, (_, i) => invitation(`crowd${i}@example.com`, i)));
    second.rapport.deps.mailSender!.wake();
    await smtp.waitForMessages(count, 30_000);
    await waitFor('every row to be recorded as sent', async () => (await rows(first)).every((r) => r.status === OutboxStatus.SENT), 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const ids = smtp.received.map((m) => m.headers.get('message-id'));
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect((await rows(first)).every((r) => r.attempts === 1)).toBe(true);
  });
});
