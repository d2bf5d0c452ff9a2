import type { Locator, Page } from 'playwright-core';

export class KioskPage {
  readonly connection: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.connection = page.locator('.k-conn');
  }

  async goto(token: string) {
    await this.page.goto(`${this.baseUrl}/kiosk?token=${encodeURIComponent(token)}`);
  }

  row(number: string): Locator {
    return this.page.locator(`.k-row[data-number="${number}"]:not(.phase-leave)`);
  }

  count(key: string): Locator {
    return this.page.locator(`[data-count="${key}"]`);
  }

  async waitForLive(timeout = 15_000) {
    await this.page.locator('.k-conn-live').waitFor({ timeout });
  }

  /** Resolves when a row with this number shows this status (checked every animation frame). */
  async waitForRow(number: string, status: string, timeout = 15_000) {
    await this.page.waitForFunction(
      ([n, s]) => Boolean(document.querySelector(`.k-row[data-number="${n}"][data-status="${s}"]:not(.phase-leave)`)),
      [number, status] as const,
      { polling: 'raf', timeout },
    );
  }

  /** Resolves when a row with this subject appears. */
  async waitForSubject(subject: string, timeout = 15_000) {
    await this.page.waitForFunction(
      (text) => [...document.querySelectorAll('.k-row[data-number]:not(.phase-leave) .k-subject')].some((el) => el.textContent === text),
      subject,
      { polling: 'raf', timeout },
    );
  }
}
