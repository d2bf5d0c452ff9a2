import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { RespondentPage, SurveyBuilderPage, SurveyPage } from './pages/SurveyPages.js';
import { emailedSurveyTokens } from '../server/test/mailbox.js';

const run = chromiumAvailable();

describe.runIf(run)('a survey from the builder to anonymous results at the close', () => {
  const suite = serverAndBrowser();

  it('builds, opens and invites in the UI; a respondent answers; the count moves in steps of 5 while it runs; the figures appear live at the close', async () => {
    const tag = Date.now().toString(36);
    // A fresh top-level team of six with one leader outside it, all hired in the same tenure band:
    // every grouping of the responses (team, leader, band) is then the same group, so no figure is
    // hidden by differencing and the threshold alone decides.
    const teamName = `Survey Squad ${tag}`;
    const teamId = (await suite.server.admin<{ createTeam: { id: string } }>(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: teamName } })).createTeam.id;
    const leaderId = (
      await suite.server.admin<{ createEmployee: { id: string } }>(`mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, {
        i: { name: `Lea Leader ${tag}`, email: `lea.${tag}@e2e.example` },
      })
    ).createEmployee.id;
    const hiredAt = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
    for (let i = 0; i < 6; i++) {
      await suite.server.admin(`mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, {
        i: { name: `Member ${i} ${tag}`, email: `member${i}.${tag}@e2e.example`, teamId, leaderId, hiredAt },
      });
    }

    const admin = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await admin.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();

    // Build it in the UI: the default NPS question plus a rating.
    await page.getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('button', { name: 'New survey' }).first().click();
    const builder = new SurveyBuilderPage(page, suite.server.url);
    await page.getByLabel('Title').waitFor();
    const title = `Squad pulse ${tag}`;
    await builder.settings({ title, description: 'Two questions, two minutes.', audience: 'EMPLOYEES', purpose: 'ENGAGEMENT' });
    await builder.addQuestion('Rating scale', 'How well does your leader support you?');
    await builder.create();

    const survey = new SurveyPage(page, suite.server.url);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await survey.open();
    await survey.inviteTeam(teamName);
    // Anonymous: the admin is shown no link at all; each invitee gets theirs by email.
    expect(await survey.inviteSummary().innerText()).toMatch(/^6 invitations emailed/);
    await survey.page.getByTestId('anonymous-delivery').waitFor();
    expect(await survey.links()).toEqual([]);
    const surveyId = new URL(page.url()).pathname.split('/')[2]!;
    const emailed = await emailedSurveyTokens(suite.server.rapport.deps.db, surveyId);
    expect(emailed.size).toBe(6);
    const links = [...emailed.values()].map((token) => `${suite.server.url}/s/${encodeURIComponent(token)}`);
    await expect.poll(() => survey.page.getByTestId('already-invited').innerText()).toBe('0');

    // While the wave runs, figures wait for the close, with the reason; only the count shows.
    await survey.results.getByText(/Shown when the wave closes/).first().waitFor();
    expect(await survey.headlineResponses().innerText()).toBe('0');

    // A respondent in a separate (logged-out) context.
    const outside = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await outside.newPage();
    const respondent = new RespondentPage(phone);
    await respondent.goto(links[0]!);
    await phone.getByText(/Your answers are anonymous/).waitFor();
    await respondent.send();
    await respondent.question(1).getByText('Please answer this question.').waitFor();
    await respondent.pick(1, '9');
    await respondent.pick(2, '4');
    await respondent.send();
    await phone.getByText('Thank you!').waitFor();
    await phone.goto(links[0]!);
    await phone.getByText('You have already answered — thank you').waitFor();
    await outside.close();

    // One answer moves nothing an admin can see: the count moves in whole steps of 5.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await survey.responsesTile().innerText()).toMatch(/^0\b/);
    expect(await survey.headlineResponses().innerText()).toBe('0');

    const tokens = links.map((l) => decodeURIComponent(l.split('/s/')[1]!));
    const questions = (
      await suite.server.admin<{ surveyInvitation: { questions: Array<{ id: string; type: string }> } }>(`query($t: String!) { surveyInvitation(token: $t) { questions { id type } } }`, { t: tokens[1] })
    ).surveyInvitation.questions;
    const respond = async (token: string, nps: number, rating: number) => {
      const res = await fetch(`${suite.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }',
          variables: { t: token, a: questions.map((q) => ({ questionId: q.id, value: q.type === 'NPS' ? nps : rating })) },
        }),
      });
      const body = (await res.json()) as { data?: { submitSurveyResponse: boolean }; errors?: unknown };
      expect(body.errors).toBeUndefined();
    };
    await respond(tokens[1]!, 10, 5);
    await respond(tokens[2]!, 10, 4);
    await respond(tokens[3]!, 3, 2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await survey.headlineResponses().innerText()).toBe('0');
    expect(await survey.npsScore().count()).toBe(0);

    // The fifth response completes a step: the count arrives live, the figures still wait.
    await respond(tokens[4]!, 8, 3);
    await expect.poll(() => survey.headlineResponses().innerText(), { timeout: 15_000 }).toBe('5');
    await expect.poll(() => survey.responsesTile().innerText(), { timeout: 15_000 }).toMatch(/^5\b/);
    expect(await survey.npsScore().count()).toBe(0);

    // Closing the survey publishes its figures, without a reload.
    await survey.close();
    // 9, 10, 10 promoters; 8 passive; 3 detractor → (3 − 1) / 5 = +40.
    await expect.poll(() => survey.npsScore().textContent(), { timeout: 15_000 }).toBe('+40');
    await admin.close();
  });
});
