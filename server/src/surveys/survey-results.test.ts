import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, collect, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees, createTeam } from '../../test/fixtures.js';
import { withEmailedTokens } from '../../test/mailbox.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

describe.each(kinds)('survey results and anonymity on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-06-01T09:00:00.000Z');
  let parent: string;
  let child: string;
  let leader: string;
  let parentMembers: string[];
  let childMembers: string[];
  let emailOf: Map<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    parent = await createTeam(server, 'Results Parent');
    child = await createTeam(server, 'Results Child', parent);
    [leader] = await createEmployees(server, ['Results Leader']);
    parentMembers = await createEmployees(server, [1, 2, 3, 4, 5].map((i) => ({ name: `Parent Member ${i}`, teamId: parent })));
    childMembers = await createEmployees(server, [1, 2, 3, 4, 5, 6].map((i) => ({ name: `Child Member ${i}`, teamId: child })));
    for (const m of [...parentMembers, ...childMembers]) await assign(server, m, leader!);
    const people = await server.ok(`{ employees(first: 100) { edges { node { id email } } } }`);
    emailOf = new Map(people.employees.edges.map((e: any) => [e.node.id, e.node.email]));
  });
  afterAll(() => server?.stop());

  const QUESTIONS = [
    { type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true },
    { type: 'RATING', prompt: 'I get the leadership I need', required: true, scaleMax: 5 },
    { type: 'SINGLE_CHOICE', prompt: 'Best channel', required: true, options: ['Chat', 'Call'] },
    { type: 'FREE_TEXT', prompt: 'What should change?', required: false },
  ];
  const RESULTS = `query($s: ID!, $slice: ResultSlice) { surveyResults(surveyId: $s, slice: $slice) {
    waveNumber groupLabel threshold invited responses responseRate suppressed
    questions { question { type } answered suppressed mean csat nps { score promoters passives detractors } distribution { value count } comments }
    trend { waveNumber responses score suppressed } } }`;

  /** Opens a survey, invites the parent team (with sub-team), answers as given per employee id, and closes it. */
  async function run(answers: Map<string, [number, number, number, string | null]>) {
    clock = new Date(clock.getTime() + 31 * DAY); // past the contact budget of the previous run
    await server.relogin();
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: 'Upward feedback', audience: 'EMPLOYEES', purpose: 'LEADERSHIP', questions: QUESTIONS },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const invited = await withEmailedTokens(
      server.rapport.deps.db,
      survey.id,
      (await server.ok(`mutation($s: ID!, $t: ID) { inviteToSurvey(input: { surveyId: $s, teamId: $t, includeSubTeams: true }) { created { email } } }`, { s: survey.id, t: parent })).inviteToSurvey.created,
    );
    const tokenOf = new Map(invited.map((c: any) => [c.email, c.token]));
    for (const [employeeId, [nps, rating, choice, text]] of answers) {
      const q = survey.questions;
      const res = await server.gql(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, {
        t: tokenOf.get(emailOf.get(employeeId)),
        a: [
          { questionId: q[0].id, value: nps },
          { questionId: q[1].id, value: rating },
          { questionId: q[2].id, option: choice },
          ...(text ? [{ questionId: q[3].id, text }] : []),
        ],
      }, { token: null });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: survey.id });
    return survey.id as string;
  }

  const CHILD_ANSWERS = [[10, 5, 0, 'More 1:1s'], [9, 4, 0, 'Clearer goals'], [9, 4, 1, 'More 1:1s'], [8, 3, 0, null], [6, 2, 1, 'Less micromanagement'], [3, 5, 1, 'Recognition']];
  const PARENT_ANSWERS = [[10, 5, 0, 'Career path'], [10, 5, 1, 'Nothing'], [7, 4, 0, 'Training'], [2, 1, 1, 'Workload'], [5, 3, 0, null]];
  function answersOf(parentCount: number) {
    const answers = new Map<string, [number, number, number, string | null]>();
    CHILD_ANSWERS.forEach((a, i) => answers.set(childMembers[i]!, a as never));
    PARENT_ANSWERS.slice(0, parentCount).forEach((a, i) => answers.set(parentMembers[i]!, a as never));
    return answers;
  }

  it('should compute NPS, mean, CSAT, distributions and rates as by hand', async () => {
    const surveyId = await run(answersOf(5)); // all 11 answer: child team 6, the parent team's own 5
    const all = (await server.ok(RESULTS, { s: surveyId })).surveyResults;
    // NPS answers 10,9,9,8,6,3,10,10,7,2,5: promoters 5, passives 2, detractors 4 → (5 − 4) / 11 = 9.1; mean 79 / 11.
    expect(all).toMatchObject({ waveNumber: 1, groupLabel: 'Everyone', threshold: 5, invited: 11, responses: 11, responseRate: 1, suppressed: null });
    expect(all.questions[0]).toMatchObject({ answered: 11, suppressed: null, nps: { score: 9.1, promoters: 5, passives: 2, detractors: 4 }, mean: 7.18 });
    expect(all.questions[0].distribution.map((b: any) => b.count)).toEqual([0, 0, 1, 1, 0, 1, 1, 1, 1, 2, 3]);
    // Ratings 5,4,4,3,2,5,5,5,4,1,3: mean 41 / 11 = 3.73; CSAT = 7 of 11 at 4–5 = 63.6 %.
    expect(all.questions[1]).toMatchObject({ mean: 3.73, csat: 63.6 });
    expect(all.questions[1].distribution.map((b: any) => b.count)).toEqual([1, 1, 2, 3, 4]);
    expect(all.questions[2].distribution.map((b: any) => b.count)).toEqual([6, 5]);
    // 9 comments ≥ the comment threshold of 8: shown, sorted, so submission order tells nothing.
    expect(all.questions[3].comments).toEqual(['Career path', 'Clearer goals', 'Less micromanagement', 'More 1:1s', 'More 1:1s', 'Nothing', 'Recognition', 'Training', 'Workload']);
    expect(all.trend).toEqual([{ waveNumber: 1, responses: 11, score: 9.1, suppressed: null }]);
    // Each result's question as the survey itself shows it.
    const QUESTION_FIELDS = 'id position type prompt required scaleMax options';
    const shown = await server.ok(`query($s: ID!) { survey(id: $s) { questions { ${QUESTION_FIELDS} } } surveyResults(surveyId: $s) { questions { question { ${QUESTION_FIELDS} } } } }`, { s: surveyId });
    expect(shown.surveyResults.questions.map((q: any) => q.question)).toEqual(shown.survey.questions);
    expect(shown.survey.questions[2]).toMatchObject({ type: 'SINGLE_CHOICE', required: true, options: ['Chat', 'Call'] });

    // The child team: 6 responses, and 11 − 6 = 5 left over in the parent: shown.
    const childResult = (await server.ok(RESULTS, { s: surveyId, slice: { teamId: child } })).surveyResults;
    expect(childResult).toMatchObject({ suppressed: null, responses: 6, groupLabel: 'Team Results Child (with sub-teams)' });
    expect(childResult.questions[0].nps).toEqual({ score: 16.7, promoters: 3, passives: 1, detractors: 2 });
    // The optional comment question: 5 in the child team beside 9 in all would tell that 4 of the
    // parent's own members commented, so it is hidden there, though the other questions show.
    expect(childResult.questions[3]).toMatchObject({ suppressed: 'DIFFERENCING', answered: null, comments: [] });
    // The leader's group is everyone (difference 0): shown.
    expect((await server.ok(RESULTS, { s: surveyId, slice: { subjectLeaderId: leader } })).surveyResults.suppressed).toBeNull();
  });

  it('should stop the "parent minus sub-team" attack', async () => {
    // 10 answer: child team 6, the parent team's own 4. Showing the parent (10) and the child (6)
    // would give the 4 parent members' answers by subtraction: the child team is hidden; the
    // parent and the top line stay visible, and alone they reveal nothing about the 4.
    const surveyId = await run(answersOf(4));
    const childResult = (await server.ok(RESULTS, { s: surveyId, slice: { teamId: child } })).surveyResults;
    expect(childResult).toMatchObject({ suppressed: 'DIFFERENCING', responses: null, invited: null });
    expect(childResult.questions.every((q: any) => q.suppressed === 'DIFFERENCING' && q.answered === null && q.distribution.length === 0 && !q.nps)).toBe(true);
    for (const slice of [undefined, { teamId: parent }]) {
      expect((await server.ok(RESULTS, { s: surveyId, slice })).surveyResults, JSON.stringify(slice)).toMatchObject({ suppressed: null, responses: 10 });
    }
  });

  it('should give BI every group a closed wave shows, with the figures surveyResults shows, and leave hidden groups out', async () => {
    const since = clock.toISOString();
    const surveyId = await run(answersOf(4)); // the child team is hidden by differencing (see above)
    clock = new Date(clock.getTime() + 60_000); // past the sync's settle window
    const analyst = await apiToken(server, 'ANALYST', 'BI survey sync');
    const WAVES = `query($since: DateTimeISO, $after: String) { syncSurveyWaves(updatedSince: $since, first: 1, after: $after) {
      nodes { id surveyId number closedAt groups { kind teamId subjectLeaderId tenureBand customerSegment responses
        questions { question { type } answered suppressed mean csat nps { score promoters passives detractors } distribution { value count } comments } } }
      pageInfo { hasNextPage endCursor } } }`;
    const page = (await server.ok(WAVES, { since }, analyst)).syncSurveyWaves;
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.nodes).toHaveLength(1);
    const [wave] = page.nodes;
    expect(wave).toMatchObject({ surveyId, number: 1 });
    const groups = wave.groups as Array<Record<string, any>>;
    // Everyone, the parent team, the leader and the one tenure band all cover the same 10: shown; the child team: not.
    expect(groups.map((g) => [g.kind, g.teamId ?? g.subjectLeaderId ?? g.tenureBand])).toEqual([['EVERYONE', null], ['TEAM', parent], ['LEADER', leader], ['TENURE_BAND', '5y+']]);
    expect(groups.filter((g) => g.kind === 'EVERYONE' || (g.kind === 'TEAM' && g.teamId === parent)).map((g) => g.responses)).toEqual([10, 10]);
    for (const group of groups) {
      const slice = { teamId: group.teamId, subjectLeaderId: group.subjectLeaderId, tenureBand: group.tenureBand, customerSegment: group.customerSegment };
      const shown = (await server.ok(RESULTS, { s: surveyId, slice }, analyst)).surveyResults;
      expect(shown.suppressed, JSON.stringify(slice)).toBeNull();
      expect({ responses: group.responses, questions: group.questions }, JSON.stringify(slice)).toEqual({ responses: shown.responses, questions: shown.questions });
    }

    // A running wave is not listed: its figures are not final (and protected ones are not shown yet).
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    const running = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
      i: { title: 'Still running', audience: 'EMPLOYEES', purpose: 'LEADERSHIP', questions: QUESTIONS },
    })).createSurvey.id;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: running });
    clock = new Date(clock.getTime() + 60_000);
    const later = (await server.ok(WAVES, { since }, analyst)).syncSurveyWaves.nodes;
    expect(later.map((w: { surveyId: string }) => w.surveyId)).toEqual([surveyId]);
  });

  it('should hide a small group, refuse combined groups and apply the same rules to BI tokens', async () => {
    const answers = new Map<string, [number, number, number, string | null]>();
    childMembers.slice(0, 4).forEach((id) => answers.set(id, [9, 4, 0, null]));
    const surveyId = await run(answers); // 4 responses in total
    const analyst = await apiToken(server, 'ANALYST', 'BI');
    const asAnalyst = (await server.ok(RESULTS, { s: surveyId }, analyst)).surveyResults;
    expect(asAnalyst).toMatchObject({ suppressed: 'BELOW_THRESHOLD', responses: null });
    expect(asAnalyst.questions[0]).toMatchObject({ nps: null, mean: null, distribution: [] });
    expect(asAnalyst.trend).toEqual([{ waveNumber: 1, responses: null, score: null, suppressed: 'BELOW_THRESHOLD' }]);
    const combined = await server.gql(RESULTS, { s: surveyId, slice: { teamId: child, tenureBand: '1-3y' } });
    expect(combined.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slice' });
    const monitor = await apiToken(server, 'MONITOR');
    expect((await server.gql(RESULTS, { s: surveyId }, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should hide 5 comments below the comment threshold where their count may be shown', async () => {
    // Only the child team answers: 6 responses, 5 comments. Everyone = the child team, so the
    // comment count (5) may be shown, but 5 comments are below the comment threshold of 8.
    const answers = new Map<string, [number, number, number, string | null]>();
    CHILD_ANSWERS.forEach((a, i) => answers.set(childMembers[i]!, a as never));
    const surveyId = await run(answers);
    const all = (await server.ok(RESULTS, { s: surveyId })).surveyResults;
    expect(all.questions[3]).toMatchObject({ answered: 5, suppressed: 'COMMENTS_BELOW_THRESHOLD', comments: [] });
  });

  it('should show a running wave only as a response count in steps of five, pushed per step, and the figures at the close', async () => {
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: 'Live pulse', audience: 'EMPLOYEES', purpose: 'ENGAGEMENT', questions: QUESTIONS.slice(0, 1) },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const invited = await withEmailedTokens(
      server.rapport.deps.db,
      survey.id,
      (await server.ok(`mutation($s: ID!, $t: ID) { inviteToSurvey(input: { surveyId: $s, teamId: $t, includeSubTeams: true }) { created { email } } }`, { s: survey.id, t: parent })).inviteToSurvey.created,
    );
    const client = server.wsClient(server.adminToken);
    const sub = collect(client, `subscription($s: ID!) { surveyResultsChanged(surveyId: $s) { responses suppressed questions { nps { score } } } }`, { s: survey.id });
    const [first] = await sub.next(1);
    expect(first!.data!.surveyResultsChanged).toEqual({ responses: 0, suppressed: 'WAVE_RUNNING', questions: [{ nps: null }] });
    const answer = async (token: string, value: number) =>
      server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: token, a: [{ questionId: survey.questions[0].id, value }] }, null);
    const poll = async () => (await server.ok(`query($s: ID!) { surveyResults(surveyId: $s) { responses suppressed } survey(id: $s) { responseCount } }`, { s: survey.id }));
    const waitFor = async (test: (r: any) => boolean) => {
      const deadline = Date.now() + 8000;
      while (!sub.results.some((r) => test(r.data?.surveyResultsChanged)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return sub.results.find((r) => test(r.data?.surveyResultsChanged))?.data?.surveyResultsChanged;
    };
    // Four answers: nothing moves, neither in pushes nor in polls.
    for (const { token } of invited.slice(0, 4)) await answer(token, 10);
    expect(await poll()).toEqual({ surveyResults: { responses: 0, suppressed: 'WAVE_RUNNING' }, survey: { responseCount: 0 } });
    // The fifth completes a step: one push, the count only.
    await answer(invited[4].token, 10);
    expect(await waitFor((r) => r?.responses === 5)).toEqual({ responses: 5, suppressed: 'WAVE_RUNNING', questions: [{ nps: null }] });
    expect(await poll()).toEqual({ surveyResults: { responses: 5, suppressed: 'WAVE_RUNNING' }, survey: { responseCount: 5 } });
    // A sixth answer is not pushed and not shown until the wave closes.
    const pushes = sub.results.length;
    await answer(invited[5].token, 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sub.results.length).toBe(pushes);
    expect(await poll()).toEqual({ surveyResults: { responses: 5, suppressed: 'WAVE_RUNNING' }, survey: { responseCount: 5 } });
    // Closing publishes the figures, pushed and polled alike.
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: survey.id });
    expect(await waitFor((r) => r?.responses === 6)).toEqual({ responses: 6, suppressed: null, questions: [{ nps: { score: 66.7 } }] });
    expect(await poll()).toEqual({ surveyResults: { responses: 6, suppressed: null }, survey: { responseCount: 6 } });
    await client.dispose();
  });
});
