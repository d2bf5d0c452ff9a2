import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { Employee } from './employee.entity.js';
import { Team } from '../teams/team.entity.js';
import { LeadershipRelationship } from '../leadership/leadership-relationship.entity.js';
import { TeamType } from '../teams/team.types.js';
import { LeadershipRelationshipType } from '../leadership/leadership.types.js';
import {
  CreateEmployeeInput,
  EmployeeChangeEvent,
  EmployeeChangeKind,
  EmployeeConnection,
  EmployeeFilter,
  EmployeeSort,
  EmployeeStatus,
  EmployeeType,
  RecordExitInput,
  ReportTreeConnection,
  UpdateEmployeeInput,
} from './employee.types.js';
import * as service from './employee.service.js';
import { READ_ROLES, WRITE_ROLES, authorizedTopic } from '../auth/auth-checker.js';
import { Topic, type EmployeeChangedPayload } from '../pubsub/topics.js';
import { encodeCursor, offsetConnection, offsetWindow, pageRequest, toConnection } from '../graphql/connection.js';
import { reportTree, reportTreeCount } from '../leadership/leadership.queries.js';
import { notFound } from '../errors/domain-error.js';
import { intInRange } from '../graphql/ids.js';
import { ViewerType } from '../auth/auth.types.js';
import type { EmployeeRow } from '../loaders.js';

/**
 * What an `Employee` field resolves from: the entity (mutations, other features' fields) or the
 * plain read model of the read paths (lists, leaders, reports). Fields read only these.
 */
type EmployeeParent = Pick<EmployeeRow, 'id' | 'exitedAt'> & { team?: { id: number } | null };


/** Deepest `allReports` walk a client may ask for. */
export const MAX_REPORT_DEPTH = 50;

@Resolver(() => EmployeeType)
export class EmployeeResolver {
  @Authorized(READ_ROLES)
  @Query(() => EmployeeType, { description: 'One employee by id; NOT_FOUND when there is none.' })
  employee(@Arg('id', () => ID, { description: 'The employee id.' }) id: string, @Ctx() ctx: Context): Promise<EmployeeRow> {
    return service.getEmployeeRow(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => EmployeeConnection, { description: 'Employees, filtered and sorted, a page at a time.' })
  employees(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum, 100 by default).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => EmployeeFilter, { nullable: true, description: 'Conditions the employees must meet.' }) filter?: EmployeeFilter,
    @Arg('sort', () => EmployeeSort, { nullable: true, description: 'Order (default: by name).' }) sort?: EmployeeSort,
  ) {
    return service.listEmployees(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter, sort);
  }

  @FieldResolver(() => EmployeeStatus, { description: 'ACTIVE while employed, EXITED after leaving.' })
  status(@Root() employee: EmployeeParent): EmployeeStatus {
    return employee.exitedAt ? EmployeeStatus.EXITED : EmployeeStatus.ACTIVE;
  }

  @FieldResolver(() => TeamType, { nullable: true, description: 'The team the employee belongs to.' })
  team(@Root() employee: EmployeeParent, @Ctx() ctx: Context): Promise<Team | null> | null {
    return employee.team ? ctx.loaders.team.load(employee.team.id) : null;
  }

  @FieldResolver(() => EmployeeType, { nullable: true, description: 'The current leader; null when nobody leads this employee.' })
  async leader(@Root() employee: EmployeeParent, @Ctx() ctx: Context): Promise<EmployeeRow | null> {
    return (await ctx.loaders.activeLeadershipByMember.load({ member: employee.id, withRelationship: false }))?.leader ?? null;
  }

  @FieldResolver(() => LeadershipRelationshipType, {
    nullable: true,
    description: 'The active relationship with the current leader, with its service agreement.',
  })
  async currentRelationship(@Root() employee: EmployeeParent, @Ctx() ctx: Context): Promise<LeadershipRelationship | null> {
    // The statement that finds the leader also reads the relationship: asking for both stays one statement.
    return (await ctx.loaders.activeLeadershipByMember.load({ member: employee.id, withRelationship: true }))?.relationship() ?? null;
  }

  @FieldResolver(() => EmployeeConnection, { description: 'Current direct reports, by name.' })
  async reports(
    @Root() employee: EmployeeParent,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    const page = pageRequest(first, after, ctx.config.limits.maxPageSize);
    const { offset, limit } = offsetWindow(page);
    const all = await ctx.loaders.reportRowsByLeader.load(employee.id);
    const members = all.slice(offset, offset + limit + 1);
    const rows = ctx.loaders.employeeRow;
    for (const member of members) rows.prime(member.id, member);
    return toConnection(members, page, (_, i) => encodeCursor([offset + i]), () => all.length);
  }

  @FieldResolver(() => ReportTreeConnection, {
    description: `Everyone below this employee down to \`maxDepth\` levels (at most ${MAX_REPORT_DEPTH}), breadth first.`,
  })
  async allReports(
    @Root() employee: EmployeeParent,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: `Levels to descend (1 = direct reports; at most ${MAX_REPORT_DEPTH}).` }) maxDepth: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    const depth = intInRange(maxDepth, 'maxDepth', 1, MAX_REPORT_DEPTH);
    return offsetConnection(
      pageRequest(first, after, ctx.config.limits.maxPageSize),
      (window) => reportTree(ctx.em, employee.id, depth, window),
      async (rows) => (await ctx.loaders.employeeRow.loadMany(rows.map((r) => r.memberId))) as EmployeeRow[],
      () => reportTreeCount(ctx.em, employee.id, depth),
      (row) => ({ depth: row.depth, leaderId: row.leaderId }),
    );
  }

  @FieldResolver(() => [EmployeeType], { description: 'Leaders above this employee: the direct leader first, the top last.' })
  async leaderChain(@Root() employee: EmployeeParent, @Ctx() ctx: Context): Promise<EmployeeRow[]> {
    const ids = await ctx.loaders.leaderChainByMember.load(employee.id);
    const leaders = await ctx.loaders.employeeRow.loadMany(ids);
    return leaders.filter((l): l is EmployeeRow => l !== null && !(l instanceof Error));
  }

  @Authorized(READ_ROLES)
  @FieldResolver(() => [LeadershipRelationshipType], { description: "This employee's relationships as a member, newest first (history kept across leader changes)." })
  leadershipHistory(@Root() employee: EmployeeParent, @Ctx() ctx: Context): Promise<LeadershipRelationship[]> {
    return ctx.loaders.historyByMember.load(employee.id);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => EmployeeType, { description: 'Adds an employee, optionally with a leader. EMAIL_TAKEN when the email is in use.' })
  createEmployee(@Arg('input', () => CreateEmployeeInput, { description: 'What to do; see the input type.' }) input: CreateEmployeeInput, @Ctx() ctx: Context): Promise<Employee> {
    return service.createEmployee(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => EmployeeType, { description: 'Changes an employee\'s name, email, title, team or hire date.' })
  updateEmployee(@Arg('input', () => UpdateEmployeeInput, { description: 'What to do; see the input type.' }) input: UpdateEmployeeInput, @Ctx() ctx: Context): Promise<Employee> {
    return service.updateEmployee(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => EmployeeType, { description: 'Records that an employee left, and why; ends their relationships.' })
  recordExit(@Arg('input', () => RecordExitInput, { description: 'What to do; see the input type.' }) input: RecordExitInput, @Ctx() ctx: Context): Promise<Employee> {
    return service.recordExit(ctx, input);
  }

  @Subscription(() => EmployeeChangeEvent, {
    description: 'Pushes every created, changed or exited employee (or only the one with `id`).',
    subscribe: authorizedTopic(Topic.EMPLOYEE_CHANGED, READ_ROLES, (payload, args) => !args.id || String(payload.employeeId) === String(args.id)),
  })
  async employeeChanged(
    @Root() payload: EmployeeChangedPayload,
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Only this employee.' }) _id?: string,
  ) {
    ctx.renew();
    const employee = await ctx.loaders.employeeRow.load(payload.employeeId);
    if (!employee) throw notFound('Employee', payload.employeeId);
    return { kind: payload.kind as EmployeeChangeKind, employee, at: new Date(payload.at) };
  }
}

/** People extend the viewer: a logged-in user is usually also an employee (same work email). */
@Resolver(() => ViewerType)
export class ViewerEmployeeResolver {
  @FieldResolver(() => EmployeeType, {
    nullable: true,
    description: "The active employee whose work email is the logged-in user's email (\"assigned to me\"); null for API tokens or when there is none.",
  })
  async employee(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<Employee | null> {
    if (viewer.kind !== 'user') return null;
    return ctx.em.findOne(Employee, { email: viewer.label.toLowerCase(), exitedAt: null });
  }
}
