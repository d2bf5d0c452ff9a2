import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type E2EServer } from './support/server.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';

const run = chromiumAvailable();

describe.runIf(run)('login', () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.stop();
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page, server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, 'not-the-password');
    await login.error.waitFor();
    expect(await login.error.innerText()).toContain('That email and password don’t match');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('sends an anonymous visitor to the login page and back where they wanted to go', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/teams`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/teams');
    await new LoginPage(page, server.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await page.getByRole('link', { name: 'Log out' }).or(page.getByRole('button', { name: 'Log out' })).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // The session cookie is gone: protected pages send us back.
    await page.goto(`${server.url}/people`);
    await page.waitForURL((url) => url.pathname === '/login');
    await new PeopleListPage(page, server.url).page.getByLabel('Email').waitFor();
    await context.close();
  });
});
