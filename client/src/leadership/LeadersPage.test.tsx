import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LeadersPage, LEADERS_PAGE_SIZE } from './LeadersPage.js';
import type { LeaderSummary, LeadersData } from './leadership.graphql.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

function summary(i: number, extra: Partial<LeaderSummary> = {}): LeaderSummary {
  return {
    leader: { id: String(i), name: `Leader ${String(i).padStart(2, '0')}`, title: 'Head of things', team: { id: 't1', name: 'Platform' } },
    directReports: 5 + i,
    leaderNps: 10 * i,
    leaderNpsSuppressed: null,
    participation: 0.8,
    enps: 5,
    enpsSuppressed: null,
    exitsToCompetitor: 0,
    exits: 1,
    hireReferrals: i,
    lastSurveyedAt: '2026-05-01T00:00:00.000Z',
    ...extra,
  };
}

function connection(nodes: LeaderSummary[], total = nodes.length): LeadersData {
  return {
    leaders: {
      totalCount: total,
      pageInfo: { hasNextPage: total > nodes.length, hasPreviousPage: false, startCursor: 'c0', endCursor: `c${nodes.length - 1}` },
      edges: nodes.map((node, k) => ({ cursor: `c${k}`, node })),
    },
  };
}

const ROWS = [
  summary(1),
  summary(2, { leaderNps: null, leaderNpsSuppressed: 'BELOW_THRESHOLD', participation: null, enps: null, enpsSuppressed: 'DIFFERENCING', exitsToCompetitor: 2, exits: 3 }),
  summary(3, { leaderNps: null, participation: null, enps: null, lastSurveyedAt: null }),
];

const lastVars = (calls: Array<{ name: string; variables: Record<string, any> }>) => calls.filter((c) => c.name === 'Leaders').at(-1)!.variables;

describe('LeadersPage', () => {
  it('sorts by a column header, flips on a second click and keeps the sort in the URL', async () => {
    const mock = mockClient({ Leaders: () => ({ data: connection(ROWS) }) });
    renderWith(<LeadersPage />, { client: mock.client, url: '/leadership' });
    await screen.findByRole('link', { name: 'Leader 01' });
    expect(lastVars(mock.calls)).toMatchObject({ sort: 'NAME', direction: 'ASC', days: 365, first: LEADERS_PAGE_SIZE, search: null });
    expect(screen.getByRole('columnheader', { name: 'Leader' })).toHaveAttribute('aria-sort', 'ascending');

    // A figure column starts with the best first.
    fireEvent.click(screen.getByRole('button', { name: 'Leader NPS' }));
    await waitFor(() => expect(lastVars(mock.calls)).toMatchObject({ sort: 'LEADER_NPS', direction: 'DESC' }));
    expect(window.location.search).toBe('?sort=nps&dir=desc');
    expect(screen.getByRole('columnheader', { name: 'Leader NPS' })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: 'Leader' })).not.toHaveAttribute('aria-sort');

    fireEvent.click(screen.getByRole('button', { name: 'Leader NPS' }));
    await waitFor(() => expect(lastVars(mock.calls)).toMatchObject({ sort: 'LEADER_NPS', direction: 'ASC' }));
    expect(window.location.search).toBe('?sort=nps');
    expect(screen.getByRole('columnheader', { name: 'Leader NPS' })).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(screen.getByRole('button', { name: 'To competitor' }));
    await waitFor(() => expect(lastVars(mock.calls)).toMatchObject({ sort: 'EXITS_TO_COMPETITOR', direction: 'DESC' }));

    // Back to the name column: the default, so it leaves the URL.
    fireEvent.click(screen.getByRole('button', { name: 'Leader' }));
    await waitFor(() => expect(lastVars(mock.calls)).toMatchObject({ sort: 'NAME', direction: 'ASC' }));
    expect(window.location.search).toBe('');
  });

  it('reads the sort and period from a link', async () => {
    const mock = mockClient({ Leaders: () => ({ data: connection(ROWS) }) });
    renderWith(<LeadersPage />, { client: mock.client, url: '/leadership?sort=referrals&dir=desc&days=90' });
    await screen.findByRole('link', { name: 'Leader 01' });
    expect(lastVars(mock.calls)).toMatchObject({ sort: 'HIRE_REFERRALS', direction: 'DESC', days: 90 });
    expect(screen.getByRole('radio', { name: '90 days' })).toBeChecked();
    expect(screen.getByRole('link', { name: 'Leader 01' })).toHaveAttribute('href', '/leadership/1?days=90');
  });

  it('shows suppressed figures as hidden with the reason and never-surveyed ones as a dash, never as 0', async () => {
    const mock = mockClient({ Leaders: () => ({ data: connection(ROWS) }) });
    renderWith(<LeadersPage />, { client: mock.client, url: '/leadership' });
    await screen.findByRole('link', { name: 'Leader 02' });
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    const [first, hidden, never] = rows.slice(1);
    expect(first.querySelector('[data-column="leaderNps"]')).toHaveTextContent('+10');
    expect(first.querySelector('[data-column="participation"]')).toHaveTextContent('80%');

    const nps = hidden.querySelector('[data-column="leaderNps"] [data-suppressed]')!;
    expect(nps).toHaveAttribute('data-reason', 'Too few responses — hidden to protect anonymity');
    expect(nps).toHaveTextContent('Hidden');
    expect(hidden.querySelector('[data-column="participation"] [data-suppressed]')).toHaveAttribute('data-suppressed', 'BELOW_THRESHOLD');
    expect(hidden.querySelector('[data-column="enps"] [data-suppressed]')).toHaveAttribute('data-reason', 'Hidden so that it cannot be worked out by subtraction from other groups');
    for (const column of ['leaderNps', 'participation', 'enps']) {
      expect(hidden.querySelector(`[data-column="${column}"]`)!.textContent).not.toMatch(/\d/);
      expect(never.querySelector(`[data-column="${column}"]`)).toHaveTextContent('—');
      expect(never.querySelector(`[data-column="${column}"]`)!.textContent).not.toMatch(/\d/);
    }
    expect(within(never).getByText('Never')).toBeInTheDocument();
    expect(hidden.querySelector('.figure-alert')).toHaveTextContent('2');
    expect(first.querySelector('.figure-alert')).toBeNull();
  });

  it('searches through the URL and offers a way out when nobody matches', async () => {
    const mock = mockClient({ Leaders: (v) => ({ data: connection(v.search ? [] : ROWS) }) });
    renderWith(<LeadersPage />, { client: mock.client, url: '/leadership' });
    await screen.findByRole('link', { name: 'Leader 01' });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'zed' } });
    expect(await screen.findByText('No leader matches this search')).toBeInTheDocument();
    expect(lastVars(mock.calls).search).toBe('zed');
    expect(window.location.search).toBe('?q=zed');
  });
});

describe('LeadersPage CSV export', () => {
  it('writes every leader matching the search, page by page, with hidden figures as the hidden mark and never as numbers', async () => {
    // 230 leaders match "lead": three pages of 100 for the file; one of every 10 has its figures hidden.
    const all = Array.from({ length: 230 }, (_, k) =>
      summary(k + 1, k % 10 === 0 ? { leaderNps: null, leaderNpsSuppressed: 'BELOW_THRESHOLD', participation: null, enps: null, enpsSuppressed: 'DIFFERENCING' } : {}),
    );
    const page = (after: string | null | undefined, first: number) => {
      const start = after ? Number(after.slice(1)) + 1 : 0;
      const nodes = all.slice(start, start + first);
      return {
        leaders: {
          totalCount: all.length,
          pageInfo: { hasNextPage: start + first < all.length, hasPreviousPage: start > 0, startCursor: `c${start}`, endCursor: `c${start + nodes.length - 1}` },
          edges: nodes.map((node, k) => ({ cursor: `c${start + k}`, node })),
        },
      };
    };
    const mock = mockClient({ Leaders: (v) => ({ data: page(v.after, v.first) }) });
    const files: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    const revokeObjectURL = URL.revokeObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      files.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => {};
    try {
      renderWith(<LeadersPage />, { client: mock.client, url: '/leadership?q=lead&days=90' });
      await screen.findByText('Leader 01');
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(files).toHaveLength(1));
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
    // Same filters as the page, 100 at a time, until the connection ends.
    const exportCalls = mock.calls.filter((c) => c.name === 'Leaders' && c.variables.first === 100);
    expect(exportCalls.map((c) => c.variables.after ?? null)).toEqual([null, 'c99', 'c199']);
    expect(exportCalls.every((c) => c.variables.search === 'lead' && c.variables.days === 90)).toBe(true);

    const text = (await files[0].text()).replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split('\r\n');
    expect(header).toBe('Leader,Title,Team,Reports,Leader NPS,Participation,eNPS,To competitor,Exits,Referrals,Last surveyed');
    expect(lines).toHaveLength(230);
    expect(new Set(lines.map((l) => l.split(',')[0]))).toEqual(new Set(all.map((s) => s.leader.name)));
    for (const [k, line] of lines.entries()) {
      const [, , , , nps, participation, enps] = line.split(',');
      if (k % 10 === 0) expect([nps, participation, enps]).toEqual(['Hidden', 'Hidden', 'Hidden']);
      else expect([nps, participation, enps]).toEqual([String(10 * (k + 1)), '0.8', '5']);
    }
  });
});
