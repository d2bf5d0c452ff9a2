import { Entity, Enum, Index, Unique, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Employee } from '../people/employee.entity.js';

export enum RelationshipEndReason {
  /** The member got a new leader. */
  REASSIGNED = 'REASSIGNED',
  /** An admin ended the relationship without a successor. */
  ENDED = 'ENDED',
  MEMBER_EXITED = 'MEMBER_EXITED',
  LEADER_EXITED = 'LEADER_EXITED',
}

/**
 * Leadership as a service: `leader` serves `member` from `startedAt` until
 * `endedAt` (null while active). At most one active relationship per member,
 * enforced by a partial unique index as well as by the service. The member's
 * service agreement lives on the relationship, so it stays with its history.
 */
@Entity({ tableName: 'leadership_relationship' })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['leader', 'endedAt'] })
@Index({ properties: ['member', 'startedAt'] })
@Unique({
  name: 'leadership_one_active_per_member',
  expression:
    'create unique index leadership_one_active_per_member on leadership_relationship (member_id) where ended_at is null',
})
export class LeadershipRelationship {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => Employee, ref: true, deleteRule: 'cascade' })
  leader!: Ref<Employee>;

  @ManyToOne({ entity: () => Employee, ref: true, deleteRule: 'cascade' })
  member!: Ref<Employee>;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  @Enum({ items: () => RelationshipEndReason, nullable: true })
  endReason?: RelationshipEndReason | null;

  /** The member's strengths, as short tags ("mentoring", "SQL"). */
  @Property({ type: 'json' })
  strengths: string[] & Opt = [];

  /** What the member needs from their leader to succeed. */
  @Property({ type: 'text', nullable: true })
  needs?: string | null;

  /** The member's own goals. */
  @Property({ type: 'text', nullable: true })
  goals?: string | null;

  /** How the member prefers to be led ("autonomy with weekly check-ins"). */
  @Property({ type: 'text', nullable: true })
  preferredStyle?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /**
   * Last change, set by every write path from the service clock (`deps.now()`, not an ORM
   * `onUpdate` hook, which would read the wall clock): BI sync pages by (updatedAt, id).
   */
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}

/**
 * A dated check-in on a relationship: a short note and the actions both
 * agreed. Personal: readable by admins only (never by ANALYST or MONITOR
 * tokens).
 */
@Entity({ tableName: 'leadership_check_in' })
@Index({ properties: ['relationship', 'heldOn'] })
export class LeadershipCheckIn {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => LeadershipRelationship, ref: true, deleteRule: 'cascade' })
  relationship!: Ref<LeadershipRelationship>;

  @Property({ type: 'datetime' })
  heldOn!: Date;

  @Property({ type: 'text' })
  notes!: string;

  /** Actions agreed, as short lines. */
  @Property({ type: 'json' })
  actions: string[] & Opt = [];

  /** Who recorded it (user email). */
  @Property({ type: 'string', length: 320 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** An earlier version of a relationship's service agreement, kept whenever it changes. */
@Entity({ tableName: 'service_agreement_version' })
@Index({ properties: ['relationship', 'replacedAt'] })
export class ServiceAgreementVersion {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => LeadershipRelationship, ref: true, deleteRule: 'cascade' })
  relationship!: Ref<LeadershipRelationship>;

  @Property({ type: 'json' })
  strengths: string[] & Opt = [];

  @Property({ type: 'text', nullable: true })
  needs?: string | null;

  @Property({ type: 'text', nullable: true })
  goals?: string | null;

  @Property({ type: 'text', nullable: true })
  preferredStyle?: string | null;

  /** When this version was replaced by a newer one. */
  @Property({ type: 'datetime' })
  replacedAt!: Date;

  @Property({ type: 'string', length: 320 })
  replacedBy!: string;
}
