import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

const run = chromiumAvailable();

async function signIn(page: Page, baseUrl: string, labels: { email: string; password: string; submit: string }) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(labels.email).fill(ADMIN_EMAIL);
  await page.getByLabel(labels.password).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((url) => url.pathname === '/people');
  await page.locator('table tbody tr td').first().waitFor();
}

describe.runIf(run)('German and English', () => {
  const suite = serverAndBrowser();

  describe('a browser in its default locale (as every other browser test runs)', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    it('starts in English', async () => {
      await signIn(page, suite.server.url, { email: 'Email', password: 'Password', submit: 'Sign in' });
      expect(await page.evaluate(() => navigator.language)).toMatch(/^en/);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe('People');
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).count()).toBe(1);
    });

    it('switches to Deutsch in the user menu: the shell, the page and its numbers and dates turn German', async () => {
      await page.getByLabel('Language').selectOption({ label: 'Deutsch' });
      await page.locator('html[lang="de"]').waitFor();
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      await nav.getByRole('link', { name: 'Beschwerden' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Mitarbeitende' }).count()).toBe(1);
      expect(await page.locator('h1').textContent()).toBe('Mitarbeitende');
      expect(await page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);
      // Column headers and the pager.
      expect(await page.getByRole('columnheader', { name: 'Führungskraft' }).count()).toBe(1);
      await page.locator('.pagination-info', { hasText: /\d+–\d+ von \d+/ }).waitFor();
      // Hire dates the German way ("6. Dez. 2026"), never the English one ("Dec 6, 2026").
      const dates = await page.locator('table tbody tr td.col-optional').allTextContents();
      expect(dates.length).toBeGreaterThan(0);
      for (const date of dates.filter((d) => d !== '—')) expect(date).toMatch(/^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}$/);
    });

    it('shows the leadership page in German, and percentages in German format on a survey', async () => {
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Führung' }).click();
      await page.waitForURL((url) => url.pathname === '/leadership');
      await page.locator('table tbody tr').first().waitFor();
      expect(await page.getByRole('columnheader', { name: /Zuletzt befragt/ }).count()).toBe(1);
      const lastSurveyed = await page.locator('table tbody tr td.col-optional').allTextContents();
      for (const date of lastSurveyed.filter((d) => d !== 'Nie')) expect(date).toMatch(/^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}$/);
      await page.goto(`${suite.server.url}/surveys/1`);
      await page.locator('h1').first().waitFor();
      await page.waitForFunction(() => /\d\s%/.test(document.querySelector('main')?.textContent ?? ''), undefined, { timeout: 15_000 });
      const text = (await page.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');
      // Intl's German percent: a space before the sign; never an English decimal point in a figure.
      expect(text).toMatch(/\d %/);
      expect(text).not.toMatch(/\d%/);
      expect(text).not.toMatch(/\b\d+\.\d+ ?%/);
    });

    it('exports the leaders list in German: every leader, hidden figures as "Verborgen", never a number the server withheld', async () => {
      await page.goto(`${suite.server.url}/leadership`);
      await page.locator('table tbody tr').first().waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'CSV exportieren' }).click();
      const text = (await readFile((await (await download).path())!, 'utf8')).replace(/^\uFEFF/, '');
      const [header, ...lines] = text.trim().split('\r\n');
      expect(header).toBe('Führungskraft,Position,Team,Berichtende,Führungs-NPS,Beteiligung,eNPS,Zur Konkurrenz,Austritte,Empfehlungen,Zuletzt befragt');
      const { leaders } = await suite.server.admin<{ leaders: { totalCount: number; edges: Array<{ node: { leader: { name: string }; leaderNps: number | null; leaderNpsSuppressed: string | null; enps: number | null; enpsSuppressed: string | null } }> } }>(
        `{ leaders(sort: NAME, direction: ASC, first: 100, days: 365) { totalCount edges { node { leader { name } leaderNps leaderNpsSuppressed enps enpsSuppressed } } } }`,
      );
      expect(lines).toHaveLength(leaders.totalCount);
      const byName = new Map(lines.map((line) => [line.split(',')[0], line.split(',')]));
      let hidden = 0;
      for (const { node } of leaders.edges) {
        const cells = byName.get(node.leader.name)!;
        expect(cells, node.leader.name).toBeDefined();
        if (node.leaderNpsSuppressed) {
          hidden++;
          expect(cells[4]).toBe('Verborgen');
        } else expect(cells[4]).toBe(node.leaderNps == null ? '' : String(node.leaderNps));
        if (node.enpsSuppressed) expect(cells[6]).toBe('Verborgen');
        else expect(cells[6]).toBe(node.enps == null ? '' : String(node.enps));
      }
      // The demo company has small teams: some figures are hidden, and the file says so.
      expect(hidden).toBeGreaterThan(0);
    });

    it('keeps the choice after a reload', async () => {
      await page.reload();
      await page.locator('h1').first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Beschwerden' }).count()).toBe(1);
      expect(await page.evaluate(() => localStorage.getItem('rapport.language'))).toBe('de');
    });

    it('switches back to English', async () => {
      await page.getByLabel('Sprache').selectOption({ label: 'English' });
      await page.locator('html[lang="en"]').waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).count()).toBe(1);
    });
  });

  describe('a browser set to German', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    it('starts in German, from the login page on', async () => {
      await page.goto(`${suite.server.url}/login`);
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      await signIn(page, suite.server.url, { email: 'E-Mail', password: 'Passwort', submit: 'Anmelden' });
      expect(await page.locator('h1').textContent()).toBe('Mitarbeitende');
    });

    it('shows the public complaint form in German', async () => {
      await page.goto(`${suite.server.url}/complain`);
      await page.getByRole('heading', { name: 'Sagen Sie uns, was schiefgelaufen ist' }).waitFor();
      expect(await page.getByRole('button', { name: 'Beschwerde senden' }).count()).toBe(1);
    });
  });
});
