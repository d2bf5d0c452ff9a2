import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps, Context } from '../context.js';
import { Team } from '../teams/team.entity.js';
import { SurveyAudience, SurveyPurpose } from '../surveys/survey.entity.js';
import { Topic } from '../pubsub/topics.js';
import { isUniqueViolation } from '../errors/db-errors.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { inTransaction, type DomainReactions } from '../pubsub/events.js';
import { Employee } from '../people/employee.entity.js';
import { Survey } from '../surveys/survey.entity.js';
import { WaveMetrics } from './wave-metrics.js';
import { disclosurePolicy, type DisclosurePolicy } from '../surveys/wave-rules.js';
import { TeamTree, teamParents } from '../teams/team-tree.js';
import { RULE_SETTINGS, findingsFor, levelOf, type TeamHistory, type TeamWavePoint } from './trust-rules.js';
import { TrustSignal, TrustSignalChange, type SignalFinding } from './trust-signal.entity.js';
import { num } from '../db/raw.js';

const DAY = 86_400_000;
/** Survey waves older than this are not looked at: signals are about recent change. */
const LOOKBACK_DAYS = 730;
/** Key of the PostgreSQL advisory lock that serialises evaluations across instances. */
const SIGNAL_LOCK_KEY = 7_240_601;

export interface SignalEvaluation {
  teamsEvaluated: number;
  raised: number;
  worsened: number;
  eased: number;
  cleared: number;
  active: number;
}

/** Each team's survey history and exits, as the rules see them. */
async function teamHistories(em: EntityManager, policy: DisclosurePolicy, now: Date, teamIds: number[], tree: TeamTree): Promise<Map<number, TeamHistory>> {
  const waveRows = await em.execute<Array<{ id: number; purpose: string }>>(
    `select w.id, s.purpose from survey_wave w join survey s on s.id = w.survey_id
      where s.audience = ? and s.purpose in (?, ?) and w.closed_at is not null and w.opened_at >= ?
      order by w.opened_at, w.id`,
    [SurveyAudience.EMPLOYEES, SurveyPurpose.LEADERSHIP, SurveyPurpose.ENGAGEMENT, new Date(now.getTime() - LOOKBACK_DAYS * DAY)],
  );
  const data = await WaveMetrics.load(em, policy, waveRows.map((w) => num(w.id)));
  const windowStart = new Date(now.getTime() - RULE_SETTINGS.exitWindowDays * DAY);
  const perTeam = async (sql: string) =>
    new Map((await em.execute<Array<{ team_id: number; n: number | string }>>(sql, [windowStart])).map((r) => [num(r.team_id), num(r.n)]));
  const competitorExits = await perTeam(
    `select team_id, count(*) as n from employee where exit_reason = 'LEFT_FOR_COMPETITOR' and exited_at >= ? and team_id is not null group by team_id`,
  );
  const headcount = await perTeam(`select team_id, count(*) as n from employee where (exited_at is null or exited_at >= ?) and team_id is not null group by team_id`);
  const sum = (counts: Map<number, number>, ids: number[]) => ids.reduce((total, id) => total + (counts.get(id) ?? 0), 0);

  const histories = new Map<number, TeamHistory>();
  for (const teamId of teamIds) {
    const group = { kind: 'TEAM', teamId } as const;
    const history: TeamHistory = { leadership: [], engagement: [], all: [], competitorExits: 0, headcount: 0 };
    for (const row of waveRows) {
      const wave = data.waves.get(num(row.id))!;
      const invited = data.invited(group, wave.id);
      if (!invited) continue;
      const m = data.metrics(group, [wave.id]);
      const point: TeamWavePoint = {
        label: `${wave.surveyTitle}, wave ${wave.number}`,
        suppressed: m.suppressed,
        invited,
        responses: m.responses,
        participation: m.participation,
        nps: m.nps,
        detractorShare: m.detractorShare,
      };
      (row.purpose === SurveyPurpose.LEADERSHIP ? history.leadership : history.engagement).push(point);
      history.all.push(point);
    }
    const members = [...tree.subtree(teamId)];
    history.competitorExits = sum(competitorExits, members);
    history.headcount = sum(headcount, members);
    histories.set(teamId, history);
  }
  return histories;
}

function changeOf(open: TrustSignal, score: number, findings: SignalFinding[]): TrustSignalChange | null {
  const before = new Set(open.findings.map((f) => f.rule));
  if (score > open.score || findings.some((f) => !before.has(f.rule))) return TrustSignalChange.WORSENED;
  if (score < open.score) return TrustSignalChange.EASED;
  return null;
}

/**
 * Evaluates the trust-withdrawal rules for every team (or for the given teams
 * and the teams above them) and records what changed: a signal is RAISED when
 * rules start firing for a team, WORSENED when its score rises or a new rule
 * fires, EASED when its score falls, CLEARED when no rule fires any more. Each
 * change is kept in the signal's history and pushed live after the commit.
 * Safe to run on several instances at once (advisory lock on PostgreSQL, and a
 * partial unique index allows one open signal per team).
 */
export async function evaluateTrustSignals(deps: AppDeps, scope?: { teamIds: number[] }): Promise<SignalEvaluation> {
  const now = deps.now();
  const policy = disclosurePolicy(deps.config);
  const k = policy.k;
  const em = deps.db.fork() as EntityManager;
  const tree = new TeamTree(await teamParents(em));
  const teamIds = scope ? tree.withAncestors(scope.teamIds) : [...tree.parents.keys()];
  const histories = await teamHistories(em, policy, now, teamIds, tree);

  const result: SignalEvaluation = { teamsEvaluated: teamIds.length, raised: 0, worsened: 0, eased: 0, cleared: 0, active: 0 };
  const events: Array<{ signalId: number; teamId: number; change: TrustSignalChange }> = [];
  try {
    await em.transactional(async (tx) => {
      if (deps.db.kind === 'postgresql') await tx.execute('select pg_advisory_xact_lock(?)', [SIGNAL_LOCK_KEY]);
      const open = new Map((await tx.find(TrustSignal, { clearedAt: null, team: { $in: teamIds } })).map((s) => [s.team.id, s]));
      const touched: Array<{ signal: TrustSignal; change: TrustSignalChange }> = [];
      for (const teamId of teamIds) {
        const findings = findingsFor(histories.get(teamId)!, k);
        const score = findings.reduce((total, f) => total + f.points, 0);
        const level = levelOf(score);
        const signal = open.get(teamId);
        const entry = (change: TrustSignalChange) => ({ at: now.toISOString(), change, score, level: findings.length ? level : null, rules: findings.map((f) => f.rule) });
        if (!signal) {
          if (!findings.length) continue;
          const created = tx.create(TrustSignal, {
            team: tx.getReference(Team, teamId),
            score,
            level,
            findings,
            raisedAt: now,
            updatedAt: now,
            clearedAt: null,
            history: [entry(TrustSignalChange.RAISED)],
          });
          touched.push({ signal: created, change: TrustSignalChange.RAISED });
          continue;
        }
        if (!findings.length) {
          signal.clearedAt = now;
          signal.updatedAt = now;
          signal.history = [...signal.history, entry(TrustSignalChange.CLEARED)];
          touched.push({ signal, change: TrustSignalChange.CLEARED });
          continue;
        }
        const change = changeOf(signal, score, findings);
        if (change || JSON.stringify(signal.findings) !== JSON.stringify(findings)) {
          signal.findings = findings;
          signal.score = score;
          signal.level = level;
          signal.updatedAt = now;
          if (change === TrustSignalChange.WORSENED) {
            // Worse than when someone took it on: it needs attention again.
            signal.acknowledgedAt = null;
            signal.acknowledgedBy = null;
            signal.acknowledgementNote = null;
          }
          if (change) {
            signal.history = [...signal.history, entry(change)];
            touched.push({ signal, change });
          }
        }
      }
      await tx.flush();
      for (const { signal, change } of touched) {
        events.push({ signalId: signal.id, teamId: signal.team.id, change });
        const counter = change.toLowerCase() as 'raised' | 'worsened' | 'eased' | 'cleared';
        result[counter]++;
      }
      result.active = await tx.count(TrustSignal, { clearedAt: null });
    });
  } catch (error) {
    // Another instance raised the same team's signal between our read and our write: its evaluation stands.
    if (isUniqueViolation(error, 'trust_signal_one_open_per_team')) {
      deps.logger.info('trust signals evaluated concurrently elsewhere', {});
      return result;
    }
    throw error;
  }
  for (const event of events) {
    deps.pubSub.publish(Topic.TRUST_SIGNAL_CHANGED, { ...event, at: now.toISOString() });
  }
  return result;
}

/**
 * Re-evaluates after a change that can move a signal (a wave closed, someone
 * left). The change itself is committed already: a failing evaluation is
 * logged, never turned into a failure of the mutation that triggered it.
 */
export async function refreshTrustSignals(ctx: Context, scope?: { teamIds: number[] }): Promise<void> {
  try {
    await evaluateTrustSignals(ctx.deps, scope);
  } catch (err) {
    ctx.deps.logger.error('trust signal evaluation failed', { err });
  }
}

/**
 * After the commit: an exit (to a competitor above all) can raise a signal for the team and the
 * teams above it; a closed wave of an employee leadership or engagement survey can raise, move or
 * clear signals anywhere.
 */
export function registerTrustSignalReactions(reactions: DomainReactions): void {
  reactions.afterCommit(Topic.EMPLOYEE_CHANGED, 're-evaluate the trust signals of the team someone left', async ({ payload }, ctx) => {
    if (payload.kind !== 'EXITED') return;
    const employee = await ctx.em.findOne(Employee, payload.employeeId, { fields: ['team'] });
    if (employee?.team) await refreshTrustSignals(ctx, { teamIds: [employee.team.id] });
  });
  reactions.afterCommit(Topic.SURVEY_RESPONDED, 're-evaluate trust signals when an employee survey wave closed', async ({ payload }, ctx) => {
    if (!payload.waveClosed) return;
    const survey = await ctx.em.findOne(Survey, payload.surveyId, { fields: ['audience', 'purpose'] });
    const counts =
      survey?.audience === SurveyAudience.EMPLOYEES && (survey.purpose === SurveyPurpose.LEADERSHIP || survey.purpose === SurveyPurpose.ENGAGEMENT);
    if (counts) await refreshTrustSignals(ctx);
  });
}

/**
 * Someone takes an open signal on and says what is being done. The note is
 * kept on the signal and in its history and pushed live; it stands until the
 * signal worsens (then it needs attention again) or clears.
 */
export async function acknowledgeTrustSignal(ctx: Context, input: { signalId: string; note: string }): Promise<TrustSignal> {
  const now = ctx.deps.now();
  const note = input.note.trim();
  if (!note) throw badInput('note', 'Say what is being done about it');
  return inTransaction(ctx, async (em, events) => {
    const signal = await em.findOne(TrustSignal, { id: parseId(input.signalId, 'signalId') });
    if (!signal) throw notFound('Trust signal', input.signalId);
    if (signal.clearedAt) throw new DomainError('INVALID_TRANSITION', 'This signal has cleared; nothing to acknowledge', { field: 'signalId', allowed: [] });
    const by = ctx.viewer?.label ?? 'system';
    signal.acknowledgedAt = now;
    signal.acknowledgedBy = by;
    signal.acknowledgementNote = note;
    signal.history = [
      ...signal.history,
      { at: now.toISOString(), change: TrustSignalChange.ACKNOWLEDGED, score: signal.score, level: signal.level, rules: signal.findings.map((f) => f.rule), by, note },
    ];
    await em.flush();
    events.push({ topic: Topic.TRUST_SIGNAL_CHANGED, payload: { signalId: signal.id, teamId: signal.team.id, change: 'ACKNOWLEDGED', at: now.toISOString() } });
    return signal;
  });
}
