import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * A trust signal can be acknowledged: when, by whom, and what is being done.
 * Written by hand (SQLite adds nullable columns in place; the generated diff
 * would rebuild the table for its enum check).
 */
export class Migration20261127163500SignalAcknowledgement extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  'alter table `trust_signal` add column `acknowledged_at` datetime null;',
  'alter table `trust_signal` add column `acknowledged_by` text null;',
  'alter table `trust_signal` add column `acknowledgement_note` text null;',
];

const postgresql = [
  'alter table "trust_signal" add column "acknowledged_at" timestamptz null, add column "acknowledged_by" varchar(320) null, add column "acknowledgement_note" text null;',
];
