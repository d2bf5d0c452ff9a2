import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Survey reminders: each invitation's one reminder is claimed by setting
 * `reminded_at`, and finds the invitation's email (with its link) by the
 * outbox message's `reference`.
 */
export class Migration20261205131500SurveyReminders extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  'alter table `outbox_message` add column `reference` text null;',
  'create index `outbox_message_reference_index` on `outbox_message` (`reference`);',
  'alter table `survey_invitation` add column `reminded_at` datetime null;',
];

const postgresql = [
  'alter table "outbox_message" add column "reference" varchar(120) null;',
  'create index "outbox_message_reference_index" on "outbox_message" ("reference");',
  'alter table "survey_invitation" add column "reminded_at" timestamptz null;',
];
