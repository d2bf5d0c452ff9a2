import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * The initial schema: teams, employees, leadership relationships, users,
 * sessions and API tokens. One migration for both databases; the statements
 * are what MikroORM's schema generator derives from the entities on each
 * platform (`npm run schema:sql` prints them), so the migrated
 * schema and the entities agree (a test checks that the diff is empty).
 */
export class Migration20261127000000Initial extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `team` (`id` integer not null primary key autoincrement, `name` text not null, `parent_id` integer null, `created_at` datetime not null, constraint `team_parent_id_foreign` foreign key(`parent_id`) references `team`(`id`) on delete set null on update cascade);",
  "create unique index `team_name_unique` on `team` (`name`);",
  "create index `team_parent_id_index` on `team` (`parent_id`);",
  "create table `employee` (`id` integer not null primary key autoincrement, `name` text not null, `email` text not null, `title` text null, `team_id` integer null, `hired_at` datetime not null, `exited_at` datetime null, `exit_reason` text check (`exit_reason` in ('LEFT_FOR_COMPETITOR', 'RESIGNED', 'DISMISSED', 'RETIRED', 'OTHER')) null, `exit_regretted` integer null, `created_at` datetime not null, `updated_at` datetime not null, constraint `employee_team_id_foreign` foreign key(`team_id`) references `team`(`id`) on delete set null on update cascade);",
  "create index `employee_name_index` on `employee` (`name`);",
  "create unique index `employee_email_unique` on `employee` (`email`);",
  "create index `employee_team_id_index` on `employee` (`team_id`);",
  "create index `employee_exited_at_index` on `employee` (`exited_at`);",
  "create table `leadership_relationship` (`id` integer not null primary key autoincrement, `leader_id` integer not null, `member_id` integer not null, `started_at` datetime not null, `ended_at` datetime null, `end_reason` text check (`end_reason` in ('REASSIGNED', 'ENDED', 'MEMBER_EXITED', 'LEADER_EXITED')) null, `strengths` json not null, `needs` text null, `goals` text null, `preferred_style` text null, `created_at` datetime not null, `updated_at` datetime not null, constraint `leadership_relationship_leader_id_foreign` foreign key(`leader_id`) references `employee`(`id`) on delete cascade on update cascade, constraint `leadership_relationship_member_id_foreign` foreign key(`member_id`) references `employee`(`id`) on delete cascade on update cascade);",
  "create index `leadership_relationship_leader_id_index` on `leadership_relationship` (`leader_id`);",
  "create index `leadership_relationship_member_id_index` on `leadership_relationship` (`member_id`);",
  "create index `leadership_relationship_member_id_started_at_index` on `leadership_relationship` (`member_id`, `started_at`);",
  "create index `leadership_relationship_leader_id_ended_at_index` on `leadership_relationship` (`leader_id`, `ended_at`);",
  "create unique index leadership_one_active_per_member on leadership_relationship (member_id) where ended_at is null;",
  "create table `app_user` (`id` integer not null primary key autoincrement, `email` text not null, `password_hash` text not null, `role` text check (`role` in ('ADMIN', 'ANALYST', 'MONITOR')) not null, `created_at` datetime not null, `last_login_at` datetime null);",
  "create unique index `app_user_email_unique` on `app_user` (`email`);",
  "create table `session` (`id` integer not null primary key autoincrement, `token_hash` text not null, `user_id` integer not null, `created_at` datetime not null, `expires_at` datetime not null, `revoked_at` datetime null, constraint `session_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on delete cascade on update cascade);",
  "create unique index `session_token_hash_unique` on `session` (`token_hash`);",
  "create index `session_user_id_index` on `session` (`user_id`);",
  "create table `api_token` (`id` integer not null primary key autoincrement, `name` text not null, `role` text check (`role` in ('ADMIN', 'ANALYST', 'MONITOR')) not null, `token_hash` text not null, `token_prefix` text not null, `created_by_id` integer null, `created_at` datetime not null, `last_used_at` datetime null, `revoked_at` datetime null, constraint `api_token_created_by_id_foreign` foreign key(`created_by_id`) references `app_user`(`id`) on delete set null on update cascade);",
  "create unique index `api_token_token_hash_unique` on `api_token` (`token_hash`);",
  "create index `api_token_created_by_id_index` on `api_token` (`created_by_id`);",
];

const postgresql = [
  "create table \"team\" (\"id\" serial primary key, \"name\" varchar(120) not null, \"parent_id\" int null, \"created_at\" timestamptz not null);",
  "alter table \"team\" add constraint \"team_name_unique\" unique (\"name\");",
  "create table \"employee\" (\"id\" serial primary key, \"name\" varchar(200) not null, \"email\" varchar(320) not null, \"title\" varchar(200) null, \"team_id\" int null, \"hired_at\" timestamptz not null, \"exited_at\" timestamptz null, \"exit_reason\" text check (\"exit_reason\" in ('LEFT_FOR_COMPETITOR', 'RESIGNED', 'DISMISSED', 'RETIRED', 'OTHER')) null, \"exit_regretted\" boolean null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"employee_name_index\" on \"employee\" (\"name\");",
  "alter table \"employee\" add constraint \"employee_email_unique\" unique (\"email\");",
  "create index \"employee_exited_at_index\" on \"employee\" (\"exited_at\");",
  "create table \"leadership_relationship\" (\"id\" serial primary key, \"leader_id\" int not null, \"member_id\" int not null, \"started_at\" timestamptz not null, \"ended_at\" timestamptz null, \"end_reason\" text check (\"end_reason\" in ('REASSIGNED', 'ENDED', 'MEMBER_EXITED', 'LEADER_EXITED')) null, \"strengths\" jsonb not null, \"needs\" text null, \"goals\" text null, \"preferred_style\" text null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"leadership_relationship_member_id_started_at_index\" on \"leadership_relationship\" (\"member_id\", \"started_at\");",
  "create index \"leadership_relationship_leader_id_ended_at_index\" on \"leadership_relationship\" (\"leader_id\", \"ended_at\");",
  "create unique index leadership_one_active_per_member on leadership_relationship (member_id) where ended_at is null;",
  "create table \"app_user\" (\"id\" serial primary key, \"email\" varchar(320) not null, \"password_hash\" varchar(255) not null, \"role\" text check (\"role\" in ('ADMIN', 'ANALYST', 'MONITOR')) not null, \"created_at\" timestamptz not null, \"last_login_at\" timestamptz null);",
  "alter table \"app_user\" add constraint \"app_user_email_unique\" unique (\"email\");",
  "create table \"session\" (\"id\" serial primary key, \"token_hash\" varchar(64) not null, \"user_id\" int not null, \"created_at\" timestamptz not null, \"expires_at\" timestamptz not null, \"revoked_at\" timestamptz null);",
  "alter table \"session\" add constraint \"session_token_hash_unique\" unique (\"token_hash\");",
  "create index \"session_user_id_index\" on \"session\" (\"user_id\");",
  "create table \"api_token\" (\"id\" serial primary key, \"name\" varchar(120) not null, \"role\" text check (\"role\" in ('ADMIN', 'ANALYST', 'MONITOR')) not null, \"token_hash\" varchar(64) not null, \"token_prefix\" varchar(16) not null, \"created_by_id\" int null, \"created_at\" timestamptz not null, \"last_used_at\" timestamptz null, \"revoked_at\" timestamptz null);",
  "alter table \"api_token\" add constraint \"api_token_token_hash_unique\" unique (\"token_hash\");",
  "alter table \"team\" add constraint \"team_parent_id_foreign\" foreign key (\"parent_id\") references \"team\" (\"id\") on update cascade on delete set null;",
  "alter table \"employee\" add constraint \"employee_team_id_foreign\" foreign key (\"team_id\") references \"team\" (\"id\") on update cascade on delete set null;",
  "alter table \"leadership_relationship\" add constraint \"leadership_relationship_leader_id_foreign\" foreign key (\"leader_id\") references \"employee\" (\"id\") on update cascade on delete cascade;",
  "alter table \"leadership_relationship\" add constraint \"leadership_relationship_member_id_foreign\" foreign key (\"member_id\") references \"employee\" (\"id\") on update cascade on delete cascade;",
  "alter table \"session\" add constraint \"session_user_id_foreign\" foreign key (\"user_id\") references \"app_user\" (\"id\") on update cascade on delete cascade;",
  "alter table \"api_token\" add constraint \"api_token_created_by_id_foreign\" foreign key (\"created_by_id\") references \"app_user\" (\"id\") on update cascade on delete set null;",
];
