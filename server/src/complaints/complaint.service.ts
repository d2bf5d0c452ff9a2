import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps, Context } from '../context.js';
import type { MailConfig } from '../config.js';
import {
  Complaint,
  ComplaintChannel,
  ComplaintEvent,
  ComplaintEventKind,
  ComplaintStatus,
  Improvement,
  ImprovementStatus,
  Severity,
  SlaPolicy,
} from './complaint.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { Team } from '../teams/team.entity.js';
import type { SurveyResponse } from '../surveys/survey.entity.js';
import { LeadershipRelationship } from '../leadership/leadership-relationship.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { isUniqueViolation } from '../errors/db-errors.js';
import { customerEvent, inTransaction, type DomainEvent } from '../pubsub/events.js';
import { Topic } from '../pubsub/topics.js';
import { enqueueMail } from '../mail/outbox.js';
import { issueThreadLink, mailImprovementShipped, mailResolution, mailStaffReply } from './complaint-mail.js';
import { parseId } from '../graphql/ids.js';
import { SortDirection, type PageRequest } from '../graphql/connection.js';
import { keysetConnection } from '../graphql/keyset.js';
import { normaliseEmail } from '../people/employee.service.js';
import { likePattern } from '../db/raw.js';
import { SlaState, type ComplaintSort, type AddComplaintMessageInput, type ChangeComplaintStatusInput, type ComplaintFilter, type CreateComplaintInput, type RecoveryRatingInput, type SubmitComplaintInput } from './complaint.types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A target is "at risk" when a quarter or less of its window is left. */
const AT_RISK_SHARE = 0.25;

/**
 * The state machine. IN_PROGRESS from RESOLVED or CLOSED is a reopen,
 * allowed within the reopen window.
 */
const TRANSITIONS: Record<ComplaintStatus, ComplaintStatus[]> = {
  [ComplaintStatus.NEW]: [ComplaintStatus.ACKNOWLEDGED],
  [ComplaintStatus.ACKNOWLEDGED]: [ComplaintStatus.IN_PROGRESS],
  [ComplaintStatus.IN_PROGRESS]: [ComplaintStatus.RESOLVED],
  [ComplaintStatus.RESOLVED]: [ComplaintStatus.CLOSED, ComplaintStatus.IN_PROGRESS],
  [ComplaintStatus.CLOSED]: [ComplaintStatus.IN_PROGRESS],
};
const OPEN_STATUSES = [ComplaintStatus.NEW, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS];

export function complaintNumber(id: number): string {
  return `C-${String(id).padStart(6, '0')}`;
}

/** "Anna Schmidt" → "A. S.": enough for a wallboard, not enough to identify anyone. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0]!.toUpperCase()}.`)
    .join(' ');
}

function actorOf(ctx: Context): string {
  return ctx.viewer?.label ?? 'customer';
}

/** SLA clocks of a complaint at `now`. */
export function slaOf(c: Complaint, now: Date) {
  const pausedFor = c.pausedSince ? now.getTime() - c.pausedSince.getTime() : 0;
  const resolutionDueAt = new Date(c.resolutionDueAt.getTime() + pausedFor);
  // A resolution without any reply still ends the first-response clock.
  const firstResponseBreached = (c.firstResponseAt ?? c.resolvedAt ?? now) > c.firstResponseDueAt;
  const resolutionBreached = (c.resolvedAt ?? now) > resolutionDueAt && !(c.pausedSince && !c.resolvedAt);
  const open = !c.resolvedAt && OPEN_STATUSES.includes(c.status);
  let nextDueAt: Date | null = null;
  let windowMs = 0;
  if (open && !c.firstResponseAt) {
    nextDueAt = c.firstResponseDueAt;
    windowMs = c.firstResponseDueAt.getTime() - c.createdAt.getTime();
  } else if (open && !c.pausedSince) {
    nextDueAt = resolutionDueAt;
    windowMs = resolutionDueAt.getTime() - c.createdAt.getTime();
  }
  // The last quarter of the running target's window; clients count down to it instead of re-deriving the rule.
  // Rounded up to the millisecond so `now >= atRiskAt` agrees with the exact rule (and the SQL filter) for every whole-ms now.
  const atRiskAt = nextDueAt ? new Date(Math.ceil(nextDueAt.getTime() - windowMs * AT_RISK_SHARE)) : null;
  let state: SlaState;
  if (firstResponseBreached || resolutionBreached || c.firstResponseBreachedAt || c.resolutionBreachedAt) state = SlaState.BREACHED;
  else if (!open) state = SlaState.MET;
  else if (c.pausedSince && c.firstResponseAt) state = SlaState.PAUSED;
  else if (atRiskAt && now >= atRiskAt) state = SlaState.AT_RISK;
  else state = SlaState.ON_TRACK;
  return {
    state,
    firstResponseDueAt: c.firstResponseDueAt,
    firstResponseAt: c.firstResponseAt ?? null,
    firstResponseBreached,
    resolutionDueAt,
    resolutionBreached,
    nextDueAt,
    atRiskAt,
    remainingSeconds: nextDueAt ? Math.round((nextDueAt.getTime() - now.getTime()) / 1000) : null,
  };
}

/** Appends to a complaint's thread; every change to a complaint is recorded here, so this also stamps its `updatedAt`. */
export function record(em: EntityManager, events: DomainEvent[], complaint: Complaint, entry: Omit<Partial<ComplaintEvent>, 'complaint'> & { kind: ComplaintEventKind; actor: string; createdAt: Date }) {
  em.create(ComplaintEvent, { complaint, ...entry } as never);
  complaint.updatedAt = entry.createdAt;
  events.push({ topic: Topic.COMPLAINT_CHANGED, payload: { complaintId: complaint.id, kind: entry.kind, at: entry.createdAt.toISOString() } });
}

async function loadComplaint(em: EntityManager, id: string, field = 'complaintId'): Promise<Complaint> {
  const complaint = await em.findOne(Complaint, { id: parseId(id, field) });
  if (!complaint) throw new DomainError('NOT_FOUND', `Complaint ${id} was not found`, { field });
  return complaint;
}

async function policyFor(em: EntityManager, severity: Severity): Promise<SlaPolicy> {
  const policy = await em.findOne(SlaPolicy, { severity });
  if (!policy) throw new Error(`No SLA policy for ${severity}`);
  return policy;
}

/** Opens a complaint inside a caller's transaction; the SLA clocks start now. */
export async function openComplaint(
  em: EntityManager,
  events: DomainEvent[],
  now: Date,
  actor: string,
  fields: {
    customer: Customer;
    subject: string;
    description: string;
    category: string;
    severity: Severity;
    channel: ComplaintChannel;
    assignee?: Employee | null;
    team?: Team | null;
    idempotencyKey?: string | null;
    surveyResponse?: SurveyResponse | null;
  },
): Promise<Complaint> {
  const policy = await policyFor(em, fields.severity);
  const complaint = em.create(Complaint, {
    ...fields,
    subject: fields.subject.trim(),
    description: fields.description.trim(),
    category: fields.category.trim().toLowerCase(),
    status: ComplaintStatus.NEW,
    firstResponseDueAt: new Date(now.getTime() + policy.firstResponseMinutes * MINUTE),
    resolutionDueAt: new Date(now.getTime() + policy.resolutionMinutes * MINUTE),
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  record(em, events, complaint, { kind: ComplaintEventKind.CUSTOMER_MESSAGE, body: complaint.description, actor, createdAt: now });
  await em.flush();
  return complaint;
}

export async function createComplaint(ctx: Context, input: CreateComplaintInput): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const customer = await em.findOne(Customer, { id: parseId(input.customerId, 'customerId') });
    if (!customer) throw new DomainError('NOT_FOUND', `Customer ${input.customerId} was not found`, { field: 'customerId' });
    const assignee = input.assigneeId ? await em.findOne(Employee, { id: parseId(input.assigneeId, 'assigneeId') }) : null;
    if (input.assigneeId && !assignee) throw new DomainError('NOT_FOUND', `Employee ${input.assigneeId} was not found`, { field: 'assigneeId' });
    const team = input.teamId ? await em.findOne(Team, { id: parseId(input.teamId, 'teamId') }) : null;
    if (input.teamId && !team) throw new DomainError('NOT_FOUND', `Team ${input.teamId} was not found`, { field: 'teamId' });
    return openComplaint(em, events, now, actorOf(ctx), { ...input, customer, assignee, team });
  });
}

/**
 * The public form: no login, rate-limited per client address, validated, and
 * idempotent — the same key returns the same complaint even when two submits
 * race (the unique index decides, the loser reads the winner's row).
 */
export async function submitComplaint(ctx: Context, input: SubmitComplaintInput) {
  const key = input.idempotencyKey.trim();
  const existing = await ctx.em.findOne(Complaint, { idempotencyKey: key });
  if (existing) return { number: complaintNumber(existing.id), receivedAt: existing.createdAt };
  const address = ctx.http?.clientAddress ?? 'ws';
  const wait = await ctx.deps.intakeLimiter.retryAfter(address);
  if (wait > 0) {
    throw new DomainError('RATE_LIMITED', `Too many complaints from here; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const now = ctx.deps.now();
  try {
    const complaint = await inTransaction(ctx, async (em, events) => {
      const email = normaliseEmail(input.email);
      const known = await em.findOne(Customer, { email });
      const language = input.language === 'de' || input.language === 'en' ? input.language : null;
      const customer = known ?? em.create(Customer, { name: input.name.trim(), email, language, customerSince: now, createdAt: now, updatedAt: now });
      const complaint = await openComplaint(em, events, now, 'customer', {
        customer,
        subject: input.subject,
        description: input.description,
        category: input.category?.trim() || 'other',
        severity: Severity.MEDIUM,
        channel: ComplaintChannel.WEB,
        idempotencyKey: key,
      });
      // A first complaint from someone new makes them a customer.
      if (!known) events.push(customerEvent('CREATED', customer.id, now));
      // The acknowledgement, with the complainant's private link to this thread.
      await issueThreadLink(em, events, ctx.config.mail, now, complaint, { email, toField: 'email', name: input.name, language: language ?? known?.language }, 'customer');
      return complaint;
    });
    // Only complaints actually created count against the budget; replays of a key are free.
    await ctx.deps.intakeLimiter.record(address);
    return { number: complaintNumber(complaint.id), receivedAt: complaint.createdAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await ctx.deps.db.fork().findOne(Complaint, { idempotencyKey: key });
    if (!winner) throw error;
    return { number: complaintNumber(winner.id), receivedAt: winner.createdAt };
  }
}

/**
 * The statuses `changeStatus` accepts from the complaint's current one at `now`: the state machine,
 * less a reopen once the reopen window has passed.
 */
export function nextStatuses(complaint: Pick<Complaint, 'status' | 'closedAt' | 'resolvedAt'>, windowDays: number, now: Date): ComplaintStatus[] {
  return TRANSITIONS[complaint.status].filter((to) => !isReopen(complaint.status, to) || !reopenWindowPassed(complaint, windowDays, now));
}

function isReopen(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return to === ComplaintStatus.IN_PROGRESS && (from === ComplaintStatus.RESOLVED || from === ComplaintStatus.CLOSED);
}

function reopenWindowPassed(complaint: Pick<Complaint, 'status' | 'closedAt' | 'resolvedAt'>, windowDays: number, now: Date): boolean {
  const until = reopenUntil(complaint, windowDays, now);
  return Boolean(until && now.getTime() > until.getTime());
}

export async function changeStatus(ctx: Context, input: ChangeComplaintStatusInput): Promise<Complaint> {
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, input.complaintId);
    applyStatusChange(ctx, em, events, complaint, input);
    // The complainant learns the resolution and is asked, once, how it was handled.
    if (complaint.status === ComplaintStatus.RESOLVED) await mailResolution(em, events, ctx.config.mail, ctx.deps.now(), complaint);
    await em.flush();
    return complaint;
  });
}

/** One status change under the transition rules, inside the caller's transaction (one complaint or a bulk action). */
function applyStatusChange(ctx: Context, em: EntityManager, events: DomainEvent[], complaint: Complaint, input: Omit<ChangeComplaintStatusInput, 'complaintId'>) {
  const now = ctx.deps.now();
  const from = complaint.status;
  const to = input.status;
  if (!TRANSITIONS[from].includes(to)) {
    throw new DomainError('INVALID_TRANSITION', `A ${from} complaint cannot become ${to}; allowed: ${TRANSITIONS[from].join(', ')}`, {
      field: 'status',
      from,
      to,
      allowed: TRANSITIONS[from],
    });
  }
  const reopening = isReopen(from, to);
  if (reopening) {
    if (reopenWindowPassed(complaint, ctx.config.reopenWindowDays, now)) {
      throw new DomainError('REOPEN_WINDOW_PASSED', `Complaints can be reopened within ${ctx.config.reopenWindowDays} days`, { field: 'status' });
    }
    complaint.reopenCount += 1;
    complaint.resolvedAt = null;
    complaint.closedAt = null;
  }
  if (to === ComplaintStatus.RESOLVED) {
    const resolution = input.resolution?.trim();
    if (!resolution) throw badInput('resolution', 'Say what was done to resolve it');
    complaint.resolution = resolution;
    complaint.rootCause = input.rootCause?.trim().toLowerCase() || complaint.rootCause || null;
    complaint.resolvedAt = now;
    endPause(em, events, complaint, now, 'system');
  }
  if (to === ComplaintStatus.ACKNOWLEDGED) complaint.acknowledgedAt = now;
  if (to === ComplaintStatus.CLOSED) complaint.closedAt = now;
  complaint.status = to;
  complaint.updatedAt = now;
  record(em, events, complaint, { kind: ComplaintEventKind.STATUS_CHANGED, fromValue: from, toValue: to, body: reopening ? 'Reopened' : null, actor: actorOf(ctx), createdAt: now });
}

export function endPause(em: EntityManager, events: DomainEvent[], complaint: Complaint, now: Date, actor: string) {
  if (!complaint.pausedSince) return;
  complaint.resolutionDueAt = new Date(complaint.resolutionDueAt.getTime() + (now.getTime() - complaint.pausedSince.getTime()));
  complaint.pausedSince = null;
  record(em, events, complaint, { kind: ComplaintEventKind.RESUMED, actor, createdAt: now });
}

export async function addMessage(ctx: Context, input: AddComplaintMessageInput): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, input.complaintId);
    if (complaint.status === ComplaintStatus.CLOSED && input.kind !== ComplaintEventKind.INTERNAL_NOTE) {
      throw new DomainError('COMPLAINT_CLOSED', 'This complaint is closed; reopen it to continue the conversation', { field: 'complaintId' });
    }
    const body = input.body.trim();
    if (!body) throw badInput('body', '`body` must not be blank');
    if (input.kind === ComplaintEventKind.STAFF_MESSAGE && !complaint.firstResponseAt) complaint.firstResponseAt = now;
    // The customer answered: the clock runs again.
    if (input.kind === ComplaintEventKind.CUSTOMER_MESSAGE) endPause(em, events, complaint, now, 'system');
    complaint.updatedAt = now;
    record(em, events, complaint, { kind: input.kind, body, actor: input.kind === ComplaintEventKind.CUSTOMER_MESSAGE ? 'customer' : actorOf(ctx), createdAt: now });
    // A reply reaches the complainant by email too; an internal note never leaves.
    if (input.kind === ComplaintEventKind.STAFF_MESSAGE) {
      const author = ctx.viewer ? await em.findOne(Employee, { email: ctx.viewer.label.toLowerCase() }) : null;
      await mailStaffReply(em, events, ctx.config.mail, now, complaint, body, author?.name ?? null);
    }
    await em.flush();
    return complaint;
  });
}

export async function setWaitingOnCustomer(ctx: Context, complaintId: string, waiting: boolean): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, complaintId);
    if (!OPEN_STATUSES.includes(complaint.status) || complaint.status === ComplaintStatus.NEW) {
      throw new DomainError('INVALID_TRANSITION', 'Only an acknowledged or in-progress complaint can wait on the customer', { field: 'complaintId' });
    }
    if (waiting && !complaint.pausedSince) {
      complaint.pausedSince = now;
      record(em, events, complaint, { kind: ComplaintEventKind.PAUSED, actor: actorOf(ctx), createdAt: now });
    } else if (!waiting) {
      endPause(em, events, complaint, now, actorOf(ctx));
    }
    complaint.updatedAt = now;
    await em.flush();
    return complaint;
  });
}

export async function assignComplaint(ctx: Context, complaintId: string, assigneeId: string | null | undefined, teamId: string | null | undefined): Promise<Complaint> {
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, complaintId);
    const next = await findAssignee(em, assigneeId);
    if (teamId !== undefined) {
      const team = teamId ? await em.findOne(Team, { id: parseId(teamId, 'teamId') }) : null;
      if (teamId && !team) throw new DomainError('NOT_FOUND', `Team ${teamId} was not found`, { field: 'teamId' });
      complaint.team = team as never;
    }
    await applyAssignment(ctx, em, events, complaint, next);
    await em.flush();
    return complaint;
  });
}

/** The most complaints one bulk action may change: a screenful or a few, not the whole inbox by accident. */
export const BULK_LIMIT = 100;

/** Assigns (or unassigns) several complaints at once: all or nothing, one event per complaint that changed. */
export async function assignComplaints(ctx: Context, complaintIds: string[], assigneeId: string | null | undefined): Promise<Complaint[]> {
  return inTransaction(ctx, async (em, events) => {
    const complaints = await loadComplaints(em, complaintIds);
    const next = await findAssignee(em, assigneeId);
    for (const complaint of complaints) {
      if ((complaint.assignee?.id ?? null) !== (next?.id ?? null)) await applyAssignment(ctx, em, events, complaint, next);
    }
    await em.flush();
    return complaints;
  });
}

/** Acknowledges every NEW complaint among the given ones (the others are already past that step and stay as they are). */
export async function acknowledgeComplaints(ctx: Context, complaintIds: string[]): Promise<Complaint[]> {
  return inTransaction(ctx, async (em, events) => {
    const complaints = await loadComplaints(em, complaintIds);
    for (const complaint of complaints) {
      if (complaint.status === ComplaintStatus.NEW) applyStatusChange(ctx, em, events, complaint, { status: ComplaintStatus.ACKNOWLEDGED });
    }
    await em.flush();
    return complaints;
  });
}

/** Complaints of a bulk action in the order given, duplicates once; an unknown id names its position. */
async function loadComplaints(em: EntityManager, complaintIds: string[]): Promise<Complaint[]> {
  if (complaintIds.length === 0) throw badInput('complaintIds', 'Choose at least one complaint');
  if (complaintIds.length > BULK_LIMIT) throw badInput('complaintIds', `At most ${BULK_LIMIT} complaints at once`);
  const positions = new Map<number, number>();
  complaintIds.forEach((id, i) => {
    const parsed = parseId(id, `complaintIds[${i}]`);
    if (!positions.has(parsed)) positions.set(parsed, i);
  });
  const found = new Map((await em.find(Complaint, { id: { $in: [...positions.keys()] } })).map((c) => [c.id, c]));
  return [...positions].map(([id, position]) => {
    const complaint = found.get(id);
    if (!complaint) throw new DomainError('NOT_FOUND', `Complaint ${id} was not found`, { field: `complaintIds[${position}]` });
    return complaint;
  });
}

async function findAssignee(em: EntityManager, assigneeId: string | null | undefined): Promise<Employee | null> {
  if (!assigneeId) return null;
  const next = await em.findOne(Employee, { id: parseId(assigneeId, 'assigneeId') });
  if (!next) throw new DomainError('NOT_FOUND', `Employee ${assigneeId} was not found`, { field: 'assigneeId' });
  if (next.exitedAt) throw new DomainError('MEMBER_EXITED', `${next.name} has left the company`, { field: 'assigneeId' });
  return next;
}

async function applyAssignment(ctx: Context, em: EntityManager, events: DomainEvent[], complaint: Complaint, next: Employee | null) {
  const now = ctx.deps.now();
  const previous = complaint.assignee ? await em.findOne(Employee, { id: complaint.assignee.id }) : null;
  complaint.assignee = next as never;
  complaint.updatedAt = now;
  record(em, events, complaint, { kind: ComplaintEventKind.ASSIGNED, fromValue: previous?.name.slice(0, 40) ?? null, toValue: next?.name.slice(0, 40) ?? null, actor: actorOf(ctx), createdAt: now });
}

export async function createImprovement(ctx: Context, title: string, description?: string | null): Promise<Improvement> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em) => {
    const improvement = em.create(Improvement, { title: title.trim(), description: description?.trim() || null, status: ImprovementStatus.PLANNED, createdAt: now, updatedAt: now });
    await em.flush();
    return improvement;
  });
}

const IMPROVEMENT_FLOW: Record<ImprovementStatus, ImprovementStatus[]> = {
  [ImprovementStatus.PLANNED]: [ImprovementStatus.IN_PROGRESS, ImprovementStatus.SHIPPED],
  [ImprovementStatus.IN_PROGRESS]: [ImprovementStatus.SHIPPED],
  [ImprovementStatus.SHIPPED]: [],
};

/** Moves an improvement on; when it ships, every linked complainant is recorded as to be told. */
export async function setImprovementStatus(ctx: Context, improvementId: string, status: ImprovementStatus): Promise<Improvement> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const improvement = await em.findOne(Improvement, { id: parseId(improvementId, 'improvementId') });
    if (!improvement) throw notFound('Improvement', improvementId);
    if (!IMPROVEMENT_FLOW[improvement.status].includes(status)) {
      throw new DomainError('INVALID_TRANSITION', `A ${improvement.status} improvement cannot become ${status}`, { field: 'status', allowed: IMPROVEMENT_FLOW[improvement.status] });
    }
    improvement.status = status;
    improvement.updatedAt = now;
    if (status === ImprovementStatus.SHIPPED) {
      improvement.shippedAt = now;
      const linked = await em.find(Complaint, { improvement });
      for (const complaint of linked) {
        complaint.toBeToldSince = now;
        record(em, events, complaint, { kind: ComplaintEventKind.IMPROVEMENT_SHIPPED, body: improvement.title, actor: actorOf(ctx), createdAt: now });
      }
      await tellComplainants(em, events, ctx.config.mail, now, improvement, linked);
    }
    await em.flush();
    return improvement;
  });
}

export async function linkImprovement(ctx: Context, complaintId: string, improvementId: string | null): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, complaintId);
    const improvement = improvementId ? await em.findOne(Improvement, { id: parseId(improvementId, 'improvementId') }) : null;
    if (improvementId && !improvement) throw new DomainError('NOT_FOUND', `Improvement ${improvementId} was not found`, { field: 'improvementId' });
    complaint.improvement = improvement as never;
    // Linked to something already shipped: the complainant can be told right away.
    complaint.toBeToldSince = improvement?.status === ImprovementStatus.SHIPPED && !complaint.complainantToldAt ? now : null;
    complaint.updatedAt = now;
    record(em, events, complaint, { kind: ComplaintEventKind.IMPROVEMENT_LINKED, toValue: improvement ? String(improvement.id) : null, body: improvement?.title ?? null, actor: actorOf(ctx), createdAt: now });
    if (improvement && complaint.toBeToldSince) await tellComplainants(em, events, ctx.config.mail, now, improvement, [complaint]);
    await em.flush();
    return complaint;
  });
}

/**
 * "We fixed it": emails every complainant of the complaints not yet told (one message per recipient)
 * and records on each complaint when and by which message; a complaint nobody can be written to stays
 * to be told (markComplainantTold). Runs once per complaint: a told complaint is never told again.
 */
async function tellComplainants(em: EntityManager, events: DomainEvent[], mail: MailConfig, now: Date, improvement: Improvement, complaints: Complaint[]): Promise<void> {
  const told = await mailImprovementShipped(em, events, mail, now, improvement, complaints);
  for (const complaint of complaints) {
    const message = told.get(complaint.id);
    if (!message) continue;
    complaint.toBeToldSince = null;
    complaint.complainantToldAt = now;
    complaint.complainantToldMessageId = message.id;
    record(em, events, complaint, { kind: ComplaintEventKind.COMPLAINANT_TOLD, toValue: String(message.id), body: `Email to ${message.recipientEmail}`, actor: 'system', createdAt: now });
  }
}

export async function markComplainantTold(ctx: Context, complaintId: string): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, complaintId);
    if (!complaint.toBeToldSince) throw new DomainError('INVALID_TRANSITION', 'Nothing to tell: no shipped improvement is waiting to be told', { field: 'complaintId' });
    complaint.toBeToldSince = null;
    complaint.complainantToldAt = now;
    complaint.updatedAt = now;
    record(em, events, complaint, { kind: ComplaintEventKind.COMPLAINANT_TOLD, actor: actorOf(ctx), createdAt: now });
    await em.flush();
    return complaint;
  });
}

export async function recordRecovery(ctx: Context, input: RecoveryRatingInput): Promise<Complaint> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const complaint = await loadComplaint(em, input.complaintId);
    if (complaint.status !== ComplaintStatus.RESOLVED && complaint.status !== ComplaintStatus.CLOSED) {
      throw new DomainError('COMPLAINT_NOT_RESOLVED', 'Recovery satisfaction is asked after resolution', { field: 'complaintId' });
    }
    complaint.recoveryRating = input.rating;
    complaint.recoveryComment = input.comment?.trim() || null;
    complaint.recoveryRatedAt = now;
    complaint.updatedAt = now;
    record(em, events, complaint, { kind: ComplaintEventKind.RECOVERY_RATED, toValue: String(input.rating), body: complaint.recoveryComment, actor: actorOf(ctx), createdAt: now });
    await em.flush();
    return complaint;
  });
}

/**
 * Records SLA breaches that have happened since the last check, once each
 * (a conditional UPDATE claims it, so several instances never double-record),
 * and escalates to the assignee's leader. Runs every RAPPORT_SLA_CHECK_MS.
 */
/**
 * Emails a breach to the complaint's assignee and the leader it escalated to. A burst of breaches to
 * one person while the message waits becomes one message listing them all (coalesced).
 */
export async function alertSlaBreach(em: EntityManager, events: DomainEvent[], mail: MailConfig, now: Date, complaint: Complaint, target: 'FIRST_RESPONSE' | 'RESOLUTION'): Promise<void> {
  const told = new Set<number>();
  for (const ref of [complaint.assignee, complaint.escalatedTo]) {
    if (!ref || told.has(ref.id)) continue;
    told.add(ref.id);
    const person = await em.findOne(Employee, { id: ref.id, exitedAt: null });
    if (!person) continue;
    await enqueueMail(em, events, mail, now, {
      template: 'SLA_BREACH',
      to: person.email,
      toField: 'assignee.email',
      name: person.name,
      language: person.language,
      coalesceKey: 'sla-breach',
      params: { appUrl: mail.publicUrl, items: [{ complaintId: String(complaint.id), subject: complaint.subject, target }] },
      employeeId: person.id,
    });
  }
}

export async function checkSlaBreaches(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const em = deps.db.fork();
  const candidates = await em.find(Complaint, {
    status: { $in: OPEN_STATUSES },
    $or: [
      { firstResponseAt: null, firstResponseBreachedAt: null, firstResponseDueAt: { $lt: now } },
      { resolvedAt: null, pausedSince: null, resolutionBreachedAt: null, resolutionDueAt: { $lt: now } },
    ],
  });
  const events: DomainEvent[] = [];
  let recorded = 0;
  for (const complaint of candidates) {
    for (const target of ['FIRST_RESPONSE', 'RESOLUTION'] as const) {
      const field = target === 'FIRST_RESPONSE' ? 'firstResponseBreachedAt' : 'resolutionBreachedAt';
      const due = target === 'FIRST_RESPONSE' ? complaint.firstResponseDueAt : complaint.resolutionDueAt;
      const pending = target === 'FIRST_RESPONSE' ? !complaint.firstResponseAt : !complaint.resolvedAt && !complaint.pausedSince;
      if (!pending || complaint[field] || due >= now) continue;
      const claimed = await em.nativeUpdate(Complaint, { id: complaint.id, [field]: null }, { [field]: now, updatedAt: now });
      if (!claimed) continue;
      recorded += 1;
      await em.transactional(async (tx) => {
        const t = tx as EntityManager;
        const fresh = await t.findOneOrFail(Complaint, { id: complaint.id });
        record(t, events, fresh, { kind: ComplaintEventKind.SLA_BREACHED, toValue: target, actor: 'system', createdAt: now });
        if (fresh.assignee && !fresh.escalatedTo) {
          const lead = await t.findOne(LeadershipRelationship, { member: fresh.assignee.id, endedAt: null }, { populate: ['leader'] });
          if (lead) {
            fresh.escalatedTo = lead.leader;
            record(t, events, fresh, { kind: ComplaintEventKind.ESCALATED, toValue: lead.leader.getEntity().name.slice(0, 40), actor: 'system', createdAt: now });
          }
        }
        await alertSlaBreach(t, events, deps.config.mail, now, fresh, target);
        await t.flush();
      });
    }
  }
  for (const event of events) deps.pubSub.publish(event.topic, event.payload as never);
  if (recorded) deps.mailSender?.wake();
  return recorded;
}

/**
 * Until when a RESOLVED or CLOSED complaint can be reopened (the window counts from its closing, or
 * its resolution when not closed); null while it is open, as there is nothing to reopen.
 */
export function reopenUntil(complaint: Pick<Complaint, 'status' | 'closedAt' | 'resolvedAt'>, windowDays: number, now: Date): Date | null {
  if (complaint.status !== ComplaintStatus.RESOLVED && complaint.status !== ComplaintStatus.CLOSED) return null;
  const since = (complaint.status === ComplaintStatus.CLOSED ? complaint.closedAt : complaint.resolvedAt) ?? now;
  return new Date(since.getTime() + windowDays * DAY);
}

export async function listComplaints(ctx: Context, page: PageRequest, filter?: ComplaintFilter, sort?: ComplaintSort) {
  const now = ctx.deps.now();
  const qb = ctx.em.createQueryBuilder(Complaint, 'c');
  if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
  if (filter?.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
  if (filter?.assigneeId) qb.andWhere({ assignee: parseId(filter.assigneeId, 'filter.assigneeId') });
  if (filter?.teamId) qb.andWhere({ team: parseId(filter.teamId, 'filter.teamId') });
  if (filter?.customerId) qb.andWhere({ customer: parseId(filter.customerId, 'filter.customerId') });
  if (filter?.category) qb.andWhere({ category: filter.category.trim().toLowerCase() });
  if (filter?.search?.trim()) qb.andWhere(`lower(c.subject) like ? escape '!'`, [likePattern(filter.search)]);
  // Breached exactly as slaOf() says: recorded, late when it happened, or overdue now.
  const breached = `(c.first_response_breached_at is not null or c.resolution_breached_at is not null
    or coalesce(c.first_response_at, c.resolved_at) > c.first_response_due_at or c.resolved_at > c.resolution_due_at
    or (c.status in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS') and c.resolved_at is null and c.first_response_at is null and c.first_response_due_at < ?)
    or (c.status in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS') and c.resolved_at is null and c.paused_since is null and c.resolution_due_at < ?))`;
  if (filter?.slaState === SlaState.BREACHED) {
    qb.andWhere(breached, [now, now]);
  } else if (filter?.slaState === SlaState.PAUSED) {
    qb.andWhere({ pausedSince: { $ne: null }, firstResponseAt: { $ne: null }, status: { $in: OPEN_STATUSES } });
  } else if (filter?.slaState === SlaState.MET) {
    qb.andWhere({ status: { $nin: OPEN_STATUSES } });
    qb.andWhere(`not ${breached}`, [now, now]);
  } else if (filter?.slaState) {
    // AT_RISK exactly as slaOf() says: now ≥ atRiskAt = due − share·(due − created), i.e. now ≥ (1 − share)·due + share·created.
    // Times compared as epoch milliseconds (SQLite stores them so; PostgreSQL converts).
    const ms = (column: string) => (ctx.deps.db.kind === 'sqlite' ? `c.${column}` : `(extract(epoch from c.${column}) * 1000)`);
    const nowMs = now.getTime();
    const atRiskFrom = (due: string) => `${1 - AT_RISK_SHARE} * ${ms(due)} + ${AT_RISK_SHARE} * ${ms('created_at')}`;
    const atRisk = `((c.first_response_at is null and ? >= ${atRiskFrom('first_response_due_at')})
      or (c.first_response_at is not null and ? >= ${atRiskFrom('resolution_due_at')}))`;
    qb.andWhere({ status: { $in: OPEN_STATUSES }, firstResponseBreachedAt: null, resolutionBreachedAt: null });
    qb.andWhere(`(c.paused_since is null or c.first_response_at is null)`);
    qb.andWhere(`(c.first_response_at is not null or ${ms('first_response_due_at')} >= ?)`, [nowMs]);
    qb.andWhere(`(c.paused_since is not null or ${ms('resolution_due_at')} >= ?)`, [nowMs]);
    qb.andWhere(filter.slaState === SlaState.AT_RISK ? atRisk : `not ${atRisk}`, [nowMs, nowMs]);
  }
  const property = { CREATED_AT: 'createdAt', RESOLUTION_DUE_AT: 'resolutionDueAt', FIRST_RESPONSE_DUE_AT: 'firstResponseDueAt' }[sort?.field ?? 'CREATED_AT'];
  return keysetConnection(qb, page, property, sort?.direction ?? SortDirection.DESC, { isDate: true });
}

export async function board(ctx: Context) {
  const now = ctx.deps.now();
  const em = ctx.em;
  const startOfDay = new Date(now);
  startOfDay.setUTCHours(0, 0, 0, 0);
  const statusRows = await em.execute<Array<{ status: string; n: number | string }>>(
    `select status, count(*) as n from complaint where status <> 'CLOSED' or closed_at >= ? group by status`,
    [startOfDay],
  );
  const open = await em.find(Complaint, { status: { $in: OPEN_STATUSES } }, { populate: ['customer', 'assignee'], orderBy: { createdAt: 'asc' }, limit: 500 });
  const withSla = open.map((c) => ({ c, sla: slaOf(c, now) }));
  const urgency = (x: (typeof withSla)[number]) => (x.sla.state === SlaState.BREACHED ? 0 : 1);
  withSla.sort((a, b) => urgency(a) - urgency(b) || (a.sla.nextDueAt?.getTime() ?? Infinity) - (b.sla.nextDueAt?.getTime() ?? Infinity));
  const severities = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW];
  const shipped = await em.execute<Array<{ title: string; shipped_at: string | Date; n: number | string }>>(
    `select i.title, i.shipped_at, count(c.id) as n from improvement i left join complaint c on c.improvement_id = i.id
      where i.status = 'SHIPPED' and i.shipped_at >= ? group by i.id, i.title, i.shipped_at order by i.shipped_at desc limit 10`,
    [new Date(now.getTime() - 30 * DAY)],
  );
  return {
    generatedAt: now,
    byStatus: Object.values(ComplaintStatus).map((status) => ({ key: status, count: Number(statusRows.find((r) => r.status === status)?.n ?? 0) })),
    bySeverity: severities.map((severity) => ({ key: severity, count: open.filter((c) => c.severity === severity).length })),
    breached: withSla.filter((x) => x.sla.state === SlaState.BREACHED).length,
    open: withSla.slice(0, 100).map(({ c, sla }) => ({
      id: String(c.id),
      number: complaintNumber(c.id),
      subject: c.subject,
      severity: c.severity,
      status: c.status,
      customer: maskName(c.customer.getEntity().name),
      assignee: c.assignee?.getEntity().name ?? null,
      sla,
      createdAt: c.createdAt,
    })),
    improvementsShipped: shipped.map((r) => ({ title: r.title, shippedAt: new Date(r.shipped_at), complaints: Number(r.n) })),
  };
}

export async function timeline(ctx: Context, complaint: Complaint, includeInternal: boolean) {
  const events = await ctx.em.find(
    ComplaintEvent,
    { complaint: complaint.id, ...(includeInternal ? {} : { kind: { $ne: ComplaintEventKind.INTERNAL_NOTE } }) },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  // Actors are recorded as the signed-in user's email (or a token's name, "customer", "system"):
  // name people where an employee has that email, the customer by their name, the system as Rapport.
  const emails = [...new Set(events.map((e) => e.actor).filter((a) => a.includes('@')))];
  const employees = emails.length ? await ctx.em.find(Employee, { email: { $in: emails } }) : [];
  const names = new Map(employees.map((e) => [e.email, e.name]));
  const customerName = events.some((e) => e.actor === 'customer') ? (await ctx.loaders.customer.load(complaint.customer.id))?.name : undefined;
  return events.map((e) =>
    Object.assign(e, {
      actorName: e.actor === 'system' ? 'Rapport' : e.actor === 'customer' ? (customerName ?? 'Customer') : (names.get(e.actor) ?? e.actor),
    }),
  );
}

export async function getComplaint(ctx: Context, id: string) {
  const complaint = await ctx.em.findOne(Complaint, { id: parseId(id, 'id') });
  if (!complaint) throw notFound('Complaint', id);
  return complaint;
}

export async function updateSlaPolicy(ctx: Context, severity: Severity, firstResponseMinutes: number, resolutionMinutes: number) {
  if (firstResponseMinutes < 1 || firstResponseMinutes > resolutionMinutes) {
    throw badInput('firstResponseMinutes', 'The first-response target must be at least a minute and not longer than the resolution target');
  }
  return inTransaction(ctx, async (em) => {
    const policy = await policyFor(em, severity);
    policy.firstResponseMinutes = firstResponseMinutes;
    policy.resolutionMinutes = resolutionMinutes;
    await em.flush();
    return policy;
  });
}
