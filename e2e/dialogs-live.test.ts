import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';

const run = chromiumAvailable();

/**
 * Nothing a user types may be moved or lost by a live update: each dialog is opened, a field that
 * is not its first is typed into while another client changes data the page behind it listens to,
 * and the text must end up exactly where it was typed (and nowhere else).
 */
describe.runIf(run)('dialogs keep what is typed while live updates arrive', () => {
  const suite = serverAndBrowser();
  let context: BrowserContext;
  let page: Page;
  let n = 0;
  const tag = Date.now().toString(36);
  const unique = () => `${tag}${++n}`;
  let customerId: string;
  let employeeId: string;
  let complaintId: string;
  let complaintNumber: string;
  let referralId: string;

  const admin = <T = any>(query: string, variables?: Record<string, unknown>) => suite.server.admin<T>(query, variables);
  const createEmployee = () =>
    admin(`mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }`, { i: { name: `Zz Live ${unique()}`, email: `zz.${unique()}@e2e.example` } });
  const createCustomer = () =>
    admin<{ createCustomer: { id: string } }>(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
      i: { name: `Zz Kunde ${unique()}`, email: `kunde.${unique()}@e2e.example` },
    });
  const createReferral = () =>
    admin<{ createReferral: { id: string } }>(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
      i: { kind: 'CUSTOMER', referrerCustomerId: customerId, referredName: `Ref ${unique()}`, referredEmail: `ref.${unique()}@e2e.example` },
    });
  const createComplaint = () =>
    admin<{ createComplaint: { id: string; number: string } }>(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id number } }`, {
      i: { customerId, subject: `Live ${unique()}`, description: 'Arrives while someone types.', category: 'delivery', severity: 'LOW', channel: 'PHONE' },
    });
  const noteOnComplaint = () =>
    admin(`mutation($i: AddComplaintMessageInput!) { addComplaintMessage(input: $i) { id } }`, { i: { complaintId, kind: 'INTERNAL_NOTE', body: `note ${unique()}` } });
  const renameEmployee = () => admin(`mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { id } }`, { i: { id: employeeId, title: `Title ${unique()}` } });
  const renameCustomer = () => admin(`mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { id } }`, { i: { id: customerId, company: `Firma ${unique()}` } });

  beforeAll(async () => {
    customerId = (await createCustomer()).createCustomer.id;
    employeeId = (await admin<{ createEmployee: { id: string } }>(`mutation { createEmployee(input: { name: "Dialog Target", email: "dialog.target.${tag}@e2e.example" }) { id } }`)).createEmployee.id;
    ({ id: complaintId, number: complaintNumber } = (await createComplaint()).createComplaint);
    await admin(`mutation($i: ChangeComplaintStatusInput!) { changeComplaintStatus(input: $i) { id } }`, { i: { complaintId, status: 'ACKNOWLEDGED' } });
    await admin(`mutation($i: ChangeComplaintStatusInput!) { changeComplaintStatus(input: $i) { id } }`, { i: { complaintId, status: 'IN_PROGRESS' } });
    referralId = (await createReferral()).createReferral.id;
    await admin(`mutation($i: UpdateReferralStatusInput!) { updateReferralStatus(input: $i) { id } }`, { i: { referralId, status: 'ENGAGED' } });

    context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/people');
  });
  afterAll(async () => {
    await context?.close();
  });

  /**
   * Types `first`, lets `changes` happen elsewhere (and waits until the page has refetched after
   * them, i.e. the live update was applied), types `second` while more changes arrive, then checks.
   */
  async function typeThroughLiveUpdates(dialog: Locator, field: Locator, others: Locator[], change: () => Promise<unknown>, key?: string) {
    await field.focus(); // (the customer picker's open list may cover the field: focus it as Tab would)
    const first = key ? '' : `first-${tag} `;
    if (!key) await page.keyboard.type(first, { delay: 15 });
    // A live event → batch → refetch over HTTP: wait for that refetch's response.
    const refetched = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && !(r.request().postData() ?? '').includes('mutation'), {
      timeout: 10_000,
    });
    await change();
    await refetched;
    const second = `second-${tag}`;
    const typing = key ? page.keyboard.press(key) : page.keyboard.type(second, { delay: 40 });
    // More changes while the keys go in.
    for (let i = 0; i < 3; i++) {
      await change();
      await page.waitForTimeout(120);
    }
    await typing;
    await page.waitForTimeout(500); // let the last batch land
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    if (!key) expect(await field.inputValue()).toBe(first + second);
    for (const other of others) expect(await other.inputValue()).toBe('');
    await expect.poll(() => dialog.isVisible()).toBe(true);
  }

  async function open(path: string, button: Locator, title: string | RegExp) {
    await page.goto(`${suite.server.url}${path}`);
    await button.first().waitFor();
    // The live subscription is up before anything happens elsewhere.
    await page.locator('[data-live="on"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    await button.first().click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    return dialog;
  }

  it('Add employee: the work email keeps its text while employees change', async () => {
    const dialog = await open('/people', page.getByRole('button', { name: 'Add employee' }), 'Add employee');
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Work email'), [dialog.getByLabel('Full name'), dialog.getByLabel('Job title')], createEmployee);
  });

  it('Record exit: the focused select keeps focus and its choice while the employee changes', async () => {
    const dialog = await open(`/people/${employeeId}`, page.getByRole('button', { name: 'Record exit' }), /Record exit/);
    const regretted = dialog.getByLabel('Regretted loss?');
    await typeThroughLiveUpdates(dialog, regretted, [], renameEmployee, 'ArrowDown');
    expect(await regretted.inputValue()).toBe('yes');
  });

  it('Add customer: the email keeps its text while customers change', async () => {
    const dialog = await open('/customers', page.getByRole('button', { name: 'Add customer' }), 'Add customer');
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Email', { exact: true }), [dialog.getByLabel('Name', { exact: true }), dialog.getByLabel('Company')], createCustomer);
  });

  it('Record churn: the reason keeps its text while the customer changes', async () => {
    const dialog = await open(`/customers/${customerId}`, page.getByRole('button', { name: 'Record churn' }), /Record churn/);
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Reason'), [], renameCustomer);
  });

  it('New referral: their email keeps its text while referrals change', async () => {
    const dialog = await open('/referrals/all', page.getByRole('button', { name: 'New referral' }), 'New referral');
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Their email'), [dialog.getByLabel('Name of the person referred'), dialog.getByLabel('Note')], createReferral);
  });

  it('Convert referral: the company keeps its text while referrals change', async () => {
    const dialog = await open(`/referrals/${referralId}`, page.getByRole('button', { name: /Convert/ }), /Convert/);
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Company'), [dialog.getByLabel('Segment')], createReferral);
  });

  it('Log complaint: the description keeps its text while complaints change', async () => {
    const dialog = await open('/complaints', page.getByRole('button', { name: 'Log complaint' }), 'Log complaint');
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Description'), [dialog.getByLabel('Subject')], createComplaint);
  });

  it('Resolve complaint (thread): the root cause keeps its text while the thread changes', async () => {
    const dialog = await open(`/complaints/${complaintId}`, page.getByRole('button', { name: 'Resolve…', exact: true }), 'Resolve complaint');
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Root cause'), [dialog.getByLabel('Resolution')], noteOnComplaint);
  });

  it('Resolve complaint (board): the root cause keeps its text while complaints change', async () => {
    await page.goto(`${suite.server.url}/complaints/board`);
    const resolve = page.getByRole('button', { name: `Resolve… ${complaintNumber}` });
    await resolve.waitFor();
    await page.locator('[data-live="on"]').first().waitFor({ timeout: 10_000 });
    await resolve.click();
    const dialog = page.getByRole('dialog', { name: 'Resolve complaint' });
    await dialog.waitFor();
    await typeThroughLiveUpdates(dialog, dialog.getByLabel('Root cause'), [dialog.getByLabel('Resolution')], createComplaint);
  });
});
