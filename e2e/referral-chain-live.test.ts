import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { ReferralPage } from './pages/ReferralPage.js';

const run = chromiumAvailable();

describe.runIf(run)('a referral chain, converted live in the chain explorer', () => {
  const suite = serverAndBrowser();

  async function loggedIn(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();
    return { context, page };
  }

  const refer = async (referrerCustomerId: string, name: string, email: string) =>
    (
      await suite.server.admin<{ createReferral: { id: string } }>(
        `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`,
        { i: { kind: 'CUSTOMER', referrerCustomerId, referredName: name, referredEmail: email } },
      )
    ).createReferral.id;

  it('turns C’s node converted on another session without a reload', async () => {
    const tag = Date.now().toString(36);
    // A (a customer) refers B; B converts and refers C: one tree, rooted at A → B.
    const a = (
      await suite.server.admin<{ createCustomer: { id: string } }>(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
        i: { name: `Ada Chain ${tag}`, email: `ada.${tag}@e2e.example`, company: 'Chain GmbH' },
      })
    ).createCustomer.id;
    const b = `Ben Chain ${tag}`;
    const c = `Cleo Chain ${tag}`;
    const toB = await refer(a, b, `ben.${tag}@e2e.example`);
    const converted = await suite.server.admin<{ convertReferral: { convertedCustomer: { id: string } } }>(
      `mutation($i: ConvertReferralInput!) { convertReferral(input: $i) { convertedCustomer { id } } }`,
      { i: { referralId: toB, customer: { company: 'Ben & Co' } } },
    );
    const toC = await refer(converted.convertReferral.convertedCustomer.id, c, `cleo.${tag}@e2e.example`);
    const chain = await suite.server.admin<{ referral: { generation: number; root: { id: string }; parent: { id: string } } }>(
      `query($id: ID!) { referral(id: $id) { generation root { id } parent { id } } }`,
      { id: toC },
    );
    expect(chain.referral).toEqual({ generation: 2, root: { id: toB }, parent: { id: toB } });

    // Watcher: C's page, whose explorer draws the whole tree (B at the top, C below).
    const watcher = await loggedIn();
    const explorer = new ReferralPage(watcher.page, suite.server.url);
    await explorer.goto(toC);
    await explorer.heading(c).waitFor();
    await explorer.nodeStatus(b, 'CONVERTED');
    await explorer.nodeStatus(c, 'INVITED');
    expect(await explorer.node(c).getAttribute('aria-current')).toBe('true');
    expect(await explorer.figure('Converted').innerText()).toBe('1');
    await explorer.waitForLive();
    await watcher.page.evaluate(() => ((window as any).__sameDocument = true));

    // Another admin converts C through the UI.
    const actor = await loggedIn();
    const actorPage = new ReferralPage(actor.page, suite.server.url);
    await actorPage.goto(toC);
    await actorPage.heading(c).waitFor();
    await actorPage.convert();
    await actor.page.getByRole('link', { name: /Open customer/ }).waitFor();

    // The watcher's drawing turns C converted over the subscription, in the same document.
    await explorer.nodeStatus(c, 'CONVERTED', 10_000);
    expect(await watcher.page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await expect.poll(() => explorer.figure('Converted').innerText()).toBe('2');
    // B's node stays drawn throughout (the old drawing is kept while refetching).
    expect(await explorer.node(b).count()).toBe(1);

    await actor.context.close();
    await watcher.context.close();
  });
});
