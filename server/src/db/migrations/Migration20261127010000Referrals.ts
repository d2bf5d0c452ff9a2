import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Customers, referrals (trees through `parent`/`root`) and the reward ledger.
 * Also indexes PostgreSQL's team.parent_id and employee.team_id, which SQLite
 * already indexes for every foreign key. Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127010000Referrals extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `customer` (`id` integer not null primary key autoincrement, `name` text not null, `email` text not null, `company` text null, `segment` text null, `account_owner_id` integer null, `customer_since` datetime not null, `churned_at` datetime null, `churn_reason` text null, `created_at` datetime not null, `updated_at` datetime not null, constraint `customer_account_owner_id_foreign` foreign key(`account_owner_id`) references `employee`(`id`) on delete set null on update cascade);",
  "create index `customer_name_index` on `customer` (`name`);",
  "create unique index `customer_email_unique` on `customer` (`email`);",
  "create index `customer_segment_index` on `customer` (`segment`);",
  "create index `customer_account_owner_id_index` on `customer` (`account_owner_id`);",
  "create index `customer_churned_at_index` on `customer` (`churned_at`);",
  "create table `referral` (`id` integer not null primary key autoincrement, `kind` text check (`kind` in ('CUSTOMER', 'HIRE')) not null, `status` text check (`status` in ('INVITED', 'ENGAGED', 'CONVERTED', 'REJECTED', 'EXPIRED')) not null, `referrer_customer_id` integer null, `referrer_employee_id` integer null, `referred_name` text not null, `referred_email` text not null, `referred_email_canonical` text not null, `referred_name_canonical` text not null, `note` text null, `parent_id` integer null, `root_id` integer null, `generation` integer not null, `converted_customer_id` integer null, `converted_employee_id` integer null, `flags` json not null, `invited_at` datetime not null, `engaged_at` datetime null, `converted_at` datetime null, `closed_at` datetime null, `created_at` datetime not null, `updated_at` datetime not null, constraint `referral_referrer_customer_id_foreign` foreign key(`referrer_customer_id`) references `customer`(`id`) on delete cascade on update cascade, constraint `referral_referrer_employee_id_foreign` foreign key(`referrer_employee_id`) references `employee`(`id`) on delete cascade on update cascade, constraint `referral_parent_id_foreign` foreign key(`parent_id`) references `referral`(`id`) on delete set null on update cascade, constraint `referral_root_id_foreign` foreign key(`root_id`) references `referral`(`id`) on delete set null on update cascade, constraint `referral_converted_customer_id_foreign` foreign key(`converted_customer_id`) references `customer`(`id`) on delete set null on update cascade, constraint `referral_converted_employee_id_foreign` foreign key(`converted_employee_id`) references `employee`(`id`) on delete set null on update cascade);",
  "create index `referral_referrer_customer_id_index` on `referral` (`referrer_customer_id`);",
  "create index `referral_referrer_employee_id_index` on `referral` (`referrer_employee_id`);",
  "create index `referral_referred_email_index` on `referral` (`referred_email`);",
  "create index `referral_referred_email_canonical_index` on `referral` (`referred_email_canonical`);",
  "create index `referral_referred_name_canonical_index` on `referral` (`referred_name_canonical`);",
  "create index `referral_parent_id_index` on `referral` (`parent_id`);",
  "create index `referral_root_id_index` on `referral` (`root_id`);",
  "create index `referral_converted_customer_id_index` on `referral` (`converted_customer_id`);",
  "create unique index `referral_converted_customer_id_unique` on `referral` (`converted_customer_id`);",
  "create index `referral_converted_employee_id_index` on `referral` (`converted_employee_id`);",
  "create unique index `referral_converted_employee_id_unique` on `referral` (`converted_employee_id`);",
  "create index `referral_invited_at_index` on `referral` (`invited_at`);",
  "create index `referral_kind_status_index` on `referral` (`kind`, `status`);",
  "create unique index referral_one_live_per_person on referral (referred_email, kind) where status <> 'EXPIRED';",
  "create table `referral_reward` (`id` integer not null primary key autoincrement, `referral_id` integer not null, `stage` text check (`stage` in ('CONVERSION', 'RETENTION')) not null, `amount` integer not null, `status` text check (`status` in ('PENDING', 'EARNED', 'CANCELLED', 'CLAWED_BACK')) not null, `due_at` datetime not null, `earned_at` datetime null, `reversed_at` datetime null, `reversal_reason` text null, `created_at` datetime not null, constraint `referral_reward_referral_id_foreign` foreign key(`referral_id`) references `referral`(`id`) on delete cascade on update cascade);",
  "create index `referral_reward_referral_id_index` on `referral_reward` (`referral_id`);",
  "create index `referral_reward_status_index` on `referral_reward` (`status`);",
  "create unique index `referral_reward_referral_id_stage_unique` on `referral_reward` (`referral_id`, `stage`);",
];

const postgresql = [
  "create table \"customer\" (\"id\" serial primary key, \"name\" varchar(200) not null, \"email\" varchar(320) not null, \"company\" varchar(200) null, \"segment\" varchar(80) null, \"account_owner_id\" int null, \"customer_since\" timestamptz not null, \"churned_at\" timestamptz null, \"churn_reason\" varchar(500) null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"customer_name_index\" on \"customer\" (\"name\");",
  "alter table \"customer\" add constraint \"customer_email_unique\" unique (\"email\");",
  "create index \"customer_segment_index\" on \"customer\" (\"segment\");",
  "create index \"customer_account_owner_id_index\" on \"customer\" (\"account_owner_id\");",
  "create index \"customer_churned_at_index\" on \"customer\" (\"churned_at\");",
  "create table \"referral\" (\"id\" serial primary key, \"kind\" text check (\"kind\" in ('CUSTOMER', 'HIRE')) not null, \"status\" text check (\"status\" in ('INVITED', 'ENGAGED', 'CONVERTED', 'REJECTED', 'EXPIRED')) not null, \"referrer_customer_id\" int null, \"referrer_employee_id\" int null, \"referred_name\" varchar(200) not null, \"referred_email\" varchar(320) not null, \"referred_email_canonical\" varchar(320) not null, \"referred_name_canonical\" varchar(200) not null, \"note\" varchar(1000) null, \"parent_id\" int null, \"root_id\" int null, \"generation\" int not null, \"converted_customer_id\" int null, \"converted_employee_id\" int null, \"flags\" jsonb not null, \"invited_at\" timestamptz not null, \"engaged_at\" timestamptz null, \"converted_at\" timestamptz null, \"closed_at\" timestamptz null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"referral_referrer_customer_id_index\" on \"referral\" (\"referrer_customer_id\");",
  "create index \"referral_referrer_employee_id_index\" on \"referral\" (\"referrer_employee_id\");",
  "create index \"referral_referred_email_index\" on \"referral\" (\"referred_email\");",
  "create index \"referral_referred_email_canonical_index\" on \"referral\" (\"referred_email_canonical\");",
  "create index \"referral_referred_name_canonical_index\" on \"referral\" (\"referred_name_canonical\");",
  "create index \"referral_parent_id_index\" on \"referral\" (\"parent_id\");",
  "create index \"referral_root_id_index\" on \"referral\" (\"root_id\");",
  "alter table \"referral\" add constraint \"referral_converted_customer_id_unique\" unique (\"converted_customer_id\");",
  "alter table \"referral\" add constraint \"referral_converted_employee_id_unique\" unique (\"converted_employee_id\");",
  "create index \"referral_invited_at_index\" on \"referral\" (\"invited_at\");",
  "create index \"referral_kind_status_index\" on \"referral\" (\"kind\", \"status\");",
  "create unique index referral_one_live_per_person on referral (referred_email, kind) where status <> 'EXPIRED';",
  "create table \"referral_reward\" (\"id\" serial primary key, \"referral_id\" int not null, \"stage\" text check (\"stage\" in ('CONVERSION', 'RETENTION')) not null, \"amount\" int not null, \"status\" text check (\"status\" in ('PENDING', 'EARNED', 'CANCELLED', 'CLAWED_BACK')) not null, \"due_at\" timestamptz not null, \"earned_at\" timestamptz null, \"reversed_at\" timestamptz null, \"reversal_reason\" varchar(300) null, \"created_at\" timestamptz not null);",
  "create index \"referral_reward_status_index\" on \"referral_reward\" (\"status\");",
  "alter table \"referral_reward\" add constraint \"referral_reward_referral_id_stage_unique\" unique (\"referral_id\", \"stage\");",
  "alter table \"customer\" add constraint \"customer_account_owner_id_foreign\" foreign key (\"account_owner_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"referral\" add constraint \"referral_referrer_customer_id_foreign\" foreign key (\"referrer_customer_id\") references \"customer\" (\"id\") on update cascade on delete cascade;",
  "alter table \"referral\" add constraint \"referral_referrer_employee_id_foreign\" foreign key (\"referrer_employee_id\") references \"employee\" (\"id\") on update cascade on delete cascade;",
  "alter table \"referral\" add constraint \"referral_parent_id_foreign\" foreign key (\"parent_id\") references \"referral\" (\"id\") on update cascade on delete set null;",
  "alter table \"referral\" add constraint \"referral_root_id_foreign\" foreign key (\"root_id\") references \"referral\" (\"id\") on update cascade on delete set null;",
  "alter table \"referral\" add constraint \"referral_converted_customer_id_foreign\" foreign key (\"converted_customer_id\") references \"customer\" (\"id\") on update cascade on delete set null;",
  "alter table \"referral\" add constraint \"referral_converted_employee_id_foreign\" foreign key (\"converted_employee_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"referral_reward\" add constraint \"referral_reward_referral_id_foreign\" foreign key (\"referral_id\") references \"referral\" (\"id\") on update cascade on delete cascade;",
  "create index \"team_parent_id_index\" on \"team\" (\"parent_id\");",
  "create index \"employee_team_id_index\" on \"employee\" (\"team_id\");",
];
