import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

export enum OutboxStatus {
  /** Waiting to be sent (also while no SMTP server is configured). */
  PENDING = 'PENDING',
  /** Claimed by one sender until `lockedUntil`; a sender that died is taken over after it. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Given up: a permanent SMTP error or too many transient ones (`lastError` says which). */
  FAILED = 'FAILED',
  /** Not sent on purpose: the address unsubscribed from asks or is bouncing. */
  SUPPRESSED = 'SUPPRESSED',
}

/**
 * One outbound email, written in the same transaction as the change that
 * causes it (a rolled-back change leaves no row, a committed one is never
 * forgotten) and sent later by a sender on any instance. The content is a
 * template name and its parameters, rendered when it is sent or previewed;
 * `secretParams` (personal links) reach only the recipient and are never
 * shown in the admin app.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['recipientEmail', 'coalesceKey', 'status'] })
export class OutboxMessage {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** RFC 5322 Message-ID, the same on every attempt, so a receiver can drop duplicates of at-least-once delivery. */
  @Property({ type: 'string', length: 200, unique: true })
  messageId!: string;

  /** The template, e.g. SURVEY_INVITATION. */
  @Index()
  @Property({ type: 'string', length: 40 })
  template!: string;

  /** Lower-cased. */
  @Property({ type: 'string', length: 320 })
  recipientEmail!: string;

  @Property({ type: 'string', length: 120, nullable: true })
  recipientName?: string | null;

  /** 'de' or 'en'. */
  @Property({ type: 'string', length: 5 })
  language!: string;

  /** Template parameters anyone allowed to see the outbox may see (JSON). */
  @Property({ type: 'json' })
  params!: Record<string, unknown>;

  /** Parameters only the recipient may see, e.g. an anonymous survey link (JSON). */
  @Property({ type: 'json', nullable: true })
  secretParams?: Record<string, unknown> | null;

  /** An ask (survey, referral) the recipient can unsubscribe from; never a reply to their own complaint. */
  @Property({ type: 'boolean' })
  isAsk!: boolean;

  /** Events to one recipient with the same key, while unsent, become one message (a flood is coalesced). */
  @Property({ type: 'string', length: 120, nullable: true })
  coalesceKey?: string | null;

  /** What it is about, e.g. `survey-invitation:17`; a reminder finds the invitation's message (and its link) by it. */
  @Index()
  @Property({ type: 'string', length: 120, nullable: true })
  reference?: string | null;

  /** How many events this message stands for (1 unless coalesced). */
  @Property({ type: 'integer' })
  eventCount: number & Opt = 1;

  /** For per-person message history (plain ids: the log outlives the person). */
  @Index()
  @Property({ type: 'integer', nullable: true })
  customerId?: number | null;

  @Index()
  @Property({ type: 'integer', nullable: true })
  employeeId?: number | null;

  @Enum({ items: () => OutboxStatus })
  status!: OutboxStatus;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  /** The claim of the sender working on it (with `lockedUntil`): only that sender records the result. */
  @Property({ type: 'string', length: 36, nullable: true })
  claimToken?: string | null;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;
}

/**
 * What Rapport knows about an address: it asked not to be asked again
 * (one-click unsubscribe), or the mail server refused it permanently. Either
 * stops further asks; a bouncing address gets nothing at all.
 */
@Entity({ tableName: 'mail_address' })
export class MailAddress {
  /** Lower-cased. */
  @PrimaryKey({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'datetime', nullable: true })
  unsubscribedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  bouncingAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  bounceReason?: string | null;

  /**
   * The one-click unsubscribe token in every ask to this address. Kept as is (not hashed) because
   * each new ask must carry it again; all it can do is stop asks to this one address.
   */
  @Property({ type: 'string', length: 64, unique: true })
  unsubscribeToken!: string;
}
