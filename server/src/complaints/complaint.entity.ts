import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Customer } from '../customers/customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { Team } from '../teams/team.entity.js';
import { SurveyResponse } from '../surveys/survey.entity.js';

export enum ComplaintStatus {
  NEW = 'NEW',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

export enum Severity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum ComplaintChannel {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  WEB = 'WEB',
  CHAT = 'CHAT',
  IN_PERSON = 'IN_PERSON',
  SURVEY_FOLLOW_UP = 'SURVEY_FOLLOW_UP',
  OTHER = 'OTHER',
}

export enum ImprovementStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  SHIPPED = 'SHIPPED',
}

/** A change the company makes because of complaints; many complaints can point to one. */
@Entity({ tableName: 'improvement' })
export class Improvement {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Index()
  @Enum({ items: () => ImprovementStatus })
  status!: ImprovementStatus;

  @Property({ type: 'datetime', nullable: true })
  shippedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}

/** First-response and resolution targets per severity, in minutes. */
@Entity({ tableName: 'sla_policy' })
export class SlaPolicy {
  @PrimaryKey({ type: 'string', length: 16 })
  severity!: Severity;

  @Property({ type: 'integer' })
  firstResponseMinutes!: number;

  @Property({ type: 'integer' })
  resolutionMinutes!: number;
}

/**
 * A customer's complaint, processed constructively: a thread, an explicit
 * state machine, SLA timers and the improvement it led to. Due times are
 * stored; pausing (waiting on the customer) moves the resolution due time
 * by the paused duration when the pause ends.
 */
@Entity({ tableName: 'complaint' })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['status', 'severity'] })
export class Complaint {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => Customer, ref: true, deleteRule: 'cascade' })
  customer!: Ref<Customer>;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string', length: 60 })
  category!: string;

  @Enum({ items: () => Severity })
  severity!: Severity;

  @Enum({ items: () => ComplaintChannel })
  channel!: ComplaintChannel;

  @Enum({ items: () => ComplaintStatus })
  status!: ComplaintStatus;

  @Index()
  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  assignee?: Ref<Employee> | null;

  @Index()
  @ManyToOne({ entity: () => Team, ref: true, nullable: true, deleteRule: 'set null' })
  team?: Ref<Team> | null;

  /** The assignee's leader, once a breach escalated it. */
  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  escalatedTo?: Ref<Employee> | null;

  @Property({ type: 'datetime' })
  firstResponseDueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  firstResponseAt?: Date | null;

  @Index()
  @Property({ type: 'datetime' })
  resolutionDueAt!: Date;

  /** Set while waiting on the customer; the resolution clock stands still. */
  @Property({ type: 'datetime', nullable: true })
  pausedSince?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  firstResponseBreachedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolutionBreachedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'integer' })
  reopenCount: number & Opt = 0;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Property({ type: 'string', length: 60, nullable: true })
  rootCause?: string | null;

  @Index()
  @ManyToOne({ entity: () => Improvement, ref: true, nullable: true, deleteRule: 'set null' })
  improvement?: Ref<Improvement> | null;

  /** When the linked improvement shipped and the complainant is to be told; cleared once told. */
  @Property({ type: 'datetime', nullable: true })
  toBeToldSince?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  complainantToldAt?: Date | null;

  /** The outbox message that told the complainant (null when told another way, or not yet). */
  @Property({ type: 'integer', nullable: true })
  complainantToldMessageId?: number | null;

  /** When the complainant was asked, once, how the complaint was handled (recovery satisfaction). */
  @Property({ type: 'datetime', nullable: true })
  recoveryAskedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  recoveryRating?: number | null;

  @Property({ type: 'string', length: 2000, nullable: true })
  recoveryComment?: string | null;

  @Property({ type: 'datetime', nullable: true })
  recoveryRatedAt?: Date | null;

  /** The named survey response whose detractor answer opened this complaint (closed loop). */
  @ManyToOne({ entity: () => SurveyResponse, ref: true, nullable: true, unique: true, deleteRule: 'set null' })
  surveyResponse?: Ref<SurveyResponse> | null;

  /** A public submission's idempotency key: the same key creates one complaint. */
  @Property({ type: 'string', length: 100, nullable: true, unique: true })
  idempotencyKey?: string | null;

  @Index()
  @Property({ type: 'datetime' })
  createdAt!: Date;

  /**
   * Last change, set by every write path from the service clock (`deps.now()`, not an ORM
   * `onUpdate` hook, which would read the wall clock): BI sync pages by (updatedAt, id).
   */
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

export enum ComplaintEventKind {
  CUSTOMER_MESSAGE = 'CUSTOMER_MESSAGE',
  STAFF_MESSAGE = 'STAFF_MESSAGE',
  INTERNAL_NOTE = 'INTERNAL_NOTE',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ASSIGNED = 'ASSIGNED',
  PAUSED = 'PAUSED',
  RESUMED = 'RESUMED',
  SLA_BREACHED = 'SLA_BREACHED',
  ESCALATED = 'ESCALATED',
  IMPROVEMENT_LINKED = 'IMPROVEMENT_LINKED',
  IMPROVEMENT_SHIPPED = 'IMPROVEMENT_SHIPPED',
  COMPLAINANT_TOLD = 'COMPLAINANT_TOLD',
  RECOVERY_RATED = 'RECOVERY_RATED',
}

/** One entry of a complaint's thread and timeline: messages, notes and every change (who, when, from → to). */
@Entity({ tableName: 'complaint_event' })
@Index({ properties: ['complaint', 'createdAt'] })
// Events are never changed once written, so their creation time is their change time for incremental sync.
@Index({ properties: ['createdAt', 'id'] })
export class ComplaintEvent {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => Complaint, ref: true, deleteRule: 'cascade' })
  complaint!: Ref<Complaint>;

  @Enum({ items: () => ComplaintEventKind })
  kind!: ComplaintEventKind;

  @Property({ type: 'text', nullable: true })
  body?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  fromValue?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  toValue?: string | null;

  /** Who did it: a user's email, an API token's name, "customer" or "system". */
  @Property({ type: 'string', length: 320 })
  actor!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
