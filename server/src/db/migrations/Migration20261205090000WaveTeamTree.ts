import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * The team tree frozen per survey wave (disclosure control: a wave's results
 * group people by the tree they answered in, never by today's). Waves that
 * exist already get today's tree: the best record there is of theirs.
 */
export class Migration20261205090000WaveTeamTree extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
    this.addSql('insert into survey_wave_team (wave_id, team_id, parent_id) select w.id, t.id, t.parent_id from survey_wave w cross join team t;');
  }
}

const sqlite = [
  'create table `survey_wave_team` (`wave_id` integer not null, `team_id` integer not null, `parent_id` integer null, constraint `survey_wave_team_wave_id_foreign` foreign key(`wave_id`) references `survey_wave`(`id`) on delete cascade on update cascade, primary key (`wave_id`, `team_id`));',
  'create index `survey_wave_team_wave_id_index` on `survey_wave_team` (`wave_id`);',
];

const postgresql = [
  'create table "survey_wave_team" ("wave_id" int not null, "team_id" int not null, "parent_id" int null, constraint "survey_wave_team_pkey" primary key ("wave_id", "team_id"));',
  'alter table "survey_wave_team" add constraint "survey_wave_team_wave_id_foreign" foreign key ("wave_id") references "survey_wave" ("id") on update cascade on delete cascade;',
];
