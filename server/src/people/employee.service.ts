import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Employee, ExitReason } from './employee.entity.js';
import { Team } from '../teams/team.entity.js';
import { LeadershipRelationship, RelationshipEndReason } from '../leadership/leadership-relationship.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { uniqueOr } from '../errors/db-errors.js';
import { inTransaction, type DomainEvent } from '../pubsub/events.js';
import { Topic } from '../pubsub/topics.js';
import { parseId } from '../graphql/ids.js';
import { SortDirection, toConnection, type PageRequest } from '../graphql/connection.js';
import { keysetAfter, keysetCursor } from '../graphql/keyset.js';
import { dateParam, likePattern, limitClause, num } from '../db/raw.js';
import { readRows, readTuples } from '../db/read-rows.js';
import { employeeColumns, employeeFromColumns, type EmployeeRow } from '../loaders.js';
import { teamSubtreeIds } from '../teams/team-tree.js';
import { assignLeaderInTransaction } from '../leadership/leadership.service.js';
import {
  EmployeeSortField,
  EmployeeStatus,
  type CreateEmployeeInput,
  type EmployeeFilter,
  type EmployeeSort,
  type RecordExitInput,
  type UpdateEmployeeInput,
} from './employee.types.js';

const SORT_PROPERTY = {
  [EmployeeSortField.NAME]: 'name',
  [EmployeeSortField.EMAIL]: 'email',
  [EmployeeSortField.HIRED_AT]: 'hiredAt',
  [EmployeeSortField.CREATED_AT]: 'createdAt',
} as const;
const DATE_SORTS = new Set<string>(['hiredAt', 'createdAt']);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function cleanName(name: string, field: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw badInput(field, `\`${field}\` must not be blank`);
  return trimmed;
}

/** One employee as a plain read model (read path); NOT_FOUND when there is none. */
export async function getEmployeeRow(ctx: Context, id: string): Promise<EmployeeRow> {
  const employee = await ctx.loaders.employeeRow.load(parseId(id, 'id'));
  if (!employee) throw notFound('Employee', id);
  return employee;
}

export async function getEmployee(ctx: Context, id: string): Promise<Employee> {
  const employee = await ctx.loaders.employee.load(parseId(id, 'id'));
  if (!employee) throw notFound('Employee', id);
  return employee;
}

const SORT_COLUMN = {
  name: 'e.name',
  email: 'e.email',
  hiredAt: 'e.hired_at',
  createdAt: 'e.created_at',
} as const;

/**
 * A page of employees as plain read models (see `EmployeeRow` in loaders.ts): raw SQL, no entity
 * is built. Keyset pagination over the sort column with `id` as tie-breaker (the cursor holds the
 * last row's (value, id)); the count runs on the same conditions, only when asked for.
 */
export async function listEmployees(
  ctx: Context,
  page: PageRequest,
  filter: EmployeeFilter | undefined,
  sort: EmployeeSort | undefined,
) {
  const em = ctx.em;
  const property = SORT_PROPERTY[sort?.field ?? EmployeeSortField.NAME];
  const column = SORT_COLUMN[property];
  const isDate = DATE_SORTS.has(property);
  const direction = sort?.direction ?? SortDirection.ASC;
  const where: string[] = [];
  const params: unknown[] = [];

  if (filter?.search?.trim()) {
    const pattern = likePattern(filter.search);
    where.push(`(lower(e.name) like ? escape '!' or e.email like ? escape '!')`);
    params.push(pattern, pattern);
  }
  if (filter?.teamId) {
    const teamId = parseId(filter.teamId, 'filter.teamId');
    const teamIds = filter.includeSubTeams ? await teamSubtreeIds(em, teamId) : [teamId];
    where.push(teamIds.length ? `e.team_id in (${teamIds.map(() => '?').join(',')})` : '1 = 0');
    params.push(...teamIds);
  }
  if (filter?.leaderId) {
    where.push('e.id in (select member_id from leadership_relationship where leader_id = ? and ended_at is null)');
    params.push(parseId(filter.leaderId, 'filter.leaderId'));
  }
  if (filter?.status === EmployeeStatus.ACTIVE) where.push('e.exited_at is null');
  if (filter?.status === EmployeeStatus.EXITED) where.push('e.exited_at is not null');
  const countWhere = where.length ? ` where ${where.join(' and ')}` : '';
  const countParams = [...params];

  if (page.after) {
    const after = keysetAfter(page.after, isDate);
    const op = direction === SortDirection.ASC ? '>' : '<';
    const bound = after.value instanceof Date ? dateParam(ctx.deps.db.kind, after.value) : after.value;
    where.push(`(${column} ${op} ? or (${column} = ? and e.id ${op} ?))`);
    params.push(bound, bound, after.id);
  }
  const order = direction === SortDirection.ASC ? 'asc' : 'desc';
  const raw = await readTuples(
    em,
    `select ${employeeColumns('e')} from employee e${where.length ? ` where ${where.join(' and ')}` : ''}
      order by ${column} ${order}, e.id ${order} ${limitClause(page.first + 1)}`,
    params,
  );
  const rows = raw.map((r) => employeeFromColumns(r));
  const primed = ctx.loaders.employeeRow;
  for (const row of rows) primed.prime(row.id, row);
  return toConnection(
    rows,
    page,
    (row) => keysetCursor(row[property], row.id),
    async () => {
      const [count] = await readRows<{ n: number | string }>(em, `select count(*) as n from employee e${countWhere}`, countParams);
      return num(count?.n);
    },
  );
}

async function findTeam(em: EntityManager, teamId: string, field: string): Promise<Team> {
  const team = await em.findOne(Team, { id: parseId(teamId, field) });
  if (!team) throw new DomainError('NOT_FOUND', `Team ${teamId} was not found`, { field });
  return team;
}

async function assertEmailFree(em: EntityManager, email: string, exceptId?: number): Promise<void> {
  const existing = await em.findOne(Employee, { email }, { fields: ['id'] });
  if (existing && existing.id !== exceptId) {
    throw new DomainError('EMAIL_TAKEN', `Another employee already uses ${email}`, { field: 'email' });
  }
}

function emailTaken() {
  return new DomainError('EMAIL_TAKEN', 'Another employee already uses this email', { field: 'email' });
}

function employeeEvent(kind: 'CREATED' | 'UPDATED' | 'EXITED', employeeId: number, at: Date): DomainEvent {
  return { topic: Topic.EMPLOYEE_CHANGED, payload: { kind, employeeId, at: at.toISOString() } };
}

/** Creates an employee inside a caller's transaction (also used when a HIRE referral converts). */
export async function createEmployeeInTransaction(
  ctx: Context,
  em: EntityManager,
  events: DomainEvent[],
  input: CreateEmployeeInput,
): Promise<Employee> {
  const now = ctx.deps.now();
  const email = normaliseEmail(input.email);
  await assertEmailFree(em, email);
  const employee = em.create(Employee, {
    name: cleanName(input.name, 'name'),
    email,
    title: input.title?.trim() || null,
    team: input.teamId ? await findTeam(em, input.teamId, 'teamId') : null,
    hiredAt: input.hiredAt ?? now,
    language: input.language ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  events.push(employeeEvent('CREATED', employee.id, now));
  if (input.leaderId) {
    await assignLeaderInTransaction(ctx, em, events, {
      memberId: employee.id,
      leaderId: parseId(input.leaderId, 'leaderId'),
      startedAt: employee.hiredAt,
    });
  }
  return employee;
}

export async function createEmployee(ctx: Context, input: CreateEmployeeInput): Promise<Employee> {
  return uniqueOr(
    () => inTransaction(ctx, (em, events) => createEmployeeInTransaction(ctx, em, events, input)),
    emailTaken,
  );
}

export async function updateEmployee(ctx: Context, input: UpdateEmployeeInput): Promise<Employee> {
  const now = ctx.deps.now();
  return uniqueOr(
    () => inTransaction(ctx, async (em, events) => {
      const employee = await em.findOne(Employee, { id: parseId(input.id, 'id') });
      if (!employee) throw notFound('Employee', input.id);
      if (input.name !== undefined && input.name !== null) employee.name = cleanName(input.name, 'name');
      if (input.email !== undefined && input.email !== null) {
        const email = normaliseEmail(input.email);
        await assertEmailFree(em, email, employee.id);
        employee.email = email;
      }
      if (input.title !== undefined) employee.title = input.title?.trim() || null;
      if (input.teamId !== undefined) {
        employee.team = input.teamId === null ? null : ((await findTeam(em, input.teamId, 'teamId')) as never);
      }
      if (input.hiredAt) employee.hiredAt = input.hiredAt;
      if (input.language !== undefined) employee.language = input.language ?? null;
      employee.updatedAt = now;
      await em.flush();
      events.push(employeeEvent('UPDATED', employee.id, now));
      return employee;
    }),
    emailTaken,
  );
}

/**
 * Records that an employee left. Their relationships end on the exit date:
 * as member (MEMBER_EXITED) and as leader (LEADER_EXITED), so their former
 * reports show up as having no leader until someone is assigned.
 */
export async function recordExit(ctx: Context, input: RecordExitInput): Promise<Employee> {
  const now = ctx.deps.now();
  const employee = await inTransaction(ctx, async (em, events) => {
    const employee = await em.findOne(Employee, { id: parseId(input.employeeId, 'employeeId') });
    if (!employee) throw notFound('Employee', input.employeeId);
    if (employee.exitedAt) {
      throw new DomainError('ALREADY_EXITED', `${employee.name} already left on ${employee.exitedAt.toISOString().slice(0, 10)}`, {
        field: 'employeeId',
      });
    }
    const exitedAt = input.exitedAt ?? now;
    if (exitedAt < employee.hiredAt) throw badInput('exitedAt', '`exitedAt` must not be before the hire date');
    employee.exitedAt = exitedAt;
    employee.exitReason = input.reason as ExitReason;
    employee.exitRegretted = input.regretted ?? null;
    employee.updatedAt = now;

    const active = await em.find(LeadershipRelationship, {
      $or: [{ member: employee.id }, { leader: employee.id }],
      endedAt: null,
    });
    for (const relationship of active) {
      relationship.endedAt = exitedAt < relationship.startedAt ? relationship.startedAt : exitedAt;
      relationship.endReason =
        relationship.member.id === employee.id ? RelationshipEndReason.MEMBER_EXITED : RelationshipEndReason.LEADER_EXITED;
      relationship.updatedAt = now;
      events.push({
        topic: Topic.LEADERSHIP_CHANGED,
        payload: {
          kind: 'ENDED',
          relationshipId: relationship.id,
          memberId: relationship.member.id,
          leaderId: relationship.leader.id,
          at: now.toISOString(),
        },
      });
    }
    await em.flush();
    // Referrals (rewards) and insights (trust signals) react to this event: see app/reactions.ts.
    events.unshift(employeeEvent('EXITED', employee.id, now));
    return employee;
  });
  return employee;
}
