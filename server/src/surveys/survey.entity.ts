import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Employee } from '../people/employee.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Team } from '../teams/team.entity.js';

export enum SurveyAudience {
  EMPLOYEES = 'EMPLOYEES',
  CUSTOMERS = 'CUSTOMERS',
}

export enum SurveyPurpose {
  LEADERSHIP = 'LEADERSHIP',
  ENGAGEMENT = 'ENGAGEMENT',
  NPS = 'NPS',
  CSAT = 'CSAT',
  CES = 'CES',
  CUSTOM = 'CUSTOM',
}

export enum SurveyStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum QuestionType {
  NPS = 'NPS',
  RATING = 'RATING',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  FREE_TEXT = 'FREE_TEXT',
}

/** One engine for employee and customer voice: a survey with ordered questions, run in waves. */
@Entity({ tableName: 'survey' })
export class Survey {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Enum({ items: () => SurveyAudience })
  audience!: SurveyAudience;

  @Enum({ items: () => SurveyPurpose })
  purpose!: SurveyPurpose;

  @Index()
  @Enum({ items: () => SurveyStatus })
  status!: SurveyStatus;

  /** Anonymous responses keep no link to the person, only coarse segment facts. */
  @Property({ type: 'boolean' })
  anonymous!: boolean;

  /** A recurring survey (a pulse) runs one wave per round with the same questions. */
  @Property({ type: 'boolean' })
  recurring!: boolean;

  @Property({ type: 'datetime', nullable: true })
  opensAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  closesAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

@Entity({ tableName: 'survey_question' })
@Index({ properties: ['survey', 'position'] })
export class SurveyQuestion {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => Survey, ref: true, deleteRule: 'cascade' })
  survey!: Ref<Survey>;

  @Property({ type: 'integer' })
  position!: number;

  @Enum({ items: () => QuestionType })
  type!: QuestionType;

  @Property({ type: 'string', length: 500 })
  prompt!: string;

  @Property({ type: 'boolean' })
  required!: boolean;

  /** Highest value of a RATING question (5 or 7); the lowest is 1. */
  @Property({ type: 'integer', nullable: true })
  scaleMax?: number | null;

  /** Choices of a SINGLE_CHOICE or MULTIPLE_CHOICE question. */
  @Property({ type: 'json' })
  options: string[] & Opt = [];
}

/** One round of a survey; every metric has a trend over waves. */
@Entity({ tableName: 'survey_wave' })
@Unique({ properties: ['survey', 'number'] })
export class SurveyWave {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne({ entity: () => Survey, ref: true, deleteRule: 'cascade' })
  survey!: Ref<Survey>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}

/**
 * A single-use link for one recipient in one wave. Only the token's hash is
 * kept. The segment facts (team, leader at invitation time, tenure band,
 * customer segment) are copied here and onto the response, so reporting never
 * needs to know who answered.
 */
@Entity({ tableName: 'survey_invitation' })
@Index({ properties: ['wave', 'subjectLeader'] })
export class SurveyInvitation {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => SurveyWave, ref: true, deleteRule: 'cascade' })
  wave!: Ref<SurveyWave>;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Index()
  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'cascade' })
  employee?: Ref<Employee> | null;

  @Index()
  @ManyToOne({ entity: () => Customer, ref: true, nullable: true, deleteRule: 'cascade' })
  customer?: Ref<Customer> | null;

  /** Lower-cased; the contact budget counts per email across employee and customer surveys. */
  @Index()
  @Property({ type: 'string', length: 320 })
  recipientEmail!: string;

  @Index()
  @Property({ type: 'datetime' })
  invitedAt!: Date;

  /** When its one reminder was written to the outbox (see remindSurveyInvitees). */
  @Property({ type: 'datetime', nullable: true })
  remindedAt?: Date | null;

  /** The day it was used (only the day, so it cannot be matched to a response's time). */
  @Property({ type: 'datetime', nullable: true })
  respondedOn?: Date | null;

  @ManyToOne({ entity: () => Team, ref: true, nullable: true, deleteRule: 'set null' })
  team?: Ref<Team> | null;

  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  subjectLeader?: Ref<Employee> | null;

  @Property({ type: 'string', length: 20, nullable: true })
  tenureBand?: string | null;

  @Property({ type: 'string', length: 80, nullable: true })
  customerSegment?: string | null;
}

/**
 * A submitted response. Anonymous ones carry no person and no invitation
 * link, a random id (so insertion order tells nothing) and only the day.
 */
@Entity({ tableName: 'survey_response' })
@Index({ properties: ['wave', 'team'] })
@Index({ properties: ['wave', 'subjectLeader'] })
export class SurveyResponse {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne({ entity: () => SurveyWave, ref: true, deleteRule: 'cascade' })
  wave!: Ref<SurveyWave>;

  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  employee?: Ref<Employee> | null;

  @ManyToOne({ entity: () => Customer, ref: true, nullable: true, deleteRule: 'set null' })
  customer?: Ref<Customer> | null;

  @ManyToOne({ entity: () => Team, ref: true, nullable: true, deleteRule: 'set null' })
  team?: Ref<Team> | null;

  @ManyToOne({ entity: () => Employee, ref: true, nullable: true, deleteRule: 'set null' })
  subjectLeader?: Ref<Employee> | null;

  @Property({ type: 'string', length: 20, nullable: true })
  tenureBand?: string | null;

  @Property({ type: 'string', length: 80, nullable: true })
  customerSegment?: string | null;

  /** Start of the day it was submitted (exact time only for named surveys). */
  @Property({ type: 'datetime' })
  submittedAt!: Date;
}

@Entity({ tableName: 'survey_answer' })
@Index({ properties: ['question', 'numericValue'] })
export class SurveyAnswer {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => SurveyResponse, ref: true, deleteRule: 'cascade' })
  response!: Ref<SurveyResponse>;

  @ManyToOne({ entity: () => SurveyQuestion, ref: true, deleteRule: 'cascade' })
  question!: Ref<SurveyQuestion>;

  /** NPS (0–10) or RATING (1–scaleMax) value. */
  @Property({ type: 'integer', nullable: true })
  numericValue?: number | null;

  /** Chosen option index; a MULTIPLE_CHOICE answer has one row per chosen option. */
  @Property({ type: 'integer', nullable: true })
  optionIndex?: number | null;

  @Property({ type: 'text', nullable: true })
  text?: string | null;
}

/**
 * The team tree as it stood for a wave: recorded when the wave opens (and
 * for teams created later, when their people are invited), so a wave's
 * results always group people by the tree they answered in. Moving a team
 * afterwards cannot make "before" and "after" figures subtractable. Plain
 * ids, no foreign keys: the record outlives teams that are deleted later.
 */
@Entity({ tableName: 'survey_wave_team' })
export class SurveyWaveTeam {
  @ManyToOne({ entity: () => SurveyWave, ref: true, primary: true, deleteRule: 'cascade' })
  wave!: Ref<SurveyWave>;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  teamId!: number;

  @Property({ type: 'integer', nullable: true })
  parentId?: number | null;
}
