import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Incremental BI sync pages every list by (updated_at, id) — complaint events,
 * which never change once written, by (created_at, id) — so each page is one
 * index range scan however far the sync has got. Also backfills a
 * complaint's `updated_at` from its latest event: shipping an improvement and
 * recording an SLA breach changed complaints without stamping them.
 */
export class Migration20261205140000SyncKeysets extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  'update `complaint` set `updated_at` = max(`updated_at`, coalesce((select max(`e`.`created_at`) from `complaint_event` `e` where `e`.`complaint_id` = `complaint`.`id`), `updated_at`));',
  'create index `employee_updated_at_id_index` on `employee` (`updated_at`, `id`);',
  'create index `leadership_relationship_updated_at_id_index` on `leadership_relationship` (`updated_at`, `id`);',
  'create index `customer_updated_at_id_index` on `customer` (`updated_at`, `id`);',
  'create index `referral_updated_at_id_index` on `referral` (`updated_at`, `id`);',
  'create index `complaint_updated_at_id_index` on `complaint` (`updated_at`, `id`);',
  'create index `complaint_event_created_at_id_index` on `complaint_event` (`created_at`, `id`);',
];

const postgresql = [
  'update "complaint" set "updated_at" = greatest("updated_at", (select max("e"."created_at") from "complaint_event" "e" where "e"."complaint_id" = "complaint"."id"));',
  'create index "employee_updated_at_id_index" on "employee" ("updated_at", "id");',
  'create index "leadership_relationship_updated_at_id_index" on "leadership_relationship" ("updated_at", "id");',
  'create index "customer_updated_at_id_index" on "customer" ("updated_at", "id");',
  'create index "referral_updated_at_id_index" on "referral" ("updated_at", "id");',
  'create index "complaint_updated_at_id_index" on "complaint" ("updated_at", "id");',
  'create index "complaint_event_created_at_id_index" on "complaint_event" ("created_at", "id");',
];
