import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { testDatabaseKinds } from '../../../test/databases.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../../db/database.js';
import { entities } from '../entities.js';
import { seedDemoData } from './demo.js';
import { seedDemoSurveys } from './surveys.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

const SURVEYS = `{ surveys { id title purpose audience anonymous recurring status invitationCount responseCount
  questions { type prompt required scaleMax } waves { id number openedAt closedAt } } }`;
const RESULTS = `query($s: ID!, $slice: ResultSlice) { surveyResults(surveyId: $s, slice: $slice) {
  waveNumber invited responses responseRate suppressed
  questions { question { type } answered suppressed nps { score promoters passives detractors } mean comments }
  trend { waveNumber responses score suppressed } } }`;

interface Wave {
  id: string;
  number: number;
  openedAt: string;
  closedAt: string | null;
}
interface SurveyRow {
  id: string;
  title: string;
  purpose: string;
  audience: string;
  anonymous: boolean;
  recurring: boolean;
  status: string;
  invitationCount: number;
  responseCount: number;
  questions: Array<{ type: string; prompt: string; required: boolean; scaleMax: number | null }>;
  waves: Wave[];
}
interface Results {
  waveNumber: number;
  invited: number | null;
  responses: number | null;
  responseRate: number | null;
  suppressed: string | null;
  questions: Array<{ question: { type: string }; answered: number | null; suppressed: string | null; nps: { score: number; detractors: number } | null; mean: number | null; comments: string[] }>;
  trend: Array<{ waveNumber: number; responses: number | null; score: number | null; suppressed: string | null }>;
}

/** Epoch milliseconds of a datetime read with raw SQL (SQLite: a number; PostgreSQL: a Date or a string). */
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v)));

async function surveysOf(server: TestServer) {
  const { surveys } = await server.ok<{ surveys: SurveyRow[] }>(SURVEYS);
  return {
    leadership: surveys.find((s) => s.title === 'Leadership pulse')!,
    engagement: surveys.find((s) => s.title === 'Engagement pulse')!,
  };
}

async function results(server: TestServer, surveyId: string, slice: Record<string, string>): Promise<Results> {
  return (await server.ok<{ surveyResults: Results }>(RESULTS, { s: surveyId, slice })).surveyResults;
}

/** Everyone who leads someone now (demo leaders never leave). */
async function leaders(server: TestServer): Promise<Array<{ id: string; name: string }>> {
  const found: Array<{ id: string; name: string }> = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await server.ok(
      `query($after: String) { employees(first: 100, after: $after, filter: { status: ACTIVE }) {
        pageInfo { hasNextPage endCursor } edges { node { id name reports(first: 1) { totalCount } } } } }`,
      { after },
    );
    for (const { node } of page.employees.edges) if (node.reports.totalCount > 0) found.push({ id: node.id, name: node.name });
    if (!page.employees.pageInfo.hasNextPage) return found;
    after = page.employees.pageInfo.endCursor;
  }
}

const detractorShare = (r: Results) => r.questions[0]!.nps!.detractors / r.questions[0]!.answered!;

describe.each(kinds)('demo surveys (default demo size) on %s', (kind) => {
  let server: TestServer;
  let leadership: SurveyRow;
  let engagement: SurveyRow;
  beforeAll(async () => {
    // The demo exactly as `npm run demo` starts it: organisation, referrals, then the survey history.
    server = await startTestServer({ kind, env: { RAPPORT_DEMO: 'true', RAPPORT_DEMO_SIZE: '300' } });
    ({ leadership, engagement } = await surveysOf(server));
  }, 60_000);
  afterAll(() => server?.stop());

  it('should run an anonymous leadership pulse: three closed waves about 90 days apart and a fourth still collecting', () => {
    expect(leadership).toMatchObject({ purpose: 'LEADERSHIP', audience: 'EMPLOYEES', anonymous: true, recurring: true, status: 'OPEN' });
    expect(leadership.questions).toEqual([
      { type: 'NPS', prompt: 'How likely are you to recommend working for your leader to a friend?', required: true, scaleMax: null },
      { type: 'RATING', prompt: 'My leader uses my strengths', required: true, scaleMax: 5 },
      { type: 'RATING', prompt: 'I get the support I need to succeed', required: true, scaleMax: 5 },
      { type: 'RATING', prompt: "I trust my leader's decisions", required: true, scaleMax: 5 },
      { type: 'FREE_TEXT', prompt: 'What should your leader start, stop or continue?', required: false, scaleMax: null },
    ]);
    const waves = leadership.waves;
    expect(waves.map((w) => w.number)).toEqual([1, 2, 3, 4]);
    expect(waves.slice(0, 3).every((w) => w.closedAt !== null)).toBe(true);
    expect(waves[3]!.closedAt).toBeNull();
    for (let i = 1; i < 4; i++) {
      const gap = (Date.parse(waves[i]!.openedAt) - Date.parse(waves[i - 1]!.openedAt)) / DAY;
      expect(gap).toBeGreaterThanOrEqual(85);
      expect(gap).toBeLessThanOrEqual(95);
    }
    const runningFor = (Date.now() - Date.parse(waves[3]!.openedAt)) / DAY;
    expect(runningFor).toBeGreaterThan(0);
    expect(runningFor).toBeLessThan(7);
    expect(leadership.responseCount).toBeGreaterThan(0.5 * leadership.invitationCount);
  });

  it('should run a closed engagement pulse (eNPS and two ratings) with three waves between the leadership waves', () => {
    expect(engagement).toMatchObject({ purpose: 'ENGAGEMENT', audience: 'EMPLOYEES', anonymous: true, recurring: true, status: 'CLOSED' });
    expect(engagement.questions.map((q) => q.type)).toEqual(['NPS', 'RATING', 'RATING']);
    expect(engagement.questions[0]!.prompt).toBe('How likely are you to recommend working here to a friend?');
    expect(engagement.waves).toHaveLength(3);
    expect(engagement.waves.every((w) => w.closedAt !== null)).toBe(true);
  });

  it("should show everyone's leader NPS, ratings and comments for the latest closed wave, with most people taking part", async () => {
    const latestClosed = leadership.waves[2]!;
    const everyone = await results(server, leadership.id, { waveId: latestClosed.id });
    expect(everyone.waveNumber).toBe(3);
    expect(everyone.suppressed).toBeNull();
    expect(everyone.responseRate).toBeGreaterThanOrEqual(0.65);
    expect(everyone.responseRate).toBeLessThanOrEqual(0.9);
    const [nps, ...rest] = everyone.questions;
    expect(nps!.suppressed).toBeNull();
    expect(nps!.nps!.score).toBeGreaterThan(-100);
    expect(nps!.nps!.score).toBeLessThan(100);
    expect(nps!.nps!.detractors).toBeGreaterThan(0);
    for (const rating of rest.slice(0, 3)) {
      expect(rating.mean).toBeGreaterThan(1);
      expect(rating.mean).toBeLessThan(5);
    }
    expect(rest[3]!.comments.length).toBeGreaterThan(0);
    // The trend of everyone: the three closed waves, and the running one, whose figures wait for its close.
    expect(everyone.trend.map((p) => p.waveNumber)).toEqual([1, 2, 3, 4]);
    expect(everyone.trend.slice(0, 3).every((p) => p.suppressed === null && p.score !== null)).toBe(true);
    expect(everyone.trend[3]).toMatchObject({ suppressed: 'WAVE_RUNNING', score: null, responses: null });

    const enps = await results(server, engagement.id, {});
    expect(enps.waveNumber).toBe(3);
    expect(enps.suppressed).toBeNull();
    expect(enps.questions[0]!.nps!.score).toEqual(expect.any(Number));
  });

  it('should hide small groups: some teams and some leaders have fewer than 5 responses, others are shown', async () => {
    const waveId = leadership.waves[2]!.id;
    const teams = (await server.ok(`{ teams(first: 100) { edges { node { id } } } }`)).teams.edges.map((e: any) => e.node.id as string);
    const teamResults = await Promise.all(teams.map((teamId: string) => results(server, leadership.id, { waveId, teamId })));
    const leaderResults = await Promise.all((await leaders(server)).map((l) => results(server, leadership.id, { waveId, subjectLeaderId: l.id })));
    for (const found of [teamResults, leaderResults]) {
      expect(found.some((r) => r.suppressed === 'BELOW_THRESHOLD')).toBe(true);
      expect(found.some((r) => r.suppressed === null)).toBe(true);
      // Hidden means null, never a zero.
      for (const r of found.filter((x) => x.suppressed)) expect([r.responses, r.invited, r.questions[0]!.nps]).toEqual([null, null, null]);
    }
  });

  it('should tell trust-withdrawal stories: two or three leaders decline wave after wave, a few improve', async () => {
    const waves = leadership.waves.slice(0, 3);
    const declining: string[] = [];
    const improving: string[] = [];
    for (const leader of await leaders(server)) {
      const perWave = await Promise.all(waves.map((w) => results(server, leadership.id, { waveId: w.id, subjectLeaderId: leader.id })));
      if (perWave.some((r) => r.suppressed)) continue;
      const nps = perWave.map((r) => r.questions[0]!.nps!.score);
      const rate = perWave.map((r) => r.responseRate!);
      const detractors = perWave.map(detractorShare);
      if (nps[1]! < nps[0]! - 10 && nps[2]! < nps[1]! - 10) {
        // Leader NPS down by more than 10 points, participation down by more than 15 % at each step; more detractors.
        expect(rate[1]!).toBeLessThan(rate[0]! * 0.85);
        expect(rate[2]!).toBeLessThan(rate[1]! * 0.85);
        expect(detractors[2]!).toBeGreaterThan(detractors[0]!);
        // The same team's eNPS falls too.
        const enps = await results(server, engagement.id, { subjectLeaderId: leader.id });
        expect(enps.trend.every((p) => p.score !== null)).toBe(true);
        expect(enps.trend[2]!.score!).toBeLessThan(enps.trend[0]!.score! - 10);
        // And the scorecard's upward feedback shows the same fall.
        const card = await server.ok(`query($id: ID!) { leaderScorecard(leaderId: $id) { upwardFeedback { trend { waveNumber score } } } }`, { id: leader.id });
        expect(card.leaderScorecard.upwardFeedback.trend.slice(0, 3).map((p: any) => p.score)).toEqual(nps);
        declining.push(leader.name);
      }
      if (nps[1]! > nps[0]! + 10 && nps[2]! > nps[1]! + 10) improving.push(leader.name);
    }
    expect(declining.length).toBeGreaterThanOrEqual(2);
    expect(declining.length).toBeLessThanOrEqual(3);
    expect(improving.length).toBeGreaterThanOrEqual(1);
  });

  it("should raise trust signals at start-up for the declining teams, with leader NPS and eNPS falling over the demo's waves", async () => {
    const { trustSignals } = await server.ok(`{ trustSignals { edges { node { team { name } level score findings { rule evidence { label } } } } } }`);
    const signals = trustSignals.edges.map((e: any) => e.node);
    expect(signals.length).toBeGreaterThanOrEqual(2);
    for (const signal of signals.slice(0, 2)) {
      expect(signal.level).toBe('CRITICAL');
      const rules = signal.findings.map((f: any) => f.rule);
      expect(rules).toEqual(expect.arrayContaining(['LEADER_NPS_FALLING', 'ENPS_FALLING']));
      // The eNPS finding rests on the engagement waves, the leader NPS one on the leadership waves.
      const labels = (rule: string) => signal.findings.find((f: any) => f.rule === rule).evidence.map((e: any) => e.label);
      expect(labels('ENPS_FALLING').every((l: string) => l.startsWith('Engagement pulse'))).toBe(true);
      expect(labels('LEADER_NPS_FALLING').every((l: string) => l.startsWith('Leadership pulse'))).toBe(true);
    }
  });

  it('should keep the anonymity of the data model: no person on a response, a random id, only the day', async () => {
    const em = server.rapport.deps.db.fork();
    const [linked] = await em.execute<Array<{ n: number | string }>>(
      `select count(*) as n from survey_response r join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id
        where s.anonymous and (r.employee_id is not null or r.customer_id is not null)`,
    );
    expect(Number(linked!.n)).toBe(0);
    // The anonymous pulses (the demo's named Customer NPS keeps its customers and exact times: see chain.test.ts).
    const responses = await em.execute<Array<{ id: string; submitted_at: unknown }>>(
      'select r.id, r.submitted_at from survey_response r join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id where s.anonymous',
    );
    // (The running wave's responses are counted in steps of five.)
    expect(responses.length - (leadership.responseCount + engagement.responseCount)).toBeGreaterThanOrEqual(0);
    expect(responses.length - (leadership.responseCount + engagement.responseCount)).toBeLessThan(5);
    for (const r of responses) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ms(r.submitted_at) % DAY).toBe(0);
    }
    // Each response used one invitation of its wave, which keeps only the day.
    const perWave = await em.execute<Array<{ wave_id: number; responses: number | string; used: number | string }>>(
      `select w.id as wave_id, (select count(*) from survey_response r where r.wave_id = w.id) as responses,
              (select count(*) from survey_invitation i where i.wave_id = w.id and i.responded_on is not null) as used
         from survey_wave w join survey s on s.id = w.survey_id where s.anonymous`,
    );
    expect(perWave).toHaveLength(7);
    for (const w of perWave) expect(Number(w.used)).toBe(Number(w.responses));
    const used = await em.execute<Array<{ responded_on: unknown }>>('select responded_on from survey_invitation where responded_on is not null');
    // (Every used invitation keeps only the day, named surveys' too, as the service stores them.)
    for (const i of used) expect(ms(i.responded_on) % DAY).toBe(0);
    // Token hashes: unique, SHA-256-shaped.
    const hashes = await em.execute<Array<{ token_hash: string }>>('select token_hash from survey_invitation');
    expect(new Set(hashes.map((h) => h.token_hash)).size).toBe(hashes.length);
    for (const h of hashes) expect(h.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("should invite with the service's segment facts: the leader at invitation time, and everyone who had a leader then", async () => {
    const em = server.rapport.deps.db.fork();
    const [wrongLeader] = await em.execute<Array<{ n: number | string }>>(
      `select count(*) as n from survey_invitation i join survey_wave w on w.id = i.wave_id join survey s on s.id = w.survey_id
        where s.purpose = 'LEADERSHIP' and not exists (
          select 1 from leadership_relationship r where r.member_id = i.employee_id and r.leader_id = i.subject_leader_id
             and r.started_at <= i.invited_at and (r.ended_at is null or r.ended_at > i.invited_at))`,
    );
    expect(Number(wrongLeader!.n)).toBe(0);
    const [wrongTeam] = await em.execute<Array<{ n: number | string }>>(
      `select count(*) as n from survey_invitation i join employee e on e.id = i.employee_id
        where i.team_id is null or i.team_id <> e.team_id or i.tenure_band not in ('<1y', '1-3y', '3-5y', '5y+')`,
    );
    expect(Number(wrongTeam!.n)).toBe(0);
    const [running] = await em.execute<Array<{ n: number | string }>>('select count(*) as n from survey_invitation where wave_id = ?', [Number(leadership.waves[3]!.id)]);
    // The running wave: everyone who had a leader when it opened (not who was hired or left since).
    const [withLeader] = await em.execute<Array<{ n: number | string }>>(
      `select count(distinct r.member_id) as n from leadership_relationship r join survey_wave w on w.id = ?
        where r.started_at <= w.opened_at and (r.ended_at is null or r.ended_at > w.opened_at)`,
      [Number(leadership.waves[3]!.id)],
    );
    expect(Number(running!.n)).toBe(Number(withLeader!.n));
  });
});

describe.each(kinds)('demo surveys at the browser tests\u2019 size (60) on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind, env: { RAPPORT_DEMO: 'true', RAPPORT_DEMO_SIZE: '60' } });
  }, 60_000);
  afterAll(() => server?.stop());

  it("should still show everyone's figures while hiding every small group", async () => {
    const { leadership, engagement } = await surveysOf(server);
    expect(leadership.waves).toHaveLength(4);
    expect(engagement.waves).toHaveLength(3);
    const waveId = leadership.waves[2]!.id;
    const everyone = await results(server, leadership.id, { waveId });
    expect(everyone.suppressed).toBeNull();
    expect(everyone.responses).toBeGreaterThanOrEqual(25);
    expect(everyone.questions[0]!.nps!.score).toEqual(expect.any(Number));
    const byLeader = await Promise.all((await leaders(server)).map((l) => results(server, leadership.id, { waveId, subjectLeaderId: l.id })));
    expect(byLeader.some((r) => r.suppressed === 'BELOW_THRESHOLD')).toBe(true);
  });
});

describe('demo survey generator', () => {
  it('should be deterministic: the same company and seed give the same answers', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const summaries: string[] = [];
    for (let run = 0; run < 2; run++) {
      const db = await openDatabase('sqlite::memory:', createLogger('silent'), { entities });
      try {
        await seedDemoData(db, { employees: 150, now });
        const counts = await seedDemoSurveys(db, { now, seed: 3 });
        expect(counts).toMatchObject({ surveys: 2, waves: 7 });
        const rows = await db.fork().execute(
          `select r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.submitted_at, a.question_id, a.numeric_value, a.text, count(*) as n
             from survey_answer a join survey_response r on r.id = a.response_id
            group by r.wave_id, r.team_id, r.subject_leader_id, r.tenure_band, r.submitted_at, a.question_id, a.numeric_value, a.text
            order by 1, 2, 3, 4, 5, 6, 7, 8`,
        );
        summaries.push(JSON.stringify(rows));
      } finally {
        await db.close();
      }
    }
    expect(summaries[0]!.length).toBeGreaterThan(1000);
    expect(summaries[1]).toBe(summaries[0]);
  });
});
