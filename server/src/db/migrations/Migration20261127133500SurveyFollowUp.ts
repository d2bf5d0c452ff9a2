import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Closed loop: a complaint can point to the named survey response whose
 * detractor answer opened it. Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127133500SurveyFollowUp extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "alter table `complaint` add column `survey_response_id` text null constraint `complaint_survey_response_id_foreign` references `survey_response` (`id`) on update cascade on delete set null;",
  "create index `complaint_survey_response_id_index` on `complaint` (`survey_response_id`);",
  "create unique index `complaint_survey_response_id_unique` on `complaint` (`survey_response_id`);",
];

const postgresql = [
  'alter table "complaint" add column "survey_response_id" varchar(36) null;',
  'alter table "complaint" add constraint "complaint_survey_response_id_foreign" foreign key ("survey_response_id") references "survey_response" ("id") on update cascade on delete set null;',
  'alter table "complaint" add constraint "complaint_survey_response_id_unique" unique ("survey_response_id");',
];
