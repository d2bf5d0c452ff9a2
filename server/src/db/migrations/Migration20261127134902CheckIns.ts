import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Check-ins on leadership relationships and the history of service agreements.
 * Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127134902CheckIns extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `service_agreement_version` (`id` integer not null primary key autoincrement, `relationship_id` integer not null, `strengths` json not null, `needs` text null, `goals` text null, `preferred_style` text null, `replaced_at` datetime not null, `replaced_by` text not null, constraint `service_agreement_version_relationship_id_foreign` foreign key(`relationship_id`) references `leadership_relationship`(`id`) on delete cascade on update cascade);",
  "create index `service_agreement_version_relationship_id_index` on `service_agreement_version` (`relationship_id`);",
  "create index `service_agreement_version_relationship_id_replaced_at_index` on `service_agreement_version` (`relationship_id`, `replaced_at`);",
  "create table `leadership_check_in` (`id` integer not null primary key autoincrement, `relationship_id` integer not null, `held_on` datetime not null, `notes` text not null, `actions` json not null, `recorded_by` text not null, `created_at` datetime not null, constraint `leadership_check_in_relationship_id_foreign` foreign key(`relationship_id`) references `leadership_relationship`(`id`) on delete cascade on update cascade);",
  "create index `leadership_check_in_relationship_id_index` on `leadership_check_in` (`relationship_id`);",
  "create index `leadership_check_in_relationship_id_held_on_index` on `leadership_check_in` (`relationship_id`, `held_on`);",
];

const postgresql = [
  "create table \"service_agreement_version\" (\"id\" serial primary key, \"relationship_id\" int not null, \"strengths\" jsonb not null, \"needs\" text null, \"goals\" text null, \"preferred_style\" text null, \"replaced_at\" timestamptz not null, \"replaced_by\" varchar(320) not null);",
  "create index \"service_agreement_version_relationship_id_replaced_at_index\" on \"service_agreement_version\" (\"relationship_id\", \"replaced_at\");",
  "create table \"leadership_check_in\" (\"id\" serial primary key, \"relationship_id\" int not null, \"held_on\" timestamptz not null, \"notes\" text not null, \"actions\" jsonb not null, \"recorded_by\" varchar(320) not null, \"created_at\" timestamptz not null);",
  "create index \"leadership_check_in_relationship_id_held_on_index\" on \"leadership_check_in\" (\"relationship_id\", \"held_on\");",
  "alter table \"service_agreement_version\" add constraint \"service_agreement_version_relationship_id_foreign\" foreign key (\"relationship_id\") references \"leadership_relationship\" (\"id\") on update cascade on delete cascade;",
  "alter table \"leadership_check_in\" add constraint \"leadership_check_in_relationship_id_foreign\" foreign key (\"relationship_id\") references \"leadership_relationship\" (\"id\") on update cascade on delete cascade;",
];
