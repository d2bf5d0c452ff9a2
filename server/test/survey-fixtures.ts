import type { TestServer } from './harness.js';
import { withEmailedTokens } from './mailbox.js';

/** Questions of a leadership pulse used by the leadership tests: leader NPS and one 1–5 item. */
export const PULSE_QUESTIONS = [
  { type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true },
  { type: 'RATING', prompt: 'My leader uses my strengths', required: true, scaleMax: 5 },
];

export interface TestSurvey {
  id: string;
  questionIds: string[];
}

/** Creates and opens an employee survey (recurring, so it can run several waves). */
export async function openEmployeeSurvey(
  server: TestServer,
  options: { title: string; purpose: 'LEADERSHIP' | 'ENGAGEMENT'; questions?: Array<Record<string, unknown>> },
): Promise<TestSurvey> {
  const survey = (
    await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: options.title, audience: 'EMPLOYEES', purpose: options.purpose, recurring: true, questions: options.questions ?? PULSE_QUESTIONS },
    })
  ).createSurvey;
  await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
  return { id: survey.id, questionIds: survey.questions.map((q: { id: string }) => q.id) };
}

/**
 * Invites the members of each team (not its sub-teams) to the running wave and
 * submits one response per entry of `answers` — one value per question, in
 * question order; members beyond the answers stay silent.
 */
export async function answerWave(server: TestServer, survey: TestSurvey, teams: Array<{ teamId?: string; leaderId?: string; answers: number[][] }>) {
  for (const { teamId, leaderId, answers } of teams) {
    const created = (
      await server.ok(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } throttled { email } } }`, {
        i: { surveyId: survey.id, teamId, leaderId },
      })
    ).inviteToSurvey;
    if (created.throttled.length) throw new Error(`Throttled by the contact budget: ${created.throttled.length}; move the clock on`);
    if (answers.length > created.created.length) throw new Error(`${answers.length} answers for ${created.created.length} invitations`);
    created.created = await withEmailedTokens(server.rapport.deps.db, survey.id, created.created);
    for (const [i, values] of answers.entries()) {
      const res = await server.gql(
        `mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`,
        { t: created.created[i].token, a: values.map((value, q) => ({ questionId: survey.questionIds[q], value })) },
        { token: null },
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  }
}

/** Closes the running wave and opens the next one. */
export async function nextWave(server: TestServer, survey: TestSurvey) {
  await server.ok(`mutation($s: ID!) { startSurveyWave(surveyId: $s) { id } }`, { s: survey.id });
}
