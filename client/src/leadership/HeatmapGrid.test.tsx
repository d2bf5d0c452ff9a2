import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { HeatmapGrid, HeatmapLegend, columnDomain, heatColour } from './HeatmapGrid.js';
import { HeatmapPage } from './HeatmapPage.js';
import type { HeatmapRow, TeamHeatmap } from './leadership.graphql.js';
import type { SurveyRow } from '../surveys/surveys.graphql.js';
import { Router } from '../lib/router.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const COLUMNS: TeamHeatmap['columns'] = [
  { key: 'participation', label: 'Participation', kind: 'PARTICIPATION', scaleMax: null },
  { key: 'q1', label: 'Would you recommend working for your leader?', kind: 'NPS', scaleMax: null },
  { key: 'q2', label: 'My leader uses my strengths', kind: 'RATING', scaleMax: 5 },
];

const row = (id: string, name: string, extra: Partial<HeatmapRow>, trustSignal: HeatmapRow['team']['trustSignal'] = null): HeatmapRow => ({
  team: { id, name, trustSignal },
  isParent: false,
  childTeams: 0,
  invited: 10,
  responses: 8,
  suppressed: null,
  cells: [
    { key: 'participation', value: 0.8, answered: 8, suppressed: null },
    { key: 'q1', value: 25, answered: 8, suppressed: null },
    { key: 'q2', value: 3.9, answered: 8, suppressed: null },
  ],
  ...extra,
});

function heatmap(parent: { id: string; name: string } | null, rows: HeatmapRow[]): TeamHeatmap {
  return {
    survey: { id: 's1', title: 'Leadership pulse', purpose: 'LEADERSHIP' },
    waves: [{ id: 'w2', number: 2, openedAt: '2026-06-01T00:00:00.000Z', closedAt: null }],
    threshold: 5,
    parent,
    breadcrumb: parent ? [parent] : [],
    columns: COLUMNS,
    rows,
  };
}

const TOP = heatmap(null, [
  row('1', 'Engineering', { childTeams: 2, responses: 20, invited: 24 }),
  row('2', 'Sales', {
    responses: null,
    invited: 4,
    suppressed: 'BELOW_THRESHOLD',
    cells: COLUMNS.map((c) => ({ key: c.key, value: null, answered: null, suppressed: 'BELOW_THRESHOLD' as const })),
  }),
  row('3', 'Support', {
    cells: [
      { key: 'participation', value: 0.7, answered: 7, suppressed: null },
      { key: 'q1', value: null, answered: null, suppressed: 'DIFFERENCING' },
      { key: 'q2', value: 3.1, answered: 7, suppressed: null },
    ],
  }),
]);

describe('HeatmapGrid', () => {
  it('shows figures in coloured cells and suppressed cells as hidden with the reason, never as 0', () => {
    render(<HeatmapGrid heatmap={TOP} onDrill={() => {}} />);
    const engineering = screen.getByRole('row', { name: /Engineering/ });
    const nps = engineering.querySelector('[data-column="q1"]') as HTMLElement;
    expect(nps).toHaveTextContent('+25');
    expect(nps.style.background).toMatch(/rgb/);
    expect(engineering.querySelector('[data-column="participation"]')).toHaveTextContent('80%');
    expect(engineering.querySelector('[data-column="q2"]')).toHaveTextContent('3.9');

    // A whole row below the threshold: every cell hatched with the reason, no number at all.
    const sales = screen.getByRole('row', { name: /Sales/ });
    const hidden = sales.querySelectorAll('td.heat-cell.is-hidden');
    expect(hidden).toHaveLength(3);
    for (const cell of hidden) {
      expect(cell).toHaveAttribute('data-suppressed', 'BELOW_THRESHOLD');
      expect(cell).toHaveTextContent('<5');
      expect(cell).toHaveTextContent('Fewer than 5 responses — hidden to protect anonymity');
      expect(cell.querySelector('[data-reason]')).toHaveAttribute('data-reason', 'Fewer than 5 responses — hidden to protect anonymity');
      expect(cell.textContent).not.toMatch(/\b0\b|0%/);
    }
    expect(within(sales).getAllByText('<5')).toHaveLength(4); // the responses column too

    // One cell hidden by differencing: the other cells of the row stay shown.
    const support = screen.getByRole('row', { name: /Support/ });
    const differencing = support.querySelector('[data-column="q1"]') as HTMLElement;
    expect(differencing).toHaveClass('is-hidden');
    expect(differencing).toHaveTextContent('Hidden');
    expect(differencing).toHaveTextContent('Hidden so that it cannot be worked out by subtraction');
    expect(differencing.style.background).toBe('');
    expect(support.querySelector('[data-column="participation"]')).toHaveTextContent('70%');
  });

  it('drills into a team with sub-teams; the parent row and teams without sub-teams do not', () => {
    const onDrill = vi.fn();
    render(<HeatmapGrid heatmap={heatmap({ id: '1', name: 'Engineering' }, [row('1', 'Engineering', { isParent: true, childTeams: 2 }), row('4', 'Platform', { childTeams: 1 }), row('5', 'Apps', {})])} onDrill={onDrill} />);
    expect(screen.getByRole('row', { name: /Engineering/ })).toHaveTextContent('whole team');
    expect(screen.getAllByRole('button')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /^Platform\s*: show its 1 sub-team$/ }));
    expect(onDrill).toHaveBeenCalledWith('4');
  });

  it('marks a team with an open trust signal with its level, leading to the signals', () => {
    const onDrill = vi.fn();
    render(
      <Router>
        <HeatmapGrid
          heatmap={heatmap({ id: '8', name: 'Sales' }, [
            row('8', 'Sales', { isParent: true, childTeams: 2 }),
            row('9', 'Enterprise Sales', { childTeams: 1 }, { id: 's2', level: 'WARNING', score: 4 }),
            row('10', 'SMB Sales', {}, { id: 's1', level: 'CRITICAL', score: 9 }),
          ])}
          onDrill={onDrill}
        />
      </Router>,
    );
    const smb = screen.getByRole('row', { name: /SMB Sales/ });
    const badge = within(smb).getByRole('link', { name: 'Critical trust signal, 9 points' });
    expect(badge).toHaveAttribute('href', '/leadership/signals');
    expect(within(badge).getByText('Critical')).toHaveClass('badge', 'badge-danger');
    // Next to the drill-down button, not inside it.
    const enterprise = screen.getByRole('row', { name: /Enterprise Sales/ });
    const drill = within(enterprise).getByRole('button', { name: /^Enterprise Sales\s*: show its 1 sub-team$/ });
    expect(within(drill).queryByText('Warning')).toBeNull();
    expect(within(enterprise).getByRole('link', { name: 'Warning trust signal, 4 points' })).toHaveTextContent('Warning');
    expect(within(document.querySelector('tr[data-team="Sales"]') as HTMLElement).queryByRole('link')).toBeNull();
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('colours diverge from the midpoint of each column kind', () => {
    expect(columnDomain({ kind: 'RATING', scaleMax: 7 })).toEqual({ min: 1, mid: 4, max: 7 });
    const neutral = heatColour(0, { kind: 'NPS', scaleMax: null }).background;
    expect(heatColour(3, { kind: 'RATING', scaleMax: 5 }).background).toBe(neutral);
    expect(heatColour(0.5, { kind: 'PARTICIPATION', scaleMax: null }).background).toBe(neutral);
    const good = heatColour(100, { kind: 'NPS', scaleMax: null });
    const bad = heatColour(-100, { kind: 'NPS', scaleMax: null });
    expect(good.background).not.toBe(bad.background);
    expect(good.color).toBe('#ffffff');
    expect(heatColour(10, { kind: 'NPS', scaleMax: null }).color).toBe('var(--gray-900)');
  });

  it('explains the scales and both kinds of hidden cell in the legend', () => {
    render(<HeatmapLegend columns={COLUMNS} threshold={5} />);
    const legend = screen.getByLabelText('Legend');
    expect(legend).toHaveTextContent('NPS');
    expect(legend).toHaveTextContent('−100');
    expect(legend).toHaveTextContent('Mean rating');
    expect(legend).toHaveTextContent('fewer than 5 answers');
    expect(legend).toHaveTextContent('hidden so that it cannot be worked out by subtraction');
  });
});

const survey = (id: string, title: string, purpose: SurveyRow['purpose'], waves: number, audience: SurveyRow['audience'] = 'EMPLOYEES'): SurveyRow => ({
  id,
  title,
  audience,
  purpose,
  status: 'OPEN',
  anonymous: true,
  recurring: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  waves: Array.from({ length: waves }, (_, i) => ({ id: `${id}-w${i + 1}`, number: i + 1, openedAt: `2026-0${i + 1}-01T00:00:00.000Z`, closedAt: null })),
  invitationCount: 10,
  responseCount: 8,
});

describe('HeatmapPage', () => {
  it('offers leadership and engagement surveys only, asks for the latest wave, and drills down through the URL', async () => {
    const mock = mockClient({
      Surveys: () => ({ data: { surveys: [survey('c1', 'Customer NPS', 'NPS', 1, 'CUSTOMERS'), survey('s1', 'Leadership pulse', 'LEADERSHIP', 3), survey('e1', 'Engagement', 'ENGAGEMENT', 1)] } }),
      TeamHeatmap: (v) => ({ data: { teamHeatmap: v.parentTeamId ? heatmap({ id: '1', name: 'Engineering' }, [row('1', 'Engineering', { isParent: true, childTeams: 2 }), row('4', 'Platform', {})]) : TOP } }),
    });
    renderWith(<HeatmapPage />, { client: mock.client, url: '/leadership/heatmap' });
    const picker = await screen.findByLabelText('Survey');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Leadership pulse · Leadership (upward feedback)', 'Engagement · Engagement (eNPS)']);
    await screen.findByRole('row', { name: /Sales/ });
    expect(mock.calls.filter((c) => c.name === 'TeamHeatmap').at(-1)!.variables).toEqual({ surveyId: 's1', parentTeamId: null, fromWave: 3, toWave: 3 });

    fireEvent.click(screen.getByRole('button', { name: /Engineering\s*: show its 2 sub-teams/ }));
    await screen.findByRole('row', { name: /Platform/ });
    expect(window.location.search).toBe('?parent=1');
    expect(mock.calls.filter((c) => c.name === 'TeamHeatmap').at(-1)!.variables.parentTeamId).toBe('1');
    const crumbs = screen.getByRole('navigation', { name: 'Team level' });
    expect(within(crumbs).getByText('Engineering')).toHaveAttribute('aria-current', 'page');

    fireEvent.click(within(crumbs).getByRole('button', { name: 'All teams' }));
    await waitFor(() => expect(window.location.search).toBe(''));

    // A range of waves is pooled.
    fireEvent.change(screen.getByLabelText('From wave'), { target: { value: '1' } });
    await waitFor(() => expect(mock.calls.filter((c) => c.name === 'TeamHeatmap').at(-1)!.variables).toMatchObject({ fromWave: 1, toWave: 3 }));
    expect(window.location.search).toBe('?from=1');
  });

  it('defaults to the latest closed wave, since a running one is still collecting answers', async () => {
    const running = survey('s1', 'Leadership pulse', 'LEADERSHIP', 3);
    running.waves = running.waves.map((w, i) => ({ ...w, closedAt: i < 2 ? '2026-04-01T00:00:00.000Z' : null }));
    const mock = mockClient({ Surveys: () => ({ data: { surveys: [running] } }), TeamHeatmap: () => ({ data: { teamHeatmap: TOP } }) });
    renderWith(<HeatmapPage />, { client: mock.client, url: '/leadership/heatmap' });
    await screen.findByRole('row', { name: /Sales/ });
    expect(mock.calls.filter((c) => c.name === 'TeamHeatmap').at(-1)!.variables).toMatchObject({ fromWave: 2, toWave: 2 });
    expect(within(screen.getByLabelText('To wave')).getByRole('option', { name: /Wave 3 .*\(running\)/ })).toBeInTheDocument();
  });

  it('says how to start when no leadership or engagement survey has run', async () => {
    const mock = mockClient({ Surveys: () => ({ data: { surveys: [survey('c1', 'Customer NPS', 'NPS', 1, 'CUSTOMERS'), survey('d1', 'Draft', 'LEADERSHIP', 0)] } }) });
    renderWith(<HeatmapPage />, { client: mock.client, url: '/leadership/heatmap' });
    expect(await screen.findByText('No leadership survey yet — run one from Surveys')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New survey' })).toBeInTheDocument();
    expect(mock.calls.some((c) => c.name === 'TeamHeatmap')).toBe(false);
  });
});
