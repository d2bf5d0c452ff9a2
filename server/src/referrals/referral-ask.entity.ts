import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Customer } from '../customers/customer.entity.js';
import { Survey } from '../surveys/survey.entity.js';

/**
 * A promoter of a named customer NPS survey asked to refer: their personal
 * referral link (`/r/<token>`, only the token's SHA-256 is kept). The link
 * brings in several friends, but at most `maxUses` and only until
 * `expiresAt`. One ask per promoter and survey.
 */
@Entity({ tableName: 'referral_ask' })
@Unique({ properties: ['survey', 'customer'] })
export class ReferralAsk {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => Survey, ref: true, deleteRule: 'cascade' })
  survey!: Ref<Survey>;

  @Index()
  @ManyToOne({ entity: () => Customer, ref: true, deleteRule: 'cascade' })
  customer!: Ref<Customer>;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash!: string;

  /** Lower-cased; the contact budget counts asks per address. */
  @Index()
  @Property({ type: 'string', length: 320 })
  recipientEmail!: string;

  @Index()
  @Property({ type: 'datetime' })
  askedAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'integer' })
  maxUses!: number;

  /** Referrals made through the link so far. */
  @Property({ type: 'integer' })
  uses: number & Opt = 0;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
