import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { OutboxMessage } from '../server/src/mail/outbox.entity.js';

const run = chromiumAvailable();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page (rule ids). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  return found as string[];
}

describe.runIf(run)('promoter → referrer through the public referral page', () => {
  const suite = serverAndBrowser();

  it('asks a promoter from the survey page; their friend leaves details on a phone and the referral appears live in the admin', async () => {
    const tag = Date.now().toString(36);
    const promoter = (
      await suite.server.admin<{ createCustomer: { id: string; email: string } }>(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email } }`, {
        i: { name: `Ida Promoter ${tag}`, email: `ida.${tag}@e2e.example`, language: 'EN' },
      })
    ).createCustomer;
    const title = `Referral NPS ${tag}`;
    const survey = (
      await suite.server.admin<{ createSurvey: { id: string; questions: Array<{ id: string }> } }>(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
        i: { title, audience: 'CUSTOMERS', purpose: 'NPS', anonymous: false, questions: [{ type: 'NPS', prompt: 'Would you recommend us?', required: true }] },
      })
    ).createSurvey;
    await suite.server.admin(`mutation($id: ID!) { openSurvey(surveyId: $id) { id } }`, { id: survey.id });
    const invited = await suite.server.admin<{ inviteToSurvey: { created: Array<{ token: string }> } }>(
      `mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { token } } }`,
      { i: { surveyId: survey.id, customerIds: [promoter.id] } },
    );
    const answer = await fetch(`${suite.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`,
        variables: { t: invited.inviteToSurvey.created[0]!.token, a: [{ questionId: survey.questions[0]!.id, value: 10 }] },
      }),
    });
    expect(((await answer.json()) as { data?: unknown }).data).toEqual({ submitSurveyResponse: true });

    // The admin asks the survey's promoters from its page.
    const admin = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await admin.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new PeopleListPage(page, suite.server.url).heading.waitFor();
    await page.goto(`${suite.server.url}/surveys/${survey.id}`);
    await page.getByRole('heading', { name: 'Invite promoters to refer' }).waitFor();
    await page.getByRole('button', { name: 'Invite promoters to refer' }).click();
    await page.getByRole('status').filter({ hasText: '1 promoter asked.' }).waitFor();
    await page.getByRole('region', { name: 'Promoters asked to refer' }).getByRole('link', { name: `Ida Promoter ${tag}` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The ask is in the promoter's message history on their page, in their language (English).
    await page.getByRole('region', { name: 'Promoters asked to refer' }).getByRole('link', { name: `Ida Promoter ${tag}` }).click();
    await page.getByRole('heading', { name: 'Message history' }).waitFor();
    await page.getByRole('button', { name: 'Thank you for recommending us – do you know someone?' }).waitFor();
    await page.getByText('referral ask · en').waitFor();
    expect(await page.getByRole('combobox', { name: 'Email language' }).inputValue()).toBe('EN');
    expect(await seriousViolations(page)).toEqual([]);

    // The personal link went only into the email (still in the outbox here: no SMTP server).
    const message = await suite.server.rapport.deps.db.fork().findOneOrFail(OutboxMessage, { template: 'REFERRAL_ASK', customerId: Number(promoter.id) });
    const link = String(message.secretParams!.link);
    const token = /\/r\/(rrf_[\w-]+)$/.exec(link)![1]!;
    expect(await page.content()).not.toContain(token);

    // The admin watches the promoter's referrals.
    await page.goto(`${suite.server.url}/referrals/all?referrer=customer:${promoter.id}`);
    await page.locator('[data-live="on"]').first().waitFor();

    // The friend opens the link on a phone.
    const phone = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const friend = await phone.newPage();
    await friend.goto(`${suite.server.url}/r/${token}`);
    await friend.getByRole('main').getByRole('heading', { name: 'Ida recommends us to you', level: 1 }).waitFor();
    expect(await friend.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(friend)).toEqual([]);
    // Their own address is refused with the field named.
    await friend.getByLabel('Your name').fill('Kim Friend');
    await friend.getByLabel('Your email').fill(promoter.email);
    await friend.getByLabel('I agree to be contacted about this recommendation.').check();
    await friend.getByRole('button', { name: 'Send my details' }).click();
    await friend.getByRole('alert').filter({ hasText: 'cannot recommend themselves' }).waitFor();
    expect(await friend.getByLabel('Your email').getAttribute('aria-invalid')).toBe('true');
    await friend.getByLabel('Your email').fill(`kim.${tag}@e2e.example`);
    await friend.getByRole('button', { name: 'Send my details' }).click();
    await friend.getByRole('heading', { name: 'Thank you, Kim' }).waitFor();

    // The referral appears in the admin without a reload, made by the promoter.
    await page.getByText('Kim Friend').first().waitFor({ timeout: 10_000 });
    const referrals = await suite.server.admin<{ referrals: { edges: Array<{ node: { referredEmail: string; status: string } }> } }>(
      `query($c: ID!) { referrals(filter: { referrerCustomerId: $c }) { edges { node { referredEmail status } } } }`,
      { c: promoter.id },
    );
    expect(referrals.referrals.edges.map((e) => e.node)).toEqual([{ referredEmail: `kim.${tag}@e2e.example`, status: 'INVITED' }]);
    await phone.close();
    await admin.close();
  });
});
