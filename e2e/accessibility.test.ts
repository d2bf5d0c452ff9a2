import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { withEmailedTokens } from '../server/test/mailbox.js';

const run = chromiumAvailable();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Both languages of the app: English in Chromium's default locale (en-US), German in a browser set
 * to de-DE (the app follows the browser's language). German words are longer: the phone sweep
 * also proves nothing scrolls sideways in German.
 */
const LANGUAGES = [
  {
    lang: 'en',
    locale: undefined,
    login: { email: 'Email', password: 'Password', submit: 'Sign in', title: 'Sign in · Rapport' },
    addEmployee: 'Add employee',
    palette: 'Search Rapport',
    shortcuts: 'Keyboard shortcuts',
  },
  {
    lang: 'de',
    locale: 'de-DE',
    login: { email: 'E-Mail', password: 'Passwort', submit: 'Anmelden', title: 'Anmelden · Rapport' },
    addEmployee: 'Mitarbeitende hinzufügen',
    palette: 'Rapport durchsuchen',
    shortcuts: 'Tastenkürzel',
  },
] as const;

/** Every page of the admin app (ids from the demo company), then the pages without a session. */
const APP_PAGES = [
  '/people',
  '/people/2',
  '/teams',
  '/teams/2',
  '/leadership',
  '/leadership/2',
  '/leadership/heatmap',
  '/leadership/signals',
  '/leadership/chain',
  '/customers',
  '/customers/1',
  '/surveys',
  '/surveys/new',
  '/surveys/1',
  '/complaints',
  '/complaints/board',
  '/complaints/improvements',
  '/complaints/1',
  '/referrals',
  '/referrals/all',
  '/referrals/explore',
  '/referrals/1',
  '/outbox',
  '/settings/tokens',
];

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core in the page: the serious and critical violations of WCAG 2.x A/AA and best practices. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n: any) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`) }));
  });
  const serious = (results as Finding[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) console.warn(`[axe] ${new URL(page.url()).pathname}\n${serious.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')}`);
  return serious;
}

/** Waits until the page has its heading and no skeletons left. */
async function settled(page: Page) {
  await page.locator('h1').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('.skeleton, [aria-busy="true"] .skeleton').length === 0, undefined, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

describe.runIf(run)('accessibility: axe finds no serious or critical violation on any page, in English and German, at desktop and phone width', () => {
  const suite = serverAndBrowser();
  let surveyLink: string;
  let monitorToken: string;

  beforeAll(async () => {
    monitorToken = (await suite.server.admin<{ createApiToken: { token: string } }>(`mutation { createApiToken(input: { name: "a11y monitor", role: MONITOR }) { token } }`)).createApiToken
      .token;
    const customer = (await suite.server.admin<{ createCustomer: { id: string } }>(`mutation { createCustomer(input: { name: "Axe Kunde", email: "axe.kunde@e2e.example" }) { id } }`))
      .createCustomer.id;
    const survey = (
      await suite.server.admin<{ surveys: Array<{ id: string; audience: string; status: string }> }>(`{ surveys { id audience status } }`)
    ).surveys.find((x) => x.audience === 'CUSTOMERS' && x.status === 'OPEN');
    const invite = await suite.server.admin<{ inviteToSurvey: { created: Array<{ email: string }> } }>(
      `mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { email } } }`,
      { i: { surveyId: survey!.id, customerIds: [customer] } },
    );
    const [{ token }] = await withEmailedTokens(suite.server.rapport.deps.db, survey!.id, invite.inviteToSurvey.created);
    surveyLink = `/s/${token}`;
  });

  for (const language of LANGUAGES)
  for (const size of WIDTHS) {
    describe(`${language.lang}, ${size.name} (${size.width} px)`, () => {
      let context: BrowserContext;
      let page: Page;
      beforeAll(async () => {
        context = await suite.browser.newContext({ viewport: { width: size.width, height: size.height }, ...(language.locale ? { locale: language.locale } : {}) });
        page = await context.newPage();
      });
      afterAll(() => context?.close());

      it('the login page', async () => {
        await page.goto(`${suite.server.url}/login`);
        await page.getByLabel(language.login.email).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(language.lang);
        expect(await seriousViolations(page)).toEqual([]);
        expect(await page.locator('main').count()).toBe(1);
        expect(await page.title()).toBe(language.login.title);
        await page.getByLabel(language.login.email).fill(ADMIN_EMAIL);
        await page.getByLabel(language.login.password).fill(ADMIN_PASSWORD);
        await page.getByRole('button', { name: language.login.submit }).click();
        await page.waitForURL((url) => url.pathname === '/people');
      });

      it('every page of the app', async () => {
        const failures: Record<string, Finding[]> = {};
        const titles = new Set<string>();
        for (const path of APP_PAGES) {
          await page.goto(`${suite.server.url}${path}`);
          await settled(page);
          expect(await page.locator('html').getAttribute('lang'), `${path} language`).toBe(language.lang);
          const found = await seriousViolations(page);
          if (found.length) failures[path] = found;
          titles.add(await page.title());
          if (size.name === 'phone') {
            const [scrollWidth, innerWidth] = await page.evaluate(() => [document.scrollingElement!.scrollWidth, window.innerWidth]);
            expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
          }
        }
        expect(failures).toEqual({});
        // Every page is titled after what it shows, not just "Rapport".
        expect(titles.has('Rapport')).toBe(false);
        expect(titles.size).toBeGreaterThan(APP_PAGES.length / 2);
      });

      it('a dialog', async () => {
        await page.goto(`${suite.server.url}/people`);
        await settled(page);
        await page.getByRole('button', { name: language.addEmployee }).click();
        await page.getByRole('dialog', { name: language.addEmployee }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
      });

      it('the command palette with results, and the shortcut list', async () => {
        await page.goto(`${suite.server.url}/people`);
        await settled(page);
        await page.keyboard.press('Control+k');
        await page.keyboard.type('a');
        await page.getByRole('dialog', { name: language.palette }).getByRole('option').first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.locator('main').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('?');
        await page.getByRole('dialog', { name: language.shortcuts }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
      });

      it('the public complaint form, a survey link and the kiosk', async () => {
        const failures: Record<string, Finding[]> = {};
        const anonymous = await suite.browser.newContext({ viewport: { width: size.width, height: size.height }, ...(language.locale ? { locale: language.locale } : {}) });
        const publicPage = await anonymous.newPage();
        for (const path of ['/complain', surveyLink, `/kiosk?token=${encodeURIComponent(monitorToken)}`]) {
          await publicPage.goto(`${suite.server.url}${path}`);
          await publicPage.locator('main').first().waitFor({ timeout: 15_000 });
          await publicPage.waitForTimeout(1000);
          expect(await publicPage.locator('html').getAttribute('lang'), `${path} language`).toBe(language.lang);
          const found = await seriousViolations(publicPage);
          if (found.length) failures[path] = found;
          expect(await publicPage.locator('main').count(), `${path} has one <main>`).toBe(1);
          expect(await publicPage.title(), `${path} has its own title`).not.toBe('Rapport');
        }
        await anonymous.close();
        expect(failures).toEqual({});
      });
    });
  }
});
