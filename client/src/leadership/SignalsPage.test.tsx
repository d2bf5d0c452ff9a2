import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SignalsPage, formatEvidence } from './SignalsPage.js';
import { TrustSignalLiveProvider, mergeArrivals } from './live.js';
import type { TrustSignal, TrustSignalRuleInfo } from './leadership.graphql.js';
import { adminSession } from '../test/render.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const RULES: TrustSignalRuleInfo[] = [
  { rule: 'COMPETITOR_EXITS', points: 3, title: 'People leave for competitors', description: 'Two or more exits to a competitor in 180 days.', evidence: 'exits by reason' },
  { rule: 'LEADER_NPS_FALLING', points: 2, title: 'Leader NPS falling', description: 'Leader NPS down 15 points or more between waves.', evidence: 'leader NPS per wave' },
];

function signal(id: string, team: string, score: number, extra: Partial<TrustSignal> = {}): TrustSignal {
  return {
    id,
    team: { id: `t${id}`, name: team },
    score,
    level: score >= 5 ? 'CRITICAL' : score >= 3 ? 'WARNING' : 'WATCH',
    findings: [
      {
        rule: 'LEADER_NPS_FALLING',
        points: 2,
        summary: `Leader NPS in ${team} fell from +20 to −5.`,
        evidence: [
          { label: 'Previous wave', value: 20, unit: 'points' },
          { label: 'Latest wave', value: -5, unit: 'points' },
        ],
      },
    ],
    raisedAt: '2026-06-01T10:00:00.000Z',
    updatedAt: '2026-06-01T10:00:00.000Z',
    clearedAt: null,
    active: true,
    acknowledgement: null,
    history: [{ at: '2026-06-01T10:00:00.000Z', change: 'RAISED', score, level: 'WATCH', rules: ['LEADER_NPS_FALLING'], by: null, note: null }],
    ...extra,
  };
}

const page = (nodes: TrustSignal[]) => ({
  data: {
    trustSignals: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: nodes.map((node) => ({ cursor: node.id, node })),
    },
    trustSignalRules: RULES,
  },
});

const cards = () => screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-signal'));

describe('SignalsPage', () => {
  it('lists signals worst first with their findings and evidence, and the rules behind them', async () => {
    const mock = mockClient({ TrustSignals: () => page([signal('1', 'Platform', 4), signal('2', 'Sales', 2)]) });
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url: '/leadership/signals' },
    );
    await screen.findByRole('link', { name: 'Platform' });
    expect(cards().map((c) => c.dataset.team)).toEqual(['Platform', 'Sales']);
    const platform = cards()[0];
    expect(within(platform).getByText('Warning')).toBeInTheDocument();
    expect(within(platform).getByText('Leader NPS falling')).toBeInTheDocument();
    expect(within(platform).getByText('Leader NPS in Platform fell from +20 to −5.')).toBeInTheDocument();
    expect(within(platform).getByText('−5 points')).toBeInTheDocument();
    const rules = screen.getByRole('region', { name: 'How signals are worked out' });
    expect(within(rules).getByText('People leave for competitors')).toBeInTheDocument();
    expect(within(rules).getByText('Two or more exits to a competitor in 180 days.')).toBeInTheDocument();
    expect(mock.calls.find((c) => c.name === 'TrustSignals')!.variables).toMatchObject({ includeCleared: false });
    expect(mock.calls.some((c) => c.name === 'TrustSignalChanged')).toBe(true);
  });

  it('shows a newly raised signal live, in its place and marked "New"; a worsened one moves up marked "Worse"', async () => {
    let server = [signal('1', 'Platform', 4), signal('2', 'Sales', 2)];
    const mock = mockClient({ TrustSignals: () => page(server) });
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url: '/leadership/signals' },
    );
    await screen.findByRole('link', { name: 'Platform' });
    const fetches = () => mock.calls.filter((c) => c.name === 'TrustSignals').length;
    const before = fetches();

    const raised = signal('3', 'Support', 5, { raisedAt: '2026-06-02T09:00:00.000Z', updatedAt: '2026-06-02T09:00:00.000Z' });
    act(() => mock.push('TrustSignalChanged', { trustSignalChanged: { change: 'RAISED', signal: raised } }));
    // Shown at once from the event, worst first, and marked.
    expect(cards().map((c) => c.dataset.team)).toEqual(['Support', 'Platform', 'Sales']);
    const support = cards()[0];
    expect(within(support).getByText('New')).toBeInTheDocument();
    expect(support).toHaveClass('is-fresh');
    expect(within(support).getByText('Critical')).toBeInTheDocument();
    expect(within(cards()[1]).queryByText('New')).toBeNull();
    // Named above the list too (it may have landed below the fold); the name takes you to it.
    const arrivals = screen.getByRole('status', { name: 'Signals that just arrived' });
    expect(arrivals).toHaveTextContent('New: Support (critical, 5 points)');
    fireEvent.click(within(arrivals).getByRole('button', { name: 'Support' }));
    expect(document.activeElement).toBe(support);
    // …and the list is fetched again (batched) so order and counts come from the server.
    server = [raised, ...server];
    await waitFor(() => expect(fetches()).toBe(before + 1));
    expect(cards().map((c) => c.dataset.team)).toEqual(['Support', 'Platform', 'Sales']);

    const worse = { ...server[2], score: 6, level: 'CRITICAL' as const, updatedAt: '2026-06-02T10:00:00.000Z' };
    act(() => mock.push('TrustSignalChanged', { trustSignalChanged: { change: 'WORSENED', signal: worse } }));
    expect(cards().map((c) => c.dataset.team)).toEqual(['Sales', 'Support', 'Platform']);
    expect(within(cards()[0]).getByText('Worse')).toBeInTheDocument();

    // A cleared signal leaves the list of active ones.
    act(() => mock.push('TrustSignalChanged', { trustSignalChanged: { change: 'CLEARED', signal: { ...server[1], active: false, clearedAt: '2026-06-02T11:00:00.000Z', updatedAt: '2026-06-02T11:00:00.000Z' } } }));
    expect(cards().map((c) => c.dataset.team)).toEqual(['Sales', 'Support']);
  });

  it('re-evaluates on demand and reports what changed; includes cleared signals through the URL', async () => {
    const mock = mockClient({
      TrustSignals: (v) => page(v.includeCleared ? [signal('1', 'Platform', 4), signal('9', 'Legal', 3, { active: false, clearedAt: '2026-06-03T00:00:00.000Z' })] : [signal('1', 'Platform', 4)]),
      EvaluateTrustSignals: () => ({ data: { evaluateTrustSignals: { teamsEvaluated: 12, raised: 1, worsened: 0, eased: 2, cleared: 1, active: 3 } } }),
    });
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url: '/leadership/signals' },
    );
    await screen.findByRole('link', { name: 'Platform' });
    fireEvent.click(screen.getByRole('button', { name: 'Re-evaluate now' }));
    expect(await screen.findByText(/Evaluated/)).toHaveTextContent('Evaluated 12 teams: 1 raised, 0 worsened, 2 eased, 1 cleared — 3 active.');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Include cleared signals' }));
    await screen.findByRole('link', { name: 'Legal' });
    expect(window.location.search).toBe('?cleared=1');
    expect(cards()[1]).toHaveClass('is-cleared');
  });

  it('does not subscribe or offer re-evaluation to analysts (the server allows both to admins only)', async () => {
    const mock = mockClient({ TrustSignals: () => page([]) });
    const analyst = adminSession({ isAdmin: false, viewer: { kind: 'user', role: 'ANALYST', label: 'bi@test.local', employee: null } });
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url: '/leadership/signals', session: analyst },
    );
    expect(await screen.findByText('No active signals')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Re-evaluate now' })).toBeNull();
    expect(mock.calls.some((c) => c.name === 'TrustSignalChanged')).toBe(false);
  });
});

describe('taking a signal on', () => {
  const renderPage = (mock: ReturnType<typeof mockClient>, session = adminSession(), url = '/leadership/signals') =>
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url, session },
    );
  const card = (team: string) => cards().find((c) => c.dataset.team === team)!;

  it('lets an admin say what is being done; the card shows who took it on and the note, the history the entry', async () => {
    let server = [signal('1', 'Platform', 4), signal('2', 'Sales', 2)];
    const mock = mockClient({
      TrustSignals: () => page(server),
      AcknowledgeTrustSignal: ({ input }) => {
        const at = new Date().toISOString();
        const taken = {
          ...server[0],
          acknowledgement: { at, by: 'admin@test.local', note: input.note.trim() },
          history: [...server[0].history, { at, change: 'ACKNOWLEDGED' as const, score: 4, level: 'WARNING' as const, rules: ['LEADER_NPS_FALLING' as const], by: 'admin@test.local', note: input.note.trim() }],
        };
        server = [taken, server[1]];
        return { data: { acknowledgeTrustSignal: taken } };
      },
    });
    renderPage(mock);
    await screen.findByRole('link', { name: 'Platform' });
    expect(within(card('Sales')).getByRole('button', { name: 'Take it on' })).toBeInTheDocument();

    fireEvent.click(within(card('Platform')).getByRole('button', { name: 'Take it on' }));
    const form = within(card('Platform')).getByRole('form', { name: 'Take on the signal for Platform' });
    fireEvent.change(within(form).getByLabelText('What is being done?'), { target: { value: 'Skip-level talks with the team this week' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(within(card('Platform')).queryByRole('form')).toBeNull());
    expect(mock.calls.find((c) => c.name === 'AcknowledgeTrustSignal')!.variables).toEqual({ input: { signalId: '1', note: 'Skip-level talks with the team this week' } });
    await waitFor(() => expect(card('Platform').querySelector('.signal-ack-note')).toHaveTextContent('Taken on by admin@test.local · just now: Skip-level talks with the team this week'));
    // Taken on: no second "Take it on", but the note can be updated.
    expect(within(card('Platform')).queryByRole('button', { name: 'Take it on' })).toBeNull();
    expect(within(card('Platform')).getByRole('button', { name: 'Update' })).toBeInTheDocument();
    const entries = within(card('Platform').querySelector('.signal-history') as HTMLElement).getAllByRole('listitem');
    expect(entries[1]).toHaveTextContent(/· Taken on by admin@test\.local: Skip-level talks with the team this week$/);
    // The other card is untouched.
    expect(card('Sales').querySelector('.signal-ack-note')).toBeNull();
  });

  it('shows the server’s objection to the note in place, and other problems above the form; Cancel closes it', async () => {
    let reply = gqlError('Say what is being done about it', { code: 'BAD_USER_INPUT', field: 'note' });
    const mock = mockClient({ TrustSignals: () => page([signal('1', 'Platform', 4)]), AcknowledgeTrustSignal: () => ({ error: reply }) });
    renderPage(mock);
    await screen.findByRole('link', { name: 'Platform' });
    fireEvent.click(screen.getByRole('button', { name: 'Take it on' }));
    const form = screen.getByRole('form', { name: 'Take on the signal for Platform' });
    const note = within(form).getByLabelText('What is being done?');
    fireEvent.change(note, { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    const problem = await within(form).findByText(/Say what is being done about it/);
    expect(problem.closest('.field')).toContainElement(note);
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note.getAttribute('aria-describedby')).toBe(problem.closest('.field-error')!.id);
    expect(form.querySelector('.form-alert')).toBeNull();

    reply = gqlError('This signal has cleared; nothing to acknowledge', { code: 'INVALID_TRANSITION', field: 'signalId' });
    fireEvent.change(note, { target: { value: 'Talks' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.querySelector('.form-alert')).toHaveTextContent('Not a possible next step. This signal has cleared; nothing to acknowledge INVALID_TRANSITION'));
    expect(note).not.toHaveAttribute('aria-invalid');

    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(card('Platform')).queryByRole('form')).toBeNull();
    expect(within(card('Platform')).getByRole('button', { name: 'Take it on' })).toBeInTheDocument();
  });

  it('shows analysts who took a signal on and what is being done, without the control', async () => {
    const taken = signal('1', 'Platform', 4, {
      acknowledgement: { at: '2026-06-02T09:00:00.000Z', by: 'lead@test.local', note: 'Retro with the team on Friday' },
      history: [
        { at: '2026-06-01T10:00:00.000Z', change: 'RAISED', score: 4, level: 'WARNING', rules: ['LEADER_NPS_FALLING'], by: null, note: null },
        { at: '2026-06-02T09:00:00.000Z', change: 'ACKNOWLEDGED', score: 4, level: 'WARNING', rules: ['LEADER_NPS_FALLING'], by: 'lead@test.local', note: 'Retro with the team on Friday' },
      ],
    });
    const mock = mockClient({ TrustSignals: () => page([taken, signal('2', 'Sales', 2)]) });
    const analyst = adminSession({ isAdmin: false, viewer: { kind: 'user', role: 'ANALYST', label: 'bi@test.local', employee: null } });
    renderPage(mock, analyst);
    await screen.findByRole('link', { name: 'Platform' });
    expect(card('Platform').querySelector('.signal-ack-note')).toHaveTextContent(/^Taken on by lead@test\.local · .+: Retro with the team on Friday$/);
    const entries = within(card('Platform').querySelector('.signal-history') as HTMLElement).getAllByRole('listitem');
    expect(entries[1]).toHaveTextContent(/Taken on by lead@test\.local: Retro with the team on Friday$/);
    expect(screen.queryByRole('button', { name: 'Take it on' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Update' })).toBeNull();
    expect(card('Sales').querySelector('.signal-ack')).toBeNull();
  });

  it('offers no control on a cleared signal, and shows nothing taken on for one the server cleared the note of', async () => {
    const mock = mockClient({
      TrustSignals: () => page([signal('1', 'Platform', 6, { history: [{ at: '2026-06-01T10:00:00.000Z', change: 'WORSENED', score: 6, level: 'CRITICAL', rules: [], by: null, note: null }] }), signal('9', 'Legal', 3, { active: false, clearedAt: '2026-06-03T00:00:00.000Z' })]),
    });
    renderPage(mock, adminSession(), '/leadership/signals?cleared=1');
    await screen.findByRole('link', { name: 'Legal' });
    expect(within(card('Platform')).getByRole('button', { name: 'Take it on' })).toBeInTheDocument();
    expect(card('Platform').querySelector('.signal-ack-note')).toBeNull();
    expect(card('Legal').querySelector('.signal-ack')).toBeNull();
  });

  it('shows a live ACKNOWLEDGED event on the card at once, without the "New"/"Worse" highlight', async () => {
    let server = [signal('1', 'Platform', 4), signal('2', 'Sales', 2)];
    const mock = mockClient({ TrustSignals: () => page(server) });
    renderPage(mock);
    await screen.findByRole('link', { name: 'Platform' });
    const fetches = () => mock.calls.filter((c) => c.name === 'TrustSignals').length;
    const before = fetches();

    const at = new Date().toISOString();
    const taken = { ...server[1], acknowledgement: { at, by: 'other@test.local', note: 'One-to-ones this week' } };
    act(() => mock.push('TrustSignalChanged', { trustSignalChanged: { change: 'ACKNOWLEDGED', signal: taken } }));
    const sales = card('Sales');
    expect(sales.querySelector('.signal-ack-note')).toHaveTextContent('Taken on by other@test.local · just now: One-to-ones this week');
    expect(sales).not.toHaveClass('is-fresh');
    expect(within(sales).queryByText('New')).toBeNull();
    expect(within(sales).queryByText('Worse')).toBeNull();
    expect(sales.getAttribute('aria-label')).toBe('Watch signal for Sales, score 2');
    expect(screen.getByRole('status', { name: 'Signals that just arrived' })).toBeEmptyDOMElement();
    expect(cards().map((c) => c.dataset.team)).toEqual(['Platform', 'Sales']);

    // The refetch it triggers keeps it; an earlier "raised" copy of the signal would not hide it either.
    server = [server[0], taken];
    await waitFor(() => expect(fetches()).toBe(before + 1));
    expect(card('Sales').querySelector('.signal-ack-note')).toHaveTextContent('One-to-ones this week');
    const raisedEarlier = new Map([['2', { change: 'RAISED' as const, signal: signal('2', 'Sales', 2), at: 0 }]]);
    expect(mergeArrivals([taken], raisedEarlier, false)).toEqual([taken]);
  });
});

describe('signal helpers', () => {
  it('formats evidence with its unit and a true minus sign', () => {
    expect(formatEvidence({ label: 'x', value: -18.25, unit: '%' })).toBe('−18.3%');
    expect(formatEvidence({ label: 'x', value: 2, unit: 'people' })).toBe('2 people');
  });

  it('shows the history of a cleared signal, whose last entry has no level', async () => {
    const cleared = signal('9', 'Legal', 3, {
      active: false,
      clearedAt: '2026-06-03T00:00:00.000Z',
      history: [
        { at: '2026-06-01T10:00:00.000Z', change: 'RAISED', score: 3, level: 'WATCH', rules: ['LEADER_NPS_FALLING'], by: null, note: null },
        { at: '2026-06-03T00:00:00.000Z', change: 'CLEARED', score: 0, level: null, rules: [], by: null, note: null },
      ],
    });
    const mock = mockClient({ TrustSignals: () => page([cleared]) });
    renderWith(
      <TrustSignalLiveProvider>
        <SignalsPage />
      </TrustSignalLiveProvider>,
      { client: mock.client, url: '/leadership/signals?cleared=1' },
    );
    await screen.findByRole('link', { name: 'Legal' });
    const entries = within(cards()[0].querySelector('.signal-history') as HTMLElement).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent(/Raised · Watch 3 points · Leader NPS falling$/);
    expect(entries[1]).toHaveTextContent(/Cleared · 0 points$/);
    expect(entries[1].querySelector('.badge')).toBeNull();
  });

  it('keeps a fetched copy that is newer than a pushed one', () => {
    const fetched = signal('1', 'Platform', 5, { updatedAt: '2026-06-05T00:00:00.000Z' });
    const stale = signal('1', 'Platform', 2, { updatedAt: '2026-06-01T00:00:00.000Z' });
    expect(mergeArrivals([fetched], new Map([['1', { change: 'EASED', signal: stale, at: 0 }]]), false)).toEqual([fetched]);
  });
});
