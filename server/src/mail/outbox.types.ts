import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { connectionTypes } from '../graphql/connection.js';
import { OutboxStatus } from './outbox.entity.js';

registerEnumType(OutboxStatus, {
  name: 'OutboxStatus',
  description: 'Where an outbound email stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting to be sent (also while no SMTP server is configured).' },
    SENDING: { description: 'Being sent by one instance right now.' },
    SENT: { description: 'Accepted by the SMTP server.' },
    FAILED: { description: 'Given up: a permanent SMTP error, or too many transient ones (see lastError).' },
    SUPPRESSED: { description: 'Not sent on purpose: the address unsubscribed from asks or bounces.' },
  },
});

@ObjectType('OutboxMessage', {
  description:
    'One outbound email. Subject, text and HTML are rendered as the recipient gets them, except that personal links (an anonymous survey link) and the unsubscribe link are shown as placeholders: they reach only the recipient.',
})
export class OutboxMessageType {
  @Field(() => ID, { description: 'Outbox id.' })
  id!: number;

  @Field(() => String, { description: 'RFC 5322 Message-ID, the same on every attempt (receivers drop duplicates by it).' })
  messageId!: string;

  @Field(() => String, { description: 'The template, e.g. SURVEY_INVITATION.' })
  template!: string;

  @Field(() => String, { description: 'Recipient address.' })
  recipientEmail!: string;

  @Field(() => String, { nullable: true, description: 'Recipient name.' })
  recipientName?: string | null;

  @Field(() => String, { description: 'de or en.' })
  language!: string;

  @Field(() => OutboxStatus, { description: 'Where it stands.' })
  status!: OutboxStatus;

  @Field(() => Int, { description: 'Sending attempts so far.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed or why it is suppressed.' })
  lastError?: string | null;

  @Field(() => Boolean, { description: 'An ask (survey, referral request): carries one-click unsubscribe.' })
  isAsk!: boolean;

  @Field(() => Int, { description: 'Events this message stands for (more than 1 when a flood was coalesced).' })
  eventCount!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was written.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'Next attempt (while pending).' })
  nextAttemptAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the SMTP server accepted it.' })
  sentAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The customer it went to, if any.' })
  customerId?: number | null;

  @Field(() => ID, { nullable: true, description: 'The employee it went to, if any.' })
  employeeId?: number | null;
}

export const { Connection: OutboxMessageConnection } = connectionTypes(OutboxMessageType, 'OutboxMessage', 'outbound email');

@ObjectType('OutboxPreview', { description: 'A message rendered for the admin app (personal links replaced by placeholders).' })
export class OutboxPreview {
  @Field(() => String, { description: 'Subject line.' })
  subject!: string;

  @Field(() => String, { description: 'Plain-text part.' })
  text!: string;

  @Field(() => String, { description: 'HTML part (a complete document; show it sandboxed).' })
  html!: string;
}

@ObjectType('MailDelivery', { description: 'Whether and how Rapport sends email, with the outbox counts.' })
export class MailDelivery {
  @Field(() => Boolean, { description: 'False without SMTP_URL: nothing is sent, messages wait as PENDING.' })
  configured!: boolean;

  @Field(() => String, { description: 'The From address.' })
  from!: string;

  @Field(() => Int, { description: 'Messages waiting (PENDING or SENDING).' })
  waiting!: number;

  @Field(() => Int, { description: 'Messages given up (FAILED).' })
  failed!: number;

  @Field(() => Int, { description: 'Messages sent.' })
  sent!: number;

  @Field(() => Int, { description: 'Messages suppressed (unsubscribed or bouncing addresses).' })
  suppressed!: number;
}

@InputType({ description: 'Which outbox messages to list.' })
export class OutboxFilter {
  @Field(() => [OutboxStatus], { nullable: true, description: 'Only these statuses.' })
  status?: OutboxStatus[];

  @Field(() => ID, { nullable: true, description: 'Only messages to this customer.' })
  customerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only messages to this employee.' })
  employeeId?: string;
}

@ObjectType('OutboxChange', { description: 'The outbox changed (messages written, sent, failed or resent); reload what you show.' })
export class OutboxChange {
  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at!: Date;
}
