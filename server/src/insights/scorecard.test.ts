import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';
import { withEmailedTokens } from '../../test/mailbox.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('leader scorecard on %s', (kind) => {
  let server: TestServer;
  let leader: string;
  let reports: string[];
  let surveyId: string;
  /** The fifth report's link, answered in the second test. */
  let lastLink: { token: string; questionId: string };
  const clock = new Date('2026-09-01T09:00:00.000Z');
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    [leader] = await createEmployees(server, [{ name: 'Scored Leader', hiredAt: '2015-01-01T00:00:00.000Z' }]);
    reports = await createEmployees(server, [
      { name: 'Report One', hiredAt: '2026-03-01T00:00:00.000Z' },
      { name: 'Report Two', hiredAt: '2024-03-01T00:00:00.000Z' },
      { name: 'Report Three', hiredAt: '2024-06-01T00:00:00.000Z' },
      { name: 'Report Four', hiredAt: '2022-01-01T00:00:00.000Z' },
      { name: 'Report Five', hiredAt: '2019-01-01T00:00:00.000Z' },
      { name: 'Report Six', hiredAt: '2025-01-01T00:00:00.000Z' },
      { name: 'Report Seven', hiredAt: '2025-02-01T00:00:00.000Z' },
    ]);
    for (const r of reports) await assign(server, r, leader!, { startedAt: '2026-04-01T00:00:00.000Z' });
    // Two leave: one to a competitor (regretted), one retires.
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR, regretted: true }) { id } }`, { id: reports[5] });
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RETIRED }) { id } }`, { id: reports[6] });
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: 'Upward feedback', audience: 'EMPLOYEES', purpose: 'LEADERSHIP', questions: [{ type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true }] },
    })).createSurvey;
    surveyId = survey.id;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: surveyId });
    const invited = (await server.ok(`mutation($s: ID!, $l: ID) { inviteToSurvey(input: { surveyId: $s, leaderId: $l }) { created { email } } }`, { s: surveyId, l: leader })).inviteToSurvey.created;
    const links = await withEmailedTokens(server.rapport.deps.db, surveyId, invited);
    // 4 of 5 answer at first: below the threshold.
    for (const [i, value] of [10, 9, 7, 3].entries()) {
      await server.gql(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: links[i].token, a: [{ questionId: survey.questions[0].id, value }] }, { token: null });
    }
    lastLink = { token: links[4].token, questionId: survey.questions[0].id };
  });
  afterAll(() => server?.stop());

  const CARD = `query($l: ID!) { leaderScorecard(leaderId: $l) { directReports allReports tenureMix { band count }
    exits { total leftForCompetitor regretted byReason { reason count } } hireReferrals { referrals }
    upwardFeedback { responses suppressed questions { nps { score } } } } }`;

  it('should show team size, tenure mix, exits by reason and no upward feedback while the wave runs', async () => {
    const card = (await server.ok(CARD, { l: leader })).leaderScorecard;
    expect(card).toMatchObject({ directReports: 5, allReports: 5, hireReferrals: { referrals: 0 } });
    expect(card.tenureMix).toEqual([
      { band: '<1y', count: 1 },
      { band: '1-3y', count: 2 },
      { band: '3-5y', count: 1 },
      { band: '5y+', count: 1 },
    ]);
    expect(card.exits).toEqual({ total: 2, leftForCompetitor: 1, regretted: 1, byReason: [{ reason: 'LEFT_FOR_COMPETITOR', count: 1 }, { reason: 'RETIRED', count: 1 }] });
    expect(card.upwardFeedback).toMatchObject({ responses: null, suppressed: 'WAVE_RUNNING' });
  });

  it('should show the leader NPS of a closed wave once five reports have answered, to BI tokens too', async () => {
    const { token, questionId } = lastLink;
    await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: token, a: [{ questionId, value: 10 }] }, null);
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: surveyId });
    const analyst = await apiToken(server, 'ANALYST');
    const card = (await server.ok(CARD, { l: leader }, analyst)).leaderScorecard;
    // 10, 9, 7, 3, 10: promoters 3, passives 1, detractors 1 → (3 − 1) / 5 = 40.
    expect(card.upwardFeedback).toEqual({ responses: 5, suppressed: null, questions: [{ nps: { score: 40 } }] });
    // The survey asked for by id gives the same; one that never asked about this leader gives none. No engagement survey: no team eNPS.
    const BY_SURVEY = `query($l: ID!, $s: ID) { leaderScorecard(leaderId: $l, surveyId: $s) { upwardFeedback { responses } teamEnps { responses } } }`;
    expect((await server.ok(BY_SURVEY, { l: leader, s: surveyId })).leaderScorecard).toEqual({ upwardFeedback: { responses: 5 }, teamEnps: null });
    expect((await server.ok(BY_SURVEY, { l: leader, s: '999999' })).leaderScorecard).toEqual({ upwardFeedback: null, teamEnps: null });
  });
});

describe.each(kinds)('leader scorecard team figures on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
  });
  afterAll(() => server?.stop());

  it('should count everyone below at any depth and their hire referrals, like the employee fields, leaving out a reassigned member', async () => {
    const [top, a, b, a1, a2, a1x, outsider] = await createEmployees(server, ['Team Top', 'Team A', 'Team B', 'Team A1', 'Team A2', 'Team A1X', 'Team Outsider']);
    await assign(server, a!, top!);
    await assign(server, b!, top!);
    await assign(server, a1!, a!);
    await assign(server, a2!, a!);
    await assign(server, a1x!, a1!);
    await assign(server, a2!, outsider!); // no longer below Team Top
    let seq = 0;
    const refer = (employeeId: string) =>
      server.ok(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
        i: { kind: 'HIRE', referrerEmployeeId: employeeId, referredName: `Friend ${++seq}`, referredEmail: `team.friend.${seq}@example.com` },
      });
    for (const who of [a1x!, a1x!, b!, a2!, outsider!]) await refer(who);
    const card = (await server.ok(`query($l: ID!) { leaderScorecard(leaderId: $l) { allReports hireReferrals { referrals converted referrers } } }`, { l: top })).leaderScorecard;
    expect(card).toEqual({ allReports: 4, hireReferrals: { referrals: 3, converted: 0, referrers: 2 } });
    const fields = (
      await server.ok(`query($id: ID!) { employee(id: $id) { allReports(maxDepth: 50, first: 100) { totalCount } teamHireReferrals { referrals converted referrers } } }`, { id: top })
    ).employee;
    expect(card.allReports).toBe(fields.allReports.totalCount);
    expect(card.hireReferrals).toEqual(fields.teamHireReferrals);
    // A leader of no one: nothing below.
    const leaf = (await server.ok(`query($l: ID!) { leaderScorecard(leaderId: $l) { allReports hireReferrals { referrals } } }`, { l: a1x })).leaderScorecard;
    expect(leaf).toEqual({ allReports: 0, hireReferrals: { referrals: 0 } });
  });
});
