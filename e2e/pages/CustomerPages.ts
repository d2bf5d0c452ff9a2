import type { Locator, Page } from 'playwright-core';

export class CustomersListPage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Customers' });
    this.table = page.getByRole('table', { name: 'Customers' });
  }

  async goto() {
    await this.page.goto(`${this.baseUrl}/customers`);
    await this.table.locator('a.person-name').first().waitFor();
  }

  rowLink(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  async waitForLive() {
    await this.page.locator('[data-live="on"]').first().waitFor();
  }
}

export class CustomerPage {
  readonly header: Locator;
  readonly referrals: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.header = page.locator('header.profile');
    this.referrals = page.getByRole('region', { name: 'Referrals they set off' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  statusBadge(label: string): Locator {
    return this.header.locator('.profile-title .badge', { hasText: new RegExp(`^${label}$`) });
  }

  figure(label: string): Locator {
    return this.referrals.locator('.stat-tiles > div').filter({ hasText: label }).locator('dd');
  }

  async waitForLive() {
    await this.page.locator('[data-live="on"]').first().waitFor();
  }
}
