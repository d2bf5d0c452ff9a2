import type { Locator, Page } from 'playwright-core';

export class PeopleListPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly table: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.heading = page.getByRole('heading', { level: 1, name: 'People' });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.table = page.getByRole('table', { name: 'People' });
  }

  async goto() {
    await this.page.goto(`${this.baseUrl}/people`);
    await this.heading.waitFor();
  }

  /** Types into the (debounced) search and waits until the URL carries it. */
  async searchFor(text: string) {
    await this.search.fill(text);
    await this.page.waitForURL((url) => url.searchParams.get('q') === text);
  }

  rowLink(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  async open(name: string) {
    await this.rowLink(name).click();
  }
}
