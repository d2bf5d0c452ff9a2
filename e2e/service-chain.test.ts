import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { ChainPage } from './pages/LeadershipPages.js';
import { withEmailedTokens } from '../server/test/mailbox.js';

const run = chromiumAvailable();

describe.runIf(run)('the service-profit chain in the admin app', () => {
  const suite = serverAndBrowser();

  const id = async (mutation: string, input: Record<string, unknown>) => {
    const data = await suite.server.admin<Record<string, { id: string }>>(`mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { id } }`, { i: input });
    return data[mutation].id;
  };

  it('shows a team with the customers its people own, their referrals, and its leader NPS hidden below the threshold', async () => {
    const tag = Date.now().toString(36);
    const hiredAt = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
    // Harbour (4 people, led from outside the team) under a group of its own, to drill into.
    const group = `Harbour group ${tag}`;
    const team = `Harbour ${tag}`;
    const groupId = await id('createTeam', { name: group });
    const teamId = await id('createTeam', { name: team, parentId: groupId });
    const leaderId = await id('createEmployee', { name: `Hal Lead ${tag}`, email: `hal.${tag}@e2e.example`, hiredAt });
    const members: string[] = [];
    for (let i = 0; i < 4; i++) members.push(await id('createEmployee', { name: `Harbour member ${i} ${tag}`, email: `harbour${i}.${tag}@e2e.example`, teamId, leaderId, hiredAt }));

    // Two customers owned by the team's people; one of them refers someone this quarter.
    const customers: string[] = [];
    for (let i = 0; i < 2; i++) customers.push(await id('createCustomer', { name: `Harbour client ${i} ${tag}`, email: `client${i}.${tag}@e2e.example`, accountOwnerId: members[i] }));
    await id('createReferral', { kind: 'CUSTOMER', referrerCustomerId: customers[0], referredName: `Friend ${tag}`, referredEmail: `friend.${tag}@e2e.example` });

    // A leadership wave that three of the four answer, closed: fewer than 5 answers, so hidden.
    const survey = (
      await suite.server.admin<{ createSurvey: { id: string; questions: Array<{ id: string }> } }>(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
        i: {
          title: `Harbour pulse ${tag}`,
          audience: 'EMPLOYEES',
          purpose: 'LEADERSHIP',
          anonymous: true,
          recurring: true,
          questions: [{ type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true }],
        },
      })
    ).createSurvey;
    await suite.server.admin(`mutation($id: ID!) { openSurvey(surveyId: $id) { id } }`, { id: survey.id });
    // An anonymous survey's links reach only the invitees, by email: answer with the emailed ones.
    const links = await withEmailedTokens(
      suite.server.rapport.deps.db,
      survey.id,
      (
        await suite.server.admin<{ inviteToSurvey: { created: Array<{ email: string }> } }>(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, {
          i: { surveyId: survey.id, teamId },
        })
      ).inviteToSurvey.created,
    );
    expect(links).toHaveLength(4);
    for (const link of links.slice(0, 3)) {
      const res = await fetch(`${suite.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }',
          variables: { t: link.token, a: [{ questionId: survey.questions[0].id, value: 9 }] },
        }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
    await suite.server.admin(`mutation($id: ID!) { closeSurvey(surveyId: $id) { id } }`, { id: survey.id });

    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();

    const chain = new ChainPage(page, suite.server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leadership' }).click();
    await page.getByRole('link', { name: 'Service-profit chain' }).click();
    await chain.row(group).waitFor();
    await chain.drillInto(group);
    await chain.row(team).waitFor();
    expect(page.url()).toContain(`parent=${groupId}`);

    // The team's row: its customers, their referral rate this quarter (1 referral ÷ 2 customers).
    expect(await chain.customers(team).innerText()).toBe('2');
    expect(await chain.latest(team, 'referralRate').innerText()).toBe('50%');
    expect(await chain.link(team, 'referralRate').locator('.spc-slot').last().getAttribute('title')).toContain('1 referral, 0 converted, of 2 customers');
    // Leader NPS from 3 answers: hidden with the reason, never a number.
    const hidden = chain.latest(team, 'leaderNps').locator('[data-suppressed]');
    expect(await hidden.getAttribute('data-suppressed')).toBe('BELOW_THRESHOLD');
    expect(await hidden.getAttribute('data-reason')).toBe('Fewer than 5 responses — hidden to protect anonymity');
    expect(await hidden.locator('[aria-hidden="true"]').innerText()).toBe('<5');
    expect(await chain.link(team, 'leaderNps').locator('.spc-slot').last().getAttribute('data-state')).toBe('hidden');
    expect(await chain.row(team).getByRole('link', { name: `Heatmap of ${team}` }).getAttribute('href')).toBe(`/leadership/heatmap?parent=${teamId}`);

    // Its chain below the table: the leader NPS chart leaves the quarter as a hidden gap.
    await chain.open(team);
    await chain.detail(team).waitFor();
    expect(page.url()).toContain(`team=${teamId}`);
    expect(await chain.chart('Leader NPS', team).getAttribute('aria-label')).toMatch(/ hidden$/);
    expect(await chain.chart('Referral rate', team).getAttribute('aria-label')).toMatch(/ 50%$/);
    await chain.detail(team).getByRole('link', { name: 'Team page' }).click();
    await page.waitForURL(`${suite.server.url}/teams/${teamId}`);
    await context.close();
  });
});
