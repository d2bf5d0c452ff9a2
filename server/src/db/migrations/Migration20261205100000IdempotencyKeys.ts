import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Idempotency keys of mutations (`Idempotency-Key`), shared by every instance
 * and kept 24 hours: the first request's fingerprint, whether it committed,
 * and its encrypted answer.
 */
export class Migration20261205100000IdempotencyKeys extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  'create table `idempotency_key` (`id` integer not null primary key autoincrement, `key_hash` text not null, `request_hash` text not null, `created_at` datetime not null, `expires_at` datetime not null, `locked_until` datetime not null, `committed_at` datetime null, `response` text null);',
  'create unique index `idempotency_key_key_hash_unique` on `idempotency_key` (`key_hash`);',
  'create index `idempotency_key_expires_at_index` on `idempotency_key` (`expires_at`);',
];

const postgresql = [
  'create table "idempotency_key" ("id" serial primary key, "key_hash" varchar(64) not null, "request_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "locked_until" timestamptz not null, "committed_at" timestamptz null, "response" text null);',
  'alter table "idempotency_key" add constraint "idempotency_key_key_hash_unique" unique ("key_hash");',
  'create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at");',
];
