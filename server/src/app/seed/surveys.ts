import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import {
  QuestionType,
  Survey,
  SurveyAudience,
  SurveyPurpose,
  SurveyQuestion,
  SurveyStatus,
  SurveyWave,
} from '../../surveys/survey.entity.js';
import { dayOf, tenureBand } from '../../surveys/survey.service.js';
import { prng } from './demo.js';
import { bulkInsert, maxId, type Value } from './bulk.js';
import { clamp, demoWavePlans, hash01, inviteesOf, leaderStories, loadOrganisation, type Invitee } from './leader-stories.js';
import { freezeTeamTree } from '../../surveys/wave-rules.js';

/**
 * Survey history for the demo organisation, generated from the employees,
 * teams and leadership relationships already in the database (run it after
 * `seedDemoData`):
 *
 * - "Leadership pulse" (LEADERSHIP, anonymous, recurring): leader NPS, three
 *   ratings about the leader and an optional start/stop/continue comment.
 *   Waves about 90 days apart; waves 1–3 are closed, wave 4 opened two days
 *   ago and is still collecting.
 * - "Engagement pulse" (ENGAGEMENT, anonymous, recurring, closed): eNPS and
 *   two ratings, three closed waves between the leadership waves.
 *
 * Each wave invites the people active at its opening, with the segment facts
 * the service copies (team, leader at that time, tenure band then). Answers
 * come from a per-leader "service quality": most leaders are stable, a few
 * improve, and two or three (preferably those who recently lost people)
 * decline from wave to wave — leader NPS, eNPS and participation fall and
 * detractors grow, the trust-withdrawal pattern. People who leave within six
 * months of a wave answer less and lower.
 *
 * Anonymity as the service keeps it: responses have a random UUID, no person
 * and no invitation link, and only the day; the used invitation keeps only
 * the day too. Responses are written in random order. Token hashes are random
 * 256-bit values (the hash of no token), so no seeded link can be answered.
 *
 * Deterministic for a given seed (except the random ids and hashes the model
 * demands); multi-row inserts with explicit ids, on SQLite and PostgreSQL.
 * The contact budget is not applied: it governs new invitations, not history.
 */
export interface DemoSurveyOptions {
  now?: Date;
  seed?: number;
  logger?: Logger;
}

const DAY = 86_400_000;
/** Default anonymity threshold: story leaders keep at least this many responses so their trend shows. */
const K = 5;

type Category = 'detractor' | 'passive' | 'promoter';

const LEADERSHIP_QUESTIONS = [
  { type: QuestionType.NPS, prompt: 'How likely are you to recommend working for your leader to a friend?', required: true, scaleMax: null },
  { type: QuestionType.RATING, prompt: 'My leader uses my strengths', required: true, scaleMax: 5 },
  { type: QuestionType.RATING, prompt: 'I get the support I need to succeed', required: true, scaleMax: 5 },
  { type: QuestionType.RATING, prompt: "I trust my leader's decisions", required: true, scaleMax: 5 },
  { type: QuestionType.FREE_TEXT, prompt: 'What should your leader start, stop or continue?', required: false, scaleMax: null },
];
/** Item offsets of the three leadership ratings (strengths are used a little less often than support is given). */
const LEADERSHIP_ITEM_SHIFT = [-0.05, 0, 0.03];

const ENGAGEMENT_QUESTIONS = [
  { type: QuestionType.NPS, prompt: 'How likely are you to recommend working here to a friend?', required: true, scaleMax: null },
  { type: QuestionType.RATING, prompt: 'I see myself still working here in two years', required: true, scaleMax: 5 },
  { type: QuestionType.RATING, prompt: 'I feel motivated to go beyond what is expected of me', required: true, scaleMax: 5 },
];

const COMMENTS: Record<Category, string[]> = {
  detractor: [
    'Stop changing priorities every week without telling us why.',
    'Start keeping our one-to-ones; they get cancelled too often.',
    'Stop deciding for the team and then asking for our opinion.',
    'Start listening before answering.',
    "Stop presenting the team's work as your own.",
    'Start giving feedback before the review, not in it.',
    'Stop checking every detail of my work.',
    'Start protecting the team from last-minute requests.',
  ],
  passive: [
    'Start sharing the context behind decisions earlier.',
    'Continue the weekly check-ins, but keep them shorter.',
    'Start giving feedback more regularly.',
    'Continue being available when we are blocked.',
    'Start asking what I want to learn next.',
    'Stop scheduling meetings that could be a message.',
  ],
  promoter: [
    'Continue trusting us with real ownership.',
    'Continue the honest feedback: it helps me grow.',
    'Continue protecting our focus time.',
    'Keep asking what I need; it makes a difference.',
    "Continue celebrating the team's wins in public.",
    'Start sharing your own mistakes more often: it helps us take risks.',
  ],
};
const COMMENT_CHANCE: Record<Category, number> = { detractor: 0.5, passive: 0.3, promoter: 0.35 };

/** Splits `total` over shares by largest remainder: the counts always add up to the total. */
export function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j++, left--) counts[order[j % order.length]!.i]! += 1;
  return counts;
}

/** Target shares of detractors, passives and promoters for a service quality 0..1 (NPS = 200q − 110). */
export function npsShares(quality: number): [number, number, number] {
  const nps = clamp(2 * quality - 1.1, -0.95, 0.95);
  const promoters = Math.max(0.02, (0.72 + nps) / 2);
  const detractors = Math.max(0.02, (0.72 - nps) / 2);
  return [detractors, Math.max(0.02, 1 - promoters - detractors), promoters];
}

const npsOfCounts = ([d, , p]: number[], n: number) => (n ? ((p! - d!) / n) * 100 : 0);

export async function seedDemoSurveys(db: Database, options: DemoSurveyOptions = {}): Promise<{ surveys: number; waves: number; responses: number }> {
  const now = (options.now ?? new Date()).getTime();
  const seed = options.seed ?? 42;
  const random = prng(seed * 7919 + 17);
  const today = dayOf(new Date(now)).getTime();

  // Datetime columns as the ORM stores them: epoch milliseconds in SQLite, timestamptz in PostgreSQL.
  const date = (time: number): number | Date => (db.kind === 'sqlite' ? time : new Date(time));

  return db.fork().transactional(async (tx) => {
    const em = tx as EntityManager;

    // The organisation as it is now, with its history; the waves; who each wave invites; the leaders' stories.
    const org = await loadOrganisation(em);
    const { people, everyone } = org;
    if (!everyone.length) return { surveys: 0, waves: 0, responses: 0 };
    const plans = demoWavePlans(now);
    const invitees = plans.map((plan) => inviteesOf(org, plan));
    const { roles, curveOf, along } = leaderStories(org, plans, invitees, now, seed, random);

    // Surveys, questions and waves.
    let surveyId = await maxId(em, 'survey');
    let questionId = await maxId(em, 'survey_question');
    let waveId = await maxId(em, 'survey_wave');
    let invitationId = await maxId(em, 'survey_invitation');
    let answerId = await maxId(em, 'survey_answer');
    const leadershipPlans = plans.filter((p) => p.survey === 'leadership');
    const engagementPlans = plans.filter((p) => p.survey === 'engagement');
    const surveys = [
      {
        key: 'leadership' as const,
        id: ++surveyId,
        title: 'Leadership pulse',
        description: 'A short quarterly pulse about the leadership you receive. Anonymous: results are shown only for groups of five or more.',
        purpose: SurveyPurpose.LEADERSHIP,
        status: SurveyStatus.OPEN,
        opensAt: leadershipPlans[0]!.openedAt,
        closesAt: null,
        updatedAt: leadershipPlans.at(-1)!.openedAt,
        questions: LEADERSHIP_QUESTIONS,
      },
      {
        key: 'engagement' as const,
        id: ++surveyId,
        title: 'Engagement pulse',
        description: 'How it feels to work here, once a quarter. Anonymous.',
        purpose: SurveyPurpose.ENGAGEMENT,
        status: SurveyStatus.CLOSED,
        opensAt: engagementPlans[0]!.openedAt,
        closesAt: engagementPlans.at(-1)!.closedAt,
        updatedAt: engagementPlans.at(-1)!.closedAt!,
        questions: ENGAGEMENT_QUESTIONS,
      },
    ];
    await em.insertMany(
      Survey,
      surveys.map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        audience: SurveyAudience.EMPLOYEES,
        purpose: s.purpose,
        status: s.status,
        anonymous: true,
        recurring: true,
        opensAt: new Date(s.opensAt),
        closesAt: s.closesAt === null ? null : new Date(s.closesAt),
        createdAt: new Date(s.opensAt - 6 * DAY),
        updatedAt: new Date(s.updatedAt),
      })) as never,
    );
    const questionIds = new Map<string, number[]>();
    const questionRows: object[] = [];
    for (const s of surveys) {
      const ids: number[] = [];
      s.questions.forEach((q, i) => {
        ids.push(++questionId);
        questionRows.push({ id: questionId, survey: s.id, position: i + 1, type: q.type, prompt: q.prompt, required: q.required, scaleMax: q.scaleMax, options: [] });
      });
      questionIds.set(s.key, ids);
    }
    await em.insertMany(SurveyQuestion, questionRows as never);
    const waveIds = plans.map(() => ++waveId);
    await em.insertMany(
      SurveyWave,
      plans.map((p, i) => ({
        id: waveIds[i],
        survey: surveys.find((s) => s.key === p.survey)!.id,
        number: p.number,
        openedAt: new Date(p.openedAt),
        closedAt: p.closedAt === null ? null : new Date(p.closedAt),
      })) as never,
    );
    await freezeTeamTree(em, waveIds);

    // Invitations, responses and answers, one wave at a time.
    const storyLeaders = new Set([...roles.keys()]);
    const storyTeams = new Map<number, number>();
    for (const id of storyLeaders) {
      const team = people.get(id)?.team;
      if (team != null) storyTeams.set(team, id);
    }
    const previous = new Map<string, { rate: number; nps: number }>(); // `${survey}:${leader}` → last closed wave's figures
    let responseCount = 0;
    for (let w = 0; w < plans.length; w++) {
      const plan = plans[w]!;
      const leadership = plan.survey === 'leadership';
      const questions = questionIds.get(plan.survey)!;
      const t = plan.openedAt;
      const invitationRows: Value[][] = [];
      const tokenHashes = randomBytes(32 * invitees[w]!.length).toString('hex');
      const responses: Array<{ row: Value[]; answers: Array<{ question: number; numericValue?: number; text?: string }> }> = [];
      const days = plan.closedAt === null ? Math.floor((today - dayOf(new Date(t)).getTime()) / DAY) + 1 : 14;

      const groups = new Map<number | null, Invitee[]>();
      for (const invitee of invitees[w]!) {
        const list = groups.get(invitee.leader);
        if (list) list.push(invitee);
        else groups.set(invitee.leader, [invitee]);
      }
      const order = [...groups.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
      for (const leader of order) {
        const group = groups.get(leader)!;
        const curve = leader === null ? null : curveOf(leader);
        const role = leader === null ? 'stable' : (roles.get(leader) ?? 'stable');
        const leaderQuality = curve ? along(curve.quality, t) : 0.7;
        const quality = leadership ? leaderQuality : clamp(0.6 + 0.8 * (leaderQuality - 0.6), 0.05, 0.95);
        const rate = clamp(curve ? along(curve.rate, t) + (leadership ? 0 : 0.02) : 0.8, 0.05, 0.97);

        // Who answers: leavers answer less; leaders answer less (in the leadership pulse, a leader's own
        // answer is exactly the difference between their team and their reports, so the rules hide the
        // reports' figures in that wave); leaders of teams with sub-teams and the story leaders do not.
        const chance = group.map((invitee) => {
          let p = rate * (invitee.leavesSoon ? 0.85 : 1);
          if (invitee.quiet || storyLeaders.has(invitee.person.id)) return 0;
          if (invitee.isLeader) p *= leadership ? 0.3 : 0.7;
          // A story leader's team and reports stay the same group: nobody in the team answers about
          // another leader, and no report outside the team answers about this one.
          const storyLeader = storyTeams.get(invitee.person.team ?? -1);
          if (storyLeader !== undefined && storyLeader !== leader) return 0;
          if (leader !== null && storyLeaders.has(leader) && people.get(leader)?.team !== invitee.person.team) return 0;
          return p;
        });
        const able = chance.filter((p) => p > 0).length;
        let count = Math.min(able, Math.round(chance.reduce((a, b) => a + b, 0) * plan.progress));
        const key = `${plan.survey}:${leader}`;
        const before = previous.get(key);
        if (plan.progress === 1 && role === 'declining' && before) {
          // Participation falls by more than 15 % (relative) from wave to wave, but stays reportable.
          count = Math.min(count, Math.floor(before.rate * 0.83 * group.length));
          count = Math.max(count, Math.min(able, K));
        }
        // Weighted sampling without replacement (Efraimidis–Spirakis): a higher chance, an earlier place.
        const keyed = group
          .map((invitee, i) => ({ invitee, key: chance[i]! > 0 ? Math.pow(random.next(), 1 / chance[i]!) : -1 }))
          .sort((a, b) => b.key - a.key);
        const answering = keyed.slice(0, count).map((k) => k.invitee);

        // What they answer: categories by quota from the quality, the least satisfied first.
        const counts = apportion(count, npsShares(quality));
        if (plan.progress === 1 && before && count && role !== 'stable') {
          // Declining: more than 10 points lower than the last wave; improving: more than 10 points higher.
          const down = role === 'declining';
          let guard = 2 * count;
          while (guard-- > 0 && (down ? npsOfCounts(counts, count) > before.nps - 12 : npsOfCounts(counts, count) < before.nps + 12)) {
            const [from, to] = down ? (counts[2]! > 0 ? [2, 1] : [1, 0]) : counts[0]! > 0 ? [0, 1] : [1, 2];
            if (!counts[from]) break;
            counts[from]! -= 1;
            counts[to]! += 1;
          }
        }
        if (plan.progress === 1 && leader !== null) previous.set(key, { rate: group.length ? count / group.length : 0, nps: npsOfCounts(counts, count) });
        const ranked = answering
          .map((invitee) => ({ invitee, z: (hash01(invitee.person.id, seed + 3) - 0.5) * 0.3 - (invitee.leavesSoon ? 0.2 : 0) + (random.next() - 0.5) * 0.2 }))
          .sort((a, b) => a.z - b.z);
        const categoryOf = new Map<Invitee, Category>();
        ranked.forEach(({ invitee }, i) => categoryOf.set(invitee, i < counts[0]! ? 'detractor' : i < counts[0]! + counts[1]! ? 'passive' : 'promoter'));

        for (const invitee of group) {
          const { person } = invitee;
          const category = categoryOf.get(invitee);
          const submitted = category ? dayOf(new Date(t)).getTime() + Math.floor(days * Math.pow(random.next(), 2)) * DAY : null;
          const team = person.team;
          const band = tenureBand(new Date(person.hiredAt), new Date(t));
          const n = invitationRows.length;
          invitationRows.push([
            ++invitationId,
            waveIds[w],
            tokenHashes.slice(64 * n, 64 * (n + 1)),
            person.id,
            person.email,
            date(t),
            submitted === null ? null : date(submitted),
            team,
            leader,
            band,
          ]);
          if (!category) continue;

          const shift = category === 'detractor' ? -0.22 : category === 'promoter' ? 0.18 : 0;
          const rating = (itemShift: number) => clamp(Math.round(1 + 4 * (quality + shift + itemShift + (random.next() - 0.5) * 0.3)), 1, 5);
          const nps =
            category === 'detractor'
              ? clamp(Math.round(6 - 6 * Math.pow(random.next(), 1 + 3 * quality)), 0, 6)
              : category === 'passive'
                ? random.chance(0.35 + 0.4 * quality) ? 8 : 7
                : random.chance(0.3 + 0.5 * quality) ? 10 : 9;
          const answers: Array<{ question: number; numericValue?: number; text?: string }> = [{ question: questions[0]!, numericValue: nps }];
          if (leadership) {
            LEADERSHIP_ITEM_SHIFT.forEach((itemShift, i) => answers.push({ question: questions[i + 1]!, numericValue: rating(itemShift) }));
            if (random.chance(COMMENT_CHANCE[category])) {
              const pool = COMMENTS[category];
              const first = random.pick(pool);
              const second = random.chance(0.25) ? random.pick(pool) : first;
              answers.push({ question: questions[4]!, text: second === first ? first : `${first} ${second}` });
            }
          } else {
            answers.push({ question: questions[1]!, numericValue: rating(invitee.leavesSoon ? -0.3 : 0.02) });
            answers.push({ question: questions[2]!, numericValue: rating(-0.04) });
          }
          // No person and no invitation link; the segment facts and the day only.
          responses.push({ row: [randomUUID(), waveIds[w], team, leader, band, date(submitted!)], answers });
        }
      }

      // Random ids, and written in their order: neither the ids nor the row order tell who answered.
      responses.sort((a, b) => (a.row[0]! < b.row[0]! ? -1 : 1));
      const answerRows: Value[][] = [];
      for (const { row, answers } of responses) for (const a of answers) answerRows.push([++answerId, row[0], a.question, a.numericValue ?? null, a.text ?? null]);
      await bulkInsert(em, db.kind, 'survey_invitation', ['id', 'wave_id', 'token_hash', 'employee_id', 'recipient_email', 'invited_at', 'responded_on', 'team_id', 'subject_leader_id', 'tenure_band'], invitationRows);
      await bulkInsert(em, db.kind, 'survey_response', ['id', 'wave_id', 'team_id', 'subject_leader_id', 'tenure_band', 'submitted_at'], responses.map((r) => r.row));
      await bulkInsert(em, db.kind, 'survey_answer', ['id', 'response_id', 'question_id', 'numeric_value', 'text'], answerRows);
      responseCount += responses.length;
    }

    if (db.kind === 'postgresql') {
      for (const table of ['survey', 'survey_question', 'survey_wave', 'survey_invitation', 'survey_answer']) {
        await em.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
      }
    }
    // Fresh statistics on both databases: without them SQLite reads a leader's responses through the
    // (wave, team) index instead of (wave, subject leader) and joins answers from every answer to a question.
    for (const table of ['survey_invitation', 'survey_response', 'survey_answer']) await em.execute(`analyze ${table}`);
    options.logger?.info('demo surveys seeded', { surveys: surveys.length, waves: plans.length, responses: responseCount });
    return { surveys: surveys.length, waves: plans.length, responses: responseCount };
  });
}
