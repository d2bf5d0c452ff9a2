import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { assign, createEmployees, createTeam } from '../../test/fixtures.js';
import { answerWave, nextWave, openEmployeeSurvey } from '../../test/survey-fixtures.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

/**
 * Alpha leads 6, Beta 4 (fewer than the threshold, plus one who left for a
 * competitor), Gamma 5. Leadership pulse: wave 1 everyone answers (Beta's 4
 * make Gamma's 5 derivable: 15 − 6 − 4), wave 2 Alpha 5 of 6 and Gamma 5,
 * wave 3 running with no answers. Engagement: one closed wave, Alpha and Gamma.
 */
describe.each(kinds)('leaders list and scorecard trends on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-01-05T09:00:00.000Z');
  const lead: Record<'alpha' | 'beta' | 'gamma', string> = {} as never;
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    [lead.alpha, lead.beta, lead.gamma] = await createEmployees(server, ['Alpha Lead', 'Beta Lead', 'Gamma Lead']);
    for (const [key, size] of [['alpha', 6], ['beta', 5], ['gamma', 5]] as const) {
      const teamId = await createTeam(server, `Team ${key}`);
      const members = await createEmployees(server, Array.from({ length: size }, (_, i) => ({ name: `${key} report ${i + 1}`, teamId })));
      for (const m of members) await assign(server, m, lead[key]);
      if (key === 'beta') {
        await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR }) { id } }`, { id: members[4] });
      }
      if (key === 'alpha') {
        await server.ok(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
          i: { kind: 'HIRE', referrerEmployeeId: members[0], referredName: 'Hired Friend', referredEmail: 'hired.friend@example.com' },
        });
      }
    }
    const pulse = await openEmployeeSurvey(server, { title: 'Leadership pulse', purpose: 'LEADERSHIP' });
    await answerWave(server, pulse, [
      { leaderId: lead.alpha, answers: [[10, 5], [9, 4], [9, 4], [8, 4], [7, 3], [6, 2]] },
      { leaderId: lead.beta, answers: [[10, 5], [10, 5], [10, 5], [10, 5]] },
      { leaderId: lead.gamma, answers: [[10, 5], [10, 5], [10, 5], [10, 5], [10, 5]] },
    ]);
    clock = new Date(clock.getTime() + 31 * DAY); // past the contact budget
    await server.relogin();
    const engagement = await openEmployeeSurvey(server, { title: 'Engagement pulse', purpose: 'ENGAGEMENT' });
    await answerWave(server, engagement, [
      { leaderId: lead.alpha, answers: [[10, 5], [10, 5], [10, 5], [0, 1], [0, 1], [0, 1]] },
      { leaderId: lead.gamma, answers: [[9, 4], [9, 4], [9, 4], [9, 4], [9, 4]] },
    ]);
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: engagement.id });
    for (const answers of [
      { alpha: [[9, 4], [8, 4], [6, 3], [5, 2], [3, 2]], gamma: [[9, 5], [9, 5], [9, 5], [9, 5], [9, 5]] },
      { alpha: [], gamma: [] },
    ]) {
      clock = new Date(clock.getTime() + 31 * DAY);
      await server.relogin();
      await nextWave(server, pulse);
      await answerWave(server, pulse, [
        { leaderId: lead.alpha, answers: answers.alpha },
        { leaderId: lead.beta, answers: [] },
        { leaderId: lead.gamma, answers: answers.gamma },
      ]);
    }
  });
  afterAll(() => server?.stop());

  const LIST = `query($sort: LeaderSort, $dir: SortDirection, $search: String) { leaders(sort: $sort, direction: $dir, search: $search) { totalCount edges { node {
    leader { name } directReports leaderNps leaderNpsSuppressed participation enps enpsSuppressed exitsToCompetitor exits hireReferrals lastSurveyedAt } } } }`;
  const list = async (vars: Record<string, unknown> = {}) => (await server.ok(LIST, vars)).leaders.edges.map((e: any) => e.node);

  it('should list every leader with the latest closed wave, hidden figures null with the reason', async () => {
    const [alpha, beta, gamma] = await list();
    // Alpha, wave 2: 9, 8, 6, 5, 3 → promoters 1, detractors 3 → −40; 5 of 6 answered.
    expect(alpha).toMatchObject({ leader: { name: 'Alpha Lead' }, directReports: 6, leaderNps: -40, leaderNpsSuppressed: null, participation: 0.833, enps: 0, hireReferrals: 1, exitsToCompetitor: 0 });
    expect(beta).toMatchObject({ directReports: 4, leaderNps: null, leaderNpsSuppressed: 'BELOW_THRESHOLD', participation: null, enps: null, exitsToCompetitor: 1, exits: 1, hireReferrals: 0 });
    expect(gamma).toMatchObject({ directReports: 5, leaderNps: 100, participation: 1, enps: 100 });
    expect(alpha.lastSurveyedAt).toBe('2026-03-08T09:00:00.000Z');
  });

  it('should sort hidden figures last in both directions and search by name', async () => {
    const names = (rows: any[]) => rows.map((r) => r.leader.name);
    expect(names(await list({ sort: 'LEADER_NPS', dir: 'DESC' }))).toEqual(['Gamma Lead', 'Alpha Lead', 'Beta Lead']);
    expect(names(await list({ sort: 'LEADER_NPS', dir: 'ASC' }))).toEqual(['Alpha Lead', 'Gamma Lead', 'Beta Lead']);
    expect(names(await list({ sort: 'EXITS_TO_COMPETITOR', dir: 'DESC' }))).toEqual(['Beta Lead', 'Alpha Lead', 'Gamma Lead']);
    expect(names(await list({ search: 'gam' }))).toEqual(['Gamma Lead']);
  });

  const CARD = `query($l: ID!) { leaderScorecard(leaderId: $l) {
    leaderNpsTrend { surveyTitle waveNumber closedAt suppressed invited responses participation nps detractorShare items { kind label value answered suppressed } }
    enpsTrend { waveNumber nps suppressed } teamEnps { responses questions { nps { score } } } } }`;

  it("should chart a leader's waves against hand computations, each judged on its own", async () => {
    const card = (await server.ok(CARD, { l: lead.alpha })).leaderScorecard;
    expect(card.leaderNpsTrend.map((p: any) => p.waveNumber)).toEqual([1, 2, 3]);
    const [w1, w2, w3] = card.leaderNpsTrend;
    // Wave 1: 10, 9, 9, 8, 7, 6 → promoters 3, passives 2, detractors 1 → 33.3; item mean 22 / 6 = 3.67.
    expect(w1).toMatchObject({ suppressed: null, invited: 6, responses: 6, participation: 1, nps: 33.3, detractorShare: 0.167 });
    expect(w1.items.map((i: any) => [i.kind, i.value, i.answered])).toEqual([['NPS', 33.3, 6], ['RATING', 3.67, 6]]);
    expect(w2).toMatchObject({ responses: 5, participation: 0.833, nps: -40, detractorShare: 0.6 });
    expect(w2.items[1].value).toBe(3);
    // The running wave: hidden until it closes, never a zero.
    expect(w3).toMatchObject({ closedAt: null, suppressed: 'WAVE_RUNNING', invited: 6, responses: null, nps: null });
    expect(w3.items.every((i: any) => i.value === null && i.suppressed === 'WAVE_RUNNING')).toBe(true);
    // eNPS 10, 10, 10, 0, 0, 0 → 0.
    expect(card.enpsTrend).toEqual([{ waveNumber: 1, nps: 0, suppressed: null }]);
    expect(card.teamEnps).toEqual({ responses: 6, questions: [{ nps: { score: 0 } }, { nps: null }] });
  });

  it('should hide every point of a leader with fewer reports than the threshold, and the leader it would expose', async () => {
    const beta = (await server.ok(CARD, { l: lead.beta })).leaderScorecard;
    expect(beta.leaderNpsTrend.map((p: any) => [p.suppressed, p.nps, p.invited])).toEqual([['BELOW_THRESHOLD', null, 4], ['BELOW_THRESHOLD', null, 4], ['WAVE_RUNNING', null, 4]]);
    // Wave 1: everyone 15 − Alpha 6 − Beta (hidden) 4 … Gamma's 5 would be "15 − 6 − 4": complementary suppression.
    const gamma = (await server.ok(CARD, { l: lead.gamma })).leaderScorecard;
    expect(gamma.leaderNpsTrend.map((p: any) => [p.waveNumber, p.suppressed, p.nps])).toEqual([[1, 'DIFFERENCING', null], [2, null, 100], [3, 'WAVE_RUNNING', null]]);
  });
});
