import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Employee } from '../people/employee.entity.js';
import { Customer } from '../customers/customer.entity.js';

export enum ReferralKind {
  /** A customer or employee brings a new customer. */
  CUSTOMER = 'CUSTOMER',
  /** A customer or employee brings a new hire. */
  HIRE = 'HIRE',
}

export enum ReferralStatus {
  INVITED = 'INVITED',
  ENGAGED = 'ENGAGED',
  CONVERTED = 'CONVERTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}

/**
 * One person recommending another. The referrer is a customer or an
 * employee; when the referred person converts they become a customer or an
 * employee themselves, and the referrals *they* make point back here through
 * `parent` — so referrals form trees of any depth. `root` and `generation`
 * are fixed at creation (a referral's place in its tree never changes), which
 * keeps per-tree figures one GROUP BY away.
 */
@Entity({ tableName: 'referral' })
@Index({ properties: ['updatedAt', 'id'] })
@Unique({
  name: 'referral_one_live_per_person',
  expression: "create unique index referral_one_live_per_person on referral (referred_email, kind) where status <> 'EXPIRED'",
})
@Index({ properties: ['kind', 'status'] })
export class Referral {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Enum({ items: () => ReferralKind })
  kind!: ReferralKind;

  @Enum({ items: () => ReferralStatus })
  status!: ReferralStatus;

  @Index()
  @ManyToOne({ entity: () => Customer, ref: true, nullable: true, deleteRule: 'cascade' })
  referrerCustomer?: Ref<Customer> | null;

  @Index()
  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'cascade' })
  referrerEmployee?: Ref<Employee> | null;

  @Property({ type: 'string', length: 200 })
  referredName!: string;

  /** Trimmed and lower-cased. */
  @Index()
  @Property({ type: 'string', length: 320 })
  referredEmail!: string;

  /** The email with case, dots and `+tags` removed from the local part: finds near-duplicates. */
  @Index()
  @Property({ type: 'string', length: 320 })
  referredEmailCanonical!: string;

  /** The name without accents, case or punctuation: finds near-duplicates. */
  @Index()
  @Property({ type: 'string', length: 200 })
  referredNameCanonical!: string;

  @Property({ type: 'string', length: 1000, nullable: true })
  note?: string | null;

  /** The referral through which the referrer came in; null when the referrer was not referred. */
  @Index()
  @ManyToOne({ entity: () => Referral, ref: true, nullable: true, deleteRule: 'set null' })
  parent?: Ref<Referral> | null;

  /** The first referral of this tree; null for a root (it is its own root). */
  @Index()
  @ManyToOne({ entity: () => Referral, ref: true, nullable: true, deleteRule: 'set null' })
  root?: Ref<Referral> | null;

  /** 1 for a root, parent's generation + 1 below it. */
  @Property({ type: 'integer' })
  generation!: number;

  @ManyToOne({ entity: () => Customer, ref: true, nullable: true, unique: true, deleteRule: 'set null' })
  convertedCustomer?: Ref<Customer> | null;

  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, unique: true, deleteRule: 'set null' })
  convertedEmployee?: Ref<Employee> | null;

  /** Reasons this referral looks suspicious (flagged for review, never blocked). */
  @Property({ type: 'json' })
  flags: string[] & Opt = [];

  @Index()
  @Property({ type: 'datetime' })
  invitedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  engagedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  convertedAt?: Date | null;

  /** When it was rejected or expired. */
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /**
   * Last change, set by every write path from the service clock (`deps.now()`, not an ORM
   * `onUpdate` hook, which would read the wall clock): BI sync pages by (updatedAt, id).
   */
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}

export enum RewardStage {
  /** Paid when the referral converts. */
  CONVERSION = 'CONVERSION',
  /** Paid when the new customer or hire is still there after the retention period. */
  RETENTION = 'RETENTION',
}

export enum RewardStatus {
  /** Waiting for its due date (retention stage). */
  PENDING = 'PENDING',
  EARNED = 'EARNED',
  /** A pending reward that will not be paid: the person left inside the retention period. */
  CANCELLED = 'CANCELLED',
  /** An earned reward taken back: the person left inside the retention period. */
  CLAWED_BACK = 'CLAWED_BACK',
}

/** One stage of a referrer's reward for one referral; the rows together are the reward ledger. */
@Entity({ tableName: 'referral_reward' })
@Unique({ properties: ['referral', 'stage'] })
export class ReferralReward {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => Referral, ref: true, deleteRule: 'cascade' })
  referral!: Ref<Referral>;

  @Enum({ items: () => RewardStage })
  stage!: RewardStage;

  /** Amount in whole currency units (EUR). */
  @Property({ type: 'integer' })
  amount!: number;

  @Index()
  @Enum({ items: () => RewardStatus })
  status!: RewardStatus;

  /** When it becomes (or became) earned. */
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  earnedAt?: Date | null;

  /** When it was cancelled or clawed back. */
  @Property({ type: 'datetime', nullable: true })
  reversedAt?: Date | null;

  @Property({ type: 'string', length: 300, nullable: true })
  reversalReason?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
