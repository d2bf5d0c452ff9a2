import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { RelationshipEndReason } from './leadership-relationship.entity.js';

registerEnumType(RelationshipEndReason, {
  name: 'RelationshipEndReason',
  description: 'Why a leadership relationship ended.',
  valuesConfig: {
    REASSIGNED: { description: 'The member got a new leader.' },
    ENDED: { description: 'Ended by an admin without a successor.' },
    MEMBER_EXITED: { description: 'The member left the company.' },
    LEADER_EXITED: { description: 'The leader left the company.' },
  },
});

export enum LeadershipChangeKind {
  ASSIGNED = 'ASSIGNED',
  ENDED = 'ENDED',
  AGREEMENT_UPDATED = 'AGREEMENT_UPDATED',
}
registerEnumType(LeadershipChangeKind, {
  name: 'LeadershipChangeKind',
  description: 'What happened to a relationship.',
  valuesConfig: {
    ASSIGNED: { description: 'A new relationship started.' },
    ENDED: { description: 'A relationship ended (reassignment, exit or by an admin).' },
    AGREEMENT_UPDATED: { description: 'The service agreement changed.' },
  },
});

@ObjectType('ServiceAgreement', {
  description: "The member's terms for the leadership they receive: what they are good at, need and want, and how they like to be led.",
})
export class ServiceAgreement {
  @Field(() => [String], { description: "The member's strengths, as short tags." })
  strengths!: string[];

  @Field(() => String, { nullable: true, description: 'What the member needs from the leader to succeed.' })
  needs?: string | null;

  @Field(() => String, { nullable: true, description: "The member's own goals." })
  goals?: string | null;

  @Field(() => String, { nullable: true, description: 'How the member prefers to be led.' })
  preferredStyle?: string | null;
}

@ObjectType('LeadershipRelationship', {
  description: 'Leadership as a service: `leader` serves `member` from `startedAt` until `endedAt`.',
})
export class LeadershipRelationshipType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the leader started serving the member.' })
  startedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it ended; null while active.' })
  endedAt?: Date | null;

  @Field(() => RelationshipEndReason, { nullable: true, description: 'Why it ended; null while active.' })
  endReason?: RelationshipEndReason | null;
}

@ObjectType('LeadershipChangeEvent', { description: 'A relationship was assigned, ended or had its agreement changed.' })
export class LeadershipChangeEvent {
  @Field(() => LeadershipChangeKind, { description: 'What happened.' })
  kind!: LeadershipChangeKind;

  @Field(() => LeadershipRelationshipType, { description: 'The relationship as it is now.' })
  relationship!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When it happened.' })
  at!: Date;
}

@InputType({ description: "The member's service agreement; every field is replaced as given." })
export class ServiceAgreementInput {
  @Field(() => [String], { nullable: true, description: 'Strengths as short tags (at most 20, 60 characters each).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(60, { each: true })
  strengths?: string[];

  @Field(() => String, { nullable: true, description: 'What the member needs (at most 2,000 characters).' })
  @IsOptional()
  @MaxLength(2000)
  needs?: string | null;

  @Field(() => String, { nullable: true, description: 'The member\'s goals (at most 2,000 characters).' })
  @IsOptional()
  @MaxLength(2000)
  goals?: string | null;

  @Field(() => String, { nullable: true, description: 'Preferred leadership style (at most 2,000 characters).' })
  @IsOptional()
  @MaxLength(2000)
  preferredStyle?: string | null;
}

@InputType({ description: "Makes `leaderId` the member's leader, ending the current relationship (its history is kept)." })
export class AssignLeaderInput {
  @Field(() => ID, { description: 'The employee who gets a leader.' })
  memberId!: string;

  @Field(() => ID, { description: 'The new leader.' })
  leaderId!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of the new relationship; now when omitted. Not before the current one started.' })
  startedAt?: Date | null;

  @ValidateNested()
  @Field(() => ServiceAgreementInput, { nullable: true, description: 'The agreement; carried over from the current relationship when omitted.' })
  serviceAgreement?: ServiceAgreementInput | null;
}

@InputType({ description: 'Ends an active relationship without a successor.' })
export class EndLeadershipInput {
  @Field(() => ID, { description: 'The relationship to end.' })
  relationshipId!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'End date; now when omitted. Not before the start.' })
  endedAt?: Date | null;
}

@InputType({ description: "Replaces an active relationship's service agreement." })
export class UpdateServiceAgreementInput {
  @Field(() => ID, { description: 'The relationship.' })
  relationshipId!: string;

  @ValidateNested()
  @Field(() => ServiceAgreementInput, { description: 'The new agreement.' })
  serviceAgreement!: ServiceAgreementInput;
}

@ObjectType('LeadershipCheckIn', { description: 'A dated check-in: a short note and the actions both agreed (admins only).' })
export class LeadershipCheckInType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it took place.' })
  heldOn!: Date;

  @Field(() => String, { description: 'The note.' })
  notes!: string;

  @Field(() => [String], { description: 'Actions agreed.' })
  actions!: string[];

  @Field(() => String, { description: 'Who recorded it.' })
  recordedBy!: string;
}

@ObjectType('ServiceAgreementVersion', { description: 'An earlier service agreement, kept when it was changed.' })
export class ServiceAgreementVersionType {
  @Field(() => [String], { description: 'Strengths then.' })
  strengths!: string[];

  @Field(() => String, { nullable: true, description: 'Needs then.' })
  needs?: string | null;

  @Field(() => String, { nullable: true, description: 'Goals then.' })
  goals?: string | null;

  @Field(() => String, { nullable: true, description: 'Preferred style then.' })
  preferredStyle?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was replaced.' })
  replacedAt!: Date;

  @Field(() => String, { description: 'Who replaced it.' })
  replacedBy!: string;
}

@InputType({ description: 'A check-in on an active relationship.' })
export class RecordCheckInInput {
  @Field(() => ID, { description: 'The relationship.' })
  relationshipId!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it took place; now when omitted.' })
  heldOn?: Date | null;

  @Field(() => String, { description: 'The note (1–5,000 characters).' })
  @Length(1, 5000)
  notes!: string;

  @Field(() => [String], { defaultValue: [], description: 'Actions agreed (at most 20, 300 characters each).' })
  @ArrayMaxSize(20)
  @MaxLength(300, { each: true })
  actions!: string[];
}

@ObjectType('TenureCount', { description: 'How many direct reports fall in one tenure band.' })
export class TenureCount {
  @Field(() => String, { description: "'<1y', '1-3y', '3-5y' or '5y+'." })
  band!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('ExitReasonCount', { description: 'Exits for one reason.' })
export class ExitReasonCount {
  @Field(() => String, { description: 'The exit reason.' })
  reason!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('TeamExits', { description: "People who left while this leader led them, in the scorecard's period." })
export class TeamExits {
  @Field(() => Int, { description: 'All exits.' })
  total!: number;

  @Field(() => Int, { description: 'Left for a competitor: the strongest trust-withdrawal signal.' })
  leftForCompetitor!: number;

  @Field(() => Int, { description: 'Exits the company regretted.' })
  regretted!: number;

  @Field(() => [ExitReasonCount], { description: 'Per reason, most frequent first.' })
  byReason!: ExitReasonCount[];
}
