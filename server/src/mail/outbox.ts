import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { isEmail } from 'class-validator';
import type { MailConfig } from '../config.js';
import type { DomainEvent } from '../pubsub/events.js';
import { Topic } from '../pubsub/topics.js';
import { badInput } from '../errors/domain-error.js';
import { MailAddress, OutboxMessage, OutboxStatus } from './outbox.entity.js';
import { TEMPLATES, render, type Language, type Rendered, type TemplateName } from './templates.js';

/**
 * The transactional outbox: `enqueueMail` writes a message with the
 * EntityManager of the transaction that causes it; senders (mail/sender.ts)
 * claim and send due messages on any instance. Delivery is at least once —
 * a sender can die after the SMTP server accepted a message and before it
 * recorded that — and every attempt carries the same Message-ID, so the
 * receiving side can drop the duplicate.
 */

export interface MailRequest {
  template: TemplateName;
  to: string;
  /** The form field the address came from, named in the error when it is invalid. */
  toField: string;
  name?: string | null;
  language?: string | null;
  params: Record<string, unknown>;
  secretParams?: Record<string, unknown>;
  /** What the message is about, e.g. `survey-invitation:17`: later messages (a reminder) find it by this. */
  reference?: string;
  /** Unsent messages to one recipient with the same key become one: `params.items` gathers every event's items. */
  coalesceKey?: string;
  customerId?: number | null;
  employeeId?: number | null;
}

export function surveyInvitationReference(invitationId: number): string {
  return `survey-invitation:${invitationId}`;
}

/** Refuses what is not a deliverable address, naming the field it came from. */
export function checkEmail(email: string, field: string): string {
  const normalised = email.trim().toLowerCase();
  if (!isEmail(normalised, { allow_display_name: false, require_tld: false }) || normalised.length > 320) {
    throw badInput(field, `${field} must be a valid email address, got "${email.slice(0, 80)}"`);
  }
  return normalised;
}

function languageOf(value: string | null | undefined, fallback: Language): Language {
  return value === 'de' || value === 'en' ? value : fallback;
}

/**
 * Writes a message into the outbox, inside the caller's transaction (flushed
 * with it); `events` gets an OUTBOX_CHANGED event, published after the
 * commit, which also wakes this instance's sender. An ask to an address that
 * unsubscribed or bounces is written as SUPPRESSED, so the outbox shows why
 * nobody was asked.
 */
export async function enqueueMail(em: EntityManager, events: DomainEvent[], config: MailConfig, now: Date, request: MailRequest): Promise<OutboxMessage> {
  const recipientEmail = checkEmail(request.to, request.toField);
  if (!events.some((e) => e.topic === Topic.OUTBOX_CHANGED)) events.push({ topic: Topic.OUTBOX_CHANGED, payload: { at: now.toISOString(), count: 1 } });
  const isAsk = TEMPLATES[request.template].isAsk;
  if (request.coalesceKey) {
    const pending = await em.findOne(OutboxMessage, { recipientEmail, coalesceKey: request.coalesceKey, status: OutboxStatus.PENDING, attempts: 0 });
    if (pending) {
      const items = [...((pending.params.items as unknown[]) ?? []), ...((request.params.items as unknown[]) ?? [])];
      pending.params = { ...pending.params, ...request.params, items };
      pending.eventCount += 1;
      return pending;
    }
  }
  const address = await em.findOne(MailAddress, { email: recipientEmail });
  const suppressed = address?.bouncingAt ? 'address is bouncing' : isAsk && address?.unsubscribedAt ? 'address unsubscribed from asks' : null;
  return em.create(OutboxMessage, {
    messageId: `<${randomUUID()}@${messageIdDomain(config.from)}>`,
    template: request.template,
    recipientEmail,
    recipientName: request.name ?? null,
    language: languageOf(request.language, config.defaultLanguage),
    params: request.params,
    secretParams: request.secretParams ?? null,
    isAsk,
    coalesceKey: request.coalesceKey ?? null,
    reference: request.reference ?? null,
    customerId: request.customerId ?? null,
    employeeId: request.employeeId ?? null,
    status: suppressed ? OutboxStatus.SUPPRESSED : OutboxStatus.PENDING,
    nextAttemptAt: now,
    lastError: suppressed,
    createdAt: now,
  });
}

/** The domain part of the From address: Message-IDs are unique under the sender's own domain. */
function messageIdDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'rapport.local';
}

/** The address row, made on first need with its unsubscribe token. */
export async function mailAddress(em: EntityManager, email: string): Promise<MailAddress> {
  const existing = await em.findOne(MailAddress, { email });
  if (existing) return existing;
  await em
    .createQueryBuilder(MailAddress)
    .insert({ email, unsubscribeToken: randomBytes(24).toString('base64url') })
    .onConflict('email')
    .ignore()
    .execute();
  return em.findOneOrFail(MailAddress, { email }, { refresh: true });
}

export function unsubscribeUrl(config: MailConfig, token: string): string {
  return `${config.publicUrl}/unsubscribe/${encodeURIComponent(token)}`;
}

/** The message as the recipient gets it (with their personal links). */
export function renderForRecipient(message: OutboxMessage, unsubscribe: string | null): Rendered {
  return render(message.template as TemplateName, {
    language: message.language as Language,
    recipientName: message.recipientName ?? null,
    params: message.params,
    secret: message.secretParams ?? {},
    unsubscribeUrl: unsubscribe,
    eventCount: message.eventCount,
  });
}

/** The message as the admin app previews it: secret parameters and the unsubscribe link replaced by placeholders. */
export function renderPreview(message: OutboxMessage): Rendered {
  return render(message.template as TemplateName, {
    language: message.language as Language,
    recipientName: message.recipientName ?? null,
    params: message.params,
    secret: null,
    unsubscribeUrl: message.isAsk ? (message.language === 'de' ? '[Abmeldelink]' : '[unsubscribe link]') : null,
    eventCount: message.eventCount,
  });
}

/**
 * One-click unsubscribe (RFC 8058): the address gets no more asks (surveys,
 * referral requests); replies to its own complaints still reach it. Unsent
 * asks to it are suppressed at once. Returns the address, or null for an
 * unknown token.
 */
export async function unsubscribe(em: EntityManager, token: string, now: Date): Promise<string | null> {
  if (!token || token.length > 100) return null;
  return em.transactional(async (tx) => {
    const address = await tx.findOne(MailAddress, { unsubscribeToken: token });
    if (!address) return null;
    address.unsubscribedAt ??= now;
    await tx.nativeUpdate(
      OutboxMessage,
      { recipientEmail: address.email, isAsk: true, status: OutboxStatus.PENDING },
      { status: OutboxStatus.SUPPRESSED, lastError: 'address unsubscribed from asks' },
    );
    return address.email;
  });
}
