import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { assign, createEmployees, createTeam } from '../../test/fixtures.js';
import { SurveyResponse, SurveyInvitation } from './survey.entity.js';
import { withEmailedTokens } from '../../test/mailbox.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

describe.each(kinds)('surveys on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-05-04T10:17:23.000Z');
  let teamId: string;
  let leader: string;
  let members: string[];
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    teamId = await createTeam(server, 'Survey Team');
    [leader, ...members] = await createEmployees(server, ['Pulse Leader', ...[1, 2, 3, 4, 5, 6].map((i) => ({ name: `Pulse Member ${'ABCDEF'[i - 1]}`, teamId: '' }))].map((p) => (typeof p === 'string' ? p : { ...p, teamId })) as never);
    for (const m of members) await assign(server, m, leader!);
  });
  afterAll(() => server?.stop());

  const QUESTIONS = [
    { type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true },
    { type: 'RATING', prompt: 'My leader helps me succeed on my own terms', required: true, scaleMax: 5 },
    { type: 'SINGLE_CHOICE', prompt: 'How often do you talk?', required: false, options: ['Weekly', 'Monthly', 'Rarely'] },
    { type: 'MULTIPLE_CHOICE', prompt: 'What helps most?', required: false, options: ['Feedback', 'Autonomy', 'Coaching'] },
    { type: 'FREE_TEXT', prompt: 'Anything else?', required: false },
  ];
  async function newSurvey(extra: Record<string, unknown> = {}) {
    const data = await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id status questions { id type } } }`, {
      i: { title: 'Leadership pulse', audience: 'EMPLOYEES', purpose: 'LEADERSHIP', questions: QUESTIONS, ...extra },
    });
    return data.createSurvey as { id: string; status: string; questions: Array<{ id: string; type: string }> };
  }
  /** Invites the team; each created invitation carries the token its invitee was emailed. */
  const inviteTeam = async (surveyId: string) => {
    const res = await server.gql(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email token } throttled { email } alreadyInvited } }`, { i: { surveyId, teamId } });
    if (res.data) res.data.inviteToSurvey.created = await withEmailedTokens(server.rapport.deps.db, surveyId, res.data.inviteToSurvey.created);
    return res;
  };
  const answersFor = (q: Array<{ id: string }>, nps: number) => [
    { questionId: q[0]!.id, value: nps },
    { questionId: q[1]!.id, value: 4 },
    { questionId: q[2]!.id, option: 1 },
    { questionId: q[3]!.id, options: [0, 2] },
    { questionId: q[4]!.id, text: 'More 1:1 time' },
  ];
  const submit = (token: string, answers: unknown[]) =>
    server.gql(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: token, a: answers }, { token: null });

  it('should move draft → open → closed, and refuse invitations and answers outside OPEN', async () => {
    const survey = await newSurvey();
    expect(survey.status).toBe('DRAFT');
    expect((await inviteTeam(survey.id)).errors?.[0]?.extensions?.code).toBe('SURVEY_NOT_OPEN');
    const opened = await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { status waves { number closedAt } } }`, { s: survey.id });
    expect(opened.openSurvey).toEqual({ status: 'OPEN', waves: [{ number: 1, closedAt: null }] });
    const invited = (await inviteTeam(survey.id)).data.inviteToSurvey;
    expect(invited.created).toHaveLength(6);
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { status } }`, { s: survey.id });
    const token = invited.created[0].token;
    expect((await submit(token, answersFor(survey.questions, 9))).errors?.[0]?.extensions?.code).toBe('SURVEY_NOT_OPEN');
    const page = await server.gql(`query($t: String!) { surveyInvitation(token: $t) { state title questions { id } } }`, { t: token }, { token: null });
    expect(page.data.surveyInvitation).toEqual({ state: 'CLOSED', title: 'Leadership pulse', questions: [] });
    const again = await server.gql(`mutation($s: ID!) { openSurvey(surveyId: $s) { status } }`, { s: survey.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    clock = new Date(clock.getTime() + 31 * DAY); // leave the contact budget for the next tests
    await server.relogin();
  });

  it('should accept one response per invitation, also under simultaneous submits', async () => {
    const survey = await newSurvey();
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const { created } = (await inviteTeam(survey.id)).data.inviteToSurvey;
    const token = created[0].token;
    expect((await server.gql(`query($t: String!) { surveyInvitation(token: $t) { state questions { type } } }`, { t: token }, { token: null })).data.surveyInvitation.questions).toHaveLength(5);
    const results = await Promise.all([1, 2, 3].map(() => submit(token, answersFor(survey.questions, 10))));
    expect(results.filter((r) => r.data?.submitSurveyResponse === true)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'ALREADY_RESPONDED')).toHaveLength(2);
    // While the wave runs, the count moves in steps of five (one answer shows as 0); the close shows the one.
    expect((await server.ok(`query($s: ID!) { survey(id: $s) { responseCount } }`, { s: survey.id })).survey.responseCount).toBe(0);
    const used = await server.gql(`query($t: String!) { surveyInvitation(token: $t) { state } }`, { t: token }, { token: null });
    expect(used.data.surveyInvitation.state).toBe('USED');
    const unknown = await server.gql(`query { surveyInvitation(token: "rsv_nope") { state title } }`, {}, { token: null });
    expect(unknown.data.surveyInvitation).toEqual({ state: 'UNKNOWN', title: null });
    // Questions are locked once responses exist.
    const edit = await server.gql(`mutation($s: ID!, $q: [QuestionInput!]!) { setSurveyQuestions(surveyId: $s, questions: $q) { id } }`, { s: survey.id, q: QUESTIONS.slice(0, 1) });
    expect(edit.errors?.[0]?.extensions?.code).toBe('QUESTIONS_LOCKED');
    expect(edit.errors?.[0]?.message).not.toMatch(/\d/); // not even the refusal tells how many have answered
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: survey.id });
    expect((await server.ok(`query($s: ID!) { survey(id: $s) { responseCount } }`, { s: survey.id })).survey.responseCount).toBe(1);
  });

  it('should validate every answer and name the field, storing nothing on error', async () => {
    const survey = await newSurvey();
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    const token = (await inviteTeam(survey.id)).data.inviteToSurvey.created[0].token;
    const q = survey.questions;
    const cases: Array<[unknown[], string]> = [
      [[{ questionId: q[0]!.id, value: 11 }, { questionId: q[1]!.id, value: 3 }], 'answers.0.value'],
      [[{ questionId: q[0]!.id, value: 7 }, { questionId: q[1]!.id, value: 6 }], 'answers.1.value'],
      [[{ questionId: q[0]!.id, value: 7 }, { questionId: q[1]!.id, value: 3 }, { questionId: q[2]!.id, option: 3 }], 'answers.2.option'],
      [[{ questionId: q[0]!.id, value: 7 }, { questionId: q[1]!.id, value: 3 }, { questionId: q[3]!.id, options: [5] }], 'answers.2.options'],
      [[{ questionId: q[0]!.id, value: 7 }, { questionId: '999999', value: 3 }], 'answers.1.questionId'],
      [[{ questionId: q[1]!.id, value: 3 }], `answers.question${q[0]!.id}`],
    ];
    for (const [answers, field] of cases) {
      const res = await submit(token, answers);
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await server.ok(`query($s: ID!) { survey(id: $s) { responseCount } }`, { s: survey.id })).survey.responseCount).toBe(0);
    expect((await submit(token, [{ questionId: q[0]!.id, value: 0 }, { questionId: q[1]!.id, value: 1 }])).data.submitSurveyResponse).toBe(true);
  });

  it('should throttle people invited within the contact budget, across surveys', async () => {
    const first = await newSurvey();
    const second = await newSurvey({ title: 'Engagement pulse', purpose: 'ENGAGEMENT' });
    for (const s of [first, second]) await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: s.id });
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    const a = (await inviteTeam(first.id)).data.inviteToSurvey;
    expect(a.created).toHaveLength(6);
    const again = (await inviteTeam(first.id)).data.inviteToSurvey;
    expect(again).toMatchObject({ created: [], alreadyInvited: 6 });
    clock = new Date(clock.getTime() + 10 * DAY);
    await server.relogin();
    const b = (await inviteTeam(second.id)).data.inviteToSurvey;
    expect(b.created).toHaveLength(0);
    expect(b.throttled).toHaveLength(6);
    const customers = await server.gql(`mutation($s: ID!) { inviteToSurvey(input: { surveyId: $s, customerSegment: "smb" }) { alreadyInvited } }`, { s: second.id });
    expect(customers.errors?.[0]?.extensions?.code).toBe('WRONG_AUDIENCE');
  });

  it('should store anonymous responses without any link to the person, keeping only segment facts and the day', async () => {
    const survey = await newSurvey();
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    clock = new Date(clock.getTime() + 31 * DAY + 37 * 60_000);
    await server.relogin();
    const { created } = (await inviteTeam(survey.id)).data.inviteToSurvey;
    await submit(created[2].token, answersFor(survey.questions, 6));
    const em = server.rapport.deps.db.fork();
    const responses = await em.find(SurveyResponse, { wave: { survey: Number(survey.id) } });
    expect(responses).toHaveLength(1);
    const response = responses[0]!;
    expect(response.employee).toBeNull();
    expect(response.customer).toBeNull();
    expect(response.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.submittedAt.getTime() % DAY).toBe(0);
    expect(response.team?.id).toBe(Number(teamId));
    expect(response.subjectLeader?.id).toBe(Number(leader));
    expect(response.tenureBand).toBeTruthy();
    const used = await em.find(SurveyInvitation, { respondedOn: { $ne: null }, wave: { survey: Number(survey.id) } });
    expect(used).toHaveLength(1);
    expect(used[0]!.respondedOn!.getTime() % DAY).toBe(0);
    // Nothing in the response row or its answers names the invitation or the person.
    const raw = await em.getConnection().execute(`select * from survey_response where id = ?`, [response.id]);
    expect(Object.keys(raw[0]).sort()).toEqual(['customer_id', 'customer_segment', 'employee_id', 'id', 'subject_leader_id', 'submitted_at', 'team_id', 'tenure_band', 'wave_id']);
  });

  it('should run recurring surveys in waves with the same questions', async () => {
    const survey = await newSurvey({ recurring: true });
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const wave = await server.ok(`mutation($s: ID!) { startSurveyWave(surveyId: $s) { number closedAt } }`, { s: survey.id });
    expect(wave.startSurveyWave).toEqual({ number: 2, closedAt: null });
    const waves = await server.ok(`query($s: ID!) { survey(id: $s) { waves { number closedAt } } }`, { s: survey.id });
    expect(waves.survey.waves.map((w: any) => [w.number, w.closedAt !== null])).toEqual([[1, true], [2, false]]);
    const once = await newSurvey();
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: once.id });
    expect((await server.gql(`mutation($s: ID!) { startSurveyWave(surveyId: $s) { number } }`, { s: once.id })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should update a draft freely and keep audience and anonymity fixed once open', async () => {
    const survey = await newSurvey();
    const draft = await server.ok(`mutation($i: UpdateSurveyInput!) { updateSurvey(input: $i) { title anonymous } }`, { i: { id: survey.id, title: 'Renamed pulse', anonymous: false } });
    expect(draft.updateSurvey).toEqual({ title: 'Renamed pulse', anonymous: false });
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const open = await server.gql(`mutation($i: UpdateSurveyInput!) { updateSurvey(input: $i) { anonymous } }`, { i: { id: survey.id, anonymous: true } });
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'QUESTIONS_LOCKED', field: 'anonymous' });
    expect((await server.ok(`mutation($i: UpdateSurveyInput!) { updateSurvey(input: $i) { title } }`, { i: { id: survey.id, title: 'Pulse' } })).updateSurvey.title).toBe('Pulse');
  });

  it('should refuse malformed question definitions with the field named', async () => {
    const bad = await server.gql(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
      i: { title: 'Bad', audience: 'CUSTOMERS', purpose: 'CSAT', questions: [{ type: 'RATING', prompt: 'Satisfied?', required: true }] },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions.0.scaleMax' });
    const choice = await server.gql(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
      i: { title: 'Bad', audience: 'CUSTOMERS', purpose: 'CUSTOM', questions: [{ type: 'SINGLE_CHOICE', prompt: 'Pick', required: true, options: ['Only one'] }] },
    });
    expect(choice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions.0.options' });
  });
});
