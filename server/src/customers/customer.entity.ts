import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Employee } from '../people/employee.entity.js';

/**
 * A customer: a person or account contact who works with us — answering
 * surveys, raising complaints, referring others. Churn is recorded, never
 * deleted: it drives reward clawbacks and retention figures.
 */
@Entity({ tableName: 'customer' })
@Index({ properties: ['updatedAt', 'id'] })
export class Customer {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Trimmed and lower-cased on write; unique. */
  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  /** Language of the emails Rapport sends them ('de' or 'en'); null: the configured default. */
  @Property({ type: 'string', length: 5, nullable: true })
  language?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  company?: string | null;

  /** Free-form segment ("enterprise", "smb", …) used to slice reports. */
  @Index()
  @Property({ type: 'string', length: 80, nullable: true })
  segment?: string | null;

  /** The employee who owns the account. */
  @Index()
  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  accountOwner?: Ref<Employee> | null;

  @Property({ type: 'datetime' })
  customerSince!: Date;

  @Index()
  @Property({ type: 'datetime', nullable: true })
  churnedAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  churnReason?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /**
   * Last change, set by every write path from the service clock (`deps.now()`, not an ORM
   * `onUpdate` hook, which would read the wall clock): BI sync pages by (updatedAt, id).
   */
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}
