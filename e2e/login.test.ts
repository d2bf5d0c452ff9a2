import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';

const run = chromiumAvailable();

describe.runIf(run)('login', () => {
  const suite = serverAndBrowser();

  it('shows an error for a wrong password and stays on the login page', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, 'not-the-password');
    await login.error.waitFor();
    expect(await login.error.innerText()).toContain('That email and password don’t match');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('sends an anonymous visitor to the login page and back where they wanted to go', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/teams`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/teams');
    await new LoginPage(page, suite.server.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await page.getByRole('link', { name: 'Log out' }).or(page.getByRole('button', { name: 'Log out' })).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // The session cookie is gone: protected pages send us back.
    await page.goto(`${suite.server.url}/people`);
    await page.waitForURL((url) => url.pathname === '/login');
    await new PeopleListPage(page, suite.server.url).page.getByLabel('Email').waitFor();
    await context.close();
  });
});
