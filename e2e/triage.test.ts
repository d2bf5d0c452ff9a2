import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server.js';
import { chromiumAvailable } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';
import { LoginPage } from './pages/LoginPage.js';

const run = chromiumAvailable();

describe.runIf(run)('daily tool: command palette, shortcuts, triage in bulk, CSV export', () => {
  const suite = serverAndBrowser();

  async function signedIn(width = 1440): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const login = new LoginPage(page, suite.server.url);
    await login.goto();
    await login.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/people');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    return page;
  }

  it('jumps to a complaint by number and to a person by name with Ctrl-K, keyboard only', async () => {
    const page = await signedIn();
    const { complaints } = await suite.server.admin(`{ complaints(first: 1, sort: { field: CREATED_AT, direction: ASC }) { edges { node { id number subject } } } }`);
    const complaint = complaints.edges[0].node;

    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: /Search people/ });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(complaint.number);
    const option = page.getByRole('option', { name: new RegExp(complaint.subject) });
    await option.waitFor();
    // Pages come first when they match; here none does, so the complaint is the active option.
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/complaints/${complaint.id}`);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    const { employees } = await suite.server.admin(`{ employees(first: 1, sort: { field: NAME, direction: DESC }) { edges { node { id name } } } }`);
    const person = employees.edges[0].node;
    await page.keyboard.press('Control+k');
    await page.keyboard.type(person.name);
    await page.getByRole('option', { name: new RegExp(person.name) }).first().waitFor();
    // Arrow keys move the active option and wrap; the person is the only hit for a full name.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/people/${person.id}`);

    // Escape closes without moving; pages are found by name too.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('heatmap');
    await page.getByRole('option', { name: /Heatmap/ }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/people/${person.id}`);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('heatmap');
    await page.getByRole('option', { name: /Heatmap/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/leadership/heatmap');
    await page.context().close();
  });

  it('goes to pages with g-shortcuts, focuses the list search with /, and lists the shortcuts with ?', async () => {
    const page = await signedIn();
    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await page.waitForURL((url) => url.pathname === '/complaints');
    await page.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    // Typing in a field is never a shortcut.
    await page.keyboard.type('gp');
    expect(new URL(page.url()).pathname).toBe('/complaints');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Go to People');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await page.context().close();
  });

  it('shows my complaints with "Assigned to me", then acknowledges and reassigns a selection in one go', async () => {
    const page = await signedIn();
    const { me } = await suite.server.admin(`{ me { employee { id name } } }`);
    expect(me.employee).not.toBeNull();
    await page.goto(`${suite.server.url}/complaints?status=all`);
    await page.getByRole('button', { name: 'Assigned to me' }).click();
    await page.waitForURL((url) => url.searchParams.get('assignee') === me.employee.id);
    await expect.poll(() => page.locator('tbody tr[data-complaint]').count()).toBeGreaterThan(0);
    const assignees = await page.locator('tbody tr[data-complaint] td:nth-child(7)').allTextContents();
    expect(new Set(assignees)).toEqual(new Set([me.employee.name]));

    // Two NEW complaints: acknowledge both, then hand both to one colleague.
    const { complaints } = await suite.server.admin(`{ complaints(first: 2, filter: { status: [NEW] }) { edges { node { id number } } } }`);
    const picked = complaints.edges.map((e: { node: { id: string; number: string } }) => e.node);
    expect(picked).toHaveLength(2);
    await page.goto(`${suite.server.url}/complaints?status=NEW`);
    for (const c of picked) await page.getByRole('checkbox', { name: `Select ${c.number}` }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect.poll(() => bar.textContent()).toContain('2 selected');
    await bar.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => bar.count()).toBe(0);
    const statuses = async () =>
      Promise.all(
        picked.map(async (c: { id: string }) => (await suite.server.admin(`query($id: ID!) { complaint(id: $id) { status assignee { name } } }`, { id: c.id })).complaint),
      );
    await expect.poll(async () => (await statuses()).map((n: { status: string }) => n.status)).toEqual(['ACKNOWLEDGED', 'ACKNOWLEDGED']);

    const { employees } = await suite.server.admin(`{ employees(first: 1, filter: { status: ACTIVE }, sort: { field: NAME, direction: ASC }) { edges { node { name } } } }`);
    const colleague = employees.edges[0].node.name as string;
    await page.goto(`${suite.server.url}/complaints?status=ACKNOWLEDGED`);
    for (const c of picked) await page.getByRole('checkbox', { name: `Select ${c.number}` }).check();
    const assignTo = page.getByRole('region', { name: 'Bulk actions' }).getByRole('combobox');
    await assignTo.fill(colleague);
    await page.getByRole('option', { name: new RegExp(colleague) }).first().click();
    await expect.poll(async () => (await statuses()).map((n: { assignee: { name: string } | null }) => n.assignee?.name)).toEqual([colleague, colleague]);
    await page.context().close();
  });

  it('exports the filtered complaints as CSV, every matching row and nothing else', async () => {
    const page = await signedIn();
    await page.goto(`${suite.server.url}/complaints?status=all&severity=CRITICAL`);
    await expect.poll(() => page.locator('tbody tr[data-complaint]').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const text = (await readFile(file!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Number,Subject,Category,Customer,Severity,Status,Assignee,SLA,Next due,Created');
    const { complaints } = await suite.server.admin(`{ complaints(first: 100, filter: { severity: [CRITICAL] }) { totalCount edges { node { number } } } }`);
    expect(lines).toHaveLength(complaints.totalCount + 1);
    expect(lines.slice(1).every((line) => line.includes(',Critical,'))).toBe(true);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0]))).toEqual(new Set(complaints.edges.map((e: { node: { number: string } }) => e.node.number)));
    await page.context().close();
  });
});
