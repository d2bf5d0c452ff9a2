import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { QuestionType, Survey, SurveyAudience, SurveyQuestion } from './survey.entity.js';
import { DomainError, badInput } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { memberTest, type Cell, type Group } from './disclosure.js';
import type { TeamTree } from '../teams/team-tree.js';
import { cellOf, disclosurePolicy, loadWaveRules, steppedCount, type WaveRules } from './wave-rules.js';
import type { ResultSlice } from './survey.types.js';
import { num, toBool, toDate } from '../db/raw.js';
import { readRows } from '../db/read-rows.js';
import type { Opt } from '@mikro-orm/core';

/** Employee voice is always protected; customer surveys when they are anonymous. */
export function isProtected(survey: Pick<Survey, 'audience' | 'anonymous'>): boolean {
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

/**
 * SQL condition on a table with the segment columns (responses or invitations) for a group, by the
 * frozen trees of the waves it reads (a team's subtree in any of them; `inGroup` then sorts rows per wave).
 */
function groupSql(alias: string, group: Group, trees: TeamTree[]): [string, unknown[]] {
  switch (group.kind) {
    case 'ALL':
      return ['1 = 1', []];
    case 'TEAM': {
      const ids = [...new Set(trees.flatMap((tree) => [...tree.subtree(group.teamId)]))];
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

/** Whether a response row (segment columns) is in a group, by one wave's frozen tree. */
function inGroup(group: Group, tree: TeamTree, r: Record<string, unknown>): boolean {
  return memberTest(group, tree)(cellOf(r));
}

async function labelOf(ctx: Context, group: Group): Promise<string> {
  switch (group.kind) {
    case 'ALL':
      return 'Everyone';
    case 'TEAM':
      return `Team ${(await ctx.loaders.team.load(group.teamId))?.name ?? group.teamId} (with sub-teams)`;
    case 'LEADER':
      return `Reports of ${(await ctx.loaders.employeeRow.load(group.leaderId))?.name ?? group.leaderId}`;
    case 'BAND':
      return `Tenure ${group.band}`;
    case 'SEGMENT':
      return `Segment ${group.segment}`;
  }
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
 * never by loading responses), through the disclosure policy when the survey
 * is protected. Suppressed numbers are null, with the reason. While a
 * protected wave runs, only the whole wave's response count and rate are
 * shown, in whole steps of k; every figure waits for the close.
 */
export async function surveyResults(ctx: Context, surveyId: string, slice?: ResultSlice) {
  const em = ctx.em;
  const policy = disclosurePolicy(ctx.config);
  const k = policy.k;
  const id = parseId(surveyId, 'surveyId');
  // The survey with its waves, and its questions, side by side as plain rows: only these facts are needed, and
  // hydrating entities cost more than the statements (the scorecard asks twice).
  const [surveyAndWaves, questions] = await Promise.all([surveyWaveRows(em, id), questionRows(em, id)]);
  if (!surveyAndWaves) throw new DomainError('NOT_FOUND', `Survey ${surveyId} was not found`, { field: 'surveyId' });
  const { survey, waves } = surveyAndWaves;
  if (!waves.length) throw new DomainError('SURVEY_NOT_OPEN', 'The survey has not been opened yet', { field: 'surveyId' });
  const wave = slice?.waveId ? waves.find((w) => w.id === parseId(slice.waveId!, 'slice.waveId')) : waves.at(-1);
  if (!wave) throw new DomainError('NOT_FOUND', `Wave ${slice?.waveId} is not part of this survey`, { field: 'slice.waveId' });
  const group = groupOf(slice);
  const protect = isProtected(survey);
  const rulesLoad = loadWaveRules(em, policy, waves.map((w) => ({ id: w.id, protect, running: !w.closedAt })));
  // Only a team is written as SQL through the frozen trees: any other group's statements start beside the rules
  // (one round trip fewer in a row; the scorecard asks about leaders).
  const treesForSql = group.kind === 'TEAM' ? await rulesLoad : null;
  const [where, params] = groupSql('r', group, treesForSql ? [treesForSql.get(wave.id)!.tree] : []);
  const [invitedWhere, invitedParams] = groupSql('i', group, treesForSql ? [treesForSql.get(wave.id)!.tree] : []);
  const [anyWave, anyWaveParams] = groupSql('r', group, treesForSql ? [...treesForSql.values()].map((r) => r.tree) : []);

  // Trend: one grouped statement for the headline question over all waves, grouped by segment facts so that
  // each wave's point uses that wave's frozen tree; each point is judged on its own wave.
  const headline = questions.find((q) => q.type === QuestionType.NPS) ?? questions.find((q) => q.type === QuestionType.RATING);
  const waveMarks = waves.map(() => '?').join(',');
  // The label, the trend, the responses and the invitations do not depend on each other: side by side.
  const [rules, groupLabel, trendRows, responseRows, [invitedRow]] = await Promise.all([
    rulesLoad,
    labelOf(ctx, group),
    headline
      ? em.execute<Array<Record<string, unknown>>>(
          `select r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment, a.numeric_value, count(*) as c
             from survey_answer a join survey_response r on r.id = a.response_id
            where a.question_id = ? and ${anyWave} group by r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment, a.numeric_value`,
          [headline.id, ...anyWaveParams],
        )
      : Promise.resolve([] as Array<Record<string, unknown>>),
    em.execute<Array<Record<string, unknown>>>(
      `select r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment, count(*) as c from survey_response r
        where r.wave_id in (${waveMarks}) and ${anyWave} group by r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment`,
      [...waves.map((w) => w.id), ...anyWaveParams],
    ),
    em.execute<Array<Record<string, unknown>>>(`select count(*) as c from survey_invitation i where i.wave_id = ? and ${invitedWhere}`, [
      wave.id,
      ...invitedParams,
    ]),
  ]);
  const waveRules = rules.get(wave.id)!;
  const suppressed = waveRules.group(group);
  const base = { waveNumber: wave.number, groupLabel, threshold: k, suppressed };
  const responsesIn = (waveId: number) =>
    responseRows.filter((r) => num(r.wave_id) === waveId && inGroup(group, rules.get(waveId)!.tree, r)).reduce((sum, r) => sum + num(r.c), 0);
  const trend = waves.map((w) => {
    const waveTree = rules.get(w.id)!.tree;
    const hidden = rules.get(w.id)!.group(group) ?? (headline ? rules.get(w.id)!.question(group, headline.id) : null);
    const counts = new Map<number, number>();
    for (const r of trendRows) {
      if (num(r.wave_id) !== w.id || !inGroup(group, waveTree, r)) continue;
      counts.set(num(r.numeric_value), (counts.get(num(r.numeric_value)) ?? 0) + num(r.c));
    }
    const score = headline?.type === QuestionType.NPS ? (counts.size ? npsOf(counts).score : null) : meanOf(counts);
    return { waveNumber: w.number, suppressed: hidden, responses: hidden ? null : responsesIn(w.id), score: hidden ? null : score };
  });

  const invited = num(invitedRow?.c);
  if (suppressed) {
    // A running wave shows how many have answered, for everyone only, in whole steps of k.
    const running = suppressed === 'WAVE_RUNNING' && group.kind === 'ALL';
    const stepped = running ? steppedCount(responsesIn(wave.id), k) : null;
    return {
      ...base,
      invited: running ? invited : null,
      responses: stepped,
      responseRate: running && invited ? Math.round((stepped! / invited) * 1000) / 1000 : null,
      questions: questions.map((question) => ({ question, answered: null, suppressed, distribution: [], comments: [] })),
      trend,
    };
  }

  const responses = responsesIn(wave.id);
  // The answers, who answered and the comments: side by side.
  const [answerRows, answeredRows, commentRows] = await Promise.all([
    em.execute<Array<Record<string, unknown>>>(
      `select a.question_id, a.numeric_value, a.option_index, count(*) as c
         from survey_answer a join survey_response r on r.id = a.response_id
        where r.wave_id = ? and ${where} and a.text is null
        group by a.question_id, a.numeric_value, a.option_index`,
      [wave.id, ...params],
    ),
    em.execute<Array<Record<string, unknown>>>(
      `select a.question_id, count(distinct a.response_id) as c from survey_answer a join survey_response r on r.id = a.response_id
        where r.wave_id = ? and ${where} group by a.question_id`,
      [wave.id, ...params],
    ),
    em.execute<Array<{ question_id: number; text: string }>>(
      `select a.question_id, a.text from survey_answer a join survey_response r on r.id = a.response_id
        where r.wave_id = ? and ${where} and a.text is not null order by a.text`,
      [wave.id, ...params],
    ),
  ]);

  return {
    ...base,
    invited,
    responses,
    responseRate: invited ? Math.round((responses / invited) * 1000) / 1000 : null,
    trend,
    questions: questions.map((question) =>
      questionResult(
        question,
        waveRules,
        group,
        num(answeredRows.find((r) => num(r.question_id) === question.id)?.c),
        answerRows.filter((r) => num(r.question_id) === question.id),
        commentRows.filter((r) => num(r.question_id) === question.id).map((r) => r.text),
      ),
    ),
  };
}

/** What results show of a question (the entity's fields, or the same read from a plain row). */
type ResultQuestion = Pick<SurveyQuestion, 'id' | 'position' | 'type' | 'prompt' | 'required' | 'scaleMax' | 'options'>;

/** A survey's protection facts and its waves, first to last, from one statement; null when there is no such survey. */
async function surveyWaveRows(em: EntityManager, surveyId: number) {
  const rows = await readRows<Record<string, unknown>>(
    em,
    `select s.audience, s.anonymous, w.id, w.number, w.closed_at from survey s left join survey_wave w on w.survey_id = s.id
      where s.id = ? order by w.number`,
    [surveyId],
  );
  if (!rows.length) return null;
  return {
    survey: { audience: rows[0]!.audience as SurveyAudience, anonymous: Boolean(toBool(rows[0]!.anonymous)) },
    waves: rows.filter((r) => r.id != null).map((r) => ({ id: num(r.id), number: num(r.number), closedAt: toDate(r.closed_at) })),
  };
}

/** A survey's questions in order, as plain rows. */
async function questionRows(em: EntityManager, surveyId: number): Promise<ResultQuestion[]> {
  const rows = await readRows<Record<string, unknown>>(
    em,
    'select id, position, type, prompt, required, scale_max, options from survey_question where survey_id = ? order by position',
    [surveyId],
  );
  return rows.map((r) => ({
    id: num(r.id),
    position: num(r.position),
    type: r.type as QuestionType,
    prompt: String(r.prompt),
    required: Boolean(toBool(r.required)),
    scaleMax: r.scale_max == null ? null : num(r.scale_max),
    // json: parsed by PostgreSQL's driver, text on SQLite.
    options: (typeof r.options === 'string' ? JSON.parse(r.options) : r.options) as string[] & Opt,
  }));
}

/**
 * One question's figures for a group whose wave figures are shown: hidden
 * when the question's own answerers (or, for free text, commenters) are too
 * few or could be differenced. `rows` are this question's answer counts in the
 * group (numeric_value, option_index, c); `comments` its texts in the group.
 */
function questionResult(question: ResultQuestion, rules: WaveRules, group: Group, answered: number, rows: Array<Record<string, unknown>>, comments: string[]) {
  const hidden = rules.question(group, question.id);
  if (hidden) return { question, answered: null, suppressed: hidden, distribution: [], comments: [] };
  if (question.type === QuestionType.FREE_TEXT) {
    const hideComments = rules.comments(group, question.id);
    return { question, answered, suppressed: hideComments, distribution: [], comments: hideComments ? [] : comments };
  }
  if (question.type === QuestionType.SINGLE_CHOICE || question.type === QuestionType.MULTIPLE_CHOICE) {
    return {
      question,
      answered,
      suppressed: null,
      comments: [],
      distribution: question.options.map((label, index) => ({
        value: index,
        label,
        count: rows.reduce((sum, r) => (r.option_index != null && num(r.option_index) === index ? sum + num(r.c) : sum), 0),
      })),
    };
  }
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(num(r.numeric_value), (counts.get(num(r.numeric_value)) ?? 0) + num(r.c));
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
}

/** Every group a wave's figures could be reported for: everyone, each team (with its ancestors) and leader, band and segment that has respondents. */
function candidateGroups(tree: TeamTree, cells: Cell[]): Group[] {
  const distinct = <T,>(values: Array<T | null>) => [...new Set(values.filter((v): v is T => v !== null))].sort();
  return [
    { kind: 'ALL' },
    ...tree.withAncestors(distinct(cells.map((c) => c.teamId))).sort((a, b) => a - b).map((teamId): Group => ({ kind: 'TEAM', teamId })),
    ...distinct(cells.map((c) => c.leaderId)).sort((a, b) => a - b).map((leaderId): Group => ({ kind: 'LEADER', leaderId })),
    ...distinct(cells.map((c) => c.band)).map((band): Group => ({ kind: 'BAND', band })),
    ...distinct(cells.map((c) => c.segment)).map((segment): Group => ({ kind: 'SEGMENT', segment })),
  ];
}

/**
 * The figures of one closed wave for every group its disclosure decisions
 * show (hidden groups are left out, and so are hidden questions' figures):
 * what a BI tool extracts, a wave at a time. Five grouped statements per wave
 * whatever the number of groups — respondents, answers and answerers per
 * segment cell, and comments — summed per group in memory with the same
 * membership test the decisions used. A closed wave takes no more responses,
 * so these figures never change once the wave has closed.
 */
export async function closedWaveResults(em: EntityManager, policy: ReturnType<typeof disclosurePolicy>, wave: { id: number; surveyId: number; protect: boolean }) {
  const rules = (await loadWaveRules(em, policy, [{ id: wave.id, protect: wave.protect, running: false }])).get(wave.id)!;
  const questions = await em.find(SurveyQuestion, { survey: wave.surveyId }, { orderBy: { position: 'asc' } });
  const segment = 'r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment';
  const respondentRows = await em.execute<Array<Record<string, unknown>>>(
    `select ${segment}, count(*) as n from survey_response r where r.wave_id = ? group by ${segment}`,
    [wave.id],
  );
  const answerRows = await em.execute<Array<Record<string, unknown>>>(
    `select ${segment}, a.question_id, a.numeric_value, a.option_index, count(*) as c
       from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? and a.text is null group by ${segment}, a.question_id, a.numeric_value, a.option_index`,
    [wave.id],
  );
  const answeredRows = await em.execute<Array<Record<string, unknown>>>(
    `select ${segment}, a.question_id, count(distinct a.response_id) as c
       from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? group by ${segment}, a.question_id`,
    [wave.id],
  );
  const commentRows = await em.execute<Array<Record<string, unknown>>>(
    `select ${segment}, a.question_id, a.text from survey_answer a join survey_response r on r.id = a.response_id
      where r.wave_id = ? and a.text is not null order by a.text`,
    [wave.id],
  );
  const cells = respondentRows.map(cellOf);
  const results = [];
  for (const group of candidateGroups(rules.tree, cells)) {
    if (rules.group(group)) continue;
    const member = memberTest(group, rules.tree);
    const inGroup = (r: Record<string, unknown>) => member(cellOf(r));
    const responses = cells.filter((cell) => member(cell)).reduce((sum, cell) => sum + cell.n, 0);
    if (!responses) continue;
    const answers = answerRows.filter(inGroup);
    const answered = answeredRows.filter(inGroup);
    const comments = commentRows.filter(inGroup);
    const ofQuestion = (rows: Array<Record<string, unknown>>, id: number) => rows.filter((r) => num(r.question_id) === id);
    results.push({
      group,
      responses,
      questions: questions.map((question) =>
        questionResult(
          question,
          rules,
          group,
          ofQuestion(answered, question.id).reduce((sum, r) => sum + num(r.c), 0),
          ofQuestion(answers, question.id),
          ofQuestion(comments, question.id).map((r) => String(r.text)),
        ),
      ),
    });
  }
  return results;
}
