import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Complaint threads by email: each complainant address gets a private link to
 * its complaint's thread page (only the token's hash is kept, revocable); a
 * complaint records the message that told its complainant about the shipped
 * improvement, and when the one recovery-satisfaction question went out.
 */
export class Migration20261205160000ComplaintMail extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  'create table `complaint_thread_link` (`id` integer not null primary key autoincrement, `complaint_id` integer not null, `email` text not null, `name` text null, `language` text not null, `token_hash` text not null, `created_by` text not null, `created_at` datetime not null, `revoked_at` datetime null, `last_opened_at` datetime null, constraint `complaint_thread_link_complaint_id_foreign` foreign key(`complaint_id`) references `complaint`(`id`) on delete cascade on update cascade);',
  'create index `complaint_thread_link_complaint_id_index` on `complaint_thread_link` (`complaint_id`);',
  'create unique index `complaint_thread_link_token_hash_unique` on `complaint_thread_link` (`token_hash`);',
  'create unique index `complaint_thread_link_complaint_id_email_unique` on `complaint_thread_link` (`complaint_id`, `email`);',
  'alter table `complaint` add column `complainant_told_message_id` integer null;',
  'alter table `complaint` add column `recovery_asked_at` datetime null;',
];

const postgresql = [
  'create table "complaint_thread_link" ("id" serial primary key, "complaint_id" int not null, "email" varchar(320) not null, "name" varchar(200) null, "language" varchar(5) not null, "token_hash" varchar(64) not null, "created_by" varchar(320) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "last_opened_at" timestamptz null);',
  'create index "complaint_thread_link_complaint_id_index" on "complaint_thread_link" ("complaint_id");',
  'alter table "complaint_thread_link" add constraint "complaint_thread_link_token_hash_unique" unique ("token_hash");',
  'alter table "complaint_thread_link" add constraint "complaint_thread_link_complaint_id_email_unique" unique ("complaint_id", "email");',
  'alter table "complaint_thread_link" add constraint "complaint_thread_link_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on update cascade on delete cascade;',
  'alter table "complaint" add column "complainant_told_message_id" int null, add column "recovery_asked_at" timestamptz null;',
];
