import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Team } from '../teams/team.entity.js';

export enum ExitReason {
  LEFT_FOR_COMPETITOR = 'LEFT_FOR_COMPETITOR',
  RESIGNED = 'RESIGNED',
  DISMISSED = 'DISMISSED',
  RETIRED = 'RETIRED',
  OTHER = 'OTHER',
}

/**
 * A person who works (or worked) here. Exits are recorded, never deleted: the
 * exit date and reason feed the trust-withdrawal signals.
 */
@Entity({ tableName: 'employee' })
@Index({ properties: ['updatedAt', 'id'] })
export class Employee {
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
  title?: string | null;

  @Index()
  @ManyToOne({ entity: () => Team, nullable: true, ref: true, deleteRule: 'set null' })
  team?: Ref<Team> | null;

  @Property({ type: 'datetime' })
  hiredAt!: Date;

  @Index()
  @Property({ type: 'datetime', nullable: true })
  exitedAt?: Date | null;

  @Enum({ items: () => ExitReason, nullable: true })
  exitReason?: ExitReason | null;

  /** Whether losing this person was regretted (a strong trust-withdrawal signal). */
  @Property({ type: 'boolean', nullable: true })
  exitRegretted?: boolean | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  /**
   * Last change, set by every write path from the service clock (`deps.now()`, not an ORM
   * `onUpdate` hook, which would read the wall clock): BI sync pages by (updatedAt, id).
   */
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();
}
