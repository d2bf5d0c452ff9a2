import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Complaint } from './complaint.entity.js';

/**
 * A complainant's private link to their own complaint thread (`/c/rct_…`):
 * one per complaint and recipient address, no account needed. Only the
 * SHA-256 of the token is kept (the link itself travels only in the mail to
 * the recipient); staff can revoke it, and issuing it again makes a new one.
 */
@Entity({ tableName: 'complaint_thread_link' })
@Unique({ properties: ['complaint', 'email'] })
export class ComplaintThreadLink {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => Complaint, ref: true, deleteRule: 'cascade' })
  complaint!: Ref<Complaint>;

  /** Lower-cased recipient address. */
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  name?: string | null;

  /** 'de' or 'en': the language of every mail about this thread to this recipient. */
  @Property({ type: 'string', length: 5 })
  language!: string;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** Who added the recipient: "customer" (the public form) or the staff member. */
  @Property({ type: 'string', length: 320 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** Last time the page was opened with it. */
  @Property({ type: 'datetime', nullable: true })
  lastOpenedAt?: Date | null;
}
