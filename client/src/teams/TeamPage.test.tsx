import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, type Mock } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { TeamPage } from './TeamPage.js';
import { TeamsPage } from './TeamsPage.js';
import type { TeamDetail, TeamListItem } from './teams.graphql.js';
import type { RuleTitle, TeamSignalSummary } from '../leadership/leadership.graphql.js';
import { adminSession, renderWith } from '../test/render.js';
import { mockClient } from '../test/mockClient.js';

afterEach(cleanup);

const RULES: RuleTitle[] = [
  { rule: 'LEADER_NPS_FALLING', title: 'Leader NPS falling' },
  { rule: 'PARTICIPATION_FALLING', title: 'Participation falling' },
  { rule: 'DETRACTORS_RISING', title: 'Detractors rising' },
];

const WARNING: TeamSignalSummary = { id: 's1', level: 'WARNING', score: 5, findings: [{ rule: 'PARTICIPATION_FALLING' }, { rule: 'DETRACTORS_RISING' }] };

const noPages = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

function team(trustSignal: TeamSignalSummary | null, children: TeamDetail['children'] = []): TeamDetail {
  return {
    id: 't21',
    name: 'Finance',
    createdAt: '2025-01-01T00:00:00.000Z',
    memberCount: 2,
    parent: { id: 't20', name: 'Operations' },
    ancestors: [{ id: 't20', name: 'Operations' }],
    children,
    trustSignal,
    members: {
      totalCount: 1,
      pageInfo: noPages,
      edges: [{ node: { id: '22', name: 'Deniz Müller', title: 'Team Lead Finance', email: 'deniz@example.com', status: 'ACTIVE', team: { id: 't21', name: 'Finance' }, leader: null } }],
    },
  };
}

describe('TeamPage', () => {
  it('shows the open trust signal with its level, score and the rules that fire, leading to the signals and the heatmap', async () => {
    const mock = mockClient({ Team: () => ({ data: { team: team(WARNING), trustSignalRules: RULES } }) });
    renderWith(<TeamPage id="t21" />, { client: mock.client, url: '/teams/t21' });
    const notice = await screen.findByRole('region', { name: 'Trust signal for Finance' });
    expect(notice).toHaveTextContent('Trust signal for Finance: Warning · 5 points — Participation falling, Detractors rising');
    // The level badge looks like the one on the signals page.
    expect(within(notice).getByText('Warning')).toHaveClass('badge', 'badge-warning');
    expect(notice).toHaveClass('level-warning');
    expect(within(notice).getByRole('link', { name: 'See the signal →' })).toHaveAttribute('href', '/leadership/signals');
    expect(screen.getByRole('link', { name: 'Heatmap for this team' })).toHaveAttribute('href', '/leadership/heatmap?parent=t21');
    // One request: the signal and the rules' titles come with the team.
    expect(mock.calls.map((c) => c.name)).toEqual(['Team']);
  });

  it('shows no signal when the team has none, and still links to its heatmap', async () => {
    const mock = mockClient({ Team: () => ({ data: { team: team(null), trustSignalRules: RULES } }) });
    renderWith(<TeamPage id="t21" />, { client: mock.client, url: '/teams/t21' });
    await screen.findByRole('heading', { level: 1, name: 'Finance' });
    expect(screen.queryByRole('region', { name: /Trust signal/ })).toBeNull();
    expect(screen.queryByText(/points/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Heatmap for this team' })).toHaveAttribute('href', '/leadership/heatmap?parent=t21');
  });

  it('marks the sub-teams with an open signal', async () => {
    const children: TeamDetail['children'] = [
      { id: 't9', name: 'Enterprise Sales', memberCount: 15, trustSignal: null },
      { id: 't10', name: 'SMB Sales', memberCount: 13, trustSignal: { id: 's1', level: 'CRITICAL', score: 9 } },
    ];
    const mock = mockClient({ Team: () => ({ data: { team: { ...team(null, children), name: 'Sales' }, trustSignalRules: RULES } }) });
    renderWith(<TeamPage id="t8" />, { client: mock.client, url: '/teams/t8' });
    const smb = await screen.findByRole('link', { name: /^SMB Sales/ });
    expect(smb).toHaveAttribute('href', '/teams/t10');
    expect(smb).toHaveAccessibleName('SMB Sales Critical trust signal, 9 points 13');
    expect(within(smb).getByText('Critical')).toHaveClass('badge-danger');
    expect(screen.getByRole('link', { name: /^Enterprise Sales/ })).not.toHaveTextContent(/Critical|Warning|Watch/);
    // The team itself has none.
    expect(screen.queryByRole('region', { name: /Trust signal/ })).toBeNull();
  });

  it('names a rule by its enum when the titles are missing, never leaving it out', async () => {
    const mock = mockClient({ Team: () => ({ data: { team: team({ ...WARNING, level: 'CRITICAL', score: 7, findings: [{ rule: 'COMPETITOR_EXITS' }] }), trustSignalRules: RULES } }) });
    renderWith(<TeamPage id="t21" />, { client: mock.client, url: '/teams/t21', session: adminSession({ isAdmin: false, viewer: { kind: 'user', role: 'ANALYST', label: 'bi@test.local', employee: null } }) });
    const notice = await screen.findByRole('region', { name: 'Trust signal for Finance' });
    expect(notice).toHaveTextContent('Critical · 7 points — Competitor exits');
    expect(within(notice).getByText('Critical')).toHaveClass('badge-danger');
  });
});

const item = (id: string, name: string, parent: string | null, trustSignal: TeamListItem['trustSignal'] = null): TeamListItem => ({
  id,
  name,
  memberCount: 3,
  parent: parent ? { id: parent } : null,
  trustSignal,
});

describe('TeamsPage', () => {
  it('marks the teams with an open signal in the tree, from the one teams request', async () => {
    const teams = [
      item('t1', 'Company', null),
      item('t20', 'Operations', 't1'),
      item('t21', 'Finance', 't20', { id: 's1', level: 'CRITICAL', score: 9 }),
      item('t22', 'Legal', 't20'),
      item('t10', 'SMB Sales', 't1', { id: 's2', level: 'WATCH', score: 2 }),
    ];
    const mock = mockClient({ Teams: () => ({ data: { teams: { totalCount: teams.length, pageInfo: noPages, edges: teams.map((node) => ({ node })) } } }) });
    renderWith(<TeamsPage />, { client: mock.client, url: '/teams' });
    await screen.findByRole('link', { name: 'Finance' });

    const finance = screen.getByRole('link', { name: 'Finance' }).closest('.team-row') as HTMLElement;
    const badge = within(finance).getByRole('link', { name: 'Critical trust signal, 9 points' });
    expect(badge).toHaveAttribute('href', '/leadership/signals');
    expect(within(badge).getByText('Critical')).toHaveClass('badge-danger');
    const smb = screen.getByRole('link', { name: 'SMB Sales' }).closest('.team-row') as HTMLElement;
    expect(within(smb).getByRole('link', { name: 'Watch trust signal, 2 points' })).toBeInTheDocument();
    for (const name of ['Company', 'Operations', 'Legal']) {
      const row = screen.getByRole('link', { name }).closest('.team-row') as HTMLElement;
      expect(within(row).queryByRole('link', { name: /trust signal/ })).toBeNull();
    }
    expect(screen.getAllByRole('link', { name: /trust signal/ })).toHaveLength(2);
    expect(mock.calls.filter((c) => c.name === 'Teams')).toHaveLength(1);
    expect(mock.calls.every((c) => c.name === 'Teams')).toBe(true);
    // Signals change without a mutation in this tab (hourly, on another admin's action): the page asks the server, not the cache.
    expect((mock.client.query as unknown as Mock).mock.calls[0][2]).toMatchObject({ requestPolicy: 'network-only' });
  });
});
