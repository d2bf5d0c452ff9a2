import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { ComplaintStatus } from './complaint.entity.js';

export enum PublicThreadEntryKind {
  CUSTOMER_MESSAGE = 'CUSTOMER_MESSAGE',
  STAFF_MESSAGE = 'STAFF_MESSAGE',
  STATUS_CHANGED = 'STATUS_CHANGED',
}
registerEnumType(PublicThreadEntryKind, {
  name: 'PublicThreadEntryKind',
  description: 'What a complainant sees in their thread: messages both ways and status changes (never internal notes).',
  valuesConfig: {
    CUSTOMER_MESSAGE: { description: 'A message of the complainant.' },
    STAFF_MESSAGE: { description: 'A reply from staff.' },
    STATUS_CHANGED: { description: 'The status changed (see `status`).' },
  },
});

@ObjectType({ description: 'One entry of a complainant\'s view of their thread.' })
export class PublicThreadEntry {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => PublicThreadEntryKind, { description: 'What it is.' })
  kind!: PublicThreadEntryKind;

  @Field(() => String, { nullable: true, description: 'Message text.' })
  body!: string | null;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The new status (STATUS_CHANGED).' })
  status!: ComplaintStatus | null;

  @Field(() => String, { nullable: true, description: 'Name of the staff member who replied (never an address); null for the complainant and status changes.' })
  author!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at!: Date;
}

@ObjectType({ description: 'The shipped improvement a complaint led to, as the complainant sees it.' })
export class PublicImprovement {
  @Field(() => String, { description: 'What was changed.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'More about it.' })
  description!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it shipped.' })
  shippedAt!: Date | null;
}

@ObjectType({ description: 'A complaint as its complainant sees it through their private link: customer-visible messages and the status only.' })
export class PublicComplaintThread {
  @Field(() => String, { description: 'Complaint number to quote.' })
  number!: string;

  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => ComplaintStatus, { description: 'Where it stands.' })
  status!: ComplaintStatus;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was received.' })
  receivedAt!: Date;

  @Field(() => String, { nullable: true, description: 'What was done, once resolved.' })
  resolution!: string | null;

  @Field(() => Boolean, { description: 'Whether the complainant can answer (not while closed).' })
  canReply!: boolean;

  @Field(() => Boolean, { description: 'Whether the complainant can rate how it was handled now (resolved or closed, not yet rated).' })
  canRateRecovery!: boolean;

  @Field(() => Int, { nullable: true, description: 'Their rating (1–5) of how it was handled, once given.' })
  recoveryRating!: number | null;

  @Field(() => PublicImprovement, { nullable: true, description: 'The improvement it led to, once shipped.' })
  improvement!: PublicImprovement | null;

  @Field(() => String, { description: 'Language of the emails to this recipient (de or en); the page may follow it.' })
  language!: string;

  @Field(() => [PublicThreadEntry], { description: 'Messages and status changes, oldest first.' })
  entries!: PublicThreadEntry[];
}

@ObjectType({ description: 'A complainant address with a private link to a complaint thread (the link itself is only in the mail).' })
export class ComplaintThreadLinkType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Recipient address.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Recipient name.' })
  name?: string | null;

  @Field(() => String, { description: 'de or en.' })
  language!: string;

  @Field(() => String, { description: '"customer" (the public form), "system" (made for the first mail) or the staff member who added it.' })
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was issued (last time).' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When staff revoked it; the link then opens nothing.' })
  revokedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the page was last opened with it.' })
  lastOpenedAt?: Date | null;
}

@InputType({ description: 'Gives a complainant address a private link to the thread and emails it.' })
export class SendComplaintThreadLinkInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId!: string;

  @Field(() => String, { nullable: true, description: "The address (default: the customer's)." })
  @IsOptional()
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Name to greet.' })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'de or en (default: the customer\'s language, else the server\'s).' })
  @IsOptional()
  @IsIn(['de', 'en'], { message: 'language must be de or en' })
  language?: string | null;
}
