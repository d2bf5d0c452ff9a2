import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { Role } from '../auth/auth.entity.js';
import { ComplaintEventKind } from '../complaints/complaint.entity.js';
import { idOf, syncPage, type SyncSource } from './sync-page.js';
import { toDate } from '../db/raw.js';
import {
  ComplaintEventSyncConnection,
  ComplaintSyncConnection,
  CustomerSyncConnection,
  EmployeeSyncConnection,
  LeadershipRelationshipSyncConnection,
  ReferralSyncConnection,
  SyncComplaint,
  SyncComplaintEvent,
  SyncCustomer,
  SyncEmployee,
  SyncLeadershipRelationship,
  SyncReferral,
  SyncSurveyWave,
  SurveyWaveSyncConnection,
} from './sync.types.js';
import { Survey } from '../surveys/survey.entity.js';
import { closedWaveResults, isProtected } from '../surveys/survey-results.js';
import { disclosurePolicy } from '../surveys/wave-rules.js';
import { SurveyGroupKind, SurveyGroupResults } from '../surveys/survey.types.js';
import type { Group } from '../surveys/disclosure.js';

type Row = Record<string, unknown>;
const text = (value: unknown) => (value == null ? null : String(value));
// SQLite stores booleans as 0/1.
const bool = (value: unknown) => (value == null ? null : Boolean(value));

const employees: SyncSource<SyncEmployee> = {
  table: 'employee',
  changedAt: 'updated_at',
  columns: 'id, name, email, title, team_id, hired_at, exited_at, exit_reason, exit_regretted, created_at, updated_at',
  node: (r: Row) => ({
    id: Number(r.id),
    name: String(r.name),
    email: String(r.email),
    title: text(r.title),
    teamId: idOf(r.team_id),
    hiredAt: toDate(r.hired_at)!,
    exitedAt: toDate(r.exited_at),
    exitReason: r.exit_reason as SyncEmployee['exitReason'],
    exitRegretted: bool(r.exit_regretted),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  }),
};

const relationships: SyncSource<SyncLeadershipRelationship> = {
  table: 'leadership_relationship',
  changedAt: 'updated_at',
  columns: 'id, leader_id, member_id, started_at, ended_at, end_reason, created_at, updated_at',
  node: (r: Row) => ({
    id: Number(r.id),
    leaderId: Number(r.leader_id),
    memberId: Number(r.member_id),
    startedAt: toDate(r.started_at)!,
    endedAt: toDate(r.ended_at),
    endReason: r.end_reason as SyncLeadershipRelationship['endReason'],
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  }),
};

const complaints: SyncSource<SyncComplaint> = {
  table: 'complaint',
  changedAt: 'updated_at',
  columns:
    'id, customer_id, category, severity, channel, status, assignee_id, team_id, first_response_due_at, first_response_at, resolution_due_at, resolved_at, closed_at, reopen_count, root_cause, improvement_id, recovery_rating, created_at, updated_at',
  node: (r: Row) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    category: String(r.category),
    severity: r.severity as SyncComplaint['severity'],
    channel: r.channel as SyncComplaint['channel'],
    status: r.status as SyncComplaint['status'],
    assigneeId: idOf(r.assignee_id),
    teamId: idOf(r.team_id),
    firstResponseDueAt: toDate(r.first_response_due_at)!,
    firstResponseAt: toDate(r.first_response_at),
    resolutionDueAt: toDate(r.resolution_due_at)!,
    resolvedAt: toDate(r.resolved_at),
    closedAt: toDate(r.closed_at),
    reopenCount: Number(r.reopen_count),
    rootCause: text(r.root_cause),
    improvementId: idOf(r.improvement_id),
    recoveryRating: idOf(r.recovery_rating),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  }),
};

const complaintEvents: SyncSource<SyncComplaintEvent> = {
  table: 'complaint_event',
  changedAt: 'created_at',
  columns: 'id, complaint_id, kind, from_value, to_value, created_at',
  // Internal notes are for staff (admins) only, as everywhere else.
  visibleTo: (ctx) => (ctx.viewer?.role === Role.ADMIN ? null : `kind <> '${ComplaintEventKind.INTERNAL_NOTE}'`),
  node: (r: Row) => {
    const createdAt = toDate(r.created_at)!;
    return {
      id: Number(r.id),
      complaintId: Number(r.complaint_id),
      kind: r.kind as ComplaintEventKind,
      fromValue: text(r.from_value),
      toValue: text(r.to_value),
      createdAt,
      updatedAt: createdAt,
    };
  },
};

const referrals: SyncSource<SyncReferral> = {
  table: 'referral',
  changedAt: 'updated_at',
  columns:
    'id, kind, status, referrer_customer_id, referrer_employee_id, parent_id, root_id, generation, converted_customer_id, converted_employee_id, invited_at, engaged_at, converted_at, closed_at, created_at, updated_at',
  node: (r: Row) => ({
    id: Number(r.id),
    kind: r.kind as SyncReferral['kind'],
    status: r.status as SyncReferral['status'],
    referrerCustomerId: idOf(r.referrer_customer_id),
    referrerEmployeeId: idOf(r.referrer_employee_id),
    parentId: idOf(r.parent_id),
    rootId: idOf(r.root_id),
    generation: Number(r.generation),
    convertedCustomerId: idOf(r.converted_customer_id),
    convertedEmployeeId: idOf(r.converted_employee_id),
    invitedAt: toDate(r.invited_at)!,
    engagedAt: toDate(r.engaged_at),
    convertedAt: toDate(r.converted_at),
    closedAt: toDate(r.closed_at),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  }),
};

const customers: SyncSource<SyncCustomer> = {
  table: 'customer',
  changedAt: 'updated_at',
  columns: 'id, name, company, segment, account_owner_id, customer_since, churned_at, created_at, updated_at',
  node: (r: Row) => ({
    id: Number(r.id),
    name: String(r.name),
    company: text(r.company),
    segment: text(r.segment),
    accountOwnerId: idOf(r.account_owner_id),
    customerSince: toDate(r.customer_since)!,
    churnedAt: toDate(r.churned_at),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  }),
};

const surveyWaves: SyncSource<Omit<SyncSurveyWave, 'groups'>> = {
  table: 'survey_wave',
  changedAt: 'closed_at',
  columns: 'id, survey_id, number, opened_at, closed_at',
  node: (r: Row) => {
    const closedAt = toDate(r.closed_at)!;
    return { id: Number(r.id), surveyId: Number(r.survey_id), number: Number(r.number), openedAt: toDate(r.opened_at)!, closedAt, updatedAt: closedAt };
  },
};

/** A disclosure group as the GraphQL fields that name it. */
function groupFields(group: Group): Pick<SurveyGroupResults, 'kind' | 'teamId' | 'subjectLeaderId' | 'tenureBand' | 'customerSegment'> {
  switch (group.kind) {
    case 'ALL':
      return { kind: SurveyGroupKind.EVERYONE };
    case 'TEAM':
      return { kind: SurveyGroupKind.TEAM, teamId: group.teamId };
    case 'LEADER':
      return { kind: SurveyGroupKind.LEADER, subjectLeaderId: group.leaderId };
    case 'BAND':
      return { kind: SurveyGroupKind.TENURE_BAND, tenureBand: group.band };
    case 'SEGMENT':
      return { kind: SurveyGroupKind.CUSTOMER_SEGMENT, customerSegment: group.segment };
  }
}

const UPDATED_SINCE = 'Only rows changed after this instant (exclusive): the `syncedUntil` of the previous sync. Omit for a full sync.';
const FIRST = 'Page size (default 20, at most RAPPORT_MAX_SYNC_PAGE_SIZE).';
const AFTER = "The previous page's `pageInfo.endCursor`; it also carries the pass's `syncedUntil`.";

/**
 * Incremental extraction for BI tools (ANALYST tokens): each list pages one
 * table by (updatedAt, id) through `syncPage` — see there for why a pass never
 * skips or repeats a row while rows change under it.
 */
@Resolver()
export class SyncResolver {
  @Authorized(READ_ROLES)
  @Query(() => EmployeeSyncConnection, { description: 'Employees changed since `updatedSince` (exits included), for incremental BI sync.' })
  syncEmployees(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, employees, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => LeadershipRelationshipSyncConnection, { description: 'Leadership relationships changed since `updatedSince` (ended ones included), for incremental BI sync.' })
  syncLeadershipRelationships(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, relationships, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => ComplaintSyncConnection, { description: 'Complaints changed since `updatedSince`, for incremental BI sync.' })
  syncComplaints(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, complaints, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => ComplaintEventSyncConnection, { description: 'Complaint timeline entries written since `updatedSince` (no bodies, no internal notes for ANALYST), for incremental BI sync.' })
  syncComplaintEvents(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, complaintEvents, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => ReferralSyncConnection, { description: 'Referrals changed since `updatedSince` (rejected and expired included), for incremental BI sync.' })
  syncReferrals(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, referrals, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => CustomerSyncConnection, { description: 'Customers changed since `updatedSince` (churned included), for incremental BI sync.' })
  syncCustomers(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, customers, { updatedSince, first, after });
  }

  @Authorized(READ_ROLES)
  @Query(() => SurveyWaveSyncConnection, {
    description:
      'Survey waves closed since `updatedSince`, each with its figures per group through the anonymity rules, for incremental BI sync. Their figures are large: page with a small `first`.',
  })
  syncSurveyWaves(
    @Ctx() ctx: Context,
    @Arg('updatedSince', () => GraphQLDateTimeISO, { nullable: true, description: UPDATED_SINCE }) updatedSince?: Date | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ) {
    return syncPage(ctx, surveyWaves, { updatedSince, first, after });
  }
}

@Resolver(() => SyncSurveyWave)
export class SyncSurveyWaveResolver {
  @FieldResolver(() => [SurveyGroupResults], { description: 'Figures of every group shown in this wave.' })
  async groups(@Root() wave: SyncSurveyWave, @Ctx() ctx: Context): Promise<SurveyGroupResults[]> {
    const survey = await ctx.em.findOneOrFail(Survey, { id: wave.surveyId });
    const results = await closedWaveResults(ctx.em, disclosurePolicy(ctx.config), { id: wave.id, surveyId: wave.surveyId, protect: isProtected(survey) });
    return results.map(({ group, responses, questions }) => ({ ...groupFields(group), responses, questions }) as SurveyGroupResults);
  }
}
