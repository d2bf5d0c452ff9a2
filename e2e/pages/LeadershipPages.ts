import type { Locator, Page } from 'playwright-core';

/** A leader's scorecard (/leadership/:id). */
export class ScorecardPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}
  async goto(leaderId: string) {
    await this.page.goto(`${this.baseUrl}/leadership/${leaderId}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }
  tile(testId: 'tile-leader-nps' | 'tile-participation' | 'tile-enps' | 'tile-reports' | 'tile-exits' | 'tile-referrals'): Locator {
    return this.page.getByTestId(testId);
  }
  /** One upward-feedback item row, by its question prompt. */
  item(label: string): Locator {
    return this.page.getByRole('list', { name: 'Upward feedback items' }).locator(`li[data-item="${label}"]`);
  }
  trend(label: string): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${label} by wave`) });
  }
}

/** The team heatmap (/leadership/heatmap). */
export class HeatmapPage {
  readonly grid: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.grid = page.locator('table.heatmap');
  }
  async goto(surveyId: string) {
    await this.page.goto(`${this.baseUrl}/leadership/heatmap?survey=${surveyId}`);
    await this.grid.waitFor();
  }
  row(team: string): Locator {
    return this.grid.locator(`tr[data-team="${team}"]`);
  }
  cell(team: string, columnKey: string): Locator {
    return this.row(team).locator(`[data-column="${columnKey}"]`);
  }
  async drillInto(team: string) {
    await this.row(team).getByRole('button', { name: new RegExp(`^${team}\\s*: show its`) }).click();
  }
  breadcrumb(): Locator {
    return this.page.getByRole('navigation', { name: 'Team level' });
  }
}

/** Trust-withdrawal signals (/leadership/signals). */
export class SignalsPage {
  readonly list: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.list = page.getByRole('list', { name: 'Trust-withdrawal signals, worst first' });
  }
  async goto() {
    await this.page.goto(`${this.baseUrl}/leadership/signals`);
    await this.page.getByRole('region', { name: 'How signals are worked out' }).waitFor();
  }
  async waitForLive() {
    await this.page.locator('[data-live="on"]').waitFor();
  }
  signal(team: string): Locator {
    return this.list.locator(`li[data-team="${team}"]`);
  }
  /** Takes a signal on through its card: "Take it on", the note, Save. */
  async takeOn(team: string, note: string) {
    const card = this.signal(team);
    await card.getByRole('button', { name: 'Take it on' }).click();
    const form = card.getByRole('form', { name: `Take on the signal for ${team}` });
    await form.getByLabel('What is being done?').fill(note);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
  }
  /** "Taken on by … · …: note" on a card. */
  acknowledgement(team: string): Locator {
    return this.signal(team).locator('.signal-ack-note');
  }
}

/** The service-profit chain (/leadership/chain). */
export class ChainPage {
  readonly table: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.table = page.locator('table.spc-table');
  }
  async goto(query = '') {
    await this.page.goto(`${this.baseUrl}/leadership/chain${query}`);
    await this.table.waitFor();
  }
  row(team: string): Locator {
    return this.table.locator(`tr[data-team="${team}"]`);
  }
  /** A link's cell in a team's row: leaderNps, enps, customerNps, referralRate, complaints. */
  link(team: string, link: string): Locator {
    return this.row(team).locator(`td[data-link="${link}"]`);
  }
  /** The printed (latest) figure of a link. */
  latest(team: string, link: string): Locator {
    return this.link(team, link).locator('[data-latest]');
  }
  customers(team: string): Locator {
    return this.row(team).locator('td[data-column="customers"]');
  }
  async drillInto(team: string) {
    await this.row(team).getByRole('button', { name: new RegExp(`^${team}\\s*: show its`) }).click();
  }
  async open(team: string) {
    await this.row(team).getByRole('button', { name: `${team}: open its chain` }).click();
  }
  /** The open team's chain below the table. */
  detail(team: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Chain of ${team}`) });
  }
  chart(label: string, team: string): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${label} of ${team} by quarter`) });
  }
}
