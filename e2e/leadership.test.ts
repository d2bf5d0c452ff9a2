import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { HeatmapPage, ScorecardPage, SignalsPage } from './pages/LeadershipPages.js';
import { TeamPage, TeamsPage } from './pages/TeamPages.js';
import { withEmailedTokens } from '../server/test/mailbox.js';

const run = chromiumAvailable();

describe.runIf(run)('leadership as a service in the admin app', () => {
  const suite = serverAndBrowser();

  async function loggedIn(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();
    return { context, page };
  }

  const createTeam = async (name: string, parentId?: string) =>
    (await suite.server.admin<{ createTeam: { id: string } }>(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name, ...(parentId ? { parentId } : {}) } })).createTeam.id;
  const createEmployee = async (input: Record<string, unknown>) =>
    (await suite.server.admin<{ createEmployee: { id: string } }>(`mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, { i: input })).createEmployee.id;
  // Everyone hired in the same tenure band, so the band partition never hides anything.
  const hiredAt = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();

  it('shows the scorecard and the heatmap with figures where allowed and hidden cells as hidden, with the reason', async () => {
    const tag = Date.now().toString(36);
    // Guild (top level) with three sub-teams of 6, 7 and 2 people, all led by one leader outside the teams.
    // Every member answers: the small team is below the threshold, and so that "Guild minus the others"
    // cannot reveal it, the next smallest team (6) is hidden too (complementary suppression); 7 stays shown.
    const guild = `Guild ${tag}`;
    const guildId = await createTeam(guild);
    const teams = { [`Alpha ${tag}`]: 6, [`Beta ${tag}`]: 7, [`Gamma ${tag}`]: 2 };
    const leaderName = `Lena Lead ${tag}`;
    const leaderId = await createEmployee({ name: leaderName, email: `lena.${tag}@e2e.example`, hiredAt });
    for (const [name, size] of Object.entries(teams)) {
      const teamId = await createTeam(name, guildId);
      for (let i = 0; i < size; i++) await createEmployee({ name: `${name} member ${i}`, email: `${name.split(' ')[0].toLowerCase()}${i}.${tag}@e2e.example`, teamId, leaderId, hiredAt });
    }

    const questions = [
      { type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true },
      { type: 'RATING', prompt: 'My leader makes use of my strengths', required: true, scaleMax: 5 },
      { type: 'RATING', prompt: 'I trust my leader', required: false, scaleMax: 5 },
    ];
    const survey = (
      await suite.server.admin<{ createSurvey: { id: string; questions: Array<{ id: string; prompt: string }> } }>(
        `mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id prompt } } }`,
        { i: { title: `Upward feedback ${tag}`, audience: 'EMPLOYEES', purpose: 'LEADERSHIP', anonymous: true, recurring: true, questions } },
      )
    ).createSurvey;
    await suite.server.admin(`mutation($id: ID!) { openSurvey(surveyId: $id) { id } }`, { id: survey.id });
    // An anonymous survey's links reach only the invitees, by email: answer with the emailed ones.
    const links = await withEmailedTokens(
      suite.server.rapport.deps.db,
      survey.id,
      (
        await suite.server.admin<{ inviteToSurvey: { created: Array<{ email: string }> } }>(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`, {
          i: { surveyId: survey.id, teamId: guildId, includeSubTeams: true },
        })
      ).inviteToSurvey.created,
    );
    expect(links).toHaveLength(15);
    const [nps, strengths, trust] = survey.questions;
    // 9 promoters, 3 passives, 3 detractors → leader NPS +40; only 3 answer the optional trust item (hidden).
    for (const [i, link] of links.entries()) {
      const score = i < 9 ? 9 + (i % 2) : i < 12 ? 8 : 4;
      const answers = [
        { questionId: nps.id, value: score },
        { questionId: strengths.id, value: 1 + (i % 5) },
        ...(i < 3 ? [{ questionId: trust.id, value: 4 }] : []),
      ];
      const res = await fetch(`${suite.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }', variables: { t: link.token, a: answers } }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
    // Figures of a protected wave appear when it closes.
    await suite.server.admin(`mutation($id: ID!) { closeSurvey(surveyId: $id) { id } }`, { id: survey.id });

    const { context, page } = await loggedIn();

    // The scorecard: figures from 15 answers, the optional item hidden as "fewer than 5", never 0.
    const scorecard = new ScorecardPage(page, suite.server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leadership' }).click();
    await page.getByLabel('Search').fill(leaderName);
    await page.getByRole('link', { name: leaderName }).click();
    await page.getByRole('heading', { level: 1, name: leaderName }).waitFor();
    await expect.poll(() => scorecard.tile('tile-leader-nps').innerText()).toBe('+40');
    expect(await scorecard.tile('tile-participation').innerText()).toBe('100%');
    expect(await scorecard.tile('tile-reports').innerText()).toBe('15');
    const hiddenItem = scorecard.item('I trust my leader');
    expect(await hiddenItem.getAttribute('data-suppressed')).toBe('BELOW_THRESHOLD');
    expect(await hiddenItem.locator('[data-suppressed]').getAttribute('data-reason')).toBe('Fewer than 5 responses — hidden to protect anonymity');
    expect(await hiddenItem.locator('[data-suppressed] [aria-hidden="true"]').innerText()).toBe('Hidden');
    expect(await hiddenItem.innerText()).not.toMatch(/answers|\d\.\d|\b0\b/);
    expect(await scorecard.item('My leader makes use of my strengths').innerText()).toContain('3.0');
    expect(await scorecard.trend('Leader NPS').getAttribute('aria-label')).toContain('+40');

    // The heatmap: Guild at the top level, then its sub-teams.
    const heatmap = new HeatmapPage(page, suite.server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leadership' }).click();
    await page.getByRole('link', { name: 'Team heatmap' }).click();
    await page.getByLabel('Survey').selectOption(survey.id);
    await heatmap.row(guild).waitFor();
    await heatmap.drillInto(guild);
    await heatmap.row(`Beta ${tag}`).waitFor();
    expect(await heatmap.breadcrumb().locator('[aria-current]').innerText()).toBe(guild);
    expect(page.url()).toContain(`parent=${guildId}`);

    const npsKey = `q${nps.id}`;
    expect(await heatmap.cell(guild, npsKey).innerText()).toBe('+40');
    expect(await heatmap.cell(guild, 'participation').innerText()).toBe('100%');
    expect(await heatmap.cell(`Beta ${tag}`, 'participation').innerText()).toBe('100%');
    expect(await heatmap.cell(`Beta ${tag}`, npsKey).innerText()).toMatch(/^[+-]?\d+$/);

    const small = heatmap.cell(`Gamma ${tag}`, npsKey);
    expect(await small.getAttribute('data-suppressed')).toBe('BELOW_THRESHOLD');
    expect(await small.innerText()).toContain('<5');
    expect(await small.locator('[data-reason]').getAttribute('data-reason')).toBe('Fewer than 5 responses — hidden to protect anonymity');
    const complement = heatmap.cell(`Alpha ${tag}`, npsKey);
    expect(await complement.getAttribute('data-suppressed')).toBe('DIFFERENCING');
    expect(await complement.innerText()).toContain('Hidden');
    for (const team of [`Alpha ${tag}`, `Gamma ${tag}`]) {
      for (const cell of await heatmap.row(team).locator('td.heat-cell').all()) {
        expect(await cell.getAttribute('data-suppressed')).not.toBeNull();
        expect(await cell.locator('[aria-hidden="true"]').innerText()).not.toMatch(/^0|%$/);
      }
    }
    // The optional item is hidden for the whole Guild as well.
    const trustCell = heatmap.cell(guild, `q${trust.id}`);
    expect(await trustCell.getAttribute('data-suppressed')).toBe('BELOW_THRESHOLD');

    // Back up to the top level by the breadcrumb.
    await heatmap.breadcrumb().getByRole('button', { name: 'All teams' }).click();
    await expect.poll(() => page.url()).not.toContain('parent=');
    await heatmap.row(`Beta ${tag}`).waitFor({ state: 'detached' });

    // The leader's employee page links to the scorecard.
    await page.goto(`${suite.server.url}/people/${leaderId}`);
    await page.getByRole('link', { name: /^Scorecard/ }).click();
    await page.waitForURL(`${suite.server.url}/leadership/${leaderId}`);
    await expect.poll(() => scorecard.tile('tile-leader-nps').innerText()).toBe('+40');
    await context.close();
  });

  it('shows a new trust-withdrawal signal live when two people of a team leave for a competitor', async () => {
    const tag = Date.now().toString(36);
    const team = `Harbour ${tag}`;
    const teamId = await createTeam(team);
    const leaderId = await createEmployee({ name: `Hana Lead ${tag}`, email: `hana.${tag}@e2e.example`, hiredAt });
    const members: string[] = [];
    for (let i = 0; i < 7; i++) members.push(await createEmployee({ name: `Harbour member ${i} ${tag}`, email: `harbour${i}.${tag}@e2e.example`, teamId, leaderId, hiredAt }));

    const { context, page } = await loggedIn();
    const signals = new SignalsPage(page, suite.server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leadership' }).click();
    await page.getByRole('link', { name: 'Trust signals' }).click();
    await page.getByRole('region', { name: 'How signals are worked out' }).getByText('Exits to competitors').waitFor();
    await signals.waitForLive();
    expect(await signals.signal(team).count()).toBe(0);
    // A mark on this document: it survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    // Two exits to a competitor, recorded through the API: the server evaluates the team and pushes the signal.
    for (const id of members.slice(0, 2)) {
      await suite.server.admin(`mutation($i: RecordExitInput!) { recordExit(input: $i) { id } }`, { i: { employeeId: id, reason: 'LEFT_FOR_COMPETITOR', regretted: true } });
    }
    const card = signals.signal(team);
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByText('New', { exact: true }).count()).toBe(1);
    expect(await card.innerText()).toContain('Exits to competitors');
    expect(await card.locator('.signal-evidence').innerText()).toMatch(/2 people/);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    // An admin takes it on and says what is being done; the card shows who and the note.
    await signals.takeOn(team, 'Skip-level talks with the team this week');
    await expect.poll(() => signals.acknowledgement(team).innerText()).toMatch(new RegExp(`^Taken on by ${ADMIN_EMAIL.replace(/\./g, '\\.')} · just now: Skip-level talks with the team this week$`));
    expect(await card.getByRole('button', { name: 'Take it on' }).count()).toBe(0);

    // The team's page shows the open signal and leads back to it, and to the team's heatmap.
    await card.getByRole('link', { name: team }).click();
    const teamPage = new TeamPage(page, suite.server.url);
    const notice = teamPage.signal(team);
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/Watch · 3 points — Exits to competitors/);
    expect(await teamPage.heatmapLink.getAttribute('href')).toBe(`/leadership/heatmap?parent=${teamId}`);
    await notice.getByRole('link', { name: 'See the signal →' }).click();
    await signals.signal(team).waitFor();

    // The teams tree marks the team, and only teams with an open signal.
    const tree = new TeamsPage(page, suite.server.url);
    await tree.goto();
    expect(await tree.signalBadge(team).innerText()).toBe('Watch');
    const marked = await tree.tree.getByRole('link', { name: /trust signal/ }).count();
    const open = (await suite.server.admin<{ trustSignals: { totalCount: number } }>(`{ trustSignals { totalCount } }`)).trustSignals.totalCount;
    expect(marked).toBe(open);
    await context.close();
  });
});
