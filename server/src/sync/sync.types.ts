import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ExitReason } from '../people/employee.entity.js';
import { RelationshipEndReason } from '../leadership/leadership-relationship.entity.js';
import { ComplaintChannel, ComplaintEventKind, ComplaintStatus, Severity } from '../complaints/complaint.entity.js';
import { ReferralKind, ReferralStatus } from '../referrals/referral.entity.js';
import { syncConnectionType } from './sync-page.js';
import { SurveyGroupResults } from '../surveys/survey.types.js';

// Flat read models for BI: foreign keys as ids (a BI tool joins them itself), free text that
// belongs to a person's thread or agreement left out, removals as status/exit fields.
// `simpleResolvers`: these fields are plain properties with no per-field rule, so graphql-js reads
// them directly instead of through type-graphql's middleware chain — a sync page has ~10,000 fields.

@ObjectType('SyncEmployee', { simpleResolvers: true, description: 'An employee as a BI row. Exits are never deleted: `exitedAt` is set.' })
export class SyncEmployee {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => String, { description: 'Name.' }) name!: string;
  @Field(() => String, { description: 'Email, lower-cased.' }) email!: string;
  @Field(() => String, { nullable: true, description: 'Job title.' }) title!: string | null;
  @Field(() => ID, { nullable: true, description: 'Team id, or null.' }) teamId!: number | null;
  @Field(() => GraphQLDateTimeISO, { description: 'Hire date.' }) hiredAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When they left; null while employed.' }) exitedAt!: Date | null;
  @Field(() => ExitReason, { nullable: true, description: 'Why they left.' }) exitReason!: ExitReason | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether losing them was regretted.' }) exitRegretted!: boolean | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Last change; the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncLeadershipRelationship', { simpleResolvers: true, description: 'A leadership relationship as a BI row. Ended ones stay, with `endedAt` and `endReason`.' })
export class SyncLeadershipRelationship {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => ID, { description: 'The leader (employee id).' }) leaderId!: number;
  @Field(() => ID, { description: 'The member (employee id).' }) memberId!: number;
  @Field(() => GraphQLDateTimeISO, { description: 'Start of the relationship.' }) startedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Null while active.' }) endedAt!: Date | null;
  @Field(() => RelationshipEndReason, { nullable: true, description: 'Why it ended.' }) endReason!: RelationshipEndReason | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Last change; the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncComplaint', { simpleResolvers: true, description: 'A complaint as a BI row (facts and timers; the thread is in `syncComplaintEvents`).' })
export class SyncComplaint {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => ID, { description: 'The complaining customer.' }) customerId!: number;
  @Field(() => String, { description: 'Category, lower-cased.' }) category!: string;
  @Field(() => Severity, { description: 'Severity.' }) severity!: Severity;
  @Field(() => ComplaintChannel, { description: 'Where it came in.' }) channel!: ComplaintChannel;
  @Field(() => ComplaintStatus, { description: 'CLOSED complaints stay in the list.' }) status!: ComplaintStatus;
  @Field(() => ID, { nullable: true, description: 'Assigned employee, or null.' }) assigneeId!: number | null;
  @Field(() => ID, { nullable: true, description: 'Team id, or null.' }) teamId!: number | null;
  @Field(() => GraphQLDateTimeISO, { description: 'First-response deadline.' }) firstResponseDueAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'First staff response.' }) firstResponseAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { description: 'Resolution deadline (moved by pauses).' }) resolutionDueAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was resolved.' }) resolvedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was closed.' }) closedAt!: Date | null;
  @Field(() => Int, { description: 'How often it was reopened.' }) reopenCount!: number;
  @Field(() => String, { nullable: true, description: 'Root cause, once known.' }) rootCause!: string | null;
  @Field(() => ID, { nullable: true, description: 'The improvement it led to, or null.' }) improvementId!: number | null;
  @Field(() => Int, { nullable: true, description: 'The complainant\'s rating of the recovery (1–5).' }) recoveryRating!: number | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Last change (every thread entry counts); the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncComplaintEvent', { simpleResolvers: true, description: "One entry of a complaint's timeline as a BI row, without message bodies; internal notes are left out." })
export class SyncComplaintEvent {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => ID, { description: 'The complaint.' }) complaintId!: number;
  @Field(() => ComplaintEventKind, { description: 'Kind.' }) kind!: ComplaintEventKind;
  @Field(() => String, { nullable: true, description: 'Value before a change.' }) fromValue!: string | null;
  @Field(() => String, { nullable: true, description: 'Value after a change.' }) toValue!: string | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Entries never change: the same as `createdAt`; the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncReferral', { simpleResolvers: true, description: 'A referral as a BI row (without the referred person\'s contact). Rejected and expired ones stay, with `status` and `closedAt`.' })
export class SyncReferral {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => ReferralKind, { description: 'Kind.' }) kind!: ReferralKind;
  @Field(() => ReferralStatus, { description: 'Where it stands; rejected and expired ones stay.' }) status!: ReferralStatus;
  @Field(() => ID, { nullable: true, description: 'Referring customer, or null.' }) referrerCustomerId!: number | null;
  @Field(() => ID, { nullable: true, description: 'Referring employee, or null.' }) referrerEmployeeId!: number | null;
  @Field(() => ID, { nullable: true, description: 'The referral the referrer came in through, or null.' }) parentId!: number | null;
  @Field(() => ID, { nullable: true, description: 'First referral of the tree; null for a root.' }) rootId!: number | null;
  @Field(() => Int, { description: '1 for a root, parent + 1 below.' }) generation!: number;
  @Field(() => ID, { nullable: true, description: 'The customer it became, or null.' }) convertedCustomerId!: number | null;
  @Field(() => ID, { nullable: true, description: 'The employee it became, or null.' }) convertedEmployeeId!: number | null;
  @Field(() => GraphQLDateTimeISO, { description: 'Invitation time.' }) invitedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When they engaged.' }) engagedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When they converted.' }) convertedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was closed.' }) closedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Last change; the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncCustomer', { simpleResolvers: true, description: 'A customer as a BI row. Churned customers stay, with `churnedAt`.' })
export class SyncCustomer {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => String, { description: 'Name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Company, for business customers.' }) company!: string | null;
  @Field(() => String, { nullable: true, description: 'Segment (enterprise, smb, …).' }) segment!: string | null;
  @Field(() => ID, { nullable: true, description: 'Owning employee, or null.' }) accountOwnerId!: number | null;
  @Field(() => GraphQLDateTimeISO, { description: 'Start of the relationship.' }) customerSince!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When they left; null while a customer.' }) churnedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { description: 'When the row was created.' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Last change; the sync order.' }) updatedAt!: Date;
}

@ObjectType('SyncSurveyWave', {
  description: "A closed survey wave with its figures per group, as the anonymity rules show them (never single answers). Closed waves never change; running ones are not listed.",
})
export class SyncSurveyWave {
  @Field(() => ID, { description: 'Stable identifier.' }) id!: number;
  @Field(() => ID, { description: 'The survey.' }) surveyId!: number;
  @Field(() => Int, { description: 'Wave number within the survey.' }) number!: number;
  @Field(() => GraphQLDateTimeISO, { description: 'When it opened.' }) openedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'When it closed.' }) closedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'The same as `closedAt` (a closed wave never changes); the sync order.' }) updatedAt!: Date;
  @Field(() => [SurveyGroupResults], { description: 'Figures of every group shown in this wave: everyone, teams, leaders, then bands or segments.' })
  groups!: SurveyGroupResults[];
}

export const EmployeeSyncConnection = syncConnectionType(SyncEmployee, 'Employee', 'employees');
export const LeadershipRelationshipSyncConnection = syncConnectionType(SyncLeadershipRelationship, 'LeadershipRelationship', 'leadership relationships');
export const ComplaintSyncConnection = syncConnectionType(SyncComplaint, 'Complaint', 'complaints');
export const ComplaintEventSyncConnection = syncConnectionType(SyncComplaintEvent, 'ComplaintEvent', 'complaint timeline entries');
export const ReferralSyncConnection = syncConnectionType(SyncReferral, 'Referral', 'referrals');
export const CustomerSyncConnection = syncConnectionType(SyncCustomer, 'Customer', 'customers');
export const SurveyWaveSyncConnection = syncConnectionType(SyncSurveyWave, 'SurveyWave', 'closed survey waves');
