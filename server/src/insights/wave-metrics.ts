import type { EntityManager } from '@mikro-orm/knex';
import { QuestionType, type Survey, type SurveyAudience, type SurveyWave } from '../surveys/survey.entity.js';
import type { Group, Suppression } from '../surveys/disclosure.js';
import type { TeamTree } from '../teams/team-tree.js';
import { isProtected, meanOf, npsOf } from '../surveys/survey-results.js';
import { loadWaveRules, type DisclosurePolicy, type WaveRules } from '../surveys/wave-rules.js';
import { ms, num } from '../db/raw.js';

/** The groups leadership figures are reported for: everyone, a team with its sub-teams, or a leader's reports. */
export type MetricGroup = { kind: 'ALL' } | { kind: 'TEAM'; teamId: number } | { kind: 'LEADER'; leaderId: number };

export interface WaveInfo {
  id: number;
  number: number;
  surveyId: number;
  surveyTitle: string;
  purpose: string;
  openedAt: Date;
  closedAt: Date | null;
  /** Employee voice and anonymous customer surveys fall under the anonymity rules. */
  protect: boolean;
}

/** The columns `waveFactsOf` reads, of `survey_wave w join survey s`. */
export const WAVE_FACT_COLUMNS = 'w.id, w.number, w.opened_at, w.closed_at, s.id as survey_id, s.title, s.purpose, s.audience, s.anonymous';

/** A wave's facts from a row of `WAVE_FACT_COLUMNS`. */
export function waveFactsOf(row: Record<string, unknown>): WaveInfo {
  const closedAt = ms(row.closed_at);
  return {
    id: num(row.id),
    number: num(row.number),
    surveyId: num(row.survey_id),
    surveyTitle: String(row.title),
    purpose: String(row.purpose),
    openedAt: new Date(ms(row.opened_at)!),
    closedAt: closedAt === null ? null : new Date(closedAt),
    protect: isProtected({ audience: row.audience as SurveyAudience, anonymous: Boolean(row.anonymous) }),
  };
}

/** A wave's facts from its survey and wave entities (for callers that hold them already). */
export function waveFactsOfEntities(survey: Pick<Survey, 'id' | 'title' | 'purpose' | 'audience' | 'anonymous'>, wave: Pick<SurveyWave, 'id' | 'number' | 'openedAt' | 'closedAt'>): WaveInfo {
  return {
    id: wave.id,
    number: wave.number,
    surveyId: survey.id,
    surveyTitle: survey.title,
    purpose: survey.purpose,
    openedAt: wave.openedAt,
    closedAt: wave.closedAt ?? null,
    protect: isProtected(survey),
  };
}

/** A question with a number for an answer: what scorecards, heatmaps and signals are made of. */
export interface ScoreQuestion {
  id: number;
  surveyId: number;
  prompt: string;
  kind: 'NPS' | 'RATING';
  scaleMax: number | null;
}

export interface ItemMetric {
  question: ScoreQuestion;
  /** NPS score (−100..100) or mean (1..scaleMax); null when suppressed. */
  value: number | null;
  answered: number | null;
  suppressed: Suppression | null;
}

export interface GroupMetrics {
  suppressed: Suppression | null;
  /** How many were invited is no survey answer: given even when the figures are hidden. */
  invited: number;
  responses: number | null;
  /** responses ÷ invited, 0..1. */
  participation: number | null;
  /** The survey's first NPS question: leader NPS in a leadership survey, eNPS in an engagement survey. */
  nps: number | null;
  /** Share of 0–6 answers to that question, 0..1. */
  detractorShare: number | null;
  items: ItemMetric[];
}

/** Counts of one wave (invitations, or one question's answers by value) indexed by team and by leader. */
class Tally<V> {
  readonly all: V;
  readonly byTeam = new Map<number, V>();
  readonly byLeader = new Map<number, V>();
  /**
   * Each team's counts with its sub-teams', per tree, summed when first asked for: a heatmap asks for
   * every row, question and wave, and a closed wave's tally and frozen tree are kept across requests
   * (summing a top-level team's 500 sub-teams on every call was most of the heatmap's own CPU).
   */
  private subtreeTotals?: WeakMap<TeamTree, Map<number, V>>;

  constructor(
    private readonly empty: () => V,
    private readonly add: (into: V, n: number, value: number) => V,
    private readonly merge: (into: V, other: V) => V,
  ) {
    this.all = empty();
  }

  count(teamId: number | null, leaderId: number | null, n: number, value = 0) {
    this.subtreeTotals = undefined; // counted after a total was made: made afresh
    this.add(this.all, n, value);
    if (teamId !== null) this.byTeam.set(teamId, this.add(this.byTeam.get(teamId) ?? this.empty(), n, value));
    if (leaderId !== null) this.byLeader.set(leaderId, this.add(this.byLeader.get(leaderId) ?? this.empty(), n, value));
  }

  /** The counts of a group: everyone, a team with its sub-teams, or a leader's reports. */
  of(group: MetricGroup, tree: TeamTree): V[] {
    switch (group.kind) {
      case 'ALL':
        return [this.all];
      case 'TEAM':
        return [this.subtreeTotal(group.teamId, tree)];
      case 'LEADER':
        return this.byLeader.has(group.leaderId) ? [this.byLeader.get(group.leaderId)!] : [];
    }
  }

  private subtreeTotal(teamId: number, tree: TeamTree): V {
    this.subtreeTotals ??= new WeakMap();
    let totals = this.subtreeTotals.get(tree);
    if (!totals) this.subtreeTotals.set(tree, (totals = new Map()));
    let total = totals.get(teamId);
    if (!total) {
      total = this.empty();
      for (const id of tree.subtree(teamId)) {
        const own = this.byTeam.get(id);
        if (own) this.merge(total, own);
      }
      totals.set(teamId, total);
    }
    return total;
  }
}

/** Invitations: a number. */
const invitationTally = () =>
  new Tally<{ n: number }>(
    () => ({ n: 0 }),
    (into, n) => ((into.n += n), into),
    (into, other) => ((into.n += other.n), into),
  );
/** Answers to one question: count per value. */
const addAnswers = (into: Map<number, number>, n: number, value: number) => into.set(value, (into.get(value) ?? 0) + n);
const answerTally = () =>
  new Tally<Map<number, number>>(
    () => new Map(),
    addAnswers,
    (into, other) => {
      for (const [value, n] of other) addAnswers(into, n, value);
      return into;
    },
  );

type InvitationTally = ReturnType<typeof invitationTally>;
type AnswerTally = ReturnType<typeof answerTally>;

/** What one wave counted: invitations and respondents, and answers per number question by value. */
interface WaveCounts {
  invitations: InvitationTally;
  respondents: InvitationTally;
  answers: Map<number, AnswerTally>;
}

const emptyCounts = (): WaveCounts => ({ invitations: invitationTally(), respondents: invitationTally(), answers: new Map() });

/**
 * Counts of closed waves, per database (like the closed waves' disclosure decisions in `wave-rules`):
 * nothing reopens or deletes a wave, and a closed wave takes no more invitations or answers, so its
 * counts never change. Keyed by wave id and close time, so a wave that were ever reopened and closed
 * again would be read afresh. Bounded; the oldest are dropped first.
 */
const closedCounts = new WeakMap<object, Map<string, WaveCounts>>();
const CLOSED_WAVES_KEPT = 200;
const closedKey = (wave: { id: number; closedAt: Date | null }) => `${wave.id}:${wave.closedAt!.getTime()}`;

function closedCountsOf(em: EntityManager): Map<string, WaveCounts> {
  let cache = closedCounts.get(em.getDriver());
  if (!cache) closedCounts.set(em.getDriver(), (cache = new Map()));
  return cache;
}

/**
 * Invitation, respondent and answer counts of these waves from three grouped statements, limited by a
 * scope condition; respondents and answers only of the waves in `answeredIds` (all by default).
 */
async function readCounts(
  em: EntityManager,
  waveIds: number[],
  questionIds: number[],
  scoped: (alias: string) => string,
  scopeParams: unknown[],
  answeredIds: number[] = waveIds,
): Promise<Map<number, WaveCounts>> {
  const result = new Map<number, WaveCounts>();
  const countsOf = (r: Record<string, unknown>) => {
    const waveId = num(r.wave_id);
    let counts = result.get(waveId);
    if (!counts) result.set(waveId, (counts = emptyCounts()));
    return counts;
  };
  const marks = waveIds.map(() => '?').join(',') || 'null';
  const answeredMarks = answeredIds.map(() => '?').join(',');
  const teamOf = (r: Record<string, unknown>) => (r.team_id == null ? null : num(r.team_id));
  const leaderOf = (r: Record<string, unknown>) => (r.subject_leader_id == null ? null : num(r.subject_leader_id));
  // The three are independent: started together (on PostgreSQL, side by side on pooled connections).
  // Responses drive the answers' join (SQLite keeps the CROSS JOIN order): the wave and scope narrow them through
  // their indexes before their answers are looked up, instead of scanning every answer to the questions.
  const [invited, responded, answerRows] = await Promise.all([
    em.execute<Array<Record<string, unknown>>>(
      `select wave_id, team_id, subject_leader_id, count(*) as n from survey_invitation
        where wave_id in (${marks}) ${scoped('')} group by wave_id, team_id, subject_leader_id`,
      [...waveIds, ...scopeParams],
    ),
    answeredIds.length
      ? em.execute<Array<Record<string, unknown>>>(
          `select wave_id, team_id, subject_leader_id, count(*) as n from survey_response
            where wave_id in (${answeredMarks}) ${scoped('')} group by wave_id, team_id, subject_leader_id`,
          [...answeredIds, ...scopeParams],
        )
      : Promise.resolve([] as Array<Record<string, unknown>>),
    answeredIds.length && questionIds.length
      ? em.execute<Array<Record<string, unknown>>>(
          `select r.wave_id, a.question_id, r.team_id, r.subject_leader_id, a.numeric_value, count(*) as n
             from survey_response r cross join survey_answer a
            where a.response_id = r.id and r.wave_id in (${answeredMarks}) and a.question_id in (${questionIds.map(() => '?').join(',')}) ${scoped('r.')}
            group by r.wave_id, a.question_id, r.team_id, r.subject_leader_id, a.numeric_value`,
          [...answeredIds, ...questionIds, ...scopeParams],
        )
      : Promise.resolve([] as Array<Record<string, unknown>>),
  ]);
  for (const r of invited) countsOf(r).invitations.count(teamOf(r), leaderOf(r), num(r.n));
  for (const r of responded) countsOf(r).respondents.count(teamOf(r), leaderOf(r), num(r.n));
  for (const r of answerRows) {
    const byQuestion = countsOf(r).answers;
    let tally = byQuestion.get(num(r.question_id));
    if (!tally) byQuestion.set(num(r.question_id), (tally = answerTally()));
    tally.count(teamOf(r), leaderOf(r), num(r.n), num(r.numeric_value));
  }
  return result;
}

/**
 * Reads closed waves' counts whole (every team and leader, every number question of their surveys)
 * and keeps them. The number questions are looked up when not given.
 */
async function readClosedCounts(em: EntityManager, waves: Array<{ id: number; closedAt: Date | null }>, questionIds?: number[]): Promise<Map<number, WaveCounts>> {
  const ids = waves.map((w) => w.id);
  const questions =
    questionIds ??
    (
      await em.execute<Array<{ id: unknown }>>(
        `select q.id from survey_question q join survey_wave w on w.survey_id = q.survey_id
          where w.id in (${ids.map(() => '?').join(',')}) and q.type in (?, ?)`,
        [...ids, QuestionType.NPS, QuestionType.RATING],
      )
    ).map((r) => num(r.id));
  const read = await readCounts(em, ids, questions, () => '', []);
  const cache = closedCountsOf(em);
  const result = new Map<number, WaveCounts>();
  for (const wave of waves) {
    const counts = read.get(wave.id) ?? emptyCounts();
    result.set(wave.id, counts);
    cache.set(closedKey(wave), counts);
    if (cache.size > CLOSED_WAVES_KEPT) cache.delete(cache.keys().next().value!);
  }
  return result;
}

/**
 * Per wave, the leaders its invitations were about (optionally only these leaders): from the kept
 * counts for a closed wave (read whole once), from one grouped statement for running ones.
 */
export async function invitedSubjects(em: EntityManager, waves: Array<{ id: number; closedAt: Date | null }>, leaderIds?: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  const wanted = leaderIds && new Set(leaderIds);
  const keepLeaders = (waveId: number, counts: WaveCounts) =>
    result.set(waveId, wanted ? [...counts.invitations.byLeader.keys()].filter((id) => wanted.has(id)) : [...counts.invitations.byLeader.keys()]);
  const cache = closedCountsOf(em);
  const closedToRead: Array<{ id: number; closedAt: Date | null }> = [];
  const running: number[] = [];
  for (const wave of waves) {
    if (!wave.closedAt) running.push(wave.id);
    else {
      const cached = cache.get(closedKey(wave));
      if (cached) keepLeaders(wave.id, cached);
      else closedToRead.push(wave);
    }
  }
  if (closedToRead.length) {
    for (const [waveId, counts] of await readClosedCounts(em, closedToRead)) keepLeaders(waveId, counts);
  }
  if (running.length) {
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select distinct wave_id, subject_leader_id from survey_invitation
        where wave_id in (${running.map(() => '?').join(',')}) and subject_leader_id is not null
          ${leaderIds ? `and subject_leader_id in (${leaderIds.map(() => '?').join(',') || 'null'})` : ''}`,
      [...running, ...(leaderIds ?? [])],
    );
    for (const id of running) result.set(id, []);
    for (const r of rows) result.get(num(r.wave_id))!.push(num(r.subject_leader_id));
  }
  return result;
}

/** Which rows to load: only what the groups to be reported need (the disclosure decisions always see whole waves). */
export interface MetricScope {
  /** Teams to be reported; their subtrees as frozen for each wave are read. */
  teamIds?: number[];
  leaderIds?: number[];
  /** Only each survey's first NPS question (leader NPS / eNPS), for lists that show nothing else. */
  headlineOnly?: boolean;
}

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/** SQL condition limiting invitations or responses to a scope (nothing when there is none). */
function scopeSql(scope: MetricScope | undefined): [(alias: string) => string, unknown[]] {
  const teams = scope?.teamIds ?? [];
  const leaders = scope?.leaderIds ?? [];
  // No lists at all: everything (`headlineOnly` alone narrows questions, not rows).
  if (!scope?.teamIds && !scope?.leaderIds) return [() => '', []];
  const parts = (alias: string) => [
    ...(teams.length ? [`${alias}team_id in (${teams.map(() => '?').join(',')})`] : []),
    ...(leaders.length ? [`${alias}subject_leader_id in (${leaders.map(() => '?').join(',')})`] : []),
  ];
  return [(alias) => `and (${parts(alias).join(' or ') || '1 = 0'})`, [...teams, ...leaders]];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Leadership figures for many groups over a set of survey waves, from a fixed
 * number of grouped statements (waves, questions, invitations, answers,
 * disclosure counts, frozen team trees) however many groups are asked for.
 * Every figure goes through the disclosure policy, decided per wave by
 * `WaveRules`, and teams are read by the tree frozen for each wave. Several
 * waves of one survey can be pooled (a range); the pool is shown only when
 * each of its waves is shown for that group, so a range never reveals what
 * one wave hides (range A − range B is always a set of waves that are shown
 * on their own).
 */
export class WaveMetrics {
  private constructor(
    readonly waves: Map<number, WaveInfo>,
    private readonly questions: Map<number, ScoreQuestion[]>,
    private readonly invitations: Map<number, InvitationTally>,
    private readonly answers: Map<number, Map<number, AnswerTally>>,
    private readonly respondents: Map<number, InvitationTally>,
    private readonly rules: Map<number, WaveRules>,
  ) {}

  /**
   * Loads the counts of these waves. With a scope, invitations and answers
   * are read only for those teams (each with its subtree as frozen for the
   * wave) and leaders, and only groups inside it may be asked for.
   */
  static async load(em: EntityManager, policy: DisclosurePolicy, waveIdsOrFacts: Array<number | WaveInfo>, scope?: MetricScope): Promise<WaveMetrics> {
    // Waves whose facts the caller read already are not read again.
    const waves = new Map<number, WaveInfo>();
    for (const wave of waveIdsOrFacts) if (typeof wave !== 'number') waves.set(wave.id, wave);
    const ids = [...new Set(waveIdsOrFacts.map((wave) => (typeof wave === 'number' ? wave : wave.id)))];
    const toRead = ids.filter((id) => !waves.has(id));
    const marks = ids.map(() => '?').join(',');
    // Plain rows, not wave and survey entities: only these facts are needed. The waves and their
    // surveys' number questions side by side (on PostgreSQL one round trip's wait instead of two).
    const [waveRows, questionRows] = ids.length
      ? await Promise.all([
          toRead.length
            ? em.execute<Array<Record<string, unknown>>>(
                `select ${WAVE_FACT_COLUMNS} from survey_wave w join survey s on s.id = w.survey_id where w.id in (${toRead.map(() => '?').join(',')})`,
                toRead,
              )
            : Promise.resolve([] as Array<Record<string, unknown>>),
          em.execute<Array<Record<string, unknown>>>(
            `select id, survey_id, type, prompt, scale_max from survey_question
              where survey_id in (select survey_id from survey_wave where id in (${marks})) and type in (?, ?) order by survey_id, position`,
            [...ids, QuestionType.NPS, QuestionType.RATING],
          ),
        ])
      : [[], []];
    for (const row of waveRows) {
      const info = waveFactsOf(row);
      waves.set(info.id, info);
    }
    const questions = new Map<number, ScoreQuestion[]>();
    for (const r of questionRows) {
      push(questions, num(r.survey_id), {
        id: num(r.id),
        surveyId: num(r.survey_id),
        prompt: String(r.prompt),
        kind: r.type === QuestionType.NPS ? ('NPS' as const) : ('RATING' as const),
        scaleMax: r.scale_max == null ? null : num(r.scale_max),
      });
    }
    const allQuestionIds = [...questions.values()].flat().map((q) => q.id);
    if (scope?.headlineOnly) {
      for (const [surveyId, list] of questions) questions.set(surveyId, list.filter((q) => q.kind === 'NPS').slice(0, 1));
    }
    const rules = await loadWaveRules(em, policy, [...waves.values()].map((w) => ({ id: w.id, protect: w.protect, running: !w.closedAt })));
    const invitations = new Map<number, InvitationTally>();
    const respondents = new Map<number, InvitationTally>();
    const answers = new Map<number, Map<number, AnswerTally>>();
    const keep = (waveId: number, counts: WaveCounts) => {
      invitations.set(waveId, counts.invitations);
      respondents.set(waveId, counts.respondents);
      answers.set(waveId, counts.answers);
    };

    // A closed wave takes no more invitations or answers: its counts are read whole (every team and
    // leader, every number question) once per process and kept; only running waves are read each time.
    const cache = closedCountsOf(em);
    const closedToRead: WaveInfo[] = [];
    const running: WaveInfo[] = [];
    for (const wave of waves.values()) {
      if (!wave.closedAt) running.push(wave);
      else {
        const cached = cache.get(closedKey(wave));
        if (cached) keep(wave.id, cached);
        else closedToRead.push(wave);
      }
    }
    if (closedToRead.length) {
      for (const [waveId, counts] of await readClosedCounts(em, closedToRead, allQuestionIds)) keep(waveId, counts);
    }
    if (running.length) {
      const runningIds = running.map((w) => w.id);
      // A scoped team is read with its subtree as frozen for every wave asked about.
      const scopeTeams = scope?.teamIds ? [...new Set(scope.teamIds.flatMap((t) => runningIds.flatMap((w) => [...rules.get(w)!.tree.subtree(t)])))] : undefined;
      const [scoped, scopeParams] = scopeSql(scope && { ...scope, teamIds: scopeTeams });
      const questionIds = [...questions.values()].flat().map((q) => q.id);
      // A protected running wave shows no group's responses or answers before it closes (only who was invited):
      // they are not read.
      const answeredIds = runningIds.filter((id) => !rules.get(id)!.figuresWaitForClose);
      const read = await readCounts(em, runningIds, questionIds, scoped, scopeParams, answeredIds);
      for (const id of runningIds) keep(id, read.get(id) ?? emptyCounts());
    }
    return new WaveMetrics(waves, questions, invitations, answers, respondents, rules);
  }

  /** The number questions of a survey, in order. */
  questionsOf(surveyId: number): ScoreQuestion[] {
    return this.questions.get(surveyId) ?? [];
  }

  private treeOf(waveId: number): TeamTree {
    return this.rules.get(waveId)!.tree;
  }

  /** People of the group invited to a wave (not a survey result: shown regardless of the threshold). */
  invited(group: MetricGroup, waveId: number): number {
    return (this.invitations.get(waveId)?.of(group, this.treeOf(waveId)) ?? []).reduce((sum, tally) => sum + tally.n, 0);
  }

  /** Why this group is hidden in any of these waves, or null when it is shown in all of them. */
  suppressionOf(group: MetricGroup, waveIds: number[]): Suppression | null {
    for (const waveId of waveIds) {
      const hidden = this.rules.get(waveId)?.group(group as Group) ?? null;
      if (hidden) return hidden;
    }
    return null;
  }

  /** The group's figures over one wave or a pooled range of waves of one survey. */
  metrics(group: MetricGroup, waveIds: number[]): GroupMetrics {
    const surveyId = this.waves.get(waveIds[0]!)?.surveyId;
    const questions = surveyId === undefined ? [] : this.questionsOf(surveyId);
    const suppressed = this.suppressionOf(group, waveIds);
    const invited = waveIds.reduce((sum, id) => sum + this.invited(group, id), 0);
    if (suppressed) {
      return {
        suppressed,
        invited,
        responses: null,
        participation: null,
        nps: null,
        detractorShare: null,
        items: questions.map((question) => ({ question, value: null, answered: null, suppressed })),
      };
    }
    const responses = waveIds.reduce((sum, id) => sum + (this.respondents.get(id)?.of(group, this.treeOf(id)) ?? []).reduce((s, t) => s + t.n, 0), 0);
    const detractors = new Map<number, number>();
    const items = questions.map((question): ItemMetric => {
      // An optional question's answerers are judged on their own, in every wave of the pool.
      const hidden = waveIds.map((id) => this.rules.get(id)?.question(group as Group, question.id) ?? null).find(Boolean) ?? null;
      if (hidden) return { question, value: null, answered: null, suppressed: hidden };
      const counts = new Map<number, number>();
      for (const waveId of waveIds) {
        for (const tally of this.answers.get(waveId)?.get(question.id)?.of(group, this.treeOf(waveId)) ?? []) {
          for (const [value, n] of tally) counts.set(value, (counts.get(value) ?? 0) + n);
        }
      }
      const answered = [...counts.values()].reduce((a, b) => a + b, 0);
      if (!answered) return { question, value: null, answered, suppressed: null };
      if (question.kind === 'RATING') return { question, value: meanOf(counts), answered, suppressed: null };
      const score = npsOf(counts);
      detractors.set(question.id, score.detractors);
      return { question, value: score.score, answered, suppressed: null };
    });
    const headline = items.find((item) => item.question.kind === 'NPS');
    const nps = headline?.value ?? null;
    const detractorShare = headline?.answered ? ratio(detractors.get(headline.question.id) ?? 0, headline.answered) : null;
    return { suppressed: null, invited, responses, participation: ratio(responses, invited), nps, detractorShare, items };
  }
}
