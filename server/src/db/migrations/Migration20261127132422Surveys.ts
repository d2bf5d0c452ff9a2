import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * Surveys: questions, waves, single-use invitations (token hashes, segment facts), responses (random ids, day-only times when anonymous) and answers.
 * Statements from `npm run schema:sql -- --diff`.
 */
export class Migration20261127132422Surveys extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = [
  "create table `survey` (`id` integer not null primary key autoincrement, `title` text not null, `description` text null, `audience` text check (`audience` in ('EMPLOYEES', 'CUSTOMERS')) not null, `purpose` text check (`purpose` in ('LEADERSHIP', 'ENGAGEMENT', 'NPS', 'CSAT', 'CES', 'CUSTOM')) not null, `status` text check (`status` in ('DRAFT', 'OPEN', 'CLOSED')) not null, `anonymous` integer not null, `recurring` integer not null, `opens_at` datetime null, `closes_at` datetime null, `created_at` datetime not null, `updated_at` datetime not null);",
  "create index `survey_status_index` on `survey` (`status`);",
  "create table `survey_question` (`id` integer not null primary key autoincrement, `survey_id` integer not null, `position` integer not null, `type` text check (`type` in ('NPS', 'RATING', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT')) not null, `prompt` text not null, `required` integer not null, `scale_max` integer null, `options` json not null, constraint `survey_question_survey_id_foreign` foreign key(`survey_id`) references `survey`(`id`) on delete cascade on update cascade);",
  "create index `survey_question_survey_id_index` on `survey_question` (`survey_id`);",
  "create index `survey_question_survey_id_position_index` on `survey_question` (`survey_id`, `position`);",
  "create table `survey_wave` (`id` integer not null primary key autoincrement, `survey_id` integer not null, `number` integer not null, `opened_at` datetime not null, `closed_at` datetime null, constraint `survey_wave_survey_id_foreign` foreign key(`survey_id`) references `survey`(`id`) on delete cascade on update cascade);",
  "create index `survey_wave_survey_id_index` on `survey_wave` (`survey_id`);",
  "create unique index `survey_wave_survey_id_number_unique` on `survey_wave` (`survey_id`, `number`);",
  "create table `survey_response` (`id` text not null, `wave_id` integer not null, `employee_id` integer null, `customer_id` integer null, `team_id` integer null, `subject_leader_id` integer null, `tenure_band` text null, `customer_segment` text null, `submitted_at` datetime not null, constraint `survey_response_wave_id_foreign` foreign key(`wave_id`) references `survey_wave`(`id`) on delete cascade on update cascade, constraint `survey_response_employee_id_foreign` foreign key(`employee_id`) references `employee`(`id`) on delete set null on update cascade, constraint `survey_response_customer_id_foreign` foreign key(`customer_id`) references `customer`(`id`) on delete set null on update cascade, constraint `survey_response_team_id_foreign` foreign key(`team_id`) references `team`(`id`) on delete set null on update cascade, constraint `survey_response_subject_leader_id_foreign` foreign key(`subject_leader_id`) references `employee`(`id`) on delete set null on update cascade, primary key (`id`));",
  "create index `survey_response_wave_id_index` on `survey_response` (`wave_id`);",
  "create index `survey_response_employee_id_index` on `survey_response` (`employee_id`);",
  "create index `survey_response_customer_id_index` on `survey_response` (`customer_id`);",
  "create index `survey_response_team_id_index` on `survey_response` (`team_id`);",
  "create index `survey_response_subject_leader_id_index` on `survey_response` (`subject_leader_id`);",
  "create index `survey_response_wave_id_subject_leader_id_index` on `survey_response` (`wave_id`, `subject_leader_id`);",
  "create index `survey_response_wave_id_team_id_index` on `survey_response` (`wave_id`, `team_id`);",
  "create table `survey_answer` (`id` integer not null primary key autoincrement, `response_id` text not null, `question_id` integer not null, `numeric_value` integer null, `option_index` integer null, `text` text null, constraint `survey_answer_response_id_foreign` foreign key(`response_id`) references `survey_response`(`id`) on delete cascade on update cascade, constraint `survey_answer_question_id_foreign` foreign key(`question_id`) references `survey_question`(`id`) on delete cascade on update cascade);",
  "create index `survey_answer_response_id_index` on `survey_answer` (`response_id`);",
  "create index `survey_answer_question_id_index` on `survey_answer` (`question_id`);",
  "create index `survey_answer_question_id_numeric_value_index` on `survey_answer` (`question_id`, `numeric_value`);",
  "create table `survey_invitation` (`id` integer not null primary key autoincrement, `wave_id` integer not null, `token_hash` text not null, `employee_id` integer null, `customer_id` integer null, `recipient_email` text not null, `invited_at` datetime not null, `responded_on` datetime null, `team_id` integer null, `subject_leader_id` integer null, `tenure_band` text null, `customer_segment` text null, constraint `survey_invitation_wave_id_foreign` foreign key(`wave_id`) references `survey_wave`(`id`) on delete cascade on update cascade, constraint `survey_invitation_employee_id_foreign` foreign key(`employee_id`) references `employee`(`id`) on delete cascade on update cascade, constraint `survey_invitation_customer_id_foreign` foreign key(`customer_id`) references `customer`(`id`) on delete cascade on update cascade, constraint `survey_invitation_team_id_foreign` foreign key(`team_id`) references `team`(`id`) on delete set null on update cascade, constraint `survey_invitation_subject_leader_id_foreign` foreign key(`subject_leader_id`) references `employee`(`id`) on delete set null on update cascade);",
  "create index `survey_invitation_wave_id_index` on `survey_invitation` (`wave_id`);",
  "create unique index `survey_invitation_token_hash_unique` on `survey_invitation` (`token_hash`);",
  "create index `survey_invitation_employee_id_index` on `survey_invitation` (`employee_id`);",
  "create index `survey_invitation_customer_id_index` on `survey_invitation` (`customer_id`);",
  "create index `survey_invitation_recipient_email_index` on `survey_invitation` (`recipient_email`);",
  "create index `survey_invitation_invited_at_index` on `survey_invitation` (`invited_at`);",
  "create index `survey_invitation_team_id_index` on `survey_invitation` (`team_id`);",
  "create index `survey_invitation_subject_leader_id_index` on `survey_invitation` (`subject_leader_id`);",
];

const postgresql = [
  "create table \"survey\" (\"id\" serial primary key, \"title\" varchar(200) not null, \"description\" text null, \"audience\" text check (\"audience\" in ('EMPLOYEES', 'CUSTOMERS')) not null, \"purpose\" text check (\"purpose\" in ('LEADERSHIP', 'ENGAGEMENT', 'NPS', 'CSAT', 'CES', 'CUSTOM')) not null, \"status\" text check (\"status\" in ('DRAFT', 'OPEN', 'CLOSED')) not null, \"anonymous\" boolean not null, \"recurring\" boolean not null, \"opens_at\" timestamptz null, \"closes_at\" timestamptz null, \"created_at\" timestamptz not null, \"updated_at\" timestamptz not null);",
  "create index \"survey_status_index\" on \"survey\" (\"status\");",
  "create table \"survey_question\" (\"id\" serial primary key, \"survey_id\" int not null, \"position\" int not null, \"type\" text check (\"type\" in ('NPS', 'RATING', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT')) not null, \"prompt\" varchar(500) not null, \"required\" boolean not null, \"scale_max\" int null, \"options\" jsonb not null);",
  "create index \"survey_question_survey_id_position_index\" on \"survey_question\" (\"survey_id\", \"position\");",
  "create table \"survey_wave\" (\"id\" serial primary key, \"survey_id\" int not null, \"number\" int not null, \"opened_at\" timestamptz not null, \"closed_at\" timestamptz null);",
  "alter table \"survey_wave\" add constraint \"survey_wave_survey_id_number_unique\" unique (\"survey_id\", \"number\");",
  "create table \"survey_response\" (\"id\" varchar(36) not null, \"wave_id\" int not null, \"employee_id\" int null, \"customer_id\" int null, \"team_id\" int null, \"subject_leader_id\" int null, \"tenure_band\" varchar(20) null, \"customer_segment\" varchar(80) null, \"submitted_at\" timestamptz not null, constraint \"survey_response_pkey\" primary key (\"id\"));",
  "create index \"survey_response_wave_id_subject_leader_id_index\" on \"survey_response\" (\"wave_id\", \"subject_leader_id\");",
  "create index \"survey_response_wave_id_team_id_index\" on \"survey_response\" (\"wave_id\", \"team_id\");",
  "create table \"survey_answer\" (\"id\" serial primary key, \"response_id\" varchar(36) not null, \"question_id\" int not null, \"numeric_value\" int null, \"option_index\" int null, \"text\" text null);",
  "create index \"survey_answer_response_id_index\" on \"survey_answer\" (\"response_id\");",
  "create index \"survey_answer_question_id_numeric_value_index\" on \"survey_answer\" (\"question_id\", \"numeric_value\");",
  "create table \"survey_invitation\" (\"id\" serial primary key, \"wave_id\" int not null, \"token_hash\" varchar(64) not null, \"employee_id\" int null, \"customer_id\" int null, \"recipient_email\" varchar(320) not null, \"invited_at\" timestamptz not null, \"responded_on\" timestamptz null, \"team_id\" int null, \"subject_leader_id\" int null, \"tenure_band\" varchar(20) null, \"customer_segment\" varchar(80) null);",
  "create index \"survey_invitation_wave_id_index\" on \"survey_invitation\" (\"wave_id\");",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_token_hash_unique\" unique (\"token_hash\");",
  "create index \"survey_invitation_employee_id_index\" on \"survey_invitation\" (\"employee_id\");",
  "create index \"survey_invitation_customer_id_index\" on \"survey_invitation\" (\"customer_id\");",
  "create index \"survey_invitation_recipient_email_index\" on \"survey_invitation\" (\"recipient_email\");",
  "create index \"survey_invitation_invited_at_index\" on \"survey_invitation\" (\"invited_at\");",
  "alter table \"survey_question\" add constraint \"survey_question_survey_id_foreign\" foreign key (\"survey_id\") references \"survey\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_wave\" add constraint \"survey_wave_survey_id_foreign\" foreign key (\"survey_id\") references \"survey\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_response\" add constraint \"survey_response_wave_id_foreign\" foreign key (\"wave_id\") references \"survey_wave\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_response\" add constraint \"survey_response_employee_id_foreign\" foreign key (\"employee_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"survey_response\" add constraint \"survey_response_customer_id_foreign\" foreign key (\"customer_id\") references \"customer\" (\"id\") on update cascade on delete set null;",
  "alter table \"survey_response\" add constraint \"survey_response_team_id_foreign\" foreign key (\"team_id\") references \"team\" (\"id\") on update cascade on delete set null;",
  "alter table \"survey_response\" add constraint \"survey_response_subject_leader_id_foreign\" foreign key (\"subject_leader_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
  "alter table \"survey_answer\" add constraint \"survey_answer_response_id_foreign\" foreign key (\"response_id\") references \"survey_response\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_answer\" add constraint \"survey_answer_question_id_foreign\" foreign key (\"question_id\") references \"survey_question\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_wave_id_foreign\" foreign key (\"wave_id\") references \"survey_wave\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_employee_id_foreign\" foreign key (\"employee_id\") references \"employee\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_customer_id_foreign\" foreign key (\"customer_id\") references \"customer\" (\"id\") on update cascade on delete cascade;",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_team_id_foreign\" foreign key (\"team_id\") references \"team\" (\"id\") on update cascade on delete set null;",
  "alter table \"survey_invitation\" add constraint \"survey_invitation_subject_leader_id_foreign\" foreign key (\"subject_leader_id\") references \"employee\" (\"id\") on update cascade on delete set null;",
];
