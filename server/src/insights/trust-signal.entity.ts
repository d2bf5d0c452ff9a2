import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Team } from '../teams/team.entity.js';

export enum TrustSignalLevel {
  WATCH = 'WATCH',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}

export enum TrustSignalRule {
  LEADER_NPS_FALLING = 'LEADER_NPS_FALLING',
  ENPS_FALLING = 'ENPS_FALLING',
  PARTICIPATION_FALLING = 'PARTICIPATION_FALLING',
  DETRACTORS_RISING = 'DETRACTORS_RISING',
  COMPETITOR_EXITS = 'COMPETITOR_EXITS',
}

export enum TrustSignalChange {
  RAISED = 'RAISED',
  WORSENED = 'WORSENED',
  EASED = 'EASED',
  CLEARED = 'CLEARED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

/** A number a finding rests on, so a person can check the rule by hand. */
export interface SignalEvidence {
  label: string;
  value: number;
  unit: 'points' | '%' | 'people';
}

/** One rule that fired, with the sentence and the numbers behind it. */
export interface SignalFinding {
  rule: TrustSignalRule;
  points: number;
  summary: string;
  evidence: SignalEvidence[];
}

export interface SignalHistoryEntry {
  at: string;
  change: TrustSignalChange;
  score: number;
  /** Null once cleared. */
  level: TrustSignalLevel | null;
  rules: TrustSignalRule[];
  /** ACKNOWLEDGED: who, and what is being done. */
  by?: string;
  note?: string;
}

/**
 * A trust-withdrawal signal for one team (always with its sub-teams, never a
 * person): one row per episode, from the evaluation that raised it until the
 * one that found no rule firing any more. At most one open episode per team,
 * also under concurrent evaluations on several instances (partial unique index).
 */
@Entity({ tableName: 'trust_signal' })
@Index({ properties: ['clearedAt', 'score'] })
@Unique({
  name: 'trust_signal_one_open_per_team',
  expression: 'create unique index trust_signal_one_open_per_team on trust_signal (team_id) where cleared_at is null',
})
export class TrustSignal {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne({ entity: () => Team, ref: true, deleteRule: 'cascade' })
  team!: Ref<Team>;

  /** Sum of the points of the rules that fired. */
  @Property({ type: 'integer' })
  score!: number;

  @Enum({ items: () => TrustSignalLevel })
  level!: TrustSignalLevel;

  @Property({ type: 'json' })
  findings!: SignalFinding[];

  @Property({ type: 'datetime' })
  raisedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  clearedAt?: Date | null;

  /** Every change of the episode, oldest first. */
  @Property({ type: 'json' })
  history!: SignalHistoryEntry[];

  /** Someone took it on: when, who, and what is being done. Reset when the signal worsens. */
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @Property({ type: 'string', length: 320, nullable: true })
  acknowledgedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  acknowledgementNote?: string | null;
}
