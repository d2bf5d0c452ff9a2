import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ItemBars, trendPoints } from './charts.js';
import { ScorecardPage } from './ScorecardPage.js';
import type { LeaderTrendPoint, RuleTitle, Scorecard, ScoreItem, TeamSignalSummary } from './leadership.graphql.js';
import { TrendChart } from '../surveys/ResultsView.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const items = (hidden: boolean): ScoreItem[] => [
  { questionId: 'q1', label: 'Would you recommend working for your leader?', kind: 'NPS', scaleMax: null, value: hidden ? null : 20, answered: hidden ? null : 6, suppressed: hidden ? 'BELOW_THRESHOLD' : null },
  { questionId: 'q2', label: 'My leader uses my strengths', kind: 'RATING', scaleMax: 5, value: hidden ? null : 4.2, answered: hidden ? null : 6, suppressed: hidden ? 'BELOW_THRESHOLD' : null },
  { questionId: 'q3', label: 'I trust my leader', kind: 'RATING', scaleMax: 5, value: null, answered: null, suppressed: 'DIFFERENCING' },
];

const point = (n: number, nps: number | null, extra: Partial<LeaderTrendPoint> = {}): LeaderTrendPoint => ({
  surveyId: 's1',
  surveyTitle: 'Leadership pulse',
  waveId: `w${n}`,
  waveNumber: n,
  openedAt: `2026-0${n}-01T00:00:00.000Z`,
  closedAt: null,
  suppressed: nps == null ? 'BELOW_THRESHOLD' : null,
  invited: 8,
  responses: nps == null ? null : 6,
  participation: nps == null ? null : 0.75,
  nps,
  detractorShare: nps == null ? null : 0.2,
  items: items(nps == null),
  ...extra,
});

describe('the trend chart of a leader', () => {
  it('leaves a gap with a hatched marker for a suppressed wave, never a point at 0', () => {
    const { container } = render(<TrendChart points={trendPoints([point(1, 30), point(2, null), point(3, -10)], (p) => p.nps)} threshold={5} label="Leader NPS" />);
    const chart = screen.getByRole('img', { name: /Leader NPS by wave/ });
    expect(chart).toHaveAccessibleName(
      'Leader NPS by wave: Leadership pulse wave 1 (Jan 1, 2026) +30, Leadership pulse wave 2 (Feb 1, 2026) hidden, Leadership pulse wave 3 (Mar 1, 2026) −10'.replace(/Jan 1, 2026|Feb 1, 2026|Mar 1, 2026/g, (d) => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(d))),
    );
    // Two dots, not three: the hidden wave has no point.
    expect(container.querySelectorAll('circle.trend-dot')).toHaveLength(2);
    // The line breaks at the gap: two single-point runs instead of one line through a 0.
    const lines = container.querySelectorAll('polyline.trend-line');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.getAttribute('points')!.split(' ')).toHaveLength(1);
    const hidden = container.querySelector('g.trend-hidden')!;
    expect(hidden).toHaveAttribute('data-suppressed', 'BELOW_THRESHOLD');
    expect(hidden.querySelector('title')).toHaveTextContent('wave 2 (');
    expect(hidden.querySelector('title')).toHaveTextContent('Fewer than 5 responses — hidden to protect anonymity');
    expect(hidden.querySelector('rect')!.getAttribute('fill')).toMatch(/^url\(#hatch-/);
    expect(screen.getByText('Hidden wave (anonymity rules; hover or focus a hidden mark for the reason)')).toBeInTheDocument();
    expect(Array.from(container.querySelectorAll('text.chart-value-sm')).map((t) => t.textContent)).toEqual(['+30', '−10']);
  });

  it('shows participation as a share and labels waves of several surveys by month', () => {
    render(<TrendChart points={trendPoints([point(1, 30), point(2, 10, { surveyId: 's2', surveyTitle: 'Autumn' })], (p) => p.participation)} threshold={5} label="Participation" scale="share" />);
    expect(screen.getByRole('img', { name: /Participation by wave: .*75%.*75%/ })).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
    expect(screen.queryByText('W1')).toBeNull();
  });
});

describe('ItemBars', () => {
  it('draws means as bars and keeps suppressed items as hatched rows with the reason', () => {
    render(<ItemBars items={items(false)} threshold={5} />);
    expect(screen.getByRole('img', { name: 'My leader uses my strengths: mean 4.2 of 5' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Would you recommend working for your leader?: +20' })).toBeInTheDocument();
    const trust = screen.getByText('I trust my leader').closest('li')!;
    expect(trust).toHaveClass('is-hidden');
    expect(trust).toHaveAttribute('data-suppressed', 'DIFFERENCING');
    expect(within(trust).getByRole('img', { name: 'I trust my leader: hidden' })).toBeEmptyDOMElement();
    expect(trust).toHaveTextContent('Hidden so that it cannot be worked out by subtraction');
    expect(trust.textContent).not.toMatch(/\d/);
  });
});

function scorecard(trend: LeaderTrendPoint[], trustSignal: TeamSignalSummary | null = null): Scorecard {
  return {
    leader: { id: '7', name: 'Lea Leader', title: 'Head of Platform', status: 'ACTIVE', team: { id: 't1', name: 'Platform', trustSignal } },
    since: '2025-06-01T00:00:00.000Z',
    directReports: 6,
    allReports: 14,
    tenureMix: [
      { band: '<1y', count: 2 },
      { band: '3-5y', count: 4 },
    ],
    exits: { total: 3, leftForCompetitor: 2, regretted: 1, byReason: [{ reason: 'LEFT_FOR_COMPETITOR', count: 2 }, { reason: 'RETIRED', count: 1 }] },
    hireReferrals: { referrals: 4, converted: 1, referrers: 3 },
    upwardFeedback: null,
    teamEnps: null,
    leaderNpsTrend: trend,
    enpsTrend: [point(1, 12), point(2, null)],
  };
}

describe('ScorecardPage', () => {
  it('shows the headline of the latest wave, hidden figures as hidden, and asks again for another period', async () => {
    const mock = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: scorecard([point(1, 30), point(2, null)]) } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock.client, url: '/leadership/7' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Lea Leader' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Employee page/ })).toHaveAttribute('href', '/people/7');
    // The latest leadership wave is hidden: its NPS and participation are too — not 0, not the previous wave's.
    expect(screen.getByTestId('tile-leader-nps')).toHaveTextContent('Hidden');
    expect(screen.getByTestId('tile-leader-nps')).not.toHaveTextContent('+30');
    expect(screen.getByTestId('tile-participation')).toHaveTextContent('Hidden');
    expect(screen.getByTestId('tile-enps')).toHaveTextContent('Hidden');
    expect(screen.getByTestId('tile-reports')).toHaveTextContent('6');
    expect(screen.getByText('14 at every level below')).toBeInTheDocument();
    expect(screen.getByTestId('tile-exits')).toHaveTextContent('3');
    expect(screen.getByText('2 left for competitor')).toBeInTheDocument();
    expect(screen.getByText('1 regretted')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Leader NPS by wave: .*\+30, .*hidden/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Team eNPS by wave/ })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-suppressed'))).toHaveLength(3);
    expect(screen.getByText('Left for competitor')).toBeInTheDocument();
    expect(screen.getByText('3–5 years')).toBeInTheDocument();
    expect(mock.calls.at(-1)).toEqual({ name: 'LeaderScorecard', variables: { leaderId: '7', days: 365 } });

    fireEvent.click(screen.getByRole('radio', { name: '90 days' }));
    await waitFor(() => expect(mock.calls.filter((c) => c.name === 'LeaderScorecard').at(-1)!.variables).toEqual({ leaderId: '7', days: 90 }));
    expect(window.location.search).toBe('?days=90');
  });

  it('opens with a calm banner when the leader’s own team has an open trust signal, leading to it', async () => {
    const rules: RuleTitle[] = [
      { rule: 'PARTICIPATION_FALLING', title: 'Participation falling' },
      { rule: 'DETRACTORS_RISING', title: 'Detractors rising' },
    ];
    const signal: TeamSignalSummary = { id: 's1', level: 'WARNING', score: 5, findings: [{ rule: 'PARTICIPATION_FALLING' }, { rule: 'DETRACTORS_RISING' }] };
    const mock = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: scorecard([point(1, 30)], signal), trustSignalRules: rules } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock.client, url: '/leadership/7' });
    const banner = await screen.findByRole('region', { name: 'Trust signal for Platform' });
    expect(banner).toHaveTextContent('Trust signal for Platform: Warning · 5 points — Participation falling, Detractors rising');
    expect(within(banner).getByText('Warning')).toHaveClass('badge-warning');
    expect(within(banner).getByRole('link', { name: 'See the signal →' })).toHaveAttribute('href', '/leadership/signals');
    // At the top: before the leader's name.
    const heading = screen.getByRole('heading', { level: 1, name: 'Lea Leader' });
    expect(banner.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Calm, not an alert.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows no banner when the leader’s team has no open signal, or the leader has no team', async () => {
    const mock = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: scorecard([point(1, 30)]), trustSignalRules: [] } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock.client, url: '/leadership/7' });
    await screen.findByRole('heading', { level: 1, name: 'Lea Leader' });
    expect(screen.queryByRole('region', { name: /Trust signal/ })).toBeNull();
    cleanup();

    const teamless = scorecard([point(1, 30)]);
    const mock2 = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: { ...teamless, leader: { ...teamless.leader, team: null } }, trustSignalRules: [] } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock2.client, url: '/leadership/7' });
    await screen.findByRole('heading', { level: 1, name: 'Lea Leader' });
    expect(screen.queryByRole('region', { name: /Trust signal/ })).toBeNull();
    expect(screen.getByText('Head of Platform')).toBeInTheDocument();
  });

  it('points to Surveys when the leader was never surveyed', async () => {
    const mock = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: { ...scorecard([]), enpsTrend: [] } } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock.client, url: '/leadership/7' });
    expect(await screen.findByText('No leadership survey yet — run one from Surveys')).toBeInTheDocument();
    expect(screen.getByTestId('tile-leader-nps')).toHaveTextContent('—');
    expect(screen.getByTestId('tile-leader-nps')).not.toHaveTextContent('0');
  });

  it('falls back to the latest engagement survey for the team eNPS, hidden when it is', async () => {
    const teamEnps = { threshold: 5, suppressed: null, questions: [{ question: { type: 'NPS' as const }, suppressed: 'DIFFERENCING' as const, nps: null }] };
    const mock = mockClient({ LeaderScorecard: () => ({ data: { leaderScorecard: { ...scorecard([point(1, 30)]), enpsTrend: [], teamEnps } } }) });
    renderWith(<ScorecardPage leaderId="7" />, { client: mock.client, url: '/leadership/7' });
    await screen.findByRole('heading', { level: 1, name: 'Lea Leader' });
    expect(screen.getByTestId('tile-enps').querySelector('[data-suppressed]')).toHaveAttribute('data-reason', 'Hidden so that it cannot be worked out by subtraction from other groups');
    expect(screen.getByText('Latest engagement survey')).toBeInTheDocument();
    expect(screen.getByTestId('tile-leader-nps')).toHaveTextContent('+30');
  });
});
