import type { EntityManager } from '@mikro-orm/knex';
import type { Config } from '../config.js';
import { num } from '../db/raw.js';
import { WaveDisclosure, type Cell, type Group, type Suppression } from './disclosure.js';
import { TeamTree, teamParents, type TeamParents } from '../teams/team-tree.js';

/** The thresholds every survey figure is judged by, read from the configuration in one place. */
export interface DisclosurePolicy {
  /** Fewest respondents behind any shown figure (k). */
  k: number;
  /** Fewest commenters behind a shown comment list. */
  commentK: number;
  /** Off only in the benchmark that measures what the policy costs; never from the environment. */
  enforced: boolean;
}

export function disclosurePolicy(config: Config): DisclosurePolicy {
  return { k: config.anonymityThreshold, commentK: config.commentThreshold, enforced: config.disclosureControl };
}

/** What the rules need to know about a wave. */
export interface WaveFacts {
  id: number;
  /** Employee voice and anonymous customer surveys are protected; named customer surveys are not. */
  protect: boolean;
  /** Still accepting responses: protected figures wait for the close. */
  running: boolean;
}

/** A question whose answerers differ from the wave's respondents: optional ones and free text. */
interface QuestionFacts {
  id: number;
  required: boolean;
  freeText: boolean;
}

/**
 * The disclosure decisions of one wave: for its respondents, for the
 * answerers of each optional question and for each free-text question's
 * commenters, all grouped by the team tree frozen for the wave.
 */
export class WaveRules {
  constructor(
    readonly waveId: number,
    readonly tree: TeamTree,
    private readonly facts: WaveFacts,
    private readonly respondents: WaveDisclosure | null,
    private readonly answerers: Map<number, WaveDisclosure>,
    private readonly commenters: Map<number, WaveDisclosure>,
  ) {}

  get running(): boolean {
    return this.facts.running;
  }

  /** A protected wave still running: every group's figures are hidden (WAVE_RUNNING) until it closes. */
  get figuresWaitForClose(): boolean {
    return this.respondents !== null && this.facts.running;
  }

  /** Why a group's figures are hidden in this wave, or null when they are shown. */
  group(group: Group): Suppression | null {
    if (!this.respondents) return null;
    if (this.figuresWaitForClose) return 'WAVE_RUNNING';
    return this.respondents.suppressionOf(group);
  }

  /** Why one question's figures are hidden for a group (its answerers are judged on their own). */
  question(group: Group, questionId: number): Suppression | null {
    return this.group(group) ?? this.answerers.get(questionId)?.suppressionOf(group) ?? null;
  }

  /** Why a free-text question's comments are hidden for a group. */
  comments(group: Group, questionId: number): Suppression | null {
    return this.group(group) ?? this.commenters.get(questionId)?.suppressionOf(group) ?? null;
  }
}

/** Freezes made by this process: an operation's trees read before the latest freeze are read again. */
let freezes = 0;

/**
 * Frozen trees an operation has read, per entity manager (each GraphQL operation forks its own, whose
 * DataLoaders keep rows for the operation's life the same way): the parts of one answer — the scorecard's
 * survey results and its wave figures both judge the running wave — share one read instead of repeating
 * it. Never inside a transaction, and read afresh after any freeze in this process.
 */
const operationTrees = new WeakMap<EntityManager, { freezes: number; trees: Map<number, Promise<TeamTree>> }>();

function treesReadBy(em: EntityManager): Map<number, Promise<TeamTree>> {
  if (em.getTransactionContext()) return new Map();
  let read = operationTrees.get(em);
  if (!read || read.freezes !== freezes) operationTrees.set(em, (read = { freezes, trees: new Map() }));
  return read.trees;
}

/** The team tree frozen for each wave (today's tree for a wave that has none recorded). */
export async function waveTeamTrees(em: EntityManager, waveIds: number[]): Promise<Map<number, TeamTree>> {
  const known = treesReadBy(em);
  const toRead = [...new Set(waveIds)].filter((id) => !known.has(id));
  if (toRead.length) {
    const read = readWaveTeamTrees(em, toRead);
    const kept = toRead.map((id) => [id, read.then((trees) => trees.get(id)!)] as const);
    for (const [id, tree] of kept) known.set(id, tree);
    // A failed read is not kept: the next caller tries again.
    read.catch(() => kept.forEach(([id, tree]) => known.get(id) === tree && known.delete(id)));
  }
  const trees = await Promise.all(waveIds.map((id) => known.get(id)!));
  return new Map(waveIds.map((id, i) => [id, trees[i]!]));
}

async function readWaveTeamTrees(em: EntityManager, waveIds: number[]): Promise<Map<number, TeamTree>> {
  const result = new Map<number, TeamTree>();
  if (!waveIds.length) return result;
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select wave_id, team_id, parent_id from survey_wave_team where wave_id in (${waveIds.map(() => '?').join(',')})`,
    waveIds,
  );
  const parents = new Map<number, TeamParents>();
  for (const r of rows) {
    const waveId = num(r.wave_id);
    let map = parents.get(waveId);
    if (!map) parents.set(waveId, (map = new Map()));
    map.set(num(r.team_id), r.parent_id == null ? null : num(r.parent_id));
  }
  let today: TeamTree | undefined;
  for (const waveId of waveIds) {
    const frozen = parents.get(waveId);
    if (frozen) result.set(waveId, new TeamTree(frozen));
    else result.set(waveId, (today ??= new TeamTree(await teamParents(em))));
  }
  return result;
}

/**
 * Records the team tree for these waves: every team not recorded yet, with
 * its parent as it is now. Called when a wave opens and again when people
 * are invited (for teams created since), so the record of a team never
 * changes once made.
 */
export async function freezeTeamTree(em: EntityManager, waveIds: number[]): Promise<void> {
  if (!waveIds.length) return;
  await em.execute(
    `insert into survey_wave_team (wave_id, team_id, parent_id)
     select w.id, t.id, t.parent_id from survey_wave w cross join team t
      where w.id in (${waveIds.map(() => '?').join(',')})
        and not exists (select 1 from survey_wave_team x where x.wave_id = w.id and x.team_id = t.id)`,
    waveIds,
  );
  freezes += 1; // also drops what operations read while the insert ran
}

/** A row with the segment columns (and a count `n`), as a cell. */
export const cellOf = (r: Record<string, unknown>): Cell => ({
  teamId: r.team_id == null ? null : num(r.team_id),
  leaderId: r.subject_leader_id == null ? null : num(r.subject_leader_id),
  band: (r.tenure_band as string | null) ?? null,
  segment: (r.customer_segment as string | null) ?? null,
  n: num(r.n),
});

/** Response counts per segment cell of each wave. */
async function respondentCells(em: EntityManager, waveIds: number[]): Promise<Map<number, Cell[]>> {
  const result = new Map<number, Cell[]>(waveIds.map((id) => [id, []]));
  if (!waveIds.length) return result;
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select wave_id, team_id, subject_leader_id, tenure_band, customer_segment, count(*) as n from survey_response
      where wave_id in (${waveIds.map(() => '?').join(',')}) group by wave_id, team_id, subject_leader_id, tenure_band, customer_segment`,
    waveIds,
  );
  for (const r of rows) result.get(num(r.wave_id))?.push(cellOf(r));
  return result;
}

/** Answerers per segment cell of each wave and question (a multiple-choice answer counts its response once). */
async function answererCells(em: EntityManager, waveIds: number[], questionIds: number[]): Promise<Map<string, Cell[]>> {
  const result = new Map<string, Cell[]>();
  if (!waveIds.length || !questionIds.length) return result;
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select r.wave_id, a.question_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment, count(distinct r.id) as n
       from survey_response r join survey_answer a on a.response_id = r.id
      where r.wave_id in (${waveIds.map(() => '?').join(',')}) and a.question_id in (${questionIds.map(() => '?').join(',')})
      group by r.wave_id, a.question_id, r.team_id, r.subject_leader_id, r.tenure_band, r.customer_segment`,
    [...waveIds, ...questionIds],
  );
  for (const r of rows) {
    const key = `${num(r.wave_id)}:${num(r.question_id)}`;
    const list = result.get(key);
    if (list) list.push(cellOf(r));
    else result.set(key, [cellOf(r)]);
  }
  return result;
}

/** The tree a running wave's (never consulted) respondents' decision is made over. */
const NO_TEAMS = new TeamTree(new Map());

/**
 * Decisions of closed waves, per database: a closed wave takes no more responses and keeps its frozen
 * tree, so its decisions never change and are worked out once per process (bounded; oldest dropped).
 */
const closedWaves = new WeakMap<object, Map<string, WaveRules>>();
const CLOSED_WAVES_KEPT = 500;

/**
 * The rules of these waves, from a few grouped statements (frozen team
 * trees, questions, respondent cells, answerer cells of optional and
 * free-text questions) however many groups are asked about afterwards.
 * Every optional and free-text question of a wave is judged, whatever the
 * caller reads, so a question can never be shown without its own decision.
 */
export async function loadWaveRules(em: EntityManager, policy: DisclosurePolicy, waves: WaveFacts[]): Promise<Map<number, WaveRules>> {
  const result = new Map<number, WaveRules>();
  let cache = closedWaves.get(em.getDriver());
  if (!cache) closedWaves.set(em.getDriver(), (cache = new Map()));
  const keyOf = (wave: WaveFacts) => `${wave.id}:${wave.protect}:${policy.enforced}:${policy.k}:${policy.commentK}`;
  const toLoad: WaveFacts[] = [];
  for (const wave of waves) {
    const cached = wave.running ? undefined : cache.get(keyOf(wave));
    if (cached) result.set(wave.id, cached);
    else toLoad.push(wave);
  }
  if (!toLoad.length) return result;

  const ids = toLoad.map((w) => w.id);
  const trees = await waveTeamTrees(em, ids);
  const judged = toLoad.filter((w) => w.protect && policy.enforced && !w.running);
  const judgedIds = judged.map((w) => w.id);
  const questions = await ownPopulationQuestions(em, judgedIds);
  const cells = await respondentCells(em, judgedIds);
  const answerers = await answererCells(em, judgedIds, [...new Set([...questions.values()].flat().map((q) => q.id))]);

  for (const wave of toLoad) {
    const tree = trees.get(wave.id)!;
    let rules: WaveRules;
    if (!wave.protect || !policy.enforced) {
      rules = new WaveRules(wave.id, tree, wave, null, new Map(), new Map());
    } else if (wave.running) {
      // Nothing is judged while a wave runs: every protected figure waits for the close. `group()` answers
      // WAVE_RUNNING before it would ask the respondents' decision, which only marks the wave as protected:
      // it is made over no teams (deciding over every team of the tree cost ~1 ms a call for nothing).
      rules = new WaveRules(wave.id, tree, wave, new WaveDisclosure([], NO_TEAMS, policy.k), new Map(), new Map());
    } else {
      const respondents = new WaveDisclosure(cells.get(wave.id) ?? [], tree, policy.k);
      const shown = (group: Group) => respondents.suppressionOf(group) === null;
      const byQuestion = new Map<number, WaveDisclosure>();
      const byComment = new Map<number, WaveDisclosure>();
      for (const question of questions.get(wave.id) ?? []) {
        const population = answerers.get(`${wave.id}:${question.id}`) ?? [];
        if (question.freeText) byComment.set(question.id, new WaveDisclosure(population, tree, policy.commentK, shown, 'COMMENTS_BELOW_THRESHOLD'));
        if (!question.required) byQuestion.set(question.id, new WaveDisclosure(population, tree, policy.k, shown));
      }
      rules = new WaveRules(wave.id, tree, wave, respondents, byQuestion, byComment);
    }
    result.set(wave.id, rules);
    if (!wave.running) {
      cache.set(keyOf(wave), rules);
      if (cache.size > CLOSED_WAVES_KEPT) cache.delete(cache.keys().next().value!);
    }
  }
  return result;
}

/** Per wave, the questions whose answerers differ from its respondents: optional ones and free text. */
async function ownPopulationQuestions(em: EntityManager, waveIds: number[]): Promise<Map<number, QuestionFacts[]>> {
  const result = new Map<number, QuestionFacts[]>();
  if (!waveIds.length) return result;
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select w.id as wave_id, q.id, q.required, q.type from survey_wave w join survey_question q on q.survey_id = w.survey_id
      where w.id in (${waveIds.map(() => '?').join(',')}) and (q.required = ? or q.type = ?)`,
    [...waveIds, false, 'FREE_TEXT'],
  );
  for (const r of rows) {
    const list = result.get(num(r.wave_id)) ?? [];
    list.push({ id: num(r.id), required: Boolean(r.required), freeText: r.type === 'FREE_TEXT' });
    result.set(num(r.wave_id), list);
  }
  return result;
}

/** While a protected wave runs, its response count moves only in whole steps of k. */
export function steppedCount(responses: number, k: number): number {
  return Math.floor(responses / k) * k;
}
