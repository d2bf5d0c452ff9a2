import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppDeps } from '../context.js';
import { MailAddress, OutboxMessage, OutboxStatus } from './outbox.entity.js';
import { mailAddress, renderForRecipient, unsubscribeUrl } from './outbox.js';
import { Topic } from '../pubsub/topics.js';

/** Longest wait between two attempts of one message. */
const MAX_RETRY_DELAY_MS = 3_600_000;

/** The SMTP transport for `SMTP_URL`: pooled connections, and timeouts short enough that an outage is noticed and retried. */
export function smtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** What a failed attempt means: try again later, or never (a 5xx answer). */
export function classifyFailure(error: unknown): { permanent: boolean; badAddress: boolean; reason: string } {
  const err = error as { responseCode?: number; command?: string; code?: string; response?: string; message?: string };
  const reason = (err.response || err.message || String(error)).slice(0, 500);
  const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
  // The server refused the recipient itself at RCPT, or answered with a mailbox or address status
  // (RFC 3463 5.1.x bad address, 5.2.x mailbox disabled or full) at any step: the address bounces.
  // Other permanent answers (5.7.x policy, 5.6.x content) fail the message but say nothing about the address.
  const badAddress = permanent && (/RCPT/i.test(err.command ?? '') || /\b5\.[12]\.\d{1,3}\b/.test(err.response ?? ''));
  return { permanent, badAddress, reason: err.responseCode ? `${err.responseCode} ${reason}` : `${err.code ?? 'ERROR'} ${reason}` };
}

export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the outbox. One per instance; any number of instances may run on one
 * database. A sender claims a batch of due messages with one conditional
 * UPDATE (its claim token and a lease; on PostgreSQL the candidate rows are
 * picked `FOR UPDATE SKIP LOCKED`, so instances do not queue behind each
 * other), sends them, and records each result only if its claim still
 * holds. A message claimed by a sender that died is taken over when the
 * lease ends. Transient failures (no connection, 4xx) are retried with
 * exponential backoff up to `maxAttempts`; a 5xx answer fails the message at
 * once, and a refused recipient marks the address as bouncing.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly transport: Transporter,
  ) {}

  /** Looks for due messages now and then every `pollMs`. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Look again at once (after a commit that enqueued mail on this instance). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((err) => this.deps.logger.error('outbox sender failed', { err: String(err) }))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.again ? 0 : this.deps.config.mail.pollMs);
          this.again = false;
        });
    }, ms);
    this.timer.unref();
  }

  /** Sends batches until nothing is due. */
  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOnce()) > 0);
  }

  /** Claims and sends one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    if (!claimed.length) return 0;
    await Promise.all(claimed.map((message) => this.deliver(message)));
    this.deps.pubSub.publish(Topic.OUTBOX_CHANGED, { at: this.deps.now().toISOString(), count: claimed.length });
    return claimed.length;
  }

  private async claim(): Promise<OutboxMessage[]> {
    const { leaseMs, batchSize } = this.deps.config.mail;
    const now = this.deps.now();
    const token = randomUUID();
    const em = this.deps.db.fork();
    const due = `((status = 'PENDING' and next_attempt_at <= ?) or (status = 'SENDING' and locked_until <= ?))`;
    const skipLocked = this.deps.db.kind === 'postgresql' ? ' for update skip locked' : '';
    await em.execute(
      `update outbox_message set status = 'SENDING', claim_token = ?, locked_until = ?, attempts = attempts + 1
        where id in (select id from outbox_message where ${due} order by next_attempt_at, id limit ?${skipLocked}) and ${due}`,
      [token, new Date(now.getTime() + leaseMs), now, now, batchSize, now, now],
    );
    return em.find(OutboxMessage, { claimToken: token, status: OutboxStatus.SENDING });
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const { config } = this.deps;
    const em = this.deps.db.fork();
    const mine = { id: message.id, claimToken: message.claimToken };
    const address = message.isAsk ? await mailAddress(em, message.recipientEmail) : await em.findOne(MailAddress, { email: message.recipientEmail });
    const suppressed = address?.bouncingAt ? 'address is bouncing' : message.isAsk && address?.unsubscribedAt ? 'address unsubscribed from asks' : null;
    if (suppressed) {
      await em.nativeUpdate(OutboxMessage, mine, { status: OutboxStatus.SUPPRESSED, lastError: suppressed, lockedUntil: null });
      return;
    }
    const unsubscribe = message.isAsk && address ? unsubscribeUrl(config.mail, address.unsubscribeToken) : null;
    try {
      const rendered = renderForRecipient(message, unsubscribe);
      await this.transport.sendMail({
        from: config.mail.from,
        to: message.recipientName ? { name: message.recipientName, address: message.recipientEmail } : message.recipientEmail,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: message.messageId,
        headers: {
          'X-Rapport-Template': message.template,
          ...(unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
      });
      await em.nativeUpdate(OutboxMessage, mine, { status: OutboxStatus.SENT, sentAt: this.deps.now(), lastError: null, lockedUntil: null });
    } catch (error) {
      const failure = classifyFailure(error);
      const givenUp = failure.permanent || message.attempts >= config.mail.maxAttempts;
      this.deps.logger.warn('mail not sent', { messageId: message.id, attempt: message.attempts, permanent: failure.permanent, givenUp, reason: failure.reason });
      await em.nativeUpdate(
        OutboxMessage,
        mine,
        givenUp
          ? { status: OutboxStatus.FAILED, lastError: failure.reason, lockedUntil: null }
          : {
              status: OutboxStatus.PENDING,
              lastError: failure.reason,
              lockedUntil: null,
              nextAttemptAt: new Date(this.deps.now().getTime() + retryDelayMs(config.mail.retryBaseMs, message.attempts)),
            },
      );
      if (failure.badAddress) {
        const bouncing = await mailAddress(em, message.recipientEmail);
        await em.nativeUpdate(MailAddress, { email: bouncing.email }, { bouncingAt: this.deps.now(), bounceReason: failure.reason });
      }
    }
  }

  /** Stops looking for messages, lets the batch in hand finish, closes the SMTP connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
