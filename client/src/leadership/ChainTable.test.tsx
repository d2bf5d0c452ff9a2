import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChainTable } from './ChainTable.js';
import { ChainDetail } from './ChainDetail.js';
import { ChainPage } from './ChainPage.js';
import { latestChange, quarterLabels, shareCeiling } from './chain.js';
import type { ChainFigure, ChainQuarter, ChainRow, ServiceProfitChain } from './leadership.graphql.js';
import type { SurveyRow } from '../surveys/surveys.graphql.js';
import { Router } from '../lib/router.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const LABELS = ['2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3'];
const NONE: ChainFigure = { value: null, basis: null, suppressed: null, source: null };
const nps = (value: number, basis = 12, source = 'Leadership pulse, wave 3'): ChainFigure => ({ value, basis, suppressed: null, source });
const hidden = (suppressed: ChainFigure['suppressed'] = 'BELOW_THRESHOLD', source = 'Leadership pulse, wave 2'): ChainFigure => ({ value: null, basis: null, suppressed, source });

const quarter = (extra: Partial<ChainQuarter> = {}): ChainQuarter => ({
  leaderNps: nps(20),
  enps: nps(10, 14, 'Engagement pulse, wave 1'),
  customerNps: nps(30, 9, 'Named answers to customer NPS surveys'),
  referralRate: 0.05,
  referrals: 2,
  convertedReferrals: 1,
  complaints: 1,
  complaintsBreached: 0,
  ...extra,
});

const row = (id: string, name: string, quarters: ChainQuarter[], extra: Partial<ChainRow> = {}, trustSignal: ChainRow['team']['trustSignal'] = null): ChainRow => ({
  team: { id, name, trustSignal },
  isParent: false,
  childTeams: 0,
  customers: 40,
  quarters,
  ...extra,
});

// Leader NPS falls in Q1, eNPS in Q2, customer NPS in Q3 and referrals dry up in Q3.
const FALLING = row('2', 'Sales', [
  quarter({ leaderNps: nps(40), enps: nps(30), customerNps: nps(50), referralRate: 0.1, referrals: 4, convertedReferrals: 2 }),
  quarter({ leaderNps: nps(-10), enps: nps(30), customerNps: nps(50), referralRate: 0.1, referrals: 4, convertedReferrals: 1 }),
  quarter({ leaderNps: hidden(), enps: nps(-5), customerNps: nps(45), referralRate: 0.075, referrals: 3, convertedReferrals: 1, complaints: 2, complaintsBreached: 1 }),
  quarter({ leaderNps: NONE, enps: nps(-20), customerNps: nps(10), referralRate: 0.025, referrals: 1, convertedReferrals: 0, complaints: 5, complaintsBreached: 2 }),
]);

const RISING = row('3', 'Support', [quarter(), quarter(), quarter({ leaderNps: nps(10) }), quarter({ leaderNps: nps(25), enps: hidden('DIFFERENCING', 'Engagement pulse, wave 1') })], {}, { id: 's1', level: 'WARNING', score: 4 });

const NO_CUSTOMERS = row('4', 'Platform', LABELS.map(() => quarter({ customerNps: NONE, referralRate: null, referrals: 0, convertedReferrals: 0 })), { customers: 0, childTeams: 2 });

function chain(parent: { id: string; name: string } | null, rows: ChainRow[]): ServiceProfitChain {
  return {
    quarters: LABELS.map((label, i) => ({ label, start: `2025-${10 + i}-01T00:00:00.000Z`, end: `2025-${11 + i}-01T00:00:00.000Z` })),
    parent,
    breadcrumb: parent ? [parent] : [],
    threshold: 5,
    rows,
  };
}

const TOP = chain(null, [row('1', 'Engineering', LABELS.map(() => quarter()), { childTeams: 3 }), FALLING, RISING, NO_CUSTOMERS]);

function renderTable(data = TOP, selectedId: string | null = null) {
  const onOpen = vi.fn();
  const onDrill = vi.fn();
  render(
    <Router>
      <ChainTable chain={data} quarters={LABELS} selectedId={selectedId} onOpen={onOpen} onDrill={onDrill} />
    </Router>,
  );
  return { onOpen, onDrill };
}

const cell = (team: string, link: string) => document.querySelector(`tr[data-team="${team}"] td[data-link="${link}"]`) as HTMLElement;
const slots = (team: string, link: string) => Array.from(cell(team, link).querySelectorAll<HTMLElement>('.spc-slot'));

describe('ChainTable', () => {
  it('shows a hidden quarter as a hatched gap with the reason and a quarter without data as a faint dash, never as 0', () => {
    renderTable();
    const leader = slots('Sales', 'leaderNps');
    expect(leader.map((s) => s.dataset.state)).toEqual(['value', 'value', 'hidden', 'empty']);
    expect(leader[2]).toHaveAttribute('data-suppressed', 'BELOW_THRESHOLD');
    expect(leader[2]).toHaveAttribute('title', '2026 Q2 · Leader NPS hidden: Fewer than 5 responses — hidden to protect anonymity · Leadership pulse, wave 2');
    expect(leader[2]).toBeEmptyDOMElement();
    expect(leader[3]).toHaveAttribute('title', '2026 Q3 · Leader NPS: No closed leadership wave for this team in this quarter');
    expect(leader[3]).toBeEmptyDOMElement();
    expect(leader[0]).toHaveAttribute('title', '2025 Q4 · Leader NPS +40 · 12 answers · Leadership pulse, wave 3');
    expect(leader[1].querySelector('.spc-bar')).toHaveClass('is-negative');
    expect(within(cell('Sales', 'leaderNps')).getByRole('img')).toHaveAccessibleName('Leader NPS by quarter: 2025 Q4 +40, 2026 Q1 −10, 2026 Q2 hidden, 2026 Q3 no data');

    // The latest quarter has no data: a dash with why, and no arrow (there is nothing to compare).
    const latestLeader = cell('Sales', 'leaderNps').querySelector('[data-latest]') as HTMLElement;
    expect(latestLeader).toHaveTextContent('—');
    expect(latestLeader.querySelector('[title]')).toHaveAttribute('title', 'No closed leadership wave for this team in this quarter');
    expect(cell('Sales', 'leaderNps').querySelector('.spc-delta')).toBeNull();

    // The latest quarter hidden by differencing: hatched "Hidden" with the reason, no number.
    const latestEnps = cell('Support', 'enps').querySelector('[data-latest]') as HTMLElement;
    expect(latestEnps.querySelector('[data-suppressed]')).toHaveAttribute('data-reason', 'Hidden so that it cannot be worked out by subtraction from other groups');
    expect(latestEnps).toHaveTextContent('Hidden');
    expect(latestEnps.textContent).not.toMatch(/\d/);
    expect(slots('Support', 'enps').at(-1)).toHaveAttribute('data-state', 'hidden');
  });

  it('prints the latest quarter with an arrow against the one before, green when better and red when worse', () => {
    renderTable();
    const enps = cell('Sales', 'enps');
    expect(enps.querySelector('[data-latest]')).toHaveTextContent('−20');
    const down = enps.querySelector('.spc-delta') as HTMLElement;
    expect(down).toHaveAttribute('data-direction', 'down');
    expect(down).toHaveClass('is-worse');
    expect(down).toHaveTextContent('↓ 15');
    expect(down).toHaveTextContent('down 15 points from 2026 Q2');

    const rising = cell('Support', 'leaderNps').querySelector('.spc-delta') as HTMLElement;
    expect(rising).toHaveAttribute('data-direction', 'up');
    expect(rising).toHaveClass('is-better');
    expect(rising).toHaveTextContent('↑ 15');

    // Referral rate as a percentage, its change in percentage points.
    const referral = cell('Sales', 'referralRate');
    expect(referral.querySelector('[data-latest]')).toHaveTextContent('2.5%');
    expect(referral.querySelector('.spc-delta')).toHaveTextContent('down 5 percentage points from 2026 Q2');
    expect(slots('Sales', 'referralRate').at(-1)).toHaveAttribute('title', '2026 Q3 · Referral rate 2.5% · 1 referral, 0 converted, of 40 customers');

    // More complaints is worse: up, in red; the breached ones in red next to the count.
    const complaints = cell('Sales', 'complaints');
    expect(complaints.querySelector('[data-latest]')).toHaveTextContent(/^5$/);
    expect(complaints.querySelector('.spc-breached')).toHaveTextContent('2 breached');
    expect(complaints.querySelector('.spc-breached')).toHaveClass('figure-alert');
    expect(complaints.querySelector('.spc-delta')).toHaveClass('is-worse');
    expect(complaints.querySelector('.spc-delta')).toHaveAttribute('data-direction', 'up');
    expect(slots('Sales', 'complaints').at(-1)!.querySelector('.spc-bar.is-alert')).not.toBeNull();

    // Unchanged: a flat arrow.
    expect(cell('Engineering', 'leaderNps').querySelector('.spc-delta')).toHaveAttribute('data-direction', 'flat');
  });

  it('drills into a team with sub-teams, opens a team’s chain from its name and links its team page and heatmap', () => {
    const { onOpen, onDrill } = renderTable(TOP, '2');
    fireEvent.click(screen.getByRole('button', { name: 'Engineering: show its 3 sub-teams' }));
    expect(onDrill).toHaveBeenCalledWith('1');
    expect(screen.queryByRole('button', { name: /Sales: show its/ })).toBeNull();

    const open = screen.getByRole('button', { name: 'Support: open its chain' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('button', { name: 'Sales: open its chain' })).toHaveAttribute('aria-expanded', 'true');
    fireEvent.click(open);
    expect(onOpen).toHaveBeenCalledWith('3');

    expect(screen.getByRole('link', { name: 'Team page of Support' })).toHaveAttribute('href', '/teams/3');
    expect(screen.getByRole('link', { name: 'Heatmap of Support' })).toHaveAttribute('href', '/leadership/heatmap?parent=3');
    const support = screen.getByRole('row', { name: /Support/ });
    expect(within(support).getByRole('link', { name: 'Warning trust signal, 4 points' })).toHaveAttribute('href', '/leadership/signals');
  });

  it('while the running quarter has no figure yet, prints the quarter before and says which', () => {
    const running = [...LABELS.slice(0, 3), '2026 Q3 (so far)'];
    render(
      <Router>
        <ChainTable chain={TOP} quarters={running} selectedId={null} onOpen={() => {}} onDrill={() => {}} />
      </Router>,
    );
    // Sales: 2026 Q3 has no leadership wave yet, 2026 Q2 was hidden (fewer than 5 answers).
    const latest = cell('Sales', 'leaderNps').querySelector('[data-latest]') as HTMLElement;
    expect(latest).toHaveAttribute('data-quarter', '2026 Q2');
    expect(latest.querySelector('.spc-when')).toHaveTextContent('Q2');
    expect(latest.querySelector('.spc-when')).toHaveAttribute('title', '2026 Q3 (so far): no figure yet — this is 2026 Q2');
    expect(latest.querySelector('[data-suppressed] [aria-hidden="true"]')).toHaveTextContent('<5');
    expect(slots('Sales', 'leaderNps').at(-1)).toHaveAttribute('data-state', 'empty');
    // A quarter that has a figure is printed as it is; the quarter is not named.
    const enps = cell('Sales', 'enps').querySelector('[data-latest]') as HTMLElement;
    expect(enps).toHaveAttribute('data-quarter', '2026 Q3 (so far)');
    expect(enps.querySelector('.spc-when')).toBeNull();
  });

  it('says so when nobody in the team owns a customer, instead of two empty links', () => {
    renderTable();
    const platform = screen.getByRole('row', { name: /Platform/ });
    const none = platform.querySelector('td[data-link="customers-none"]') as HTMLElement;
    expect(none).toHaveAttribute('colspan', '2');
    expect(none).toHaveTextContent('No customers are owned by this team’s people');
    expect(platform.querySelector('td[data-link="customerNps"]')).toBeNull();
    expect(platform.querySelector('td[data-column="customers"]')).toHaveTextContent('0');
    expect(screen.getByRole('row', { name: /Sales/ }).querySelector('td[data-column="customers"]')).toHaveTextContent('40');
  });

  it('marks the parent row as the whole team, without a drill-down', () => {
    renderTable(chain({ id: '1', name: 'Engineering' }, [row('1', 'Engineering', LABELS.map(() => quarter()), { isParent: true, childTeams: 2 }), FALLING]));
    expect(screen.getByRole('row', { name: /Engineering/ })).toHaveTextContent('whole team');
    expect(screen.queryByRole('button', { name: /show its/ })).toBeNull();
  });
});

describe('ChainDetail', () => {
  it('draws the four links as line charts on one quarter axis, with a gap for a hidden quarter and a dash for none', () => {
    const { container } = render(
      <Router>
        <ChainDetail row={FALLING} quarters={LABELS} threshold={5} />
      </Router>,
    );
    const charts = screen.getAllByRole('img', { name: / of Sales by quarter: / });
    expect(charts.map((c) => c.getAttribute('aria-label')!.split(' by quarter')[0])).toEqual(['Leader NPS of Sales', 'eNPS of Sales', 'Customer NPS of Sales', 'Referral rate of Sales']);
    // Aligned: the same quarters at the same x positions in every chart.
    const axis = (svg: Element) => Array.from(svg.querySelectorAll('text.chart-axis[text-anchor="middle"]')).map((t) => `${t.textContent}@${t.getAttribute('x')}`);
    for (const c of charts) {
      expect(c.getAttribute('viewBox')).toBe(charts[0].getAttribute('viewBox'));
      expect(axis(c)).toEqual(axis(charts[0]));
    }
    expect(axis(charts[0]).map((a) => a.split('@')[0])).toEqual(LABELS);

    const leader = charts[0];
    expect(leader).toHaveAccessibleName('Leader NPS of Sales by quarter: 2025 Q4 +40, 2026 Q1 −10, 2026 Q2 hidden, 2026 Q3 no data');
    expect(leader.querySelectorAll('circle.trend-dot')).toHaveLength(2);
    const gap = leader.querySelector('g.trend-hidden')!;
    expect(gap).toHaveAttribute('data-suppressed', 'BELOW_THRESHOLD');
    expect(gap.querySelector('rect')!.getAttribute('fill')).toMatch(/^url\(#hatch-/);
    expect(gap.querySelector('title')).toHaveTextContent('2026 Q2: Fewer than 5 responses — hidden to protect anonymity · Leadership pulse, wave 2');
    const none = leader.querySelector('g.trend-empty')!;
    expect(none.querySelector('rect')).toHaveAttribute('fill', 'transparent');
    expect(none.querySelector('title')).toHaveTextContent('2026 Q3: No closed leadership wave for this team in this quarter');
    // Each point: the figure, its basis and its source.
    expect(Array.from(leader.querySelectorAll('g.trend-point title')).map((t) => t.textContent)).toEqual([
      '2025 Q4: +40 · 12 answers · Leadership pulse, wave 3',
      '2026 Q1: −10 · 12 answers · Leadership pulse, wave 3',
    ]);
    // Referral rate on a share scale that fits it (10 %), with the referrals in the tooltip.
    const referral = charts[3];
    expect(Array.from(referral.querySelectorAll('text.chart-axis')).map((t) => t.textContent)).toContain('10%');
    expect(referral.querySelector('g.trend-point title')).toHaveTextContent('2025 Q4: 10% · 4 referrals, 2 converted, of 40 customers');

    // The same figures as numbers, quarter by quarter.
    const table = screen.getByRole('table', { name: 'The chain of Sales, quarter by quarter' });
    const leaderRow = within(table).getByRole('row', { name: /Leader NPS/ });
    expect(leaderRow.querySelectorAll('[data-suppressed]')).toHaveLength(1);
    const complaints = within(table).getByRole('row', { name: /Complaints/ });
    expect(complaints.querySelectorAll('td')[3]).toHaveTextContent('52 breached');
    expect(complaints.querySelector('td:last-child .figure-alert')).toHaveTextContent('2 breached');
    expect(container.querySelector('.spc-step[data-link="leaderNps"] .spc-step-latest')).toHaveTextContent('—');
  });

  it('explains empty links: no customers, no surveys for the team', () => {
    const quiet = row('5', 'Quiet', LABELS.map(() => quarter({ leaderNps: NONE, enps: NONE, customerNps: NONE, referralRate: null, referrals: 0, convertedReferrals: 0 })), { customers: 0 });
    render(
      <Router>
        <ChainDetail row={quiet} quarters={LABELS} threshold={5} />
      </Router>,
    );
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getByText('No leadership wave for this team closed in these quarters.')).toBeInTheDocument();
    expect(screen.getByText('No engagement wave for this team closed in these quarters.')).toBeInTheDocument();
    expect(Array.from(document.querySelectorAll('.spc-step-empty')).map((p) => [p.closest('[data-link]')!.getAttribute('data-link'), p.textContent])).toEqual([
      ['leaderNps', 'No leadership wave for this team closed in these quarters.'],
      ['enps', 'No engagement wave for this team closed in these quarters.'],
      ['customerNps', 'No customers are owned by this team’s people'],
      ['referralRate', 'No customers are owned by this team’s people'],
    ]);
    expect(screen.getByRole('link', { name: 'Heatmap for this team' })).toHaveAttribute('href', '/leadership/heatmap?parent=5');
  });
});

describe('chain figures', () => {
  it('compares the latest quarter in the precision it is shown in, and only when both quarters have a figure', () => {
    expect(latestChange([10, 24.6], 'nps')).toEqual({ delta: 15, direction: 'up' });
    expect(latestChange([0.1, 0.025], 'share')).toEqual({ delta: -7.5, direction: 'down' });
    expect(latestChange([3, 3], 'count')).toEqual({ delta: 0, direction: 'flat' });
    expect(latestChange([10, null], 'nps')).toBeNull();
    expect(latestChange([null, 10], 'nps')).toBeNull();
    expect(shareCeiling([0.034, null])).toBe(0.05);
    expect(shareCeiling([0.3])).toBe(0.5);
    expect(shareCeiling([1.4])).toBe(2);
  });

  it('marks the quarter that has not ended yet', () => {
    const labels = quarterLabels(
      { quarters: [{ label: '2026 Q2', start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z' }, { label: '2026 Q3', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z' }] },
      new Date('2026-08-15T00:00:00.000Z'),
    );
    expect(labels).toEqual(['2026 Q2', '2026 Q3 (so far)']);
  });
});

const survey = (id: string, purpose: SurveyRow['purpose'], waves: number, audience: SurveyRow['audience'] = 'EMPLOYEES'): SurveyRow => ({
  id,
  title: id,
  audience,
  purpose,
  status: 'OPEN',
  anonymous: true,
  recurring: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  waves: Array.from({ length: waves }, (_, i) => ({ id: `${id}-w${i + 1}`, number: i + 1, openedAt: '2026-01-01T00:00:00.000Z', closedAt: null })),
  invitationCount: 10,
  responseCount: 8,
});

describe('ChainPage', () => {
  it('drills down and back through the URL, opens a team’s chain below the table and looks back 8 quarters', async () => {
    const ENGINEERING = chain({ id: '1', name: 'Engineering' }, [row('1', 'Engineering', LABELS.map(() => quarter()), { isParent: true, childTeams: 3 }), NO_CUSTOMERS, FALLING]);
    const mock = mockClient({ ServiceProfitChain: (v) => ({ data: { serviceProfitChain: v.parentTeamId ? ENGINEERING : TOP } }) });
    renderWith(<ChainPage />, { client: mock.client, url: '/leadership/chain' });
    expect(await screen.findByText('Leadership that serves → engaged teams → satisfied customers → referrals. Each link per team, per quarter.')).toBeInTheDocument();
    await screen.findByRole('row', { name: /Sales/ });
    expect(mock.calls.filter((c) => c.name === 'ServiceProfitChain').at(-1)!.variables).toEqual({ parentTeamId: null, quarters: 4 });
    expect(screen.getByRole('link', { name: 'Service-profit chain' })).toHaveAttribute('aria-current', 'page');
    // The first team's chain is open until another is chosen.
    expect(screen.getByRole('heading', { name: /Chain of Engineering/ })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Sales: open its chain' }));
    await screen.findByRole('heading', { name: /Chain of Sales/ });
    expect(window.location.search).toBe('?team=2');
    expect(screen.getByRole('button', { name: 'Sales: open its chain' })).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('spc-detail')));

    fireEvent.click(screen.getByRole('button', { name: 'Engineering: show its 3 sub-teams' }));
    await screen.findByRole('row', { name: /Platform/ });
    expect(window.location.search).toBe('?parent=1');
    expect(mock.calls.filter((c) => c.name === 'ServiceProfitChain').at(-1)!.variables.parentTeamId).toBe('1');
    const crumbs = screen.getByRole('navigation', { name: 'Team level' });
    expect(within(crumbs).getByText('Engineering')).toHaveAttribute('aria-current', 'page');
    // Drilled in, the whole team's chain opens first.
    expect(screen.getByRole('heading', { name: /Chain of Engineering/ })).toHaveTextContent('whole team');

    fireEvent.click(screen.getByRole('radio', { name: '8 quarters' }));
    await waitFor(() => expect(mock.calls.filter((c) => c.name === 'ServiceProfitChain').at(-1)!.variables).toEqual({ parentTeamId: '1', quarters: 8 }));
    expect(window.location.search).toBe('?parent=1&quarters=8');

    fireEvent.click(within(crumbs).getByRole('button', { name: 'All teams' }));
    await waitFor(() => expect(window.location.search).toBe('?quarters=8'));
  });

  it('says how to start when no leadership or engagement survey has run yet', async () => {
    const silent = chain(null, [row('1', 'Engineering', LABELS.map(() => quarter({ leaderNps: NONE, enps: NONE })))]);
    const mock = mockClient({
      ServiceProfitChain: () => ({ data: { serviceProfitChain: silent } }),
      Surveys: () => ({ data: { surveys: [survey('c1', 'NPS', 2, 'CUSTOMERS')] } }),
    });
    renderWith(<ChainPage />, { client: mock.client, url: '/leadership/chain' });
    expect(await screen.findByText('No leadership survey yet — run one from Surveys')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Engineering/ })).toBeInTheDocument();
  });

  it('offers to look further back when surveys exist but none closed in these quarters', async () => {
    const silent = chain(null, [row('1', 'Engineering', LABELS.map(() => quarter({ leaderNps: NONE, enps: NONE })))]);
    const mock = mockClient({
      ServiceProfitChain: () => ({ data: { serviceProfitChain: silent } }),
      Surveys: () => ({ data: { surveys: [survey('l1', 'LEADERSHIP', 2)] } }),
    });
    renderWith(<ChainPage />, { client: mock.client, url: '/leadership/chain' });
    expect(await screen.findByText(/No leadership or engagement wave closed in these 4 quarters/)).toBeInTheDocument();
    expect(screen.queryByText('No leadership survey yet — run one from Surveys')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Look back 8 quarters' }));
    await waitFor(() => expect(window.location.search).toBe('?quarters=8'));
  });

  it('asks for the surveys only when no employee figure is there', async () => {
    const mock = mockClient({ ServiceProfitChain: () => ({ data: { serviceProfitChain: TOP } }) });
    renderWith(<ChainPage />, { client: mock.client, url: '/leadership/chain' });
    await screen.findByRole('row', { name: /Sales/ });
    expect(mock.calls.some((c) => c.name === 'Surveys')).toBe(false);
  });
});
