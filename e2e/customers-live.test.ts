import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { CustomerPage, CustomersListPage } from './pages/CustomerPages.js';

const run = chromiumAvailable();

describe.runIf(run)('customers, live', () => {
  const suite = serverAndBrowser();

  it('a customer added elsewhere appears in the list, and their page follows a rename, a referral and a churn, without a reload', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();

    const list = new CustomersListPage(page, suite.server.url);
    await list.goto();
    await list.waitForLive();
    await page.evaluate(() => ((window as any).__sameDocument = true));

    // Sorted by name, "Aaa …" lands on the first page.
    const tag = Date.now().toString(36);
    const name = `Aaa Live ${tag}`;
    const { createCustomer } = await suite.server.admin<{ createCustomer: { id: string } }>(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { name, email: `aaa.${tag}@e2e.example`, company: 'Live GmbH' } },
    );
    await list.rowLink(name).waitFor({ timeout: 5_000 });

    // Open it (client-side navigation) and change it from outside.
    await list.rowLink(name).click();
    const customer = new CustomerPage(page, suite.server.url);
    await customer.heading(name).waitFor();
    await customer.waitForLive();
    await customer.statusBadge('Active').waitFor();

    const renamed = `Aaa Renamed ${tag}`;
    await suite.server.admin(`mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { id } }`, { i: { id: createCustomer.id, name: renamed } });
    await customer.heading(renamed).waitFor({ timeout: 5_000 });

    await suite.server.admin(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
      i: { kind: 'CUSTOMER', referrerCustomerId: createCustomer.id, referredName: `Bea Live ${tag}`, referredEmail: `bea.${tag}@e2e.example` },
    });
    await expect.poll(() => customer.figure('Direct').innerText().catch(() => ''), { timeout: 5_000 }).toBe('1');

    await suite.server.admin(`mutation($i: RecordChurnInput!) { recordChurn(input: $i) { id } }`, { i: { customerId: createCustomer.id, reason: 'e2e' } });
    await customer.statusBadge('Churned').waitFor({ timeout: 5_000 });
    expect(await page.getByRole('button', { name: 'Record churn' }).count()).toBe(0);

    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await context.close();
  });
});
