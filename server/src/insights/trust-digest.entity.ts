import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One day's trust-signal digest, claimed by the first instance that inserts
 * the row for that UTC day (primary key): never two digests for one day,
 * however many instances run. Kept also when nothing changed (then nothing
 * was sent), so the next digest knows where its window starts.
 */
@Entity({ tableName: 'trust_digest' })
export class TrustDigest {
  /** The UTC day, YYYY-MM-DD. */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  /** Which instance's run claimed the day. */
  @Property({ type: 'string', length: 36 })
  claimToken!: string;

  /** When the day was claimed: the end of this digest's window and the start of the next one's. */
  @Property({ type: 'datetime' })
  claimedAt!: Date;

  /** Signals raised or worsened in the window. */
  @Property({ type: 'integer' })
  signals!: number;

  /** Messages written (one per admin; 0 when nothing changed). */
  @Property({ type: 'integer' })
  recipients!: number;
}
