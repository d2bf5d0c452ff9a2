import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { QuestionType, Survey, SurveyAudience, SurveyQuestion, SurveyWave } from './survey.entity.js';
import { Team } from '../teams/team.entity.js';
import { Employee } from '../people/employee.entity.js';
import { DomainError, badInput } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { teamSubtreeIds } from '../leadership/leadership.queries.js';
import { WaveAnonymity, type Cell, type Group, type TeamParents } from './anonymity.js';
import type { ResultSlice } from './survey.types.js';
import { num } from '../db/raw.js';

/** Employee voice is always protected; customer surveys when they are anonymous. */
export function isProtected(survey: Survey): boolean {
  return survey.audience === SurveyAudience.EMPLOYEES || survey.anonymous;
}

function groupOf(slice: ResultSlice | undefined): Group {
  const given = [slice?.teamId, slice?.subjectLeaderId, slice?.tenureBand, slice?.customerSegment].filter((v) => v != null && v !== '');
  if (given.length > 1) {
    // One dimension at a time: "a team with vs without a filter" is exactly the differencing attack.
    throw badInput('slice', 'Choose at most one group (team, leader, tenure band or customer segment)');
  }
  if (slice?.teamId) return { kind: 'TEAM', teamId: parseId(slice.teamId, 'slice.teamId') };
  if (slice?.subjectLeaderId) return { kind: 'LEADER', leaderId: parseId(slice.subjectLeaderId, 'slice.subjectLeaderId') };
  if (slice?.tenureBand) return { kind: 'BAND', band: slice.tenureBand };
  if (slice?.customerSegment) return { kind: 'SEGMENT', segment: slice.customerSegment };
  return { kind: 'ALL' };
}

/** SQL condition on a table with the segment columns (responses or invitations) for a group. */
async function groupSql(em: EntityManager, alias: string, group: Group): Promise<[string, unknown[]]> {
  switch (group.kind) {
    case 'ALL':
      return ['1 = 1', []];
    case 'TEAM': {
      const ids = await teamSubtreeIds(em, group.teamId);
      return [`${alias}.team_id in (${ids.map(() => '?').join(',')})`, ids];
    }
    case 'LEADER':
      return [`${alias}.subject_leader_id = ?`, [group.leaderId]];
    case 'BAND':
      return [`${alias}.tenure_band = ?`, [group.band]];
    case 'SEGMENT':
      return [`${alias}.customer_segment = ?`, [group.segment]];
  }
}

async function labelOf(em: EntityManager, group: Group): Promise<string> {
  switch (group.kind) {
    case 'ALL':
      return 'Everyone';
    case 'TEAM':
      return `Team ${(await em.findOne(Team, { id: group.teamId }))?.name ?? group.teamId} (with sub-teams)`;
    case 'LEADER':
      return `Reports of ${(await em.findOne(Employee, { id: group.leaderId }))?.name ?? group.leaderId}`;
    case 'BAND':
      return `Tenure ${group.band}`;
    case 'SEGMENT':
      return `Segment ${group.segment}`;
  }
}

/** Response counts per segment cell of each wave: what the anonymity rules judge. */
export async function cellsByWave(em: EntityManager, waveIds: number[]): Promise<Map<number, Cell[]>> {
  const result = new Map<number, Cell[]>(waveIds.map((id) => [id, []]));
  if (!waveIds.length) return result;
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select wave_id, team_id, subject_leader_id, tenure_band, customer_segment, count(*) as n from survey_response
      where wave_id in (${waveIds.map(() => '?').join(',')}) group by wave_id, team_id, subject_leader_id, tenure_band, customer_segment`,
    waveIds,
  );
  for (const r of rows) {
    result.get(num(r.wave_id))?.push({
      teamId: r.team_id == null ? null : num(r.team_id),
      leaderId: r.subject_leader_id == null ? null : num(r.subject_leader_id),
      band: (r.tenure_band as string | null) ?? null,
      segment: (r.customer_segment as string | null) ?? null,
      n: num(r.n),
    });
  }
  return result;
}

export async function teamParents(em: EntityManager): Promise<TeamParents> {
  const rows = await em.execute<Array<{ id: number; parent_id: number | null }>>('select id, parent_id from team');
  return new Map(rows.map((r) => [num(r.id), r.parent_id == null ? null : num(r.parent_id)]));
}

/** NPS: %promoters (9–10) − %detractors (0–6), −100..100. */
export function npsOf(counts: Map<number, number>) {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [value, c] of counts) {
    if (value >= 9) promoters += c;
    else if (value >= 7) passives += c;
    else detractors += c;
  }
  const total = promoters + passives + detractors;
  return { score: total ? Math.round(((promoters - detractors) / total) * 1000) / 10 : 0, promoters, passives, detractors };
}

export function meanOf(counts: Map<number, number>): number | null {
  let sum = 0;
  let total = 0;
  for (const [value, c] of counts) {
    sum += value * c;
    total += c;
  }
  return total ? Math.round((sum / total) * 100) / 100 : null;
}

/**
 * Results of one wave for one group, computed by the database (grouped SQL,
 * never by loading responses), under the anonymity rules when the survey is
 * protected. Suppressed numbers are null, with the reason.
 */
export async function surveyResults(ctx: Context, surveyId: string, slice?: ResultSlice) {
  const em = ctx.em;
  const k = ctx.config.anonymityThreshold;
  const survey = await em.findOne(Survey, { id: parseId(surveyId, 'surveyId') });
  if (!survey) throw new DomainError('NOT_FOUND', `Survey ${surveyId} was not found`, { field: 'surveyId' });
  const waves = await em.find(SurveyWave, { survey }, { orderBy: { number: 'asc' } });
  if (!waves.length) throw new DomainError('SURVEY_NOT_OPEN', 'The survey has not been opened yet', { field: 'surveyId' });
  const wave = slice?.waveId ? waves.find((w) => w.id === parseId(slice.waveId!, 'slice.waveId')) : waves.at(-1);
  if (!wave) throw new DomainError('NOT_FOUND', `Wave ${slice?.waveId} is not part of this survey`, { field: 'slice.waveId' });
  const group = groupOf(slice);
  const protect = isProtected(survey);
  const [where, params] = await groupSql(em, 'r', group);
  const [invitedWhere, invitedParams] = await groupSql(em, 'i', group);
  const cells = await cellsByWave(em, waves.map((w) => w.id));
  const parents = protect ? await teamParents(em) : new Map();
  const suppression = (waveId: number) => (protect ? new WaveAnonymity(cells.get(waveId) ?? [], parents, k).suppressionOf(group) : null);

  const suppressed = suppression(wave.id);
  const questions = await em.find(SurveyQuestion, { survey }, { orderBy: { position: 'asc' } });
  const base = {
    waveNumber: wave.number,
    groupLabel: await labelOf(em, group),
    threshold: k,
    suppressed,
  };

  // Trend: one grouped statement for the headline question over all waves; each point judged on its own wave.
  const headline = questions.find((q) => q.type === QuestionType.NPS) ?? questions.find((q) => q.type === QuestionType.RATING);
  const trendRows = headline
    ? await em.execute<Array<Record<string, unknown>>>(
        `select r.wave_id, a.numeric_value, count(*) as c from survey_answer a join survey_response r on r.id = a.response_id
          where a.question_id = ? and ${where} group by r.wave_id, a.numeric_value`,
        [headline.id, ...params],
      )
    : [];
  const responsesPerWave = await em.execute<Array<Record<string, unknown>>>(
    `select r.wave_id, count(*) as c from survey_response r where r.wave_id in (${waves.map(() => '?').join(',')}) and ${where} group by r.wave_id`,
    [...waves.map((w) => w.id), ...params],
  );
  const trend = waves.map((w) => {
    const hidden = suppression(w.id);
    const counts = new Map(trendRows.filter((r) => num(r.wave_id) === w.id).map((r) => [num(r.numeric_value), num(r.c)]));
    const responses = num(responsesPerWave.find((r) => num(r.wave_id) === w.id)?.c);
    const score = headline?.type === QuestionType.NPS ? (counts.size ? npsOf(counts).score : null) : meanOf(counts);
    return { waveNumber: w.number, suppressed: hidden, responses: hidden ? null : responses, score: hidden ? null : score };
  });

  if (suppressed) {
    return {
      ...base,
      invited: null,
      responses: null,
      responseRate: null,
      questions: questions.map((question) => ({ question, answered: null, suppressed, distribution: [], comments: [] })),
      trend,
    };
  }

  const [invitedRow] = await em.execute<Array<Record<string, unknown>>>(
    `select count(*) as c from survey_invitation i where i.wave_id = ? and ${invitedWhere}`,
    [wave.id, ...invitedParams],
  );
  const responses = num(responsesPerWave.find((r) => num(r.wave_id) === wave.id)?.c);
  const invited = num(invitedRow?.c);
  const answerRows = await em.execute<Array<Record<string, unknown>>>(
    `select a.question_id, a.numeric_value, a.option_index, count(*) as c
       from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? and ${where} and a.text is null
      group by a.question_id, a.numeric_value, a.option_index`,
    [wave.id, ...params],
  );
  const answeredRows = await em.execute<Array<Record<string, unknown>>>(
    `select a.question_id, count(distinct a.response_id) as c from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? and ${where} group by a.question_id`,
    [wave.id, ...params],
  );
  const commentRows = await em.execute<Array<{ question_id: number; text: string }>>(
    `select a.question_id, a.text from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? and ${where} and a.text is not null order by a.text`,
    [wave.id, ...params],
  );

  return {
    ...base,
    invited,
    responses,
    responseRate: invited ? Math.round((responses / invited) * 1000) / 1000 : null,
    trend,
    questions: questions.map((question) => {
      const answered = num(answeredRows.find((r) => num(r.question_id) === question.id)?.c);
      // A question answered by fewer than k (optional questions) is hidden on its own.
      if (protect && answered < k) return { question, answered: null, suppressed: 'BELOW_THRESHOLD' as const, distribution: [], comments: [] };
      const rows = answerRows.filter((r) => num(r.question_id) === question.id);
      if (question.type === QuestionType.FREE_TEXT) {
        const hideComments = protect && answered < ctx.config.commentThreshold;
        return {
          question,
          answered,
          suppressed: hideComments ? ('COMMENTS_BELOW_THRESHOLD' as const) : null,
          distribution: [],
          comments: hideComments ? [] : commentRows.filter((r) => num(r.question_id) === question.id).map((r) => r.text),
        };
      }
      if (question.type === QuestionType.SINGLE_CHOICE || question.type === QuestionType.MULTIPLE_CHOICE) {
        return {
          question,
          answered,
          suppressed: null,
          comments: [],
          distribution: question.options.map((label, index) => ({ value: index, label, count: num(rows.find((r) => num(r.option_index) === index)?.c) })),
        };
      }
      const counts = new Map(rows.map((r) => [num(r.numeric_value), num(r.c)]));
      const [min, max] = question.type === QuestionType.NPS ? [0, 10] : [1, question.scaleMax ?? 5];
      const distribution = Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, label: String(min + i), count: counts.get(min + i) ?? 0 }));
      const total = distribution.reduce((sum, b) => sum + b.count, 0);
      const top2 = distribution.filter((b) => b.value >= 4).reduce((sum, b) => sum + b.count, 0);
      return {
        question,
        answered,
        suppressed: null,
        comments: [],
        distribution,
        nps: question.type === QuestionType.NPS ? npsOf(counts) : null,
        mean: meanOf(counts),
        // CSAT = share of 4–5 on a 1–5 scale.
        csat: question.type === QuestionType.RATING && question.scaleMax === 5 && total ? Math.round((top2 / total) * 1000) / 10 : null,
      };
    }),
  };
}
