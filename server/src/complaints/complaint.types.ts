import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsEmail, IsIn, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { ComplaintChannel, ComplaintEventKind, ComplaintStatus, ImprovementStatus, Severity } from './complaint.entity.js';
import { SortDirection, connectionTypes } from '../graphql/connection.js';

registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description: 'NEW → ACKNOWLEDGED → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED or CLOSED can be reopened (to IN_PROGRESS) within the reopen window.',
  valuesConfig: {
    NEW: { description: 'Received, not yet acknowledged.' },
    ACKNOWLEDGED: { description: 'Seen and accepted by staff.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    RESOLVED: { description: 'Resolved, with a resolution; the customer may still reopen it.' },
    CLOSED: { description: 'Done.' },
  },
});
registerEnumType(Severity, {
  name: 'Severity',
  description: 'How urgent a complaint is; each severity has its SLA targets.',
  valuesConfig: {
    LOW: { description: 'Low.' },
    MEDIUM: { description: 'Medium.' },
    HIGH: { description: 'High.' },
    CRITICAL: { description: 'Critical.' },
  },
});
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'How a complaint reached us.',
  valuesConfig: {
    EMAIL: { description: 'Email.' },
    PHONE: { description: 'Phone.' },
    WEB: { description: 'The public complaint form.' },
    CHAT: { description: 'Chat.' },
    IN_PERSON: { description: 'In person.' },
    SURVEY_FOLLOW_UP: { description: 'Opened from a detractor answer in a survey.' },
    OTHER: { description: 'Anything else.' },
  },
});
registerEnumType(ImprovementStatus, {
  name: 'ImprovementStatus',
  description: 'PLANNED → IN_PROGRESS → SHIPPED.',
  valuesConfig: {
    PLANNED: { description: 'Decided, not started.' },
    IN_PROGRESS: { description: 'Being built.' },
    SHIPPED: { description: 'Shipped; complainants of linked complaints are to be told.' },
  },
});
registerEnumType(ComplaintEventKind, {
  name: 'ComplaintEventKind',
  description: 'What a thread entry is.',
  valuesConfig: {
    CUSTOMER_MESSAGE: { description: 'A message from the customer.' },
    STAFF_MESSAGE: { description: 'A reply to the customer (the first one stops the first-response timer).' },
    INTERNAL_NOTE: { description: 'A note for staff only; never shown to MONITOR or ANALYST viewers.' },
    STATUS_CHANGED: { description: 'Status moved (from → to).' },
    ASSIGNED: { description: 'Assignee changed (from → to).' },
    PAUSED: { description: 'Waiting on the customer: the resolution clock stopped.' },
    RESUMED: { description: 'No longer waiting on the customer.' },
    SLA_BREACHED: { description: 'An SLA target passed (toValue: FIRST_RESPONSE or RESOLUTION).' },
    ESCALATED: { description: "Escalated to the assignee's leader after a breach." },
    IMPROVEMENT_LINKED: { description: 'Linked to an improvement.' },
    IMPROVEMENT_SHIPPED: { description: 'The linked improvement shipped; the complainant is to be told.' },
    COMPLAINANT_TOLD: { description: 'The complainant was told about the shipped improvement.' },
    RECOVERY_RATED: { description: 'The customer rated how the complaint was handled.' },
  },
});

export enum SlaState {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  BREACHED = 'BREACHED',
  PAUSED = 'PAUSED',
  MET = 'MET',
}
registerEnumType(SlaState, {
  name: 'SlaState',
  description: 'Where a complaint stands against its SLA targets.',
  valuesConfig: {
    ON_TRACK: { description: 'More than a quarter of the current target window left.' },
    AT_RISK: { description: 'A quarter or less of the current target window left.' },
    BREACHED: { description: 'A target passed unmet.' },
    PAUSED: { description: 'Waiting on the customer; the resolution clock stands still.' },
    MET: { description: 'Resolved within its targets.' },
  },
});

export enum ComplaintSortField {
  CREATED_AT = 'CREATED_AT',
  RESOLUTION_DUE_AT = 'RESOLUTION_DUE_AT',
  FIRST_RESPONSE_DUE_AT = 'FIRST_RESPONSE_DUE_AT',
}
registerEnumType(ComplaintSortField, {
  name: 'ComplaintSortField',
  description: 'Fields the complaint inbox can be sorted by.',
  valuesConfig: {
    CREATED_AT: { description: 'When it was received.' },
    RESOLUTION_DUE_AT: { description: 'When resolution is due (most urgent first with ASC).' },
    FIRST_RESPONSE_DUE_AT: { description: 'When the first response is due.' },
  },
});

@InputType({ description: 'Order of the complaint inbox; ties are broken by id.' })
export class ComplaintSort {
  @Field(() => ComplaintSortField, { defaultValue: ComplaintSortField.CREATED_AT, description: 'Field to sort by.' })
  field!: ComplaintSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Ascending or descending.' })
  direction!: SortDirection;
}

@ObjectType('ComplaintSla', { description: 'SLA clocks of a complaint, computed by the server.' })
export class ComplaintSla {
  @Field(() => SlaState, { description: 'Overall state.' })
  state!: SlaState;

  @Field(() => GraphQLDateTimeISO, { description: 'When the first response is due.' })
  firstResponseDueAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When staff first replied to the customer.' })
  firstResponseAt?: Date | null;

  @Field(() => Boolean, { description: 'Whether the first response came (or is) late.' })
  firstResponseBreached!: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When resolution is due (moves while waiting on the customer).' })
  resolutionDueAt!: Date;

  @Field(() => Boolean, { description: 'Whether resolution came (or is) late.' })
  resolutionBreached!: boolean;

  @Field(() => Int, { nullable: true, description: 'Seconds until the next open target (negative when overdue); null when none is open or the clock is paused.' })
  remainingSeconds?: number | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'The next open target, for countdowns; null when none.' })
  nextDueAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When the next open target turns AT_RISK (the last quarter of its window begins), for live countdowns; null when no target is running.',
  })
  atRiskAt?: Date | null;
}

@ObjectType('Complaint', { description: 'A customer working with us to improve: a complaint, its thread, SLA clocks and the improvement it led to.' })
export class ComplaintType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => String, { description: 'What the customer described.' })
  description!: string;

  @Field(() => String, { description: 'Category (product, billing, delivery, …).' })
  category!: string;

  @Field(() => Severity, { description: 'Severity; sets the SLA targets.' })
  severity!: Severity;

  @Field(() => ComplaintChannel, { description: 'How it reached us.' })
  channel!: ComplaintChannel;

  @Field(() => ComplaintStatus, { description: 'Where it stands.' })
  status!: ComplaintStatus;

  @Field(() => String, { nullable: true, description: 'What was done to resolve it.' })
  resolution?: string | null;

  @Field(() => String, { nullable: true, description: 'Root cause category.' })
  rootCause?: string | null;

  @Field(() => Int, { description: 'How often it was reopened.' })
  reopenCount!: number;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the linked improvement shipped and the complainant became due to be told; null when nobody is to be told.' })
  toBeToldSince?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the complainant was told about the shipped improvement.' })
  complainantToldAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Recovery satisfaction 1–5 after resolution.' })
  recoveryRating?: number | null;

  @Field(() => String, { nullable: true, description: 'Comment with the recovery rating.' })
  recoveryComment?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was received.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was resolved (last time).' })
  resolvedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was closed.' })
  closedAt?: Date | null;
}

export const { Connection: ComplaintConnection } = connectionTypes(ComplaintType, 'Complaint', 'complaint');

@ObjectType('ComplaintEvent', { description: 'A thread entry: a message, a note, or a change (who, when, from → to).' })
export class ComplaintEventType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => ComplaintEventKind, { description: 'What it is.' })
  kind!: ComplaintEventKind;

  @Field(() => String, { nullable: true, description: 'Message or note text.' })
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'Previous value (status, assignee name, …).' })
  fromValue?: string | null;

  @Field(() => String, { nullable: true, description: 'New value.' })
  toValue?: string | null;

  @Field(() => String, { description: 'Who: a user, a token, "customer" or "system".' })
  actor!: string;

  @Field(() => String, { description: 'Who, to show: the employee with the actor\'s email by name, the customer by name, "Rapport" for the system; otherwise `actor`.' })
  actorName!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  createdAt!: Date;
}

@ObjectType('Improvement', { description: 'A change made because of complaints; many complaints can point to one.' })
export class ImprovementType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => ImprovementStatus, { description: 'Planned, in progress or shipped.' })
  status!: ImprovementStatus;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it shipped.' })
  shippedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was recorded.' })
  createdAt!: Date;
}

@ObjectType('SlaPolicy', { description: 'SLA targets for one severity.' })
export class SlaPolicyType {
  @Field(() => Severity, { description: 'The severity.' })
  severity!: Severity;

  @Field(() => Int, { description: 'Minutes until the first response is due.' })
  firstResponseMinutes!: number;

  @Field(() => Int, { description: 'Minutes until resolution is due (paused time not counted).' })
  resolutionMinutes!: number;
}

@ObjectType('ComplaintReceipt', { description: 'What the public form answers: the complaint number to quote, nothing internal.' })
export class ComplaintReceipt {
  @Field(() => String, { description: 'Human-readable complaint number.' })
  number!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was received.' })
  receivedAt!: Date;
}

@ObjectType('BoardCount', { description: 'A count on the complaint board.' })
export class BoardCount {
  @Field(() => String, { description: 'Status or severity.' })
  key!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('BoardComplaint', { description: 'An open complaint as the wallboard shows it: customer masked, no thread.' })
export class BoardComplaint {
  @Field(() => ID, { description: 'Complaint id.' })
  id!: string;

  @Field(() => String, { description: 'Complaint number.' })
  number!: string;

  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => Severity, { description: 'Severity.' })
  severity!: Severity;

  @Field(() => ComplaintStatus, { description: 'Status.' })
  status!: ComplaintStatus;

  @Field(() => String, { description: 'Customer initials only ("A. S.").' })
  customer!: string;

  @Field(() => String, { nullable: true, description: 'Assignee name.' })
  assignee?: string | null;

  @Field(() => ComplaintSla, { description: 'SLA clocks.' })
  sla!: ComplaintSla;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was received.' })
  createdAt!: Date;
}

@ObjectType('BoardImprovement', { description: 'A recently shipped improvement and how many complaints led to it.' })
export class BoardImprovement {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it shipped.' })
  shippedAt!: Date;

  @Field(() => Int, { description: 'Complaints linked to it.' })
  complaints!: number;
}

@ObjectType('ComplaintBoard', { description: 'The live complaint board: a snapshot, pushed again after every change.' })
export class ComplaintBoard {
  @Field(() => GraphQLDateTimeISO, { description: 'When this snapshot was taken (server clock, for countdowns).' })
  generatedAt!: Date;

  @Field(() => [BoardCount], { description: 'Complaints per status (closed ones: closed today).' })
  byStatus!: BoardCount[];

  @Field(() => [BoardCount], { description: 'Open complaints per severity.' })
  bySeverity!: BoardCount[];

  @Field(() => Int, { description: 'Open complaints with a breached target.' })
  breached!: number;

  @Field(() => [BoardComplaint], { description: 'Open complaints, most urgent first (at most 100).' })
  open!: BoardComplaint[];

  @Field(() => [BoardImprovement], { description: 'Improvements shipped in the last 30 days.' })
  improvementsShipped!: BoardImprovement[];
}

@ObjectType('ComplaintChangeEvent', { description: 'Something happened in a complaint thread.' })
export class ComplaintChangeEvent {
  @Field(() => ComplaintEventKind, { description: 'What happened.' })
  kind!: ComplaintEventKind;

  @Field(() => ComplaintType, { description: 'The complaint as it is now.' })
  complaint!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at!: Date;
}

@InputType({ description: 'Narrows a complaint list; all given conditions must hold.' })
export class ComplaintFilter {
  @Field(() => [ComplaintStatus], { nullable: true, description: 'Only these statuses.' })
  status?: ComplaintStatus[];

  @Field(() => [Severity], { nullable: true, description: 'Only these severities.' })
  severity?: Severity[];

  @Field(() => ID, { nullable: true, description: 'Only complaints assigned to this employee.' })
  assigneeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only complaints of this team.' })
  teamId?: string;

  @Field(() => ID, { nullable: true, description: 'Only complaints of this customer.' })
  customerId?: string;

  @Field(() => String, { nullable: true, description: 'Only this category.' })
  @IsOptional()
  @MaxLength(60)
  category?: string;

  @Field(() => SlaState, { nullable: true, description: 'Only complaints in this SLA state (BREACHED, PAUSED, AT_RISK, ON_TRACK).' })
  slaState?: SlaState;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the subject.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@InputType({ description: 'A complaint logged by staff from any channel.' })
export class CreateComplaintInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => String, { description: 'Subject (1–200 characters).' })
  @Length(1, 200)
  subject!: string;

  @Field(() => String, { description: 'What the customer described (1–10,000 characters).' })
  @Length(1, 10_000)
  description!: string;

  @Field(() => String, { description: 'Category (1–60 characters).' })
  @Length(1, 60)
  category!: string;

  @Field(() => Severity, { description: 'Severity.' })
  severity!: Severity;

  @Field(() => ComplaintChannel, { description: 'Channel.' })
  channel!: ComplaintChannel;

  @Field(() => ID, { nullable: true, description: 'Assignee.' })
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Team.' })
  teamId?: string | null;
}

@InputType({ description: 'A complaint from the public form. The same idempotency key always yields the same complaint.' })
export class SubmitComplaintInput {
  @Field(() => String, { description: 'Your name (1–200 characters).' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { description: 'Your email.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => String, { description: 'Subject (1–200 characters).' })
  @Length(1, 200)
  subject!: string;

  @Field(() => String, { description: 'What happened (1–5,000 characters).' })
  @Length(1, 5000)
  description!: string;

  @Field(() => String, { nullable: true, description: 'Category.' })
  @IsOptional()
  @MaxLength(60)
  category?: string | null;

  @Field(() => String, { description: 'A random key the form makes once per complaint (8–100 characters).' })
  @Length(8, 100)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'Language of the emails about it: de or en (default: the server\'s).' })
  @IsOptional()
  @IsIn(['de', 'en'], { message: 'language must be de or en' })
  language?: string | null;
}

@InputType({ description: 'Moves a complaint; INVALID_TRANSITION names the allowed moves.' })
export class ChangeComplaintStatusInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId!: string;

  @Field(() => ComplaintStatus, { description: 'The new status (IN_PROGRESS from RESOLVED or CLOSED reopens it).' })
  status!: ComplaintStatus;

  @Field(() => String, { nullable: true, description: 'Required for RESOLVED: what was done.' })
  @IsOptional()
  @MaxLength(5000)
  resolution?: string | null;

  @Field(() => String, { nullable: true, description: 'Root cause category (with RESOLVED).' })
  @IsOptional()
  @MaxLength(60)
  rootCause?: string | null;
}

@InputType({ description: 'A message to or from the customer, or an internal note.' })
export class AddComplaintMessageInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId!: string;

  @Field(() => ComplaintEventKind, { description: 'CUSTOMER_MESSAGE, STAFF_MESSAGE or INTERNAL_NOTE.' })
  @IsIn([ComplaintEventKind.CUSTOMER_MESSAGE, ComplaintEventKind.STAFF_MESSAGE, ComplaintEventKind.INTERNAL_NOTE], {
    message: 'kind must be CUSTOMER_MESSAGE, STAFF_MESSAGE or INTERNAL_NOTE',
  })
  kind!: ComplaintEventKind;

  @Field(() => String, { description: 'Text (1–10,000 characters).' })
  @Length(1, 10_000)
  body!: string;
}

@InputType({ description: 'A new improvement.' })
export class CreateImprovementInput {
  @Field(() => String, { description: 'Title (1–200 characters).' })
  @Length(1, 200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'Recovery satisfaction after resolution.' })
export class RecoveryRatingInput {
  @Field(() => ID, { description: 'The complaint (RESOLVED or CLOSED).' })
  complaintId!: string;

  @Field(() => Int, { description: 'Rating 1–5.' })
  @Min(1)
  @Max(5)
  rating!: number;

  @Field(() => String, { nullable: true, description: 'Comment (at most 2,000 characters).' })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;
}
