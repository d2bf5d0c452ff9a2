import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type E2EServer } from './support/server.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { ComplaintPage } from './pages/ComplaintPage.js';
import { TestSmtpServer, type ReceivedMail } from '../server/test/smtp.js';
import { freePort, waitFor } from '../server/test/processes.js';

const run = chromiumAvailable();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe.runIf(run)('a complaint thread by email', () => {
  let smtp: TestSmtpServer;
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    // The links in the mail must point at this server: its port is chosen before it starts.
    const port = await freePort();
    server = await startServer({
      port,
      env: { SMTP_URL: smtp.url, RAPPORT_PUBLIC_URL: `http://127.0.0.1:${port}`, RAPPORT_MAIL_POLL_MS: '100', RAPPORT_MAIL_REPLY_COALESCE_MS: '0' },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.stop();
    await smtp?.stop();
  });

  async function mailTo(email: string, template: string): Promise<ReceivedMail> {
    const match = (m: ReceivedMail) => m.to[0] === email && m.headers.get('x-rapport-template') === template;
    await waitFor(`${template} to ${email}`, () => smtp.received.some(match), 15_000);
    return smtp.received.find(match)!;
  }

  it('the complainant follows the emailed link on a phone, reads the reply, answers — and the admin sees it live', async () => {
    const tag = Date.now().toString(36);
    const email = `mila.${tag}@e2e.example`;
    const subject = `Invoice charged twice ${tag}`;

    // The complainant uses the public form on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const mobile = await phone.newPage();
    await mobile.goto(`${server.url}/complain`);
    await mobile.getByLabel('Your name').fill('Mila Mobile');
    await mobile.getByLabel('Email').fill(email);
    await mobile.getByLabel('Subject').fill(subject);
    await mobile.getByLabel('What happened?').fill('I was charged twice for order 4711.');
    await mobile.getByRole('button', { name: 'Send complaint' }).click();
    const number = (await mobile.getByTestId('receipt-number').innerText()).trim();
    const id = String(Number(number.replace(/^C-/, '')));

    // The acknowledgement arrives at the SMTP server with the private link.
    const ack = await mailTo(email, 'COMPLAINT_RECEIVED');
    const link = /http:\/\/127\.0\.0\.1:\d+\/c\/rct_[\w-]+/.exec(ack.text)?.[0];
    expect(link).toBeTruthy();
    expect(ack.html).toContain(`href="${link}"`);

    // The admin opens the complaint and replies to the customer; the card lists the mail.
    const desk = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const admin = await desk.newPage();
    const login = new LoginPage(admin, server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(admin, server.url).heading.waitFor();
    const thread = new ComplaintPage(admin, server.url);
    await thread.goto(id);
    await thread.heading(subject).waitFor();
    const card = admin.locator('.complainant-mail-card');
    await card.locator('[data-template="COMPLAINT_RECEIVED"]').getByText('sent', { exact: true }).waitFor({ timeout: 15_000 });
    const reply = `We are refunding the second charge today (${tag}).`;
    await thread.reply(reply);
    await thread.entries('STAFF_MESSAGE').filter({ hasText: reply }).waitFor();
    const replyMail = await mailTo(email, 'COMPLAINT_REPLY');
    expect(replyMail.text).toContain(reply);
    expect(replyMail.text).toContain(link!);

    // The complainant follows the link from the mail: no login, the reply is there.
    await mobile.goto(link!);
    await mobile.getByRole('heading', { level: 1, name: subject }).waitFor();
    const conversation = mobile.getByRole('list', { name: 'Conversation' });
    await conversation.getByText(reply).waitFor();
    expect(await mobile.locator('main').count()).toBe(1);
    // Fits a 390 px screen: nothing scrolls sideways.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The admin page stays open; the complainant answers.
    const answer = `Thank you — I see it on my statement (${tag}).`;
    await mobile.getByLabel('Your answer').fill(answer);
    await mobile.getByRole('button', { name: 'Send answer' }).click();
    await mobile.getByRole('status').filter({ hasText: 'Sent' }).waitFor();
    await conversation.getByText(answer).waitFor();

    // …and it appears on the admin's complaint page live, without a reload.
    await thread.entries('CUSTOMER_MESSAGE').filter({ hasText: answer }).waitFor({ timeout: 10_000 });
    expect(await thread.entries('CUSTOMER_MESSAGE').count()).toBe(2);
    // The thread's link is listed as opened.
    await card.getByText(/opened /).waitFor({ timeout: 10_000 });
    // The private link appears nowhere in the admin app.
    expect(await admin.content()).not.toContain(link!.split('/c/')[1]);
    expect(await seriousViolations(mobile)).toEqual([]);
    expect(await mobile.title()).not.toBe('Rapport');

    // Resolved: the complainant gets the resolution and the one rating question, and rates on the page.
    await thread.step('Acknowledge');
    await thread.status('Acknowledged').waitFor();
    await thread.step('Start');
    await thread.status('In progress').waitFor();
    await thread.resolve('Refunded the second charge.');
    await thread.status('Resolved').waitFor();
    const resolved = await mailTo(email, 'COMPLAINT_RESOLVED');
    expect(resolved.text).toContain(link!);
    await mobile.goto(link!);
    await mobile.getByRole('heading', { name: 'How did we handle it?' }).waitFor();
    expect(await seriousViolations(mobile)).toEqual([]);
    await mobile.getByLabel('5 of 5').check();
    await mobile.getByRole('button', { name: 'Send rating' }).click();
    await mobile.getByText('You rated how we handled it 5 of 5').waitFor();
    // The admin sees the rating on the complaint, live.
    await admin.getByRole('img', { name: '5 of 5 stars' }).waitFor({ timeout: 10_000 });
    expect(await seriousViolations(admin)).toEqual([]);

    await phone.close();
    await desk.close();
  });
});
