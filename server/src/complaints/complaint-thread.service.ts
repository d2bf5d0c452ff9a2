import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Complaint, ComplaintEvent, ComplaintEventKind, ComplaintStatus, Improvement, ImprovementStatus } from './complaint.entity.js';
import { ComplaintThreadLink } from './complaint-mail.entity.js';
import { issueThreadLink, threadReference } from './complaint-mail.js';
import { complaintNumber, endPause, record } from './complaint.service.js';
import { PublicThreadEntryKind, type PublicComplaintThread, type SendComplaintThreadLinkInput } from './complaint-thread.types.js';
import { Customer } from '../customers/customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { OutboxMessage } from '../mail/outbox.entity.js';
import { hashToken } from '../auth/tokens.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { inTransaction } from '../pubsub/events.js';
import { parseId } from '../graphql/ids.js';

/** Longest answer a complainant can post on their page. */
export const MAX_REPLY_LENGTH = 5000;

const VISIBLE = [ComplaintEventKind.CUSTOMER_MESSAGE, ComplaintEventKind.STAFF_MESSAGE, ComplaintEventKind.STATUS_CHANGED];

function invalidLink(): DomainError {
  return new DomainError('THREAD_LINK_INVALID', 'This link is unknown or no longer valid. Ask us for a new one.', { field: 'token' });
}

function rateLimited(waitMs: number): DomainError {
  const seconds = Math.ceil(waitMs / 1000);
  return new DomainError('RATE_LIMITED', `Too many attempts from here; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * The live link for a token, read with `em`. Unknown and revoked tokens are
 * refused alike and count against the caller's address: guessing is slowed
 * down on top of being hopeless (256 random bits).
 */
async function linkFor(ctx: Context, em: EntityManager, token: string): Promise<ComplaintThreadLink> {
  const address = `bad:${ctx.http?.clientAddress ?? 'ws'}`;
  const wait = await ctx.deps.threadLimiter.retryAfter(address);
  if (wait > 0) throw rateLimited(wait);
  const plausible = typeof token === 'string' && token.startsWith('rct_') && token.length <= 100;
  const link = plausible ? await em.findOne(ComplaintThreadLink, { tokenHash: hashToken(token), revokedAt: null }) : null;
  if (!link) {
    await ctx.deps.threadLimiter.record(address);
    throw invalidLink();
  }
  return link;
}

/** What the complainant sees: customer-visible messages and status changes, never internal notes or staff addresses. */
async function view(em: EntityManager, link: ComplaintThreadLink, complaint: Complaint): Promise<PublicComplaintThread> {
  const events = await em.find(ComplaintEvent, { complaint: complaint.id, kind: { $in: VISIBLE } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const staff = [...new Set(events.filter((e) => e.kind === ComplaintEventKind.STAFF_MESSAGE && e.actor.includes('@')).map((e) => e.actor))];
  const names = new Map((staff.length ? await em.find(Employee, { email: { $in: staff } }) : []).map((e) => [e.email, e.name]));
  const improvement = complaint.improvement ? await em.findOne(Improvement, { id: complaint.improvement.id, status: ImprovementStatus.SHIPPED }) : null;
  const settled = complaint.status === ComplaintStatus.RESOLVED || complaint.status === ComplaintStatus.CLOSED;
  return {
    number: complaintNumber(complaint.id),
    subject: complaint.subject,
    status: complaint.status,
    receivedAt: complaint.createdAt,
    resolution: settled ? (complaint.resolution ?? null) : null,
    canReply: complaint.status !== ComplaintStatus.CLOSED,
    canRateRecovery: settled && !complaint.recoveryRatedAt,
    recoveryRating: complaint.recoveryRating ?? null,
    improvement: improvement ? { title: improvement.title, description: improvement.description ?? null, shippedAt: improvement.shippedAt ?? null } : null,
    language: link.language,
    entries: events.map((e) => ({
      id: String(e.id),
      kind: e.kind as unknown as PublicThreadEntryKind,
      body: e.kind === ComplaintEventKind.STATUS_CHANGED ? null : (e.body ?? null),
      status: e.kind === ComplaintEventKind.STATUS_CHANGED ? ((e.toValue as ComplaintStatus | null) ?? null) : null,
      // Staff by name only: an address or a token's name never reaches the customer.
      author: e.kind === ComplaintEventKind.STAFF_MESSAGE ? (names.get(e.actor) ?? null) : null,
      at: e.createdAt,
    })),
  };
}

/** The thread page (no login): the link is the credential. */
export async function publicThread(ctx: Context, token: string): Promise<PublicComplaintThread> {
  const link = await linkFor(ctx, ctx.em, token);
  const complaint = await ctx.em.findOneOrFail(Complaint, { id: link.complaint.id });
  // When the page was last opened (at most one write a minute: the page refreshes itself).
  const now = ctx.deps.now();
  await ctx.em.nativeUpdate(ComplaintThreadLink, { id: link.id, $or: [{ lastOpenedAt: null }, { lastOpenedAt: { $lt: new Date(now.getTime() - 60_000) } }] }, { lastOpenedAt: now });
  return view(ctx.em, link, complaint);
}

/**
 * The complainant answers on their page: a customer message in the thread (the
 * admin's complaint page hears it live), which also ends waiting on the customer.
 */
export async function replyOnThread(ctx: Context, token: string, body: string): Promise<PublicComplaintThread> {
  const text = typeof body === 'string' ? body.trim() : '';
  if (!text) throw badInput('body', 'Write your answer first');
  if (text.length > MAX_REPLY_LENGTH) throw badInput('body', `An answer can be at most ${MAX_REPLY_LENGTH.toLocaleString('en')} characters (this one has ${text.length.toLocaleString('en')})`);
  const now = ctx.deps.now();
  const link = await linkFor(ctx, ctx.em, token);
  const key = `reply:${link.id}`;
  const wait = await ctx.deps.threadLimiter.retryAfter(key);
  if (wait > 0) throw rateLimited(wait);
  const result = await inTransaction(ctx, async (em, events) => {
    const complaint = await em.findOneOrFail(Complaint, { id: link.complaint.id });
    if (complaint.status === ComplaintStatus.CLOSED) throw new DomainError('COMPLAINT_CLOSED', 'This complaint is closed. Please write to us again if something is still wrong.', { field: 'token' });
    endPause(em, events, complaint, now, 'system');
    record(em, events, complaint, { kind: ComplaintEventKind.CUSTOMER_MESSAGE, body: text, actor: 'customer', createdAt: now });
    await em.flush();
    return complaint.id;
  });
  await ctx.deps.threadLimiter.record(key);
  const complaint = await ctx.em.findOneOrFail(Complaint, { id: result });
  return view(ctx.em, link, complaint);
}

/** The recovery-satisfaction answer, once: recorded on the complaint for the admins. */
export async function rateOnThread(ctx: Context, token: string, rating: number, comment: string | null | undefined): Promise<PublicComplaintThread> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('rating', 'Choose 1 to 5 stars');
  const text = comment?.trim() || null;
  if (text && text.length > 2000) throw badInput('comment', 'A comment can be at most 2,000 characters');
  const now = ctx.deps.now();
  const link = await linkFor(ctx, ctx.em, token);
  const id = await inTransaction(ctx, async (em, events) => {
    const complaint = await em.findOneOrFail(Complaint, { id: link.complaint.id });
    if (complaint.status !== ComplaintStatus.RESOLVED && complaint.status !== ComplaintStatus.CLOSED) {
      throw new DomainError('COMPLAINT_NOT_RESOLVED', 'You can rate how we handled it once it is resolved', { field: 'token' });
    }
    // One answer: a conditional update, so two submits at once still record one.
    const claimed = await em.nativeUpdate(Complaint, { id: complaint.id, recoveryRatedAt: null }, { recoveryRating: rating, recoveryComment: text, recoveryRatedAt: now, updatedAt: now });
    if (!claimed) throw new DomainError('RECOVERY_ALREADY_RATED', 'You have already rated this; thank you', { field: 'rating' });
    record(em, events, complaint, { kind: ComplaintEventKind.RECOVERY_RATED, toValue: String(rating), body: text, actor: 'customer', createdAt: now });
    await em.flush();
    return complaint.id;
  });
  const complaint = await ctx.em.findOneOrFail(Complaint, { id });
  return view(ctx.em, link, complaint);
}

/** Staff give an address (the customer's by default) a link to the thread and email it. */
export async function sendThreadLink(ctx: Context, input: SendComplaintThreadLinkInput): Promise<ComplaintThreadLink> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await em.findOne(Complaint, { id: parseId(input.complaintId, 'complaintId') });
    if (!complaint) throw new DomainError('NOT_FOUND', `Complaint ${input.complaintId} was not found`, { field: 'complaintId' });
    const customer = await em.findOneOrFail(Customer, { id: complaint.customer.id });
    const { link } = await issueThreadLink(
      em,
      events,
      ctx.config.mail,
      now,
      complaint,
      { email: input.email?.trim() || customer.email, toField: 'email', name: input.name, language: input.language },
      ctx.viewer?.label ?? 'staff',
    );
    await em.flush();
    return link;
  });
}

export async function revokeThreadLink(ctx: Context, linkId: string): Promise<ComplaintThreadLink> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em) => {
    const link = await em.findOne(ComplaintThreadLink, { id: parseId(linkId, 'linkId') });
    if (!link) throw notFound('Complaint thread link', linkId);
    link.revokedAt ??= now;
    await em.flush();
    return link;
  });
}

export function threadLinks(ctx: Context, complaint: Complaint): Promise<ComplaintThreadLink[]> {
  return ctx.em.find(ComplaintThreadLink, { complaint: complaint.id }, { orderBy: { id: 'asc' } });
}

/** Every mail to the complaint's complainants, newest first (the "we fixed it" message too, even when it went out under another complaint's link). */
export async function complainantMails(ctx: Context, complaint: Complaint): Promise<OutboxMessage[]> {
  const links = await threadLinks(ctx, complaint);
  const or: object[] = [];
  if (links.length) or.push({ reference: { $in: links.map((l) => threadReference(l.id)) } });
  if (complaint.complainantToldMessageId) or.push({ id: complaint.complainantToldMessageId });
  if (!or.length) return [];
  return ctx.em.find(OutboxMessage, { $or: or }, { orderBy: { id: 'desc' }, limit: 100 });
}
