import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { emailedSurveyTokens } from '../server/test/mailbox.js';

const run = chromiumAvailable();

describe.runIf(run)('the Outbox page', () => {
  const suite = serverAndBrowser();

  it('shows new invitations live, says that email is not configured, and previews them without the personal link', async () => {
    const tag = Date.now().toString(36);
    const teamId = (await suite.server.admin<{ createTeam: { id: string } }>(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: `Outbox team ${tag}` } })).createTeam.id;
    await suite.server.admin(`mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, {
      i: { name: `Olga Outbox ${tag}`, email: `olga.${tag}@e2e.example`, teamId },
    });
    const title = `Outbox pulse ${tag}`;
    const survey = (
      await suite.server.admin<{ createSurvey: { id: string } }>(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }`, {
        i: { title, audience: 'EMPLOYEES', purpose: 'ENGAGEMENT', anonymous: true, questions: [{ type: 'NPS', prompt: 'Recommend us?', required: true }] },
      })
    ).createSurvey;
    await suite.server.admin(`mutation($id: ID!) { openSurvey(surveyId: $id) { id } }`, { id: survey.id });

    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
    await page.getByText(/Email is not configured \(SMTP_URL\)/).waitFor();

    // Invited while the page is open: the message appears without a reload.
    await suite.server.admin(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, { i: { surveyId: survey.id, teamId } });
    const subject = page.getByRole('button', { name: `Ihre Meinung zählt: ${title}` });
    await subject.waitFor({ timeout: 10_000 });
    await subject.click();
    const text = await page.getByLabel('Plain text').innerText();
    expect(text).toContain('[persönlicher Link – nur der Empfänger sieht ihn]');
    const [token] = [...(await emailedSurveyTokens(suite.server.rapport.deps.db, survey.id)).values()];
    expect(token).toMatch(/^rsv_/);
    expect(await page.content()).not.toContain(token!);
    await context.close();
  });
});
