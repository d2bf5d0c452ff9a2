import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArrayMaxSize, IsIn, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { QuestionType, SurveyAudience, SurveyPurpose, SurveyStatus } from './survey.entity.js';

registerEnumType(SurveyAudience, {
  name: 'SurveyAudience',
  description: 'Who answers a survey.',
  valuesConfig: { EMPLOYEES: { description: 'Employees (engagement, leadership).' }, CUSTOMERS: { description: 'Customers (NPS, CSAT, CES).' } },
});
registerEnumType(SurveyPurpose, {
  name: 'SurveyPurpose',
  description: 'What a survey measures.',
  valuesConfig: {
    LEADERSHIP: { description: 'Upward feedback about the leader at invitation time.' },
    ENGAGEMENT: { description: 'Employee engagement (eNPS).' },
    NPS: { description: 'Customer Net Promoter Score.' },
    CSAT: { description: 'Customer satisfaction.' },
    CES: { description: 'Customer effort.' },
    CUSTOM: { description: 'Anything else.' },
  },
});
registerEnumType(SurveyStatus, {
  name: 'SurveyStatus',
  description: 'DRAFT → OPEN → CLOSED; a closed survey accepts nothing.',
  valuesConfig: { DRAFT: { description: 'Being written.' }, OPEN: { description: 'Accepting responses.' }, CLOSED: { description: 'Done.' } },
});
registerEnumType(QuestionType, {
  name: 'QuestionType',
  description: 'Kind of question.',
  valuesConfig: {
    NPS: { description: '0–10 "would you recommend".' },
    RATING: { description: '1–5 or 1–7 scale.' },
    SINGLE_CHOICE: { description: 'One of the options.' },
    MULTIPLE_CHOICE: { description: 'Any of the options.' },
    FREE_TEXT: { description: 'Free text.' },
  },
});

export enum InvitationState {
  VALID = 'VALID',
  USED = 'USED',
  CLOSED = 'CLOSED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(InvitationState, {
  name: 'InvitationState',
  description: 'What a survey link can do.',
  valuesConfig: {
    VALID: { description: 'Can be answered.' },
    USED: { description: 'Already answered (one response per invitation).' },
    CLOSED: { description: 'The survey or its wave is closed.' },
    UNKNOWN: { description: 'No such link.' },
  },
});

@ObjectType('SurveyQuestion', { description: 'One question of a survey.' })
export class SurveyQuestionType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => Int, { description: 'Order, from 1.' })
  position!: number;

  @Field(() => QuestionType, { description: 'Kind of question.' })
  type!: QuestionType;

  @Field(() => String, { description: 'The question text.' })
  prompt!: string;

  @Field(() => Boolean, { description: 'Whether an answer is required.' })
  required!: boolean;

  @Field(() => Int, { nullable: true, description: 'Top of a RATING scale (5 or 7).' })
  scaleMax?: number | null;

  @Field(() => [String], { description: 'Options of a choice question.' })
  options!: string[];
}

@ObjectType('SurveyWave', { description: 'One round of a survey.' })
export class SurveyWaveType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => Int, { description: 'Round number, from 1.' })
  number!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the round opened.' })
  openedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it closed; null while running.' })
  closedAt?: Date | null;
}

@ObjectType('Survey', { description: 'A survey for employees or customers, run in waves.' })
export class SurveyType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Title shown to respondents.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Introduction shown to respondents.' })
  description?: string | null;

  @Field(() => SurveyAudience, { description: 'Employees or customers.' })
  audience!: SurveyAudience;

  @Field(() => SurveyPurpose, { description: 'What it measures.' })
  purpose!: SurveyPurpose;

  @Field(() => SurveyStatus, { description: 'Draft, open or closed.' })
  status!: SurveyStatus;

  @Field(() => Boolean, { description: 'Whether responses are anonymous.' })
  anonymous!: boolean;

  @Field(() => Boolean, { description: 'Whether it runs in recurring waves.' })
  recurring!: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType('CreatedInvitation', { description: 'A new single-use link, emailed to its recipient through the outbox.' })
export class CreatedInvitation {
  @Field(() => String, { description: 'Recipient email.' })
  email!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Named surveys only: the secret token (respondent page /s/<token>), shown only here. Always null for an anonymous survey: its links reach only the invitees, by email.',
  })
  token!: string | null;
}

@ObjectType('ThrottledRecipient', { description: 'Someone not invited because of the contact budget.' })
export class ThrottledRecipient {
  @Field(() => String, { description: 'Recipient email.' })
  email!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When they were last invited.' })
  lastInvitedAt!: Date;
}

@ObjectType('InvitationResult', { description: 'What an invitation run did.' })
export class InvitationResult {
  @Field(() => [CreatedInvitation], { description: 'New invitations; each is emailed to its recipient.' })
  created!: CreatedInvitation[];

  @Field(() => [ThrottledRecipient], { description: 'Left out: invited to a survey within the contact budget period.' })
  throttled!: ThrottledRecipient[];

  @Field(() => Int, { description: 'Left out: already invited to this wave.' })
  alreadyInvited!: number;

  @Field(() => [String], { description: 'Left out: the address unsubscribed from surveys or bounces.' })
  optedOut!: string[];
}

@ObjectType('PublicSurvey', { description: 'What a respondent sees at a survey link (no login).' })
export class PublicSurvey {
  @Field(() => InvitationState, { description: 'Whether the link can be answered.' })
  state!: InvitationState;

  @Field(() => String, { nullable: true, description: 'Survey title (null for an unknown link).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Introduction.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether answers are anonymous.' })
  anonymous?: boolean | null;

  @Field(() => [SurveyQuestionType], { description: 'The questions (empty unless VALID).' })
  questions!: unknown[];
}

@InputType({ description: 'A question of a survey.' })
export class QuestionInput {
  @Field(() => QuestionType, { description: 'Kind of question.' })
  type!: QuestionType;

  @Field(() => String, { description: 'The question (1–500 characters).' })
  @Length(1, 500)
  prompt!: string;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether an answer is required.' })
  required!: boolean;

  @Field(() => Int, { nullable: true, description: 'RATING only: 5 or 7.' })
  @IsOptional()
  @IsIn([5, 7], { message: 'scaleMax must be 5 or 7' })
  scaleMax?: number | null;

  @Field(() => [String], { nullable: true, description: 'Choice questions only: 2–20 options.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(200, { each: true })
  options?: string[] | null;
}

@InputType({ description: 'A new survey (a draft).' })
export class CreateSurveyInput {
  @Field(() => String, { description: 'Title (1–200 characters).' })
  @Length(1, 200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Introduction.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => SurveyAudience, { description: 'Employees or customers.' })
  audience!: SurveyAudience;

  @Field(() => SurveyPurpose, { description: 'What it measures.' })
  purpose!: SurveyPurpose;

  @Field(() => Boolean, { defaultValue: true, description: 'Anonymous responses (default true).' })
  anonymous!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Recurring waves.' })
  recurring!: boolean;

  @Field(() => [QuestionInput], { defaultValue: [], description: 'Questions in order (at most 50).' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  questions!: QuestionInput[];
}

@InputType({ description: 'Changes to a survey; omitted fields stay. Audience and anonymity can change only while it is a draft.' })
export class UpdateSurveyInput {
  @Field(() => ID, { description: 'The survey.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Title (1–200 characters).' })
  @IsOptional()
  @Length(1, 200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Introduction.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => SurveyAudience, { nullable: true, description: 'Employees or customers (drafts only).' })
  audience?: SurveyAudience | null;

  @Field(() => SurveyPurpose, { nullable: true, description: 'What it measures.' })
  purpose?: SurveyPurpose | null;

  @Field(() => Boolean, { nullable: true, description: 'Anonymous responses (drafts only: a promise made to respondents cannot change).' })
  anonymous?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Recurring waves.' })
  recurring?: boolean | null;
}

@InputType({ description: 'Who to invite; all given groups are combined. Employees for an employee survey, customers for a customer one.' })
export class InviteInput {
  @Field(() => ID, { description: 'The open survey.' })
  surveyId!: string;

  @Field(() => ID, { nullable: true, description: 'Everyone in this team.' })
  teamId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'With teamId: also the teams below.' })
  includeSubTeams!: boolean;

  @Field(() => ID, { nullable: true, description: 'Everyone below this leader, any depth.' })
  leaderId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'These employees.' })
  @IsOptional()
  @ArrayMaxSize(5000)
  employeeIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Every active customer of this segment.' })
  @IsOptional()
  @MaxLength(80)
  customerSegment?: string | null;

  @Field(() => [ID], { nullable: true, description: 'These customers.' })
  @IsOptional()
  @ArrayMaxSize(5000)
  customerIds?: string[] | null;
}

@InputType({ description: 'An answer to one question.' })
export class AnswerInput {
  @Field(() => ID, { description: 'The question.' })
  questionId!: string;

  @Field(() => Int, { nullable: true, description: 'NPS 0–10 or RATING 1–scaleMax.' })
  value?: number | null;

  @Field(() => Int, { nullable: true, description: 'SINGLE_CHOICE: the option index.' })
  option?: number | null;

  @Field(() => [Int], { nullable: true, description: 'MULTIPLE_CHOICE: the option indexes.' })
  @IsOptional()
  @ArrayMaxSize(20)
  options?: number[] | null;

  @Field(() => String, { nullable: true, description: 'FREE_TEXT (at most 5,000 characters).' })
  @IsOptional()
  @MaxLength(5000)
  text?: string | null;
}

export enum SuppressionReason {
  BELOW_THRESHOLD = 'BELOW_THRESHOLD',
  DIFFERENCING = 'DIFFERENCING',
  COMMENTS_BELOW_THRESHOLD = 'COMMENTS_BELOW_THRESHOLD',
  WAVE_RUNNING = 'WAVE_RUNNING',
}
registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a figure is hidden (anonymity is enforced by the server for every client).',
  valuesConfig: {
    BELOW_THRESHOLD: { description: 'Fewer responses than the anonymity threshold (default 5).' },
    DIFFERENCING: { description: 'Shown beside the other figures of its wave, it would let some sum or difference of shown figures depend on fewer respondents than the threshold.' },
    COMMENTS_BELOW_THRESHOLD: { description: 'Free-text comments need more responses (default 8).' },
    WAVE_RUNNING: { description: 'The wave is still running: protected figures appear when it closes (until then only the whole wave\'s response count, in whole steps of the threshold).' },
  },
});

@InputType({ description: 'Which results: one wave (default the latest) and at most one group.' })
export class ResultSlice {
  @Field(() => ID, { nullable: true, description: 'The wave; the latest when omitted.' })
  waveId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A team, always with its sub-teams.' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The direct reports of a leader (leader at invitation time).' })
  subjectLeaderId?: string | null;

  @Field(() => String, { nullable: true, description: "A tenure band: '<1y', '1-3y', '3-5y' or '5y+'." })
  @IsOptional()
  @MaxLength(20)
  tenureBand?: string | null;

  @Field(() => String, { nullable: true, description: 'A customer segment.' })
  @IsOptional()
  @MaxLength(80)
  customerSegment?: string | null;
}

@ObjectType('NpsScore', { description: 'NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100.' })
export class NpsScore {
  @Field(() => Float, { description: 'The score, one decimal.' })
  score!: number;

  @Field(() => Int, { description: 'Answers 9–10.' })
  promoters!: number;

  @Field(() => Int, { description: 'Answers 7–8.' })
  passives!: number;

  @Field(() => Int, { description: 'Answers 0–6.' })
  detractors!: number;
}

@ObjectType('DistributionBucket', { description: 'How many chose one value or option.' })
export class DistributionBucket {
  @Field(() => Int, { description: 'The value (scale) or option index.' })
  value!: number;

  @Field(() => String, { description: 'The label to show.' })
  label!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('QuestionResult', { description: 'One question\'s figures for a group; null figures come with a suppression reason.' })
export class QuestionResult {
  @Field(() => SurveyQuestionType, { description: 'The question.' })
  question!: unknown;

  @Field(() => Int, { nullable: true, description: 'Responses that answered it (null when hidden).' })
  answered?: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is hidden; null when shown.' })
  suppressed?: SuppressionReason | null;

  @Field(() => NpsScore, { nullable: true, description: 'NPS questions.' })
  nps?: NpsScore | null;

  @Field(() => Float, { nullable: true, description: 'CSAT: % of 4–5 on a 1–5 rating.' })
  csat?: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of an NPS or rating question (CES is the mean of a 1–7 rating).' })
  mean?: number | null;

  @Field(() => [DistributionBucket], { description: 'Answers per value or option (empty when hidden or free text).' })
  distribution!: DistributionBucket[];

  @Field(() => [String], { description: 'Free-text answers, in alphabetical order (empty when hidden).' })
  comments!: string[];
}

@ObjectType('TrendPoint', { description: 'The headline figure (first NPS question, else first rating mean) in one wave.' })
export class TrendPoint {
  @Field(() => Int, { description: 'Wave number.' })
  waveNumber!: number;

  @Field(() => Int, { nullable: true, description: 'Responses (null when hidden).' })
  responses?: number | null;

  @Field(() => Float, { nullable: true, description: 'NPS score or mean (null when hidden or unanswered).' })
  score?: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the point is hidden.' })
  suppressed?: SuppressionReason | null;
}

@ObjectType('SurveyResults', { description: 'Results of one wave for one group, under the anonymity rules.' })
export class SurveyResults {
  @Field(() => Int, { description: 'Wave number.' })
  waveNumber!: number;

  @Field(() => String, { description: 'The group, in words.' })
  groupLabel!: string;

  @Field(() => Int, { description: 'The anonymity threshold in force.' })
  threshold!: number;

  @Field(() => Int, { nullable: true, description: 'Invitations in the group (null when hidden).' })
  invited?: number | null;

  @Field(() => Int, { nullable: true, description: 'Responses in the group (null when hidden).' })
  responses?: number | null;

  @Field(() => Float, { nullable: true, description: 'responses ÷ invited, 0–1 (null when hidden or nobody invited).' })
  responseRate?: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the whole group is hidden; null when shown.' })
  suppressed?: SuppressionReason | null;

  @Field(() => [QuestionResult], { description: 'Per question, in order.' })
  questions!: QuestionResult[];

  @Field(() => [TrendPoint], { description: 'The headline figure per wave, each judged on its own.' })
  trend!: TrendPoint[];
}

export enum SurveyGroupKind {
  EVERYONE = 'EVERYONE',
  TEAM = 'TEAM',
  LEADER = 'LEADER',
  TENURE_BAND = 'TENURE_BAND',
  CUSTOMER_SEGMENT = 'CUSTOMER_SEGMENT',
}
registerEnumType(SurveyGroupKind, {
  name: 'SurveyGroupKind',
  description: 'What kind of group a wave\'s figures are reported for.',
  valuesConfig: {
    EVERYONE: { description: 'Every respondent of the wave.' },
    TEAM: { description: 'A team with its sub-teams (as frozen for the wave).' },
    LEADER: { description: 'The direct reports of a leader (leader at invitation time).' },
    TENURE_BAND: { description: 'A tenure band.' },
    CUSTOMER_SEGMENT: { description: 'A customer segment.' },
  },
});

@ObjectType('SurveyGroupResults', { description: "One group's figures in a closed wave; only groups the anonymity rules show are listed." })
export class SurveyGroupResults {
  @Field(() => SurveyGroupKind, { description: 'The kind of group; the matching field below names it.' })
  kind!: SurveyGroupKind;

  @Field(() => ID, { nullable: true, description: 'TEAM: the team (with its sub-teams).' })
  teamId?: number | null;

  @Field(() => ID, { nullable: true, description: 'LEADER: the leader whose direct reports these are.' })
  subjectLeaderId?: number | null;

  @Field(() => String, { nullable: true, description: 'TENURE_BAND: the band.' })
  tenureBand?: string | null;

  @Field(() => String, { nullable: true, description: 'CUSTOMER_SEGMENT: the segment.' })
  customerSegment?: string | null;

  @Field(() => Int, { description: 'Responses in the group.' })
  responses!: number;

  @Field(() => [QuestionResult], { description: 'Per question, in order; a question hidden on its own comes with a suppression reason.' })
  questions!: QuestionResult[];
}
