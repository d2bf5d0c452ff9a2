import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Promoters asked to refer (`referral_ask`: their personal referral link, kept as its SHA-256,
 * with expiry and a use limit) and the daily trust-signal digest, one row per UTC day claimed by
 * the instance that sends it (`trust_digest`).
 */
export class Migration20261205170000ReferralAsks extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `referral_ask` (`id` integer not null primary key autoincrement, `survey_id` integer not null, `customer_id` integer not null, `token_hash` text not null, `recipient_email` text not null, `asked_at` datetime not null, `expires_at` datetime not null, `max_uses` integer not null, `uses` integer not null default 0, `last_used_at` datetime null, constraint `referral_ask_survey_id_foreign` foreign key(`survey_id`) references `survey`(`id`) on delete cascade on update cascade, constraint `referral_ask_customer_id_foreign` foreign key(`customer_id`) references `customer`(`id`) on delete cascade on update cascade);",
  'create index `referral_ask_survey_id_index` on `referral_ask` (`survey_id`);',
  'create index `referral_ask_customer_id_index` on `referral_ask` (`customer_id`);',
  'create unique index `referral_ask_token_hash_unique` on `referral_ask` (`token_hash`);',
  'create index `referral_ask_recipient_email_index` on `referral_ask` (`recipient_email`);',
  'create index `referral_ask_asked_at_index` on `referral_ask` (`asked_at`);',
  'create unique index `referral_ask_survey_id_customer_id_unique` on `referral_ask` (`survey_id`, `customer_id`);',
  'create table `trust_digest` (`day` text not null, `claim_token` text not null, `claimed_at` datetime not null, `signals` integer not null, `recipients` integer not null, primary key (`day`));',
];

const postgresql = [
  'create table "referral_ask" ("id" serial primary key, "survey_id" int not null, "customer_id" int not null, "token_hash" varchar(64) not null, "recipient_email" varchar(320) not null, "asked_at" timestamptz not null, "expires_at" timestamptz not null, "max_uses" int not null, "uses" int not null default 0, "last_used_at" timestamptz null);',
  'create index "referral_ask_survey_id_index" on "referral_ask" ("survey_id");',
  'create index "referral_ask_customer_id_index" on "referral_ask" ("customer_id");',
  'alter table "referral_ask" add constraint "referral_ask_token_hash_unique" unique ("token_hash");',
  'create index "referral_ask_recipient_email_index" on "referral_ask" ("recipient_email");',
  'create index "referral_ask_asked_at_index" on "referral_ask" ("asked_at");',
  'alter table "referral_ask" add constraint "referral_ask_survey_id_customer_id_unique" unique ("survey_id", "customer_id");',
  'alter table "referral_ask" add constraint "referral_ask_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade on delete cascade;',
  'alter table "referral_ask" add constraint "referral_ask_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;',
  'create table "trust_digest" ("day" varchar(10) not null, "claim_token" varchar(36) not null, "claimed_at" timestamptz not null, "signals" int not null, "recipients" int not null, constraint "trust_digest_pkey" primary key ("day"));',
];
