import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Trust-withdrawal signals per team: one row per episode, at most one open per team.
 * Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127150139TrustSignals extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `trust_signal` (`id` integer not null primary key autoincrement, `team_id` integer not null, `score` integer not null, `level` text check (`level` in ('WATCH', 'WARNING', 'CRITICAL')) not null, `findings` json not null, `raised_at` datetime not null, `updated_at` datetime not null, `cleared_at` datetime null, `history` json not null, constraint `trust_signal_team_id_foreign` foreign key(`team_id`) references `team`(`id`) on delete cascade on update cascade);",
  "create index `trust_signal_team_id_index` on `trust_signal` (`team_id`);",
  "create index `trust_signal_cleared_at_score_index` on `trust_signal` (`cleared_at`, `score`);",
  "create unique index trust_signal_one_open_per_team on trust_signal (team_id) where cleared_at is null;",
];

const postgresql = [
  "create table \"trust_signal\" (\"id\" serial primary key, \"team_id\" int not null, \"score\" int not null, \"level\" text check (\"level\" in ('WATCH', 'WARNING', 'CRITICAL')) not null, \"findings\" jsonb not null, \"raised_at\" timestamptz not null, \"updated_at\" timestamptz not null, \"cleared_at\" timestamptz null, \"history\" jsonb not null);",
  "create index \"trust_signal_team_id_index\" on \"trust_signal\" (\"team_id\");",
  "create index \"trust_signal_cleared_at_score_index\" on \"trust_signal\" (\"cleared_at\", \"score\");",
  "create unique index trust_signal_one_open_per_team on trust_signal (team_id) where cleared_at is null;",
  "alter table \"trust_signal\" add constraint \"trust_signal_team_id_foreign\" foreign key (\"team_id\") references \"team\" (\"id\") on update cascade on delete cascade;",
];
