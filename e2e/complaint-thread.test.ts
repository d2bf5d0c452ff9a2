import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { ComplaintPage } from './pages/ComplaintPage.js';

const run = chromiumAvailable();

describe.runIf(run)('working a complaint from NEW to CLOSED in the thread view', () => {
  const suite = serverAndBrowser();

  it('acknowledges, replies, starts, resolves with a resolution and closes, with every step in the timeline', async () => {
    const tag = Date.now().toString(36);
    const customerId = (
      await suite.server.admin<{ createCustomer: { id: string } }>(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
        i: { name: `Tara Thread ${tag}`, email: `tara.${tag}@e2e.example`, company: 'Thread AG' },
      })
    ).createCustomer.id;
    const subject = `Parcel arrived damaged ${tag}`;
    const created = await suite.server.admin<{ createComplaint: { id: string; number: string } }>(
      `mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id number } }`,
      { i: { customerId, subject, description: 'The box was crushed.', category: 'delivery', severity: 'HIGH', channel: 'PHONE' } },
    );
    const id = created.createComplaint.id;

    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();

    const thread = new ComplaintPage(page, suite.server.url);
    await thread.goto(id);
    await thread.heading(subject).waitFor();
    await thread.status('New').waitFor();
    expect(await thread.nextStepLabels()).toEqual(['Acknowledge']);

    await thread.step('Acknowledge');
    await thread.status('Acknowledged').waitFor();
    await expect.poll(() => thread.nextStepLabels()).toEqual(['Start']);
    await thread.entries('STATUS_CHANGED').filter({ hasText: 'New → Acknowledged' }).waitFor();

    const reply = `Sorry about that — a replacement is on its way (${tag}).`;
    await thread.reply(reply);
    await thread.entries('STAFF_MESSAGE').filter({ hasText: reply }).waitFor();
    // The first reply met the first-response target.
    await page.locator('[data-clock="First response"].clock-met').waitFor();

    await thread.step('Start');
    await thread.status('In progress').waitFor();
    await thread.entries('STATUS_CHANGED').filter({ hasText: 'Acknowledged → In progress' }).waitFor();
    expect(await thread.nextStepLabels()).toEqual(['Resolve…']);

    await thread.resolve('Sent a replacement by express courier.', 'courier');
    await thread.status('Resolved').waitFor();
    await thread.entries('STATUS_CHANGED').filter({ hasText: 'In progress → Resolved' }).waitFor();
    await page.getByText('Sent a replacement by express courier.').waitFor();
    await expect.poll(() => thread.nextStepLabels()).toEqual(['Close', 'Reopen']);

    await thread.step('Close');
    await thread.status('Closed').waitFor();
    await thread.entries('STATUS_CHANGED').filter({ hasText: 'Resolved → Closed' }).waitFor();
    await expect.poll(() => thread.nextStepLabels()).toEqual(['Reopen']);

    // The whole story, in order.
    const events = await thread.timeline.locator('[data-kind]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.kind));
    const story = events.filter((k) => k === 'STATUS_CHANGED' || k === 'STAFF_MESSAGE');
    expect(story).toEqual(['STATUS_CHANGED', 'STAFF_MESSAGE', 'STATUS_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED']);
    const server_ = await suite.server.admin<{ complaint: { status: string; resolution: string } }>(`query($id: ID!) { complaint(id: $id) { status resolution } }`, { id });
    expect(server_.complaint).toEqual({ status: 'CLOSED', resolution: 'Sent a replacement by express courier.' });
    await context.close();
  });
});
