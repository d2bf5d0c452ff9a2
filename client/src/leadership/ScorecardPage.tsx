import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { ScorecardQuery, type LeaderTrendPoint, type RuleTitle, type Scorecard } from './leadership.graphql.js';
import { PeriodSelect, usePeriodParam } from './LeadershipNav.js';
import { ItemBars, trendPoints } from './charts.js';
import { Figure, NoLeadershipSurvey, TeamSignalNotice } from './figures.js';
import { DistributionBars, TrendChart } from '../surveys/ResultsView.js';
import { TENURE_BANDS, type SuppressionReason } from '../surveys/surveys.graphql.js';
import { Link } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { useLastData } from '../ui/hooks.js';
import { formatDate, humanEnum } from '../ui/format.js';
import { Avatar, Badge, Card, EmptyState, ErrorState, Skeleton, Spinner, StatusBadge } from '../ui/components.js';

export function ScorecardPage({ leaderId }: { leaderId: string }) {
  const [days, setDays] = usePeriodParam();
  const [result, reexecute] = useQuery({ query: ScorecardQuery, variables: { leaderId, days } });
  const last = useLastData(result);
  const data = last?.leaderScorecard;

  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Crumbs name="Not found" />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? 'This person doesn’t exist (any more)' : 'Couldn’t load this scorecard'}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data) return <ScorecardSkeleton />;
  return <ScorecardView scorecard={data} rules={last?.trustSignalRules} days={days} onDays={setDays} refreshing={result.fetching} />;
}

function Crumbs({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/leadership">Leadership</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

/** The NPS question's score of a results set, or why it is hidden. */
function npsOf(results: Scorecard['teamEnps']): { value: number | null; suppressed: SuppressionReason | null } | null {
  const q = results?.questions.find((r) => r.question.type === 'NPS');
  if (!results || !q) return null;
  return { value: q.nps?.score ?? null, suppressed: q.suppressed ?? results.suppressed };
}

function Tile({ label, children, sub, testId }: { label: string; children: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
      {sub && <dd className="tile-sub">{sub}</dd>}
    </div>
  );
}

function headlineWave(points: LeaderTrendPoint[]): LeaderTrendPoint | undefined {
  return points.findLast((p) => p.closedAt) ?? points[points.length - 1];
}

function waveNote(p: LeaderTrendPoint | undefined): ReactNode {
  return p ? `${p.surveyTitle} · wave ${p.waveNumber}${p.closedAt ? '' : ' (running)'} · ${formatDate(p.openedAt)}` : 'Not surveyed in this period';
}

function ScorecardView({
  scorecard: sc,
  rules,
  days,
  onDays,
  refreshing,
}: {
  scorecard: Scorecard;
  rules: RuleTitle[] | undefined;
  days: number;
  onDays: (days: number) => void;
  refreshing: boolean;
}) {
  const leader = sc.leader;
  const threshold = sc.upwardFeedback?.threshold ?? sc.teamEnps?.threshold;
  // The headline is the latest closed wave (the running one while none has closed), like the leaders list.
  const lastLeadership = headlineWave(sc.leaderNpsTrend);
  const lastEngagement = headlineWave(sc.enpsTrend);
  const enpsFallback = lastEngagement ? null : npsOf(sc.teamEnps);
  const surveyed = sc.leaderNpsTrend.length > 0;
  const first = leader.name.split(' ')[0];

  const tenure = TENURE_BANDS.map((b, i) => ({ value: i, label: b.label, count: sc.tenureMix.find((t) => t.band === b.value)?.count ?? 0 }));
  const reasons = sc.exits.byReason.map((r, i) => ({ value: i, label: humanEnum(r.reason), count: r.count }));
  const competitorIndex = sc.exits.byReason.findIndex((r) => r.reason === 'LEFT_FOR_COMPETITOR');

  return (
    <div className="page">
      <Crumbs name={leader.name} />
      {leader.team?.trustSignal && <TeamSignalNotice team={leader.team} signal={leader.team.trustSignal} rules={rules} />}
      <header className="profile scorecard-header">
        <Avatar name={leader.name} size="lg" />
        <div className="profile-main">
          <div className="profile-title">
            <h1>{leader.name}</h1>
            <StatusBadge status={leader.status} />
          </div>
          <p className="profile-role">
            {leader.title ?? 'Leader'}
            {leader.team && <> · {leader.team.name}</>}
          </p>
          <p className="scorecard-links">
            <Link to={`/people/${leader.id}`}>Employee page, reports and relationships →</Link>
          </p>
        </div>
        <div className="profile-actions">
          <PeriodSelect value={days} onChange={onDays} />
          <span className="muted small">
            {refreshing && <Spinner size="sm" label="Updating" />} Since {formatDate(sc.since)}
          </span>
        </div>
      </header>

      <dl className="stat-tiles scorecard-tiles" aria-label="Headline">
        <Tile label="Leader NPS" testId="tile-leader-nps" sub={waveNote(lastLeadership)}>
          <Figure value={lastLeadership?.nps ?? null} suppressed={lastLeadership?.suppressed} threshold={threshold} kind="nps" />
        </Tile>
        <Tile
          label="Participation"
          testId="tile-participation"
          sub={lastLeadership?.responses != null && lastLeadership.invited != null ? `${lastLeadership.responses} of ${lastLeadership.invited} invited` : 'Of the reports invited'}
        >
          <Figure value={lastLeadership?.participation ?? null} suppressed={lastLeadership?.suppressed} threshold={threshold} kind="share" />
        </Tile>
        <Tile label="Team eNPS" testId="tile-enps" sub={lastEngagement ? waveNote(lastEngagement) : enpsFallback ? 'Latest engagement survey' : 'No engagement survey in this period'}>
          <Figure
            value={lastEngagement?.nps ?? enpsFallback?.value ?? null}
            suppressed={lastEngagement ? lastEngagement.suppressed : enpsFallback?.suppressed}
            threshold={threshold}
            kind="nps"
          />
        </Tile>
        <Tile label="Direct reports" testId="tile-reports" sub={`${sc.allReports} at every level below`}>
          {sc.directReports}
        </Tile>
        <Tile
          label="Exits"
          testId="tile-exits"
          sub={
            <span className="badge-row">
              <Badge tone={sc.exits.leftForCompetitor ? 'danger' : 'muted'}>{sc.exits.leftForCompetitor} left for competitor</Badge>
              <Badge tone={sc.exits.regretted ? 'warning' : 'muted'}>{sc.exits.regretted} regretted</Badge>
            </span>
          }
        >
          {sc.exits.total}
        </Tile>
        <Tile label="Hire referrals" testId="tile-referrals" sub={`${sc.hireReferrals.converted} hired · ${sc.hireReferrals.referrers} referrers`}>
          {sc.hireReferrals.referrals}
        </Tile>
      </dl>

      {!surveyed && !sc.upwardFeedback && (
        <Card>
          <NoLeadershipSurvey />
        </Card>
      )}

      <div className="grid-even">
        <Card title="Leader NPS by wave" actions={<span className="muted small">Would they recommend working for {first}?</span>}>
          {surveyed ? (
            <TrendChart points={trendPoints(sc.leaderNpsTrend, (p) => p.nps)} threshold={threshold ?? 5} label="Leader NPS" scale="nps" />
          ) : (
            <p className="muted">No leadership wave about {first} in this period.</p>
          )}
        </Card>
        <Card title="Team eNPS by wave" actions={<span className="muted small">Engagement of {first}’s reports</span>}>
          {sc.enpsTrend.length > 0 ? (
            <TrendChart points={trendPoints(sc.enpsTrend, (p) => p.nps)} threshold={threshold ?? 5} label="Team eNPS" scale="nps" />
          ) : (
            <p className="muted">No engagement wave answered by {first}’s reports in this period.</p>
          )}
        </Card>
      </div>

      <div className="grid-even">
        <Card
          title="Upward feedback"
          actions={lastLeadership && <span className="muted small">{waveNote(lastLeadership)}</span>}
        >
          {lastLeadership && lastLeadership.items.length > 0 ? (
            <ItemBars items={lastLeadership.items} threshold={threshold} />
          ) : (
            <p className="muted">{surveyed ? 'This wave has no scored items.' : `No upward feedback about ${first} in this period.`}</p>
          )}
        </Card>
        <Card title="Participation by wave" actions={<span className="muted small">Leavers answer less: a falling line is an early sign</span>}>
          {surveyed ? (
            <TrendChart points={trendPoints(sc.leaderNpsTrend, (p) => p.participation)} threshold={threshold ?? 5} label="Participation" scale="share" />
          ) : (
            <p className="muted">No leadership wave in this period.</p>
          )}
        </Card>
      </div>

      <div className="grid-even">
        <Card title="Tenure mix" actions={<span className="muted small">Direct reports</span>}>
          {sc.directReports > 0 ? <DistributionBars buckets={tenure} /> : <EmptyState title={`${first} leads nobody right now`} />}
        </Card>
        <Card title="Exits by reason" actions={<span className="muted small">People {first} led, since {formatDate(sc.since)}</span>}>
          {reasons.length > 0 ? (
            <DistributionBars buckets={reasons} highlight={(i) => (i === competitorIndex ? 'dist-bar-alert' : undefined)} />
          ) : (
            <p className="muted">Nobody {first} led has left in this period.</p>
          )}
        </Card>
      </div>
    </div>
  );
}

function ScorecardSkeleton() {
  return (
    <div className="page" aria-busy="true" aria-label="Loading scorecard">
      <Skeleton width={160} />
      <div className="profile">
        <Skeleton width={64} height={64} className="skeleton-round" />
        <div className="profile-main">
          <Skeleton width={260} height={28} />
          <Skeleton width={180} />
        </div>
      </div>
      <Skeleton width="100%" height={84} />
      <div className="grid-even">
        <Skeleton width="100%" height={220} />
        <Skeleton width="100%" height={220} />
      </div>
    </div>
  );
}
