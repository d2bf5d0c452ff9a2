import type { Locator, Page } from 'playwright-core';

export class ReferralPage {
  readonly tree: Locator;
  readonly nextStep: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.tree = page.getByRole('list', { name: 'Referral tree' });
    this.nextStep = page.getByRole('group', { name: 'Next step' });
  }

  async goto(id: string) {
    await this.page.goto(`${this.baseUrl}/referrals/${id}`);
    await this.tree.waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** A node of the chain explorer, by the referred person's name. */
  node(name: string): Locator {
    return this.tree.locator('.chain-node').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Resolves when the node shows `status` (data-status on the node). */
  async nodeStatus(name: string, status: string, timeout = 10_000) {
    await this.tree.locator(`.chain-node[data-status="${status}"]`).filter({ has: this.page.getByRole('link', { name, exact: true }) }).waitFor({ timeout });
  }

  figure(label: string): Locator {
    return this.page.getByRole('complementary', { name: 'Tree figures' }).locator('.stat-tiles > div').filter({ hasText: label }).locator('dd');
  }

  async waitForLive() {
    await this.page.locator('[data-live="on"]').first().waitFor();
  }

  /** Opens the Convert dialog and converts with the defaults. */
  async convert() {
    await this.nextStep.getByRole('button', { name: 'Convert…' }).click();
    const form = this.page.getByRole('form', { name: 'Convert referral' });
    await form.getByRole('button', { name: /Convert to (customer|employee)/ }).click();
    await form.waitFor({ state: 'detached' });
  }
}
