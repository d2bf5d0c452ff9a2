import type { Locator, Page } from 'playwright-core';

export class EmployeePage {
  readonly leaderCard: Locator;
  readonly historyCard: Locator;
  readonly live: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.leaderCard = page.getByRole('region', { name: 'Leader' });
    this.historyCard = page.getByRole('region', { name: 'Relationship history' });
    this.live = page.getByRole('status').filter({ hasText: /Live|Connecting|Reconnecting/ });
  }

  async goto(id: string) {
    await this.page.goto(`${this.baseUrl}/people/${id}`);
    await this.leaderCard.waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  currentLeader(name: string): Locator {
    return this.leaderCard.getByRole('link', { name, exact: true });
  }

  /** Waits until the live-update socket is connected. */
  async waitForLive() {
    await this.page.locator('[data-live="on"]').waitFor();
  }

  /** Opens the assign form, picks the leader found by `search`, and submits. */
  async assignLeader(search: string, optionName: string) {
    await this.leaderCard.getByRole('button', { name: /Assign leader|Change leader/ }).click();
    const form = this.page.getByRole('form', { name: /Assign a leader/ });
    const picker = form.getByRole('combobox', { name: 'New leader' });
    await picker.fill(search);
    await this.page.getByRole('option', { name: new RegExp(optionName) }).first().click();
    await form.getByRole('button', { name: /Assign leader|Change leader/ }).click();
    await form.waitFor({ state: 'detached' });
  }
}
