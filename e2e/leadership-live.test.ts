import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';
import { PeopleListPage } from './pages/PeopleListPage.js';
import { EmployeePage } from './pages/EmployeePage.js';

interface Person {
  id: string;
  name: string;
  email: string;
  leader: { id: string; name: string } | null;
  reports: { totalCount: number };
}

const run = chromiumAvailable();

describe.runIf(run)('assigning a leader, seen live by another admin', () => {
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

  it('shows the new leader on another session without a reload', async () => {
    // Pick a member without reports (so no cycle is possible) and a leader who does not lead them yet.
    const data = await suite.server.admin<{ employees: { edges: Array<{ node: Person }> } }>(
      `{ employees(first: 100, filter: { status: ACTIVE }) { edges { node { id name email leader { id name } reports(first: 1) { totalCount } } } } }`,
    );
    const people = data.employees.edges.map((e) => e.node);
    const unique = (p: Person) => people.filter((q) => q.name === p.name).length === 1;
    const member = people.find((p) => p.leader && p.reports.totalCount === 0 && unique(p));
    expect(member, 'demo data has a member with a leader and no reports').toBeTruthy();
    const leader = people.find((p) => p.id !== member!.id && p.id !== member!.leader!.id && p.reports.totalCount > 0 && unique(p));
    expect(leader, 'demo data has another leader').toBeTruthy();

    // Admin B watches the member's page.
    const b = await loggedIn();
    const watcher = new EmployeePage(b.page, suite.server.url);
    await watcher.goto(member!.id);
    await watcher.heading(member!.name).waitFor();
    await watcher.currentLeader(member!.leader!.name).waitFor();
    await watcher.waitForLive();
    await b.page.evaluate(() => ((window as any).__sameDocument = true));

    // Admin A finds the member through the people list and assigns the new leader.
    const a = await loggedIn();
    const list = new PeopleListPage(a.page, suite.server.url);
    await list.searchFor(member!.email);
    await list.open(member!.name);
    const employee = new EmployeePage(a.page, suite.server.url);
    await employee.heading(member!.name).waitFor();
    await employee.assignLeader(leader!.email, leader!.name);
    await employee.currentLeader(leader!.name).waitFor();

    // B sees it arrive over the subscription, in the same document (no reload).
    await watcher.currentLeader(leader!.name).waitFor({ timeout: 10_000 });
    expect(await b.page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await b.page.getByText(/updated just now/).waitFor();
    await watcher.historyCard.getByText('Reassigned to a new leader').waitFor();
    expect(await watcher.historyCard.getByRole('link', { name: member!.leader!.name, exact: true }).count()).toBeGreaterThan(0);

    await a.context.close();
    await b.context.close();
  });

  it('shows a leader cycle refusal next to the leader field', async () => {
    // The member's current leader cannot be led by the member's own report… use the top of a chain:
    const data = await suite.server.admin<{ employees: { edges: Array<{ node: Person & { leaderChain: Array<{ id: string; name: string }> } }> } }>(
      `{ employees(first: 100, filter: { status: ACTIVE }) { edges { node { id name email leader { id name } reports(first: 1) { totalCount } leaderChain { id name } } } } }`,
    );
    const people = data.employees.edges.map((e) => e.node);
    const unique = (name: string) => people.filter((q) => q.name === name).length === 1;
    // Give a leader (two levels up) someone below them as leader: LEADER_CYCLE.
    const low = people.find((p) => p.leaderChain.length >= 2 && unique(p.name) && unique(p.leaderChain[1].name));
    expect(low, 'demo data has a chain of depth 2').toBeTruthy();
    const top = low!.leaderChain[1];

    const a = await loggedIn();
    const page = new EmployeePage(a.page, suite.server.url);
    await page.goto(top.id);
    await page.leaderCard.getByRole('button', { name: /Assign leader|Change leader/ }).click();
    const form = a.page.getByRole('form', { name: /Assign a leader/ });
    const picker = form.getByRole('combobox', { name: 'New leader' });
    await picker.fill(low!.email);
    await a.page.getByRole('option', { name: new RegExp(low!.name) }).first().click();
    await form.getByRole('button', { name: /Assign leader|Change leader/ }).click();

    await expect.poll(() => picker.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await picker.getAttribute('aria-describedby'))!.split(' ')[0];
    const message = await a.page.locator(`[id="${describedBy}"]`).innerText();
    expect(message).toContain('LEADER_CYCLE');
    expect(message).toContain(`${low!.name} reports (directly or indirectly) to ${top.name}`);
    await a.context.close();
  });
});
