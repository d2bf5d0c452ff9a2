import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Complaints with their thread/timeline (complaint_event), SLA policies per severity (seeded with defaults) and improvements.
 * Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127130209Complaints extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
    // Default targets; admins change them with updateSlaPolicy.
    for (const [severity, firstResponse, resolution] of DEFAULT_POLICIES) {
      this.addSql(`insert into sla_policy (severity, first_response_minutes, resolution_minutes) values ('${severity}', ${firstResponse}, ${resolution})`);
    }
  }
}

/** Severity, first response and resolution targets in minutes. */
const DEFAULT_POLICIES: Array<[string, number, number]> = [
  ['CRITICAL', 15, 4 * 60],
  ['HIGH', 60, 24 * 60],
  ['MEDIUM', 4 * 60, 3 * 24 * 60],
  ['LOW', 24 * 60, 7 * 24 * 60],
];

const sqlite = [
  "create table `improvement` (`id` integer not null primary key autoincrement, `title` text not null, `description` text null, `status` text check (`status` in ('PLANNED', 'IN_PROGRESS', 'SHIPPED')) not null, `shipped_at` datetime null, `created_at` datetime not null, `updated_at` datetime not null);",
  "create index `improvement_status_index` on `improvement` (`status`);",
  "create table `sla_policy` (`severity` text not null, `first_response_minutes` integer not null, `resolution_minutes` integer not null, primary key (`severity`));",
  "create table `complaint` (`id` integer not null primary key autoincrement, `customer_id` integer not null, `subject` text not null, `description` text not null, `category` text not null, `severity` text check (`severity` in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, `channel` text check (`channel` in ('EMAIL', 'PHONE', 'WEB', 'CHAT', 'IN_PERSON', 'SURVEY_FOLLOW_UP', 'OTHER')) not null, `status` text check (`status` in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) not null, `assignee_id` integer null, `team_id` integer null, `escalated_to_id` integer null, `first_response_due_at` datetime not null, `first_response_at` datetime null, `resolution_due_at` datetime not null, `paused_since` datetime null, `first_response_breached_at` datetime null, `resolution_breached_at` datetime null, `acknowledged_at` datetime null, `resolved_at` datetime null, `closed_at` datetime null, `reopen_count` integer not null default 0, `resolution` text null, `root_cause` text null, `improvement_id` integer null, `to_be_told_since` datetime null, `complainant_told_at` datetime null, `recovery_rating` integer null, `recovery_comment` text null, `recovery_rated_at` datetime null, `idempotency_key` text null, `created_at` datetime not null, `updated_at` datetime not null, constraint `complaint_customer_id_foreign` foreign key(`customer_id`) references `customer`(`id`) on delete cascade on update cascade, constraint `complaint_assignee_id_foreign` foreign key(`assignee_id`) references `employee`(`id`) on delete set null on update cascade, constraint `complaint_team_id_foreign` foreign key(`team_id`) references `team`(`id`) on delete set null on update cascade, constraint `complaint_escalated_to_id_foreign` foreign key(`escalated_to_id`) references `employee`(`id`) on delete set null on update cascade, constraint `complaint_improvement_id_foreign` foreign key(`improvement_id`) references `improvement`(`id`) on delete set null on update cascade);",
  "create index `complaint_customer_id_index` on `complaint` (`customer_id`);",
  "create index `complaint_assignee_id_index` on `complaint` (`assignee_id`);",
  "create index `complaint_team_id_index` on `complaint` (`team_id`);",
  "create index `complaint_escalated_to_id_index` on `complaint` (`escalated_to_id`);",
  "create index `complaint_resolution_due_at_index` on `complaint` (`resolution_due_at`);",
  "create index `complaint_improvement_id_index` on `complaint` (`improvement_id`);",
  "create unique index `complaint_idempotency_key_unique` on `complaint` (`idempotency_key`);",
  "create index `complaint_created_at_index` on `complaint` (`created_at`);",
  "create index `complaint_status_severity_index` on `complaint` (`status`, `severity`);",
  "create table `complaint_event` (`id` integer not null primary key autoincrement, `complaint_id` integer not null, `kind` text check (`kind` in ('CUSTOMER_MESSAGE', 'STAFF_MESSAGE', 'INTERNAL_NOTE', 'STATUS_CHANGED', 'ASSIGNED', 'PAUSED', 'RESUMED', 'SLA_BREACHED', 'ESCALATED', 'IMPROVEMENT_LINKED', 'IMPROVEMENT_SHIPPED', 'COMPLAINANT_TOLD', 'RECOVERY_RATED')) not null, `body` text null, `from_value` text null, `to_value` text null, `actor` text not null, `created_at` datetime not null, constraint `complaint_event_complaint_id_foreign` foreign key(`complaint_id`) references `complaint`(`id`) on delete cascade on update cascade);",
  "create index `complaint_event_complaint_id_index` on `complaint_event` (`complaint_id`);",
  "create index `complaint_event_complaint_id_created_at_index` on `complaint_event` (`complaint_id`, `created_at`);",
];

const postgresql = [
  "create table \"improvement\" (\"id\" serial primary key, \"title\" varchar(200) not null, \"description\" text null, \"status\" text check (\"status\" in ('PLANNED', 'IN_PROGRESS', 'SHIPPED')) not null, \"shipped_at\" timestamptz null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"improvement_status_index\" on \"improvement\" (\"status\");",
  "create table \"sla_policy\" (\"severity\" varchar(16) not null, \"first_response_minutes\" int not null, \"resolution_minutes\" int not null, constraint \"sla_policy_pkey\" primary key (\"severity\"));",
  "create table \"complaint\" (\"id\" serial primary key, \"customer_id\" int not null, \"subject\" varchar(200) not null, \"description\" text not null, \"category\" varchar(60) not null, \"severity\" text check (\"severity\" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, \"channel\" text check (\"channel\" in ('EMAIL', 'PHONE', 'WEB', 'CHAT', 'IN_PERSON', 'SURVEY_FOLLOW_UP', 'OTHER')) not null, \"status\" text check (\"status\" in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) not null, \"assignee_id\" int null, \"team_id\" int null, \"escalated_to_id\" int null, \"first_response_due_at\" timestamptz not null, \"first_response_at\" timestamptz null, \"resolution_due_at\" timestamptz not null, \"paused_since\" timestamptz null, \"first_response_breached_at\" timestamptz null, \"resolution_breached_at\" timestamptz null, \"acknowledged_at\" timestamptz null, \"resolved_at\" timestamptz null, \"closed_at\" timestamptz null, \"reopen_count\" int not null default 0, \"resolution\" text null, \"root_cause\" varchar(60) null, \"improvement_id\" int null, \"to_be_told_since\" timestamptz null, \"complainant_told_at\" timestamptz null, \"recovery_rating\" int null, \"recovery_comment\" varchar(2000) null, \"recovery_rated_at\" timestamptz null, \"idempotency_key\" varchar(100) null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"complaint_customer_id_index\" on \"complaint\" (\"customer_id\");",
  "create index \"complaint_assignee_id_index\" on \"complaint\" (\"assignee_id\");",
  "create index \"complaint_team_id_index\" on \"complaint\" (\"team_id\");",
  "create index \"complaint_resolution_due_at_index\" on \"complaint\" (\"resolution_due_at\");",
  "create index \"complaint_improvement_id_index\" on \"complaint\" (\"improvement_id\");",
  "alter table \"complaint\" add constraint \"complaint_idempotency_key_unique\" unique (\"idempotency_key\");",
  "create index \"complaint_created_at_index\" on \"complaint\" (\"created_at\");",
  "create index \"complaint_status_severity_index\" on \"complaint\" (\"status\", \"severity\");",
  "create table \"complaint_event\" (\"id\" serial primary key, \"complaint_id\" int not null, \"kind\" text check (\"kind\" in ('CUSTOMER_MESSAGE', 'STAFF_MESSAGE', 'INTERNAL_NOTE', 'STATUS_CHANGED', 'ASSIGNED', 'PAUSED', 'RESUMED', 'SLA_BREACHED', 'ESCALATED', 'IMPROVEMENT_LINKED', 'IMPROVEMENT_SHIPPED', 'COMPLAINANT_TOLD', 'RECOVERY_RATED')) not null, \"body\" text null, \"from_value\" varchar(40) null, \"to_value\" varchar(40) null, \"actor\" varchar(320) not null, \"created_at\" timestamptz not null);",
  "create index \"complaint_event_complaint_id_created_at_index\" on \"complaint_event\" (\"complaint_id\", \"created_at\");",
  "alter table \"complaint\" add constraint \"complaint_customer_id_foreign\" foreign key (\"customer_id\") references \"customer\" (\"id\") on update cascade on delete cascade;",
  "alter table \"complaint\" add constraint \"complaint_assignee_id_foreign\" foreign key (\"assignee_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"complaint\" add constraint \"complaint_team_id_foreign\" foreign key (\"team_id\") references \"team\" (\"id\") on update cascade on delete set null;",
  "alter table \"complaint\" add constraint \"complaint_escalated_to_id_foreign\" foreign key (\"escalated_to_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"complaint\" add constraint \"complaint_improvement_id_foreign\" foreign key (\"improvement_id\") references \"improvement\" (\"id\") on update cascade on delete set null;",
  "alter table \"complaint_event\" add constraint \"complaint_event_complaint_id_foreign\" foreign key (\"complaint_id\") references \"complaint\" (\"id\") on update cascade on delete cascade;",
];
