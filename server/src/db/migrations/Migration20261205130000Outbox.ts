import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Outbound email: the transactional outbox (one row per message, written in the
 * transaction of the change that causes it), what is known about addresses
 * (unsubscribed from asks, bouncing), and each person's email language.
 * Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261205130000Outbox extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `mail_address` (`email` text not null, `unsubscribed_at` datetime null, `bouncing_at` datetime null, `bounce_reason` text null, `unsubscribe_token` text not null, primary key (`email`));",
  "create unique index `mail_address_unsubscribe_token_unique` on `mail_address` (`unsubscribe_token`);",
  "create table `outbox_message` (`id` integer not null primary key autoincrement, `message_id` text not null, `template` text not null, `recipient_email` text not null, `recipient_name` text null, `language` text not null, `params` json not null, `secret_params` json null, `is_ask` integer not null, `coalesce_key` text null, `event_count` integer not null default 1, `customer_id` integer null, `employee_id` integer null, `status` text check (`status` in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED')) not null, `attempts` integer not null default 0, `next_attempt_at` datetime not null, `claim_token` text null, `locked_until` datetime null, `last_error` text null, `created_at` datetime not null, `sent_at` datetime null);",
  "create unique index `outbox_message_message_id_unique` on `outbox_message` (`message_id`);",
  "create index `outbox_message_template_index` on `outbox_message` (`template`);",
  "create index `outbox_message_customer_id_index` on `outbox_message` (`customer_id`);",
  "create index `outbox_message_employee_id_index` on `outbox_message` (`employee_id`);",
  "create index `outbox_message_recipient_email_coalesce_key_status_index` on `outbox_message` (`recipient_email`, `coalesce_key`, `status`);",
  "create index `outbox_message_status_next_attempt_at_index` on `outbox_message` (`status`, `next_attempt_at`);",
  "alter table `employee` add column `language` text null;",
  "alter table `customer` add column `language` text null;",
];

const postgresql = [
  "create table \"mail_address\" (\"email\" varchar(320) not null, \"unsubscribed_at\" timestamptz null, \"bouncing_at\" timestamptz null, \"bounce_reason\" text null, \"unsubscribe_token\" varchar(64) not null, constraint \"mail_address_pkey\" primary key (\"email\"));",
  "alter table \"mail_address\" add constraint \"mail_address_unsubscribe_token_unique\" unique (\"unsubscribe_token\");",
  "create table \"outbox_message\" (\"id\" serial primary key, \"message_id\" varchar(200) not null, \"template\" varchar(40) not null, \"recipient_email\" varchar(320) not null, \"recipient_name\" varchar(120) null, \"language\" varchar(5) not null, \"params\" jsonb not null, \"secret_params\" jsonb null, \"is_ask\" boolean not null, \"coalesce_key\" varchar(120) null, \"event_count\" int not null default 1, \"customer_id\" int null, \"employee_id\" int null, \"status\" text check (\"status\" in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED')) not null, \"attempts\" int not null default 0, \"next_attempt_at\" timestamptz not null, \"claim_token\" varchar(36) null, \"locked_until\" timestamptz null, \"last_error\" text null, \"created_at\" timestamptz not null, \"sent_at\" timestamptz null);",
  "alter table \"outbox_message\" add constraint \"outbox_message_message_id_unique\" unique (\"message_id\");",
  "create index \"outbox_message_template_index\" on \"outbox_message\" (\"template\");",
  "create index \"outbox_message_customer_id_index\" on \"outbox_message\" (\"customer_id\");",
  "create index \"outbox_message_employee_id_index\" on \"outbox_message\" (\"employee_id\");",
  "create index \"outbox_message_recipient_email_coalesce_key_status_index\" on \"outbox_message\" (\"recipient_email\", \"coalesce_key\", \"status\");",
  "create index \"outbox_message_status_next_attempt_at_index\" on \"outbox_message\" (\"status\", \"next_attempt_at\");",
  "alter table \"employee\" add column \"language\" varchar(5) null;",
  "alter table \"customer\" add column \"language\" varchar(5) null;",
];
