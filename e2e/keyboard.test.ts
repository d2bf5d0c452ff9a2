import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

const run = chromiumAvailable();

/** What has focus: tag, accessible-ish name, and whether it is inside the open dialog / the drawer. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? '',
      text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      inDialog: Boolean(el?.closest('[role="dialog"]')),
    };
  });

/** Presses Tab (or Shift+Tab) until the focused element's text is `text` (at most `max` times). */
async function tabTo(page: Page, text: string | RegExp, max = 40, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (typeof text === 'string' ? f.text === text : text.test(f.text)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

describe.runIf(run)('keyboard only: sign in, move around, use a dialog', () => {
  const suite = serverAndBrowser();

  it('signs in and navigates at desktop width; focus lands on each new page’s heading', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('Email').waitFor();
    // The email field has focus on arrival.
    expect((await focused(page)).tag).toBe('INPUT');
    await page.keyboard.type(ADMIN_EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/people');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    expect(await page.title()).toBe('People · Rapport');

    // The first Tab reaches the skip link; it moves focus into the main region.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Skip to content' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Back through the menu to Teams (forward, the loaded people list with its export and
    // pager holds more stops than the wrap-around allows for): focus leaves the menu for the
    // new page's heading.
    await tabTo(page, 'Teams', 40, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/teams');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1', text: 'Teams' });
    expect(await page.title()).toBe('Teams · Rapport');

    // The team list is nested lists with disclosure buttons: Tab reaches them, Enter toggles.
    await tabTo(page, /^Sub-teams of /);
    const toggle = page.locator(':focus');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('opens the menu on a phone, navigates, and the drawer closes with focus on the new page', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();

    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // menu button
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Menu' });
    await page.keyboard.press('Enter');
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // Focus moved into the drawer; Escape closes it and returns to the button.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('#sidebar')))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toMatchObject({ text: 'Menu' });

    await page.keyboard.press('Enter');
    await tabTo(page, 'Complaints');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/complaints');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1', text: 'Complaints' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // The drawer slides out (0.18 s) before it is hidden.
    await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(false);
    await context.close();
  });

  it('keeps Tab inside an open dialog and returns focus to its button on Escape', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();

    await tabTo(page, 'Add employee');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Add employee' }).waitFor();
    expect(await focused(page)).toMatchObject({ inDialog: true, tag: 'INPUT' });
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect((await focused(page)).inDialog, `focus escaped the dialog after ${i + 1} presses`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Add employee' });
    await context.close();
  });
});
