import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One `Idempotency-Key` of one caller: the first request's fingerprint, whether
 * its transaction committed, and its answer (encrypted with a key derived from
 * the Idempotency-Key itself, which is never stored — the database alone cannot
 * read answers that carry secrets such as a new token). Kept 24 hours, in the
 * database, so every instance sees it.
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** SHA-256 of the caller and the key. */
  @Property({ type: 'string', length: 64, unique: true })
  keyHash!: string;

  /** SHA-256 of the operation: document, operation name and variables. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** While the first request runs; a request that died before committing frees the key after this. */
  @Property({ type: 'datetime' })
  lockedUntil!: Date;

  /** Set inside the mutation's own transaction: the write happened, never run it again. */
  @Property({ type: 'datetime', nullable: true })
  committedAt?: Date | null;

  /** The first answer (status, Set-Cookie headers and body), AES-256-GCM, base64. */
  @Property({ type: 'text', nullable: true })
  response?: string | null;
}
