import type { Locator, Page } from 'playwright-core';

/** The survey builder (/surveys/new). */
export class SurveyBuilderPage {
  readonly addGroup: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.addGroup = page.getByRole('group', { name: 'Add question' });
  }
  async goto() {
    await this.page.goto(`${this.baseUrl}/surveys/new`);
    await this.page.getByLabel('Title').waitFor();
  }
  async settings(s: { title: string; description?: string; audience?: 'EMPLOYEES' | 'CUSTOMERS'; purpose?: string }) {
    await this.page.getByLabel('Title').fill(s.title);
    if (s.description) await this.page.getByLabel('Description').fill(s.description);
    if (s.audience) await this.page.getByLabel('Audience').selectOption(s.audience);
    if (s.purpose) await this.page.getByLabel('Purpose').selectOption(s.purpose);
  }
  async addQuestion(label: string, prompt: string) {
    await this.addGroup.getByRole('button', { name: `+ ${label}` }).click();
    const n = await this.page.locator('[data-builder-question]').count();
    await this.page.getByLabel(`Question ${n} text`).fill(prompt);
    return n;
  }
  async create() {
    await this.page.getByRole('button', { name: 'Create draft' }).click();
    await this.page.waitForURL(/\/surveys\/[^/]+$/);
  }
}

/** A survey's page (/surveys/:id): actions, invitations, results. */
export class SurveyPage {
  readonly actions: Locator;
  readonly inviteForm: Locator;
  readonly results: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.actions = page.getByRole('group', { name: 'Survey actions' });
    this.inviteForm = page.getByRole('form', { name: 'Invite' });
    this.results = page.locator('.results-card');
  }
  async close() {
    await this.actions.getByRole('button', { name: 'Close survey' }).click();
    await this.actions.getByRole('button', { name: 'Close survey' }).click(); // confirm
  }
  async open() {
    await this.actions.getByRole('button', { name: 'Open survey' }).click();
    await this.inviteForm.waitFor();
  }
  async inviteTeam(teamName: string, includeSubTeams = false) {
    const team = this.inviteForm.getByLabel('Team', { exact: true });
    await this.page.waitForFunction((name) => [...document.querySelectorAll('select option')].some((o) => o.textContent?.trim() === name), teamName);
    const value = await team.locator('option', { hasText: teamName }).first().getAttribute('value');
    await team.selectOption(value!);
    const sub = this.inviteForm.getByLabel('Include sub-teams');
    if ((await sub.isChecked()) !== includeSubTeams) await sub.click();
    await this.inviteForm.getByRole('button', { name: 'Send invitations' }).click();
    await this.page.getByRole('region', { name: 'Invitation result' }).waitFor();
  }
  /** The summary shown after sending ("6 invitations emailed · …"). */
  inviteSummary(): Locator {
    return this.page.getByRole('region', { name: 'Invitation result' }).getByRole('status');
  }
  /** The respondent links a named survey shows once after sending (an anonymous one shows none). */
  links(): Promise<string[]> {
    return this.page.locator('[data-link]').evaluateAll((els) => els.map((e) => e.getAttribute('data-link')!));
  }
  responsesTile(): Locator {
    return this.page.getByTestId('survey-responses');
  }
  headlineResponses(): Locator {
    return this.results.getByTestId('results-responses');
  }
  npsScore(): Locator {
    return this.results.getByTestId('nps-score');
  }
  suppressed(): Locator {
    return this.results.locator('[data-suppressed]');
  }
}

/** The public respondent page (/s/:token). */
export class RespondentPage {
  readonly form: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Survey' });
  }
  async goto(link: string) {
    await this.page.goto(link);
    await this.form.waitFor();
  }
  question(n: number): Locator {
    return this.page.locator(`[data-question="${n}"]`);
  }
  async pick(n: number, label: string) {
    await this.question(n).getByRole('radio', { name: label, exact: true }).click();
  }
  async send() {
    await this.page.getByRole('button', { name: 'Send answers' }).click();
  }
}
