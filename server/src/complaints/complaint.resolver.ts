import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { Complaint, ComplaintEventKind, ComplaintStatus, Improvement, ImprovementStatus, Severity, SlaPolicy } from './complaint.entity.js';
import { CustomerType } from '../customers/customer.types.js';
import { EmployeeType } from '../people/employee.types.js';
import { TeamType } from '../teams/team.types.js';
import {
  AddComplaintMessageInput,
  ChangeComplaintStatusInput,
  ComplaintBoard,
  ComplaintChangeEvent,
  ComplaintConnection,
  ComplaintEventType,
  ComplaintFilter,
  ComplaintReceipt,
  ComplaintSla,
  ComplaintSort,
  ComplaintType,
  CreateComplaintInput,
  CreateImprovementInput,
  ImprovementType,
  RecoveryRatingInput,
  SlaPolicyType,
  SubmitComplaintInput,
} from './complaint.types.js';
import * as service from './complaint.service.js';
import { READ_ROLES, WRITE_ROLES, assertRole, authorizedTopic } from '../auth/auth-checker.js';
import { Role } from '../auth/auth.entity.js';
import { Topic, type ComplaintChangedPayload } from '../pubsub/topics.js';
import { snapshotTicks } from '../pubsub/streams.js';
import { pageRequest } from '../graphql/connection.js';
import { notFound } from '../errors/domain-error.js';

/** The wallboard: monitors see it (and only it), admins and analysts too. */
const BOARD_ROLES = [Role.ADMIN, Role.ANALYST, Role.MONITOR];
/** Changes of one tick are pushed as one snapshot, so a burst never makes the board blink. */
const BOARD_BATCH_MS = 250;

@Resolver(() => ImprovementType)
export class ImprovementResolver {
  @FieldResolver(() => Int, { description: 'How many complaints point to this improvement.' })
  complaintCount(@Root() improvement: Improvement, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.complaintCountByImprovement.load(improvement.id);
  }
}

@Resolver(() => ComplaintType)
export class ComplaintResolver {
  @Authorized(READ_ROLES)
  @Query(() => ComplaintType, { description: 'One complaint by id; NOT_FOUND when there is none.' })
  complaint(@Arg('id', () => ID, { description: 'The complaint id.' }) id: string, @Ctx() ctx: Context) {
    return service.getComplaint(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => ComplaintConnection, { description: 'The complaint inbox: filtered, sorted (newest first by default), a page at a time.' })
  complaints(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => ComplaintFilter, { nullable: true, description: 'Conditions the complaints must meet.' }) filter?: ComplaintFilter,
    @Arg('sort', () => ComplaintSort, { nullable: true, description: 'Order (default: newest first).' }) sort?: ComplaintSort,
  ) {
    return service.listComplaints(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter, sort);
  }

  @Authorized(BOARD_ROLES)
  @Query(() => ComplaintBoard, { description: 'The complaint board as it is now (MONITOR tokens may read only this and its subscription).' })
  complaintBoard(@Ctx() ctx: Context) {
    return service.board(ctx);
  }

  @Authorized(READ_ROLES)
  @Query(() => [SlaPolicyType], { description: 'SLA targets per severity.' })
  slaPolicies(@Ctx() ctx: Context): Promise<SlaPolicy[]> {
    return ctx.em.find(SlaPolicy, {}, { orderBy: { firstResponseMinutes: 'asc' } });
  }

  @Authorized(READ_ROLES)
  @Query(() => [ImprovementType], { description: 'Improvements, newest first, optionally of one status.' })
  improvements(@Ctx() ctx: Context, @Arg('status', () => ImprovementStatus, { nullable: true, description: 'Only this status.' }) status?: ImprovementStatus) {
    return ctx.em.find(Improvement, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 500 });
  }

  @Authorized()
  @Query(() => GraphQLDateTimeISO, { description: "The server's clock, so countdowns can correct a skewed client clock (any viewer)." })
  serverTime(@Ctx() ctx: Context): Date {
    return ctx.deps.now();
  }

  @FieldResolver(() => String, { description: 'Human-readable number to quote ("C-000042").' })
  number(@Root() complaint: Complaint): string {
    return service.complaintNumber(complaint.id);
  }

  @FieldResolver(() => CustomerType, { description: 'Who complained.' })
  async customer(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return (await ctx.loaders.customer.load(complaint.customer.id))!;
  }

  @FieldResolver(() => EmployeeType, { nullable: true, description: 'Who works on it.' })
  assignee(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.assignee ? ctx.loaders.employee.load(complaint.assignee.id) : null;
  }

  @FieldResolver(() => TeamType, { nullable: true, description: 'The team responsible.' })
  team(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.team ? ctx.loaders.team.load(complaint.team.id) : null;
  }

  @FieldResolver(() => EmployeeType, { nullable: true, description: "The assignee's leader it was escalated to after a breach." })
  escalatedTo(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.escalatedTo ? ctx.loaders.employee.load(complaint.escalatedTo.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Waiting on the customer (the resolution clock stands still).' })
  waitingOnCustomer(@Root() complaint: Complaint): boolean {
    return Boolean(complaint.pausedSince);
  }

  @FieldResolver(() => GraphQLDateTimeISO, {
    nullable: true,
    description:
      'Until when a RESOLVED or CLOSED complaint can be reopened (RAPPORT_REOPEN_WINDOW_DAYS after closing, or after resolving when not closed); in the past once the window has passed; null while the complaint is open.',
  })
  reopenUntil(@Root() complaint: Complaint, @Ctx() ctx: Context): Date | null {
    return service.reopenUntil(complaint, ctx.config.reopenWindowDays, ctx.deps.now());
  }

  @FieldResolver(() => [ComplaintStatus], {
    description:
      'The statuses changeComplaintStatus accepts now from this complaint for this viewer: the state machine, less a reopen once reopenUntil has passed; empty for a role that may not change complaints.',
  })
  allowedNextStatuses(@Root() complaint: Complaint, @Ctx() ctx: Context): ComplaintStatus[] {
    if (!ctx.viewer || !WRITE_ROLES.includes(ctx.viewer.role)) return [];
    return service.nextStatuses(complaint, ctx.config.reopenWindowDays, ctx.deps.now());
  }

  @FieldResolver(() => ComplaintSla, { description: 'SLA clocks, computed now.' })
  sla(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return service.slaOf(complaint, ctx.deps.now());
  }

  @FieldResolver(() => ImprovementType, { nullable: true, description: 'The improvement this complaint led to.' })
  improvement(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.improvement ? ctx.em.findOne(Improvement, { id: complaint.improvement.id }) : null;
  }

  @FieldResolver(() => [ComplaintEventType], { description: 'The thread and timeline, oldest first. Internal notes only for admins.' })
  timeline(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return service.timeline(ctx, complaint, ctx.viewer?.role === Role.ADMIN);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Logs a complaint from any channel; the SLA clocks start now.' })
  createComplaint(@Arg('input', () => CreateComplaintInput, { description: 'What to do; see the input type.' }) input: CreateComplaintInput, @Ctx() ctx: Context) {
    return service.createComplaint(ctx, input);
  }

  @Mutation(() => ComplaintReceipt, {
    description: 'The public complaint form (no login; rate-limited per address). The same idempotencyKey always answers with the same complaint.',
  })
  submitComplaint(@Arg('input', () => SubmitComplaintInput, { description: 'What to do; see the input type.' }) input: SubmitComplaintInput, @Ctx() ctx: Context) {
    return service.submitComplaint(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Moves a complaint through its states; INVALID_TRANSITION names the allowed ones, REOPEN_WINDOW_PASSED after the window.' })
  changeComplaintStatus(@Arg('input', () => ChangeComplaintStatusInput, { description: 'What to do; see the input type.' }) input: ChangeComplaintStatusInput, @Ctx() ctx: Context) {
    return service.changeStatus(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Adds a customer message, a staff reply (the first one stops the first-response clock) or an internal note.' })
  addComplaintMessage(@Arg('input', () => AddComplaintMessageInput, { description: 'What to do; see the input type.' }) input: AddComplaintMessageInput, @Ctx() ctx: Context) {
    return service.addMessage(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Starts or ends waiting on the customer (pauses the resolution clock).' })
  setWaitingOnCustomer(
    @Arg('complaintId', () => ID, { description: 'The complaint.' }) complaintId: string,
    @Arg('waiting', () => Boolean, { description: 'True to pause, false to resume.' }) waiting: boolean,
    @Ctx() ctx: Context,
  ) {
    return service.setWaitingOnCustomer(ctx, complaintId, waiting);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Assigns (or unassigns, with null) an employee and optionally a team.' })
  assignComplaint(
    @Arg('complaintId', () => ID, { description: 'The complaint.' }) complaintId: string,
    @Arg('assigneeId', () => ID, { nullable: true, description: 'The employee; null unassigns.' }) assigneeId: string | null,
    @Ctx() ctx: Context,
    @Arg('teamId', () => ID, { nullable: true, description: 'The team (omit to keep).' }) teamId?: string | null,
  ) {
    return service.assignComplaint(ctx, complaintId, assigneeId, teamId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => [ComplaintType], { description: `Assigns (or unassigns, with null) up to ${service.BULK_LIMIT} complaints at once: all or none.` })
  assignComplaints(
    @Arg('complaintIds', () => [ID], { description: 'The complaints (duplicates count once).' }) complaintIds: string[],
    @Arg('assigneeId', () => ID, { nullable: true, description: 'The employee; null unassigns.' }) assigneeId: string | null,
    @Ctx() ctx: Context,
  ) {
    return service.assignComplaints(ctx, complaintIds, assigneeId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => [ComplaintType], {
    description: `Acknowledges the NEW complaints among up to ${service.BULK_LIMIT} given ones (others are left as they are); all or none.`,
  })
  acknowledgeComplaints(@Arg('complaintIds', () => [ID], { description: 'The complaints (duplicates count once).' }) complaintIds: string[], @Ctx() ctx: Context) {
    return service.acknowledgeComplaints(ctx, complaintIds);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Links the complaint to an improvement (null unlinks).' })
  linkImprovement(
    @Arg('complaintId', () => ID, { description: 'The complaint.' }) complaintId: string,
    @Arg('improvementId', () => ID, { nullable: true, description: 'The improvement; null unlinks.' }) improvementId: string | null,
    @Ctx() ctx: Context,
  ) {
    return service.linkImprovement(ctx, complaintId, improvementId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Records that the complainant was told about the shipped improvement.' })
  markComplainantTold(@Arg('complaintId', () => ID, { description: 'The complaint.' }) complaintId: string, @Ctx() ctx: Context) {
    return service.markComplainantTold(ctx, complaintId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintType, { description: 'Records recovery satisfaction (1–5) after resolution.' })
  recordRecoverySatisfaction(@Arg('input', () => RecoveryRatingInput, { description: 'What to do; see the input type.' }) input: RecoveryRatingInput, @Ctx() ctx: Context) {
    return service.recordRecovery(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ImprovementType, { description: 'Records a planned improvement.' })
  createImprovement(@Arg('input', () => CreateImprovementInput, { description: 'What to do; see the input type.' }) input: CreateImprovementInput, @Ctx() ctx: Context) {
    return service.createImprovement(ctx, input.title, input.description);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ImprovementType, { description: 'Moves an improvement on; SHIPPED marks every linked complainant as to be told.' })
  setImprovementStatus(
    @Arg('improvementId', () => ID, { description: 'The improvement.' }) improvementId: string,
    @Arg('status', () => ImprovementStatus, { description: 'IN_PROGRESS or SHIPPED.' }) status: ImprovementStatus,
    @Ctx() ctx: Context,
  ) {
    return service.setImprovementStatus(ctx, improvementId, status);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SlaPolicyType, { description: 'Changes the SLA targets of a severity (applies to complaints created afterwards).' })
  updateSlaPolicy(
    @Arg('severity', () => Severity, { description: 'The severity.' }) severity: Severity,
    @Arg('firstResponseMinutes', () => Int, { description: 'Minutes to first response.' }) firstResponseMinutes: number,
    @Arg('resolutionMinutes', () => Int, { description: 'Minutes to resolution.' }) resolutionMinutes: number,
    @Ctx() ctx: Context,
  ) {
    return service.updateSlaPolicy(ctx, severity, firstResponseMinutes, resolutionMinutes);
  }

  @Subscription(() => ComplaintBoard, {
    description:
      'The live board: a snapshot at once, then a new snapshot after every change — at once for the first change after a quiet moment; the changes of a burst are batched into at most one snapshot per 250 ms.',
    subscribe: ({ context }: { context: Context }) => {
      assertRole(context, BOARD_ROLES);
      return snapshotTicks(context, Topic.COMPLAINT_CHANGED, BOARD_BATCH_MS, undefined, { leading: true });
    },
  })
  complaintBoardChanged(@Root() _tick: { at: number }, @Ctx() ctx: Context) {
    ctx.renew();
    return service.board(ctx);
  }

  @Subscription(() => ComplaintChangeEvent, {
    description: 'Pushes new thread entries and changes of complaints (or of one, with `complaintId`). Internal notes reach admins only.',
    subscribe: authorizedTopic(
      Topic.COMPLAINT_CHANGED,
      READ_ROLES,
      (payload, args, context) =>
        (!args.complaintId || String(payload.complaintId) === String(args.complaintId)) &&
        (payload.kind !== ComplaintEventKind.INTERNAL_NOTE || context.viewer?.role === Role.ADMIN),
    ),
  })
  async complaintChanged(
    @Root() payload: ComplaintChangedPayload,
    @Ctx() ctx: Context,
    @Arg('complaintId', () => ID, { nullable: true, description: 'Only this complaint.' }) _complaintId?: string,
  ) {
    ctx.renew();
    const complaint = await ctx.em.findOne(Complaint, { id: payload.complaintId });
    if (!complaint) throw notFound('Complaint', payload.complaintId);
    return { kind: payload.kind as ComplaintEventKind, complaint, at: new Date(payload.at) };
  }
}
