import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Employee } from '../people/employee.entity.js';
import { LeadershipCheckIn, LeadershipRelationship, RelationshipEndReason, ServiceAgreementVersion } from './leadership-relationship.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { uniqueOr } from '../errors/db-errors.js';
import { inTransaction, type DomainEvent } from '../pubsub/events.js';
import { Topic, type LeadershipChangeKind } from '../pubsub/topics.js';
import { parseId } from '../graphql/ids.js';
import { leaderChains } from './leadership.queries.js';
import type { AssignLeaderInput, EndLeadershipInput, RecordCheckInInput, ServiceAgreementInput, UpdateServiceAgreementInput } from './leadership.types.js';

/** Key of the PostgreSQL advisory lock that serialises hierarchy writes (cycle checks must see each other). */
const HIERARCHY_LOCK_KEY = 7_413_001;
/** Clock skew tolerated for "now" sent by a client. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function relationshipEvent(kind: LeadershipChangeKind, relationship: LeadershipRelationship, at: Date): DomainEvent {
  return {
    topic: Topic.LEADERSHIP_CHANGED,
    payload: {
      kind,
      relationshipId: relationship.id,
      memberId: relationship.member.id,
      leaderId: relationship.leader.id,
      at: at.toISOString(),
    },
  };
}

/**
 * Two concurrent assignments (A under B, B under A) would each pass the cycle
 * check alone. On PostgreSQL a transaction-scoped advisory lock makes them
 * take turns; SQLite already runs one write transaction at a time.
 */
export async function lockHierarchy(ctx: Context, em: EntityManager): Promise<void> {
  if (ctx.deps.db.kind === 'postgresql') await em.execute('select pg_advisory_xact_lock(?)', [HIERARCHY_LOCK_KEY]);
}

function cleanAgreement(agreement: ServiceAgreementInput) {
  const text = (value: string | null | undefined) => value?.trim() || null;
  const strengths = [...new Set((agreement.strengths ?? []).map((s) => s.trim()).filter(Boolean))];
  return {
    strengths,
    needs: text(agreement.needs),
    goals: text(agreement.goals),
    preferredStyle: text(agreement.preferredStyle),
  };
}

export interface AssignLeaderCommand {
  memberId: number;
  leaderId: number;
  startedAt?: Date | null;
  serviceAgreement?: ServiceAgreementInput | null;
}

/** The rules of `assignLeader`, inside a caller's transaction (also used by `createEmployee`). */
export async function assignLeaderInTransaction(
  ctx: Context,
  em: EntityManager,
  events: DomainEvent[],
  command: AssignLeaderCommand,
): Promise<LeadershipRelationship> {
  const now = ctx.deps.now();
  const { memberId, leaderId } = command;
  if (memberId === leaderId) {
    throw new DomainError('SELF_LEADERSHIP', 'An employee cannot lead themselves', { field: 'leaderId' });
  }
  await lockHierarchy(ctx, em);
  const [member, leader] = await Promise.all([em.findOne(Employee, { id: memberId }), em.findOne(Employee, { id: leaderId })]);
  if (!member) throw new DomainError('NOT_FOUND', `Employee ${memberId} was not found`, { field: 'memberId' });
  if (!leader) throw new DomainError('NOT_FOUND', `Employee ${leaderId} was not found`, { field: 'leaderId' });
  if (member.exitedAt) {
    throw new DomainError('MEMBER_EXITED', `${member.name} has left the company and cannot get a leader`, { field: 'memberId' });
  }
  if (leader.exitedAt) {
    throw new DomainError('LEADER_EXITED', `${leader.name} has left the company and cannot lead`, { field: 'leaderId' });
  }

  const startedAt = command.startedAt ?? now;
  if (startedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput('startedAt', '`startedAt` must not be in the future');
  }
  if (startedAt < member.hiredAt) throw badInput('startedAt', '`startedAt` must not be before the member was hired');

  const chain = (await leaderChains(em, [leaderId])).get(leaderId) ?? [];
  if (chain.includes(memberId)) {
    throw new DomainError('LEADER_CYCLE', `${leader.name} reports (directly or indirectly) to ${member.name}; this would make a cycle`, {
      field: 'leaderId',
      chain: [leaderId, ...chain.slice(0, chain.indexOf(memberId) + 1)].map(String),
    });
  }

  const history = await em.find(LeadershipRelationship, { member: memberId }, { orderBy: { startedAt: 'desc' } });
  const current = history.find((r) => !r.endedAt) ?? null;
  if (current && current.leader.id === leaderId) {
    throw new DomainError('LEADER_UNCHANGED', `${leader.name} already leads ${member.name}`, { field: 'leaderId' });
  }
  const overlapping = history.find((r) => (r === current ? startedAt < r.startedAt : r.endedAt! > startedAt));
  if (overlapping) {
    throw new DomainError(
      'OVERLAPPING_RELATIONSHIP',
      `${member.name} already had a leader on ${startedAt.toISOString().slice(0, 10)}; a new relationship must start after the current one started and after earlier ones ended`,
      { field: 'startedAt', conflictingRelationshipId: String(overlapping.id) },
    );
  }

  if (current) {
    current.endedAt = startedAt;
    current.endReason = RelationshipEndReason.REASSIGNED;
    current.updatedAt = now;
    await em.flush(); // the partial unique index needs the old row ended before the new one exists
    events.push(relationshipEvent('ENDED', current, now));
  }
  const agreement = command.serviceAgreement
    ? cleanAgreement(command.serviceAgreement)
    : {
        strengths: current?.strengths ?? [],
        needs: current?.needs ?? null,
        goals: current?.goals ?? null,
        preferredStyle: current?.preferredStyle ?? null,
      };
  const relationship = em.create(LeadershipRelationship, {
    leader,
    member,
    startedAt,
    ...agreement,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  events.push(relationshipEvent('ASSIGNED', relationship, now));
  return relationship;
}

export async function assignLeader(ctx: Context, input: AssignLeaderInput): Promise<LeadershipRelationship> {
  const command: AssignLeaderCommand = {
    memberId: parseId(input.memberId, 'memberId'),
    leaderId: parseId(input.leaderId, 'leaderId'),
    startedAt: input.startedAt,
    serviceAgreement: input.serviceAgreement,
  };
  return uniqueOr(
    () => inTransaction(ctx, (em, events) => assignLeaderInTransaction(ctx, em, events, command)),
    () => new DomainError('OVERLAPPING_RELATIONSHIP', 'The member got another leader at the same moment; reload and try again', {
      field: 'memberId',
    }),
    'leadership_one_active_per_member',
  );
}

export async function endLeadership(ctx: Context, input: EndLeadershipInput): Promise<LeadershipRelationship> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const relationship = await em.findOne(LeadershipRelationship, { id: parseId(input.relationshipId, 'relationshipId') });
    if (!relationship) throw notFound('Leadership relationship', input.relationshipId);
    if (relationship.endedAt) {
      throw new DomainError('RELATIONSHIP_ENDED', 'This relationship has already ended', { field: 'relationshipId' });
    }
    const endedAt = input.endedAt ?? now;
    if (endedAt < relationship.startedAt) throw badInput('endedAt', '`endedAt` must not be before the relationship started');
    if (endedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('endedAt', '`endedAt` must not be in the future');
    relationship.endedAt = endedAt;
    relationship.endReason = RelationshipEndReason.ENDED;
    relationship.updatedAt = now;
    await em.flush();
    events.push(relationshipEvent('ENDED', relationship, now));
    return relationship;
  });
}

export async function updateServiceAgreement(ctx: Context, input: UpdateServiceAgreementInput): Promise<LeadershipRelationship> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const relationship = await em.findOne(LeadershipRelationship, { id: parseId(input.relationshipId, 'relationshipId') });
    if (!relationship) throw notFound('Leadership relationship', input.relationshipId);
    if (relationship.endedAt) {
      throw new DomainError('RELATIONSHIP_ENDED', 'The agreement of an ended relationship is history and cannot change', {
        field: 'relationshipId',
      });
    }
    // The agreement's history is kept: the version being replaced is stored first.
    em.create(ServiceAgreementVersion, {
      relationship,
      strengths: relationship.strengths,
      needs: relationship.needs,
      goals: relationship.goals,
      preferredStyle: relationship.preferredStyle,
      replacedAt: now,
      replacedBy: ctx.viewer?.label ?? 'system',
    });
    Object.assign(relationship, cleanAgreement(input.serviceAgreement), { updatedAt: now });
    await em.flush();
    events.push(relationshipEvent('AGREEMENT_UPDATED', relationship, now));
    return relationship;
  });
}

export async function getRelationship(ctx: Context, id: string): Promise<LeadershipRelationship> {
  const relationship = await ctx.em.findOne(LeadershipRelationship, { id: parseId(id, 'id') });
  if (!relationship) throw notFound('Leadership relationship', id);
  return relationship;
}

export async function recordCheckIn(ctx: Context, input: RecordCheckInInput): Promise<LeadershipCheckIn> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const relationship = await em.findOne(LeadershipRelationship, { id: parseId(input.relationshipId, 'relationshipId') });
    if (!relationship) throw notFound('Leadership relationship', input.relationshipId);
    if (relationship.endedAt) throw new DomainError('RELATIONSHIP_ENDED', 'Check-ins belong to an active relationship', { field: 'relationshipId' });
    const heldOn = input.heldOn ?? now;
    if (heldOn < relationship.startedAt) throw badInput('heldOn', '`heldOn` must not be before the relationship started');
    if (heldOn.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('heldOn', '`heldOn` must not be in the future');
    const notes = input.notes.trim();
    if (!notes) throw badInput('notes', '`notes` must not be blank');
    const checkIn = em.create(LeadershipCheckIn, {
      relationship,
      heldOn,
      notes,
      actions: input.actions.map((a) => a.trim()).filter(Boolean),
      recordedBy: ctx.viewer?.label ?? 'system',
      createdAt: now,
    });
    await em.flush();
    events.push(relationshipEvent('AGREEMENT_UPDATED', relationship, now));
    return checkIn;
  });
}
