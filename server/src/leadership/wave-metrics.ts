import type { EntityManager } from '@mikro-orm/knex';
import { QuestionType, SurveyWave } from '../surveys/survey.entity.js';
import { WaveAnonymity, type Cell, type Suppression, type TeamParents } from '../surveys/anonymity.js';
import { cellsByWave, isProtected, meanOf, npsOf, teamParents } from '../surveys/survey-results.js';

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
  invited: number | null;
  responses: number | null;
  /** responses ÷ invited, 0..1. */
  participation: number | null;
  /** The survey's first NPS question: leader NPS in a leadership survey, eNPS in an engagement survey. */
  nps: number | null;
  /** Share of 0–6 answers to that question, 0..1. */
  detractorShare: number | null;
  items: ItemMetric[];
}

/** A count of responses, invitations or answers in one segment cell (tenure band and segment are not needed here). */
type CountRow = Cell & { questionId?: number; value?: number };

const num = (v: unknown) => Number(v ?? 0);
const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Leadership figures for many groups over a set of survey waves, from a fixed
 * number of grouped statements (waves, questions, invitations, answers,
 * segment cells, team tree) however many groups are asked for. Every figure
 * goes through the surveys' anonymity rules, decided per wave and group by
 * `WaveAnonymity`. Several waves of one survey can be pooled (a range); the
 * pool is shown only when each of its waves is shown for that group, so a
 * range never reveals what one wave hides (range A − range B is always a set
 * of waves that are shown on their own).
 */
export class WaveMetrics {
  private readonly anonymity = new Map<number, WaveAnonymity>();

  private constructor(
    private readonly k: number,
    readonly waves: Map<number, WaveInfo>,
    private readonly questions: Map<number, ScoreQuestion[]>,
    private readonly invitations: Map<number, CountRow[]>,
    private readonly answers: Map<number, Map<number, CountRow[]>>,
    private readonly cells: Map<number, Cell[]>,
    private readonly parents: TeamParents,
  ) {}

  static async load(em: EntityManager, k: number, waveIds: number[]): Promise<WaveMetrics> {
    const ids = [...new Set(waveIds)];
    const marks = ids.map(() => '?').join(',') || 'null';
    const waveRows = ids.length ? await em.find(SurveyWave, { id: { $in: ids } }, { populate: ['survey'] }) : [];
    const waves = new Map<number, WaveInfo>(
      waveRows.map((w) => {
        const survey = w.survey.getEntity();
        const info = { id: w.id, number: w.number, surveyId: survey.id, surveyTitle: survey.title, purpose: survey.purpose, openedAt: w.openedAt, closedAt: w.closedAt ?? null, protect: isProtected(survey) };
        return [w.id, info];
      }),
    );
    const surveyIds = [...new Set([...waves.values()].map((w) => w.surveyId))];
    const questions = new Map<number, ScoreQuestion[]>();
    if (surveyIds.length) {
      const rows = await em.execute<Array<Record<string, unknown>>>(
        `select id, survey_id, type, prompt, scale_max from survey_question
          where survey_id in (${surveyIds.map(() => '?').join(',')}) and type in (?, ?) order by survey_id, position`,
        [...surveyIds, QuestionType.NPS, QuestionType.RATING],
      );
      for (const r of rows) {
        push(questions, num(r.survey_id), {
          id: num(r.id),
          surveyId: num(r.survey_id),
          prompt: String(r.prompt),
          kind: r.type === QuestionType.NPS ? ('NPS' as const) : ('RATING' as const),
          scaleMax: r.scale_max == null ? null : num(r.scale_max),
        });
      }
    }
    const cellOf = (r: Record<string, unknown>): CountRow => ({
      teamId: r.team_id == null ? null : num(r.team_id),
      leaderId: r.subject_leader_id == null ? null : num(r.subject_leader_id),
      band: null,
      segment: null,
      n: num(r.n),
    });
    const invitations = new Map<number, CountRow[]>();
    const answers = new Map<number, Map<number, CountRow[]>>();
    if (ids.length) {
      const invitationRows = await em.execute<Array<Record<string, unknown>>>(
        `select wave_id, team_id, subject_leader_id, count(*) as n from survey_invitation
          where wave_id in (${marks}) group by wave_id, team_id, subject_leader_id`,
        ids,
      );
      for (const r of invitationRows) push(invitations, num(r.wave_id), cellOf(r));
      const answerRows = await em.execute<Array<Record<string, unknown>>>(
        `select r.wave_id, a.question_id, r.team_id, r.subject_leader_id, a.numeric_value, count(*) as n
           from survey_answer a join survey_response r on r.id = a.response_id
          where r.wave_id in (${marks}) and a.numeric_value is not null
          group by r.wave_id, a.question_id, r.team_id, r.subject_leader_id, a.numeric_value`,
        ids,
      );
      for (const r of answerRows) {
        const byQuestion = answers.get(num(r.wave_id)) ?? new Map<number, CountRow[]>();
        answers.set(num(r.wave_id), byQuestion);
        push(byQuestion, num(r.question_id), { ...cellOf(r), questionId: num(r.question_id), value: num(r.numeric_value) });
      }
    }
    const cells = await cellsByWave(em, ids);
    return new WaveMetrics(k, waves, questions, invitations, answers, cells, await teamParents(em));
  }

  /** The number questions of a survey, in order. */
  questionsOf(surveyId: number): ScoreQuestion[] {
    return this.questions.get(surveyId) ?? [];
  }

  private rules(waveId: number): WaveAnonymity {
    let rules = this.anonymity.get(waveId);
    if (!rules) {
      rules = new WaveAnonymity(this.cells.get(waveId) ?? [], this.parents, this.k);
      this.anonymity.set(waveId, rules);
    }
    return rules;
  }

  /** People of the group invited to a wave (not a survey result: shown regardless of the threshold). */
  invited(group: MetricGroup, waveId: number): number {
    const member = this.rules(waveId).memberTest(group);
    return (this.invitations.get(waveId) ?? []).reduce((sum, row) => sum + (member(row) ? row.n : 0), 0);
  }

  /** Why this group is hidden in any of these waves, or null when it is shown in all of them. */
  suppressionOf(group: MetricGroup, waveIds: number[]): Suppression | null {
    for (const waveId of waveIds) {
      const wave = this.waves.get(waveId);
      const hidden = wave?.protect ? this.rules(waveId).suppressionOf(group) : null;
      if (hidden) return hidden;
    }
    return null;
  }

  /** The group's figures over one wave or a pooled range of waves of one survey. */
  metrics(group: MetricGroup, waveIds: number[]): GroupMetrics {
    const surveyId = this.waves.get(waveIds[0]!)?.surveyId;
    const protect = waveIds.some((id) => this.waves.get(id)?.protect);
    const questions = surveyId === undefined ? [] : this.questionsOf(surveyId);
    const suppressed = this.suppressionOf(group, waveIds);
    if (suppressed) {
      return {
        suppressed,
        invited: null,
        responses: null,
        participation: null,
        nps: null,
        detractorShare: null,
        items: questions.map((question) => ({ question, value: null, answered: null, suppressed })),
      };
    }
    const invited = waveIds.reduce((sum, id) => sum + this.invited(group, id), 0);
    const responses = waveIds.reduce((sum, id) => sum + this.rules(id).size(group), 0);
    const detractors = new Map<number, number>();
    const items = questions.map((question): ItemMetric => {
      const counts = new Map<number, number>();
      for (const waveId of waveIds) {
        const member = this.rules(waveId).memberTest(group);
        for (const row of this.answers.get(waveId)?.get(question.id) ?? []) {
          if (member(row)) counts.set(row.value!, (counts.get(row.value!) ?? 0) + row.n);
        }
      }
      const answered = [...counts.values()].reduce((a, b) => a + b, 0);
      // An optional question answered by fewer than k is hidden on its own, as in survey results.
      if (protect && answered < this.k) return { question, value: null, answered: null, suppressed: 'BELOW_THRESHOLD' };
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
