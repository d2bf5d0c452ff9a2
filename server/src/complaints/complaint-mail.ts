import type { EntityManager } from '@mikro-orm/knex';
import type { MailConfig } from '../config.js';
import type { DomainEvent } from '../pubsub/events.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { checkEmail, enqueueMail } from '../mail/outbox.js';
import { OutboxMessage, OutboxStatus } from '../mail/outbox.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Complaint, type Improvement } from './complaint.entity.js';
import { ComplaintThreadLink } from './complaint-mail.entity.js';

/**
 * Email to complainants about their own complaint, written into the outbox
 * inside the transaction of the change that causes it (see mail/outbox.ts):
 *
 * - the acknowledgement with a private link to the thread page (`/c/rct_…`),
 *   one link per complaint and recipient;
 * - staff replies (internal notes never), coalesced: the first waits
 *   `replyCoalesceMs`, and replies meanwhile join it;
 * - the resolution with the recovery-satisfaction question, once per complaint;
 * - "we fixed it" when a linked improvement ships, one message per recipient
 *   for all of their complaints, once per complaint.
 *
 * Only the token's hash is stored; the link itself lives in the secret
 * parameters of the messages to its recipient, and later messages find it by
 * their `reference` (`complaint-thread:<link id>`), as survey reminders do.
 */

export function threadUrl(config: MailConfig, token: string): string {
  return `${config.publicUrl}/c/${encodeURIComponent(token)}`;
}

function replyKey(complaintId: number): string {
  return `complaint-reply:${complaintId}`;
}

export function threadReference(linkId: number): string {
  return `complaint-thread:${linkId}`;
}

function number(id: number): string {
  return `C-${String(id).padStart(6, '0')}`;
}

function languageOf(...candidates: Array<string | null | undefined>): 'de' | 'en' | undefined {
  return candidates.find((c): c is 'de' | 'en' => c === 'de' || c === 'en');
}

export interface Recipient {
  email: string;
  /** The input field the address came from, named when it is invalid. */
  toField: string;
  name?: string | null;
  language?: string | null;
}

/**
 * Gives `recipient` a link to the complaint's thread and emails it (the
 * acknowledgement). Issuing it again for the same address — also after a
 * revoke — replaces the old link with a new one.
 */
export async function issueThreadLink(
  em: EntityManager,
  events: DomainEvent[],
  config: MailConfig,
  now: Date,
  complaint: Complaint,
  recipient: Recipient,
  createdBy: string,
): Promise<{ link: ComplaintThreadLink; message: OutboxMessage }> {
  const email = checkEmail(recipient.email, recipient.toField);
  const token = newToken('complaintThread');
  const customer = await em.findOneOrFail(Customer, { id: complaint.customer.id });
  const ownAddress = customer.email === email;
  const language = languageOf(recipient.language, ownAddress ? customer.language : null) ?? config.defaultLanguage;
  const name = recipient.name?.trim() || (ownAddress ? customer.name : null);
  let link = await em.findOne(ComplaintThreadLink, { complaint: complaint.id, email });
  if (link) {
    Object.assign(link, { tokenHash: hashToken(token), revokedAt: null, name: name ?? link.name, language: languageOf(recipient.language) ?? link.language });
  } else {
    link = em.create(ComplaintThreadLink, { complaint, email, name, language, tokenHash: hashToken(token), createdBy, createdAt: now });
  }
  await em.flush();
  const message = await enqueueMail(em, events, config, now, {
    template: 'COMPLAINT_RECEIVED',
    to: email,
    toField: recipient.toField,
    name: link.name,
    language: link.language,
    params: { complaintId: complaint.id, number: number(complaint.id), subject: complaint.subject, addedByStaff: createdBy !== 'customer' },
    secretParams: { link: threadUrl(config, token) },
    reference: threadReference(link.id),
    customerId: ownAddress ? customer.id : null,
  });
  return { link, message };
}

/**
 * The links mail about a complaint goes to: its live ones; a complaint that
 * never had one (logged by staff) gets one for its customer's address. Links
 * staff revoked are respected: then nobody is written to.
 */
async function recipientsOf(em: EntityManager, config: MailConfig, now: Date, complaint: Complaint): Promise<Array<{ link: ComplaintThreadLink; url: string; customerId: number | null }>> {
  const all = await em.find(ComplaintThreadLink, { complaint: complaint.id }, { orderBy: { id: 'asc' } });
  const customer = await em.findOneOrFail(Customer, { id: complaint.customer.id });
  if (all.length === 0) {
    const token = newToken('complaintThread');
    const link = em.create(ComplaintThreadLink, {
      complaint,
      email: customer.email,
      name: customer.name,
      language: languageOf(customer.language) ?? config.defaultLanguage,
      tokenHash: hashToken(token),
      createdBy: 'system',
      createdAt: now,
    });
    await em.flush();
    return [{ link, url: threadUrl(config, token), customerId: customer.id }];
  }
  const live = all.filter((l) => !l.revokedAt);
  const result = [];
  for (const link of live) result.push({ link, url: await currentUrl(em, config, link), customerId: link.email === customer.email ? customer.id : null });
  return result;
}

/** The link last emailed to the recipient (from the outbox); when none is found, a new one replaces it. */
async function currentUrl(em: EntityManager, config: MailConfig, link: ComplaintThreadLink): Promise<string> {
  const recent = await em.find(OutboxMessage, { reference: threadReference(link.id) }, { orderBy: { id: 'desc' }, limit: 20 });
  for (const message of recent) {
    const secret = message.secretParams ?? {};
    const candidates = [secret.link, ...Object.values((secret.links as Record<string, unknown> | undefined) ?? {})];
    for (const url of candidates) {
      if (typeof url === 'string' && hashToken(decodeURIComponent(url.slice(url.lastIndexOf('/c/') + 3))) === link.tokenHash) return url;
    }
  }
  const token = newToken('complaintThread');
  link.tokenHash = hashToken(token);
  await em.flush();
  return threadUrl(config, token);
}

/** A staff reply to the customer (never an internal note): mailed to every recipient of the thread, coalesced. */
export async function mailStaffReply(em: EntityManager, events: DomainEvent[], config: MailConfig, now: Date, complaint: Complaint, body: string, author: string | null): Promise<void> {
  for (const { link, url, customerId } of await recipientsOf(em, config, now, complaint)) {
    const message = await enqueueMail(em, events, config, now, {
      template: 'COMPLAINT_REPLY',
      to: link.email,
      toField: 'complainant.email',
      name: link.name,
      language: link.language,
      params: { complaintId: complaint.id, number: number(complaint.id), subject: complaint.subject, items: [{ body, author }] },
      secretParams: { link: url },
      reference: threadReference(link.id),
      coalesceKey: replyKey(complaint.id),
      customerId,
    });
    // The first reply waits for more: replies within the window go out as one message.
    if (message.eventCount === 1 && !message.id) message.nextAttemptAt = new Date(now.getTime() + config.replyCoalesceMs);
  }
}

/** The resolution and the one recovery-satisfaction question: once per complaint, however often it is resolved. */
export async function mailResolution(em: EntityManager, events: DomainEvent[], config: MailConfig, now: Date, complaint: Complaint): Promise<boolean> {
  if (complaint.recoveryAskedAt || complaint.recoveryRatedAt) return false;
  // Claimed by a conditional update: two resolutions racing still ask once.
  if (!(await em.nativeUpdate(Complaint, { id: complaint.id, recoveryAskedAt: null }, { recoveryAskedAt: now }))) return false;
  const recipients = await recipientsOf(em, config, now, complaint);
  if (!recipients.length) await em.nativeUpdate(Complaint, { id: complaint.id }, { recoveryAskedAt: null });
  // Replies still waiting to be coalesced go out now, ahead of the resolution.
  await em.nativeUpdate(OutboxMessage, { coalesceKey: replyKey(complaint.id), status: OutboxStatus.PENDING, attempts: 0 }, { nextAttemptAt: now });
  for (const { link, url, customerId } of recipients) {
    await enqueueMail(em, events, config, now, {
      template: 'COMPLAINT_RESOLVED',
      to: link.email,
      toField: 'complainant.email',
      name: link.name,
      language: link.language,
      params: { complaintId: complaint.id, number: number(complaint.id), subject: complaint.subject, resolution: complaint.resolution ?? '' },
      secretParams: { link: url },
      reference: threadReference(link.id),
      customerId,
    });
  }
  if (recipients.length) complaint.recoveryAskedAt = now;
  return recipients.length > 0;
}

/**
 * "We fixed it": every recipient of the given complaints not yet told gets one
 * message about all of their complaints the improvement answers. Returns the
 * message that told each complaint's complainant (the first, when it has
 * several recipients); a complaint whose links were all revoked is left out.
 */
export async function mailImprovementShipped(
  em: EntityManager,
  events: DomainEvent[],
  config: MailConfig,
  now: Date,
  improvement: Improvement,
  complaints: Complaint[],
): Promise<Map<number, OutboxMessage>> {
  const byRecipient = new Map<string, { link: ComplaintThreadLink; customerId: number | null; items: Array<{ complaint: Complaint; url: string }> }>();
  for (const complaint of complaints) {
    if (complaint.complainantToldAt) continue;
    // Claimed by a conditional update: two ships racing still tell each complainant once.
    if (!(await em.nativeUpdate(Complaint, { id: complaint.id, complainantToldAt: null }, { complainantToldAt: now }))) continue;
    const recipients = await recipientsOf(em, config, now, complaint);
    if (!recipients.length) await em.nativeUpdate(Complaint, { id: complaint.id }, { complainantToldAt: null });
    for (const { link, url, customerId } of recipients) {
      const entry = byRecipient.get(link.email) ?? { link, customerId, items: [] };
      entry.items.push({ complaint, url });
      byRecipient.set(link.email, entry);
    }
  }
  const told = new Map<number, OutboxMessage>();
  for (const [email, { link, customerId, items }] of byRecipient) {
    const message = await enqueueMail(em, events, config, now, {
      template: 'COMPLAINT_FIXED',
      to: email,
      toField: 'complainant.email',
      name: link.name,
      language: link.language,
      params: {
        improvementId: improvement.id,
        improvement: improvement.title,
        description: improvement.description ?? '',
        items: items.map(({ complaint }) => ({ complaintId: complaint.id, number: number(complaint.id), subject: complaint.subject })),
      },
      secretParams: { links: Object.fromEntries(items.map(({ complaint, url }) => [number(complaint.id), url])) },
      reference: threadReference(link.id),
      customerId,
    });
    for (const { complaint } of items) if (!told.has(complaint.id)) told.set(complaint.id, message);
  }
  await em.flush();
  return told;
}
