import { Field, Float, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { ReferralKind, ReferralStatus, RewardStage, RewardStatus } from './referral.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { CustomerType } from '../customers/customer.types.js';
import { EmployeeType } from '../people/employee.types.js';
import { PageInfo, connectionTypes } from '../graphql/connection.js';

registerEnumType(ReferralKind, {
  name: 'ReferralKind',
  description: 'What a referral is for.',
  valuesConfig: { CUSTOMER: { description: 'A new customer.' }, HIRE: { description: 'A new employee.' } },
});
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral stands: INVITED → ENGAGED → CONVERTED, or REJECTED / EXPIRED.',
  valuesConfig: {
    INVITED: { description: 'Recommended; not yet in conversation.' },
    ENGAGED: { description: 'In conversation (a sales call, an interview).' },
    CONVERTED: { description: 'Became a customer or an employee.' },
    REJECTED: { description: 'Declined by either side.' },
    EXPIRED: { description: 'Went nowhere in time; the person may be referred again.' },
  },
});
registerEnumType(RewardStage, {
  name: 'RewardStage',
  description: 'Which part of a staged referral reward.',
  valuesConfig: {
    CONVERSION: { description: 'Paid on conversion.' },
    RETENTION: { description: 'Paid when the new customer or hire is still there after the retention period.' },
  },
});
registerEnumType(RewardStatus, {
  name: 'RewardStatus',
  description: 'State of one reward stage.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its due date.' },
    EARNED: { description: 'Earned by the referrer.' },
    CANCELLED: { description: 'Will not be paid: the person left inside the retention period.' },
    CLAWED_BACK: { description: 'Taken back: the person left inside the retention period.' },
  },
});

/** The GraphQL type of a referrer (see app/schema.ts: type resolvers must answer synchronously). */
export const referrerTypeName = (value: unknown): 'Customer' | 'Employee' => (value instanceof Customer ? 'Customer' : 'Employee');

export const ReferrerUnion = createUnionType({
  name: 'Referrer',
  description: 'Who made a referral: a customer or an employee.',
  types: () => [CustomerType, EmployeeType] as const,
  resolveType: referrerTypeName,
});

@ObjectType('Referral', { description: 'One person recommending another; referrals form trees through `parent`.' })
export class ReferralType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => ReferralKind, { description: 'A new customer or a new hire.' })
  kind!: ReferralKind;

  @Field(() => ReferralStatus, { description: 'Where it stands.' })
  status!: ReferralStatus;

  @Field(() => String, { description: 'Name of the referred person.' })
  referredName!: string;

  @Field(() => String, { description: 'Email of the referred person, lower-cased.' })
  referredEmail!: string;

  @Field(() => String, { nullable: true, description: "The referrer's note." })
  note?: string | null;

  @Field(() => Int, { description: 'Place in its tree: 1 for a root, parent + 1 below.' })
  generation!: number;

  @Field(() => [String], { description: 'Why it looks suspicious (VELOCITY, NEAR_DUPLICATE_EMAIL, NEAR_DUPLICATE_NAME); flagged for review, never blocked.' })
  flags!: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'When the referral was made.' })
  invitedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the referred person engaged.' })
  engagedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When they converted.' })
  convertedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was rejected or expired.' })
  closedAt?: Date | null;
}

export const { Connection: ReferralConnection } = connectionTypes(ReferralType, 'Referral', 'referral');

@ObjectType('ReferralTreeEdge', { description: 'A referral below (or above) another, with its distance.' })
export class ReferralTreeEdge {
  @Field(() => String, { description: 'Opaque position; pass as `after` to continue from here.' })
  cursor!: string;

  @Field(() => ReferralType, { description: 'The referral.' })
  node!: unknown;

  @Field(() => Int, { description: 'Distance from the starting point (1 = directly below or above).' })
  depth!: number;
}

@ObjectType('ReferralTreeConnection', { description: 'Referrals below or above a starting point, nearest first.' })
export class ReferralTreeConnection {
  @Field(() => [ReferralTreeEdge], { description: 'The referrals of this page, in order.' })
  edges!: ReferralTreeEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of referrals in the whole walk.' })
  totalCount!: number;
}

@ObjectType('ReferralGeneration', {
  description:
    'Figures for one generation of a tree. K-factor = invitations per referrer × conversion rate (= converted ÷ referrers); above 1 a tree grows by itself.',
})
export class ReferralGeneration {
  @Field(() => Int, { description: 'Generation (1 = the first referrals).' })
  generation!: number;

  @Field(() => Int, { description: 'Referrals made in this generation (invitations).' })
  referrals!: number;

  @Field(() => Int, { description: 'Of those, how many engaged or converted.' })
  engaged!: number;

  @Field(() => Int, { description: 'Of those, how many converted.' })
  converted!: number;

  @Field(() => Int, { description: 'Distinct people who made the referrals of this generation.' })
  referrers!: number;

  @Field(() => Float, { description: 'converted ÷ referrals (0 when there are none).' })
  conversionRate!: number;

  @Field(() => Float, { description: 'referrals ÷ referrers.' })
  invitesPerReferrer!: number;

  @Field(() => Float, { description: 'invitesPerReferrer × conversionRate.' })
  kFactor!: number;
}

@ObjectType('ReferralTreeStats', { description: 'Size and shape of a referral tree, with per-generation figures.' })
export class ReferralTreeStats {
  @Field(() => Int, { description: 'Referrals in the tree.' })
  size!: number;

  @Field(() => Int, { description: 'Deepest generation (0 for an empty tree).' })
  depth!: number;

  @Field(() => Int, { description: 'Converted referrals in the tree.' })
  converted!: number;

  @Field(() => [ReferralGeneration], { description: 'One entry per generation, in order.' })
  generations!: ReferralGeneration[];
}

@ObjectType('ReferralFunnel', { description: 'How many referrals reached each stage.' })
export class ReferralFunnel {
  @Field(() => Int, { description: 'All referrals (every referral starts invited).' })
  invited!: number;

  @Field(() => Int, { description: 'Referrals that engaged (including those that went on to convert).' })
  engaged!: number;

  @Field(() => Int, { description: 'Referrals that converted.' })
  converted!: number;

  @Field(() => Int, { description: 'Referrals rejected.' })
  rejected!: number;

  @Field(() => Int, { description: 'Referrals expired.' })
  expired!: number;
}

@ObjectType('ReferralLeaderboardEntry', { description: 'One referrer and what their referrals set off.' })
export class ReferralLeaderboardEntry {
  @Field(() => Int, { description: 'Position, 1 first.' })
  rank!: number;

  @Field(() => ReferrerUnion, { description: 'The referrer.' })
  referrer!: unknown;

  @Field(() => Int, { description: 'Referrals they made.' })
  referrals!: number;

  @Field(() => Int, { description: 'Of those, converted.' })
  converted!: number;

  @Field(() => Int, { description: 'All referrals in the trees below theirs, their own included.' })
  downstreamReferrals!: number;

  @Field(() => Int, { description: 'Converted referrals in those trees, their own included.' })
  downstreamConverted!: number;
}

@ObjectType('HireReferralStats', { description: "Hire referrals made by a leader's whole team: employees refer people when they trust their leader." })
export class HireReferralStats {
  @Field(() => Int, { description: 'HIRE referrals made by people below the leader.' })
  referrals!: number;

  @Field(() => Int, { description: 'Of those, converted (hired).' })
  converted!: number;

  @Field(() => Int, { description: 'Distinct team members who referred.' })
  referrers!: number;
}

@ObjectType('ReferralReward', { description: 'One stage of a referral reward: a line of the reward ledger.' })
export class ReferralRewardType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => RewardStage, { description: 'Conversion or retention.' })
  stage!: RewardStage;

  @Field(() => Int, { description: 'Amount in whole euros (EUR). Stages per kind: CUSTOMER 50 on conversion + 100 after 90 days; HIRE 500 on hire + 1,000 after 180 days.' })
  amount!: number;

  @Field(() => RewardStatus, { description: 'Pending, earned, cancelled or clawed back.' })
  status!: RewardStatus;

  @Field(() => GraphQLDateTimeISO, { description: 'When it is (or was) due.' })
  dueAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was earned.' })
  earnedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was cancelled or clawed back.' })
  reversedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was reversed.' })
  reversalReason?: string | null;
}

export const { Connection: ReferralRewardConnection } = connectionTypes(ReferralRewardType, 'ReferralReward', 'reward');

export enum ReferralChangeKind {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  CONVERTED = 'CONVERTED',
  REWARDS_REVERSED = 'REWARDS_REVERSED',
}
registerEnumType(ReferralChangeKind, {
  name: 'ReferralChangeKind',
  description: 'What happened to a referral.',
  valuesConfig: {
    CREATED: { description: 'A new referral.' },
    STATUS_CHANGED: { description: 'Engaged, rejected or expired.' },
    CONVERTED: { description: 'Became a customer or employee.' },
    REWARDS_REVERSED: { description: "The referred person left inside the retention period; the referrer's rewards were reversed." },
  },
});

@ObjectType('ReferralChangeEvent', { description: 'A referral was created, moved on, converted or had its rewards reversed.' })
export class ReferralChangeEvent {
  @Field(() => ReferralChangeKind, { description: 'What happened.' })
  kind!: ReferralChangeKind;

  @Field(() => ReferralType, { description: 'The referral as it is now.' })
  referral!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When it happened.' })
  at!: Date;
}

@InputType({ description: 'Narrows a referral list; all given conditions must hold.' })
export class ReferralFilter {
  @Field(() => ReferralKind, { nullable: true, description: 'Only this kind.' })
  kind?: ReferralKind;

  @Field(() => [ReferralStatus], { nullable: true, description: 'Only these statuses.' })
  status?: ReferralStatus[];

  @Field(() => ID, { nullable: true, description: 'Only referrals made by this customer.' })
  referrerCustomerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only referrals made by this employee.' })
  referrerEmployeeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only referrals of this tree (its root id).' })
  rootId?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Only referrals made at or after this time.' })
  invitedFrom?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Only referrals made before this time.' })
  invitedTo?: Date;

  @Field(() => Boolean, { nullable: true, description: 'Only flagged (true) or unflagged (false) referrals.' })
  flagged?: boolean;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the referred name or email.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType({ description: 'A new referral: exactly one of the referrer ids, and the person referred.' })
export class CreateReferralInput {
  @Field(() => ReferralKind, { description: 'A new customer or a new hire.' })
  kind!: ReferralKind;

  @Field(() => ID, { nullable: true, description: 'The customer who refers.' })
  referrerCustomerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee who refers.' })
  referrerEmployeeId?: string | null;

  @Field(() => String, { description: 'Name of the referred person (1–200 characters).' })
  @Length(1, 200)
  referredName!: string;

  @Field(() => String, { description: 'Email of the referred person.' })
  @IsEmail({}, { message: 'referredEmail must be a valid email address' })
  @MaxLength(320)
  referredEmail!: string;

  @Field(() => String, { nullable: true, description: 'A note (at most 1,000 characters).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was made; now when omitted (for imports).' })
  invitedAt?: Date | null;
}

@InputType({ description: 'Moves a referral on: to ENGAGED, REJECTED or EXPIRED (conversion has its own mutation).' })
export class UpdateReferralStatusInput {
  @Field(() => ID, { description: 'The referral.' })
  referralId!: string;

  @Field(() => ReferralStatus, { description: 'ENGAGED, REJECTED or EXPIRED.' })
  status!: ReferralStatus;
}

@InputType({ description: 'Details of the customer a CUSTOMER referral becomes.' })
export class ConvertToCustomerInput {
  @Field(() => String, { nullable: true, description: 'Company.' })
  @IsOptional()
  @MaxLength(200)
  company?: string | null;

  @Field(() => String, { nullable: true, description: 'Segment.' })
  @IsOptional()
  @MaxLength(80)
  segment?: string | null;

  @Field(() => ID, { nullable: true, description: 'Account owner.' })
  accountOwnerId?: string | null;
}

@InputType({ description: 'Details of the employee a HIRE referral becomes.' })
export class ConvertToEmployeeInput {
  @Field(() => String, { nullable: true, description: 'Job title.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'Team.' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Leader to assign.' })
  leaderId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start date; now when omitted.' })
  hiredAt?: Date | null;
}

@InputType({ description: 'The referred person became a customer (CUSTOMER) or an employee (HIRE); the staged rewards start.' })
export class ConvertReferralInput {
  @Field(() => ID, { description: 'The referral.' })
  referralId!: string;

  @Field(() => ConvertToCustomerInput, { nullable: true, description: 'For a CUSTOMER referral.' })
  customer?: ConvertToCustomerInput | null;

  @Field(() => ConvertToEmployeeInput, { nullable: true, description: 'For a HIRE referral.' })
  employee?: ConvertToEmployeeInput | null;
}

@InputType({ description: 'Narrows the reward ledger.' })
export class RewardFilter {
  @Field(() => [RewardStatus], { nullable: true, description: 'Only these statuses.' })
  status?: RewardStatus[];

  @Field(() => ID, { nullable: true, description: 'Only rewards of referrals made by this customer.' })
  referrerCustomerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only rewards of referrals made by this employee.' })
  referrerEmployeeId?: string;
}

@ObjectType('PromoterReferralGap', {
  description: 'Customers who said they would recommend (NPS 9–10 in a named survey) against those who then referred someone: the gap is the untapped referral potential.',
})
export class PromoterReferralGap {
  @Field(() => Int, { description: 'Named customers who answered 9–10.' })
  promoters!: number;

  @Field(() => Int, { description: 'Of those, how many made a referral after answering.' })
  referred!: number;

  @Field(() => Float, { nullable: true, description: 'referred ÷ promoters (null without promoters).' })
  referralRate?: number | null;

  @Field(() => [CustomerType], { description: 'Promoters who have not referred anyone yet: invite them to refer (at most 100).' })
  toInvite!: unknown[];
}
