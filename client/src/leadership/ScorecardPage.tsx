import { t } from '../i18n/index.js';
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
        <Crumbs name={t('scorecard.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('scorecard.doesNotExist') : t('scorecard.loadFailed')}
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
    <nav className="breadcrumb" aria-label={t('scorecard.breadcrumb')}>
      <Link to="/leadership">{t('leaders.title')}</Link>
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
  return p ? t(p.closedAt ? 'scorecard.waveNote' : 'scorecard.waveNoteRunning', { survey: p.surveyTitle, n: p.waveNumber, date: formatDate(p.openedAt) }) : t('scorecard.notSurveyed');
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
            {leader.title ?? t('scorecard.leader')}
            {leader.team && <> · {leader.team.name}</>}
          </p>
          <p className="scorecard-links">
            <Link to={`/people/${leader.id}`}>{t('scorecard.employeePage')}</Link>
          </p>
        </div>
        <div className="profile-actions">
          <PeriodSelect value={days} onChange={onDays} />
          <span className="muted small">
            {refreshing && <Spinner size="sm" label={t('scorecard.updating')} />} {t('scorecard.since', { date: formatDate(sc.since) })}
          </span>
        </div>
      </header>

      <dl className="stat-tiles scorecard-tiles" aria-label={t('scorecard.headline')}>
        <Tile label={t('scorecard.leaderNps')} testId="tile-leader-nps" sub={waveNote(lastLeadership)}>
          <Figure value={lastLeadership?.nps ?? null} suppressed={lastLeadership?.suppressed} threshold={threshold} kind="nps" />
        </Tile>
        <Tile
          label={t('scorecard.participation')}
          testId="tile-participation"
          sub={lastLeadership?.responses != null && lastLeadership.invited != null ? t('scorecard.ofInvited', { responses: lastLeadership.responses, invited: lastLeadership.invited }) : t('scorecard.ofReports')}
        >
          <Figure value={lastLeadership?.participation ?? null} suppressed={lastLeadership?.suppressed} threshold={threshold} kind="share" />
        </Tile>
        <Tile label={t('scorecard.teamEnps')} testId="tile-enps" sub={lastEngagement ? waveNote(lastEngagement) : enpsFallback ? t('scorecard.latestEngagement') : t('scorecard.noEngagement')}>
          <Figure
            value={lastEngagement?.nps ?? enpsFallback?.value ?? null}
            suppressed={lastEngagement ? lastEngagement.suppressed : enpsFallback?.suppressed}
            threshold={threshold}
            kind="nps"
          />
        </Tile>
        <Tile label={t('scorecard.directReports')} testId="tile-reports" sub={t('scorecard.allLevels', { count: sc.allReports })}>
          {sc.directReports}
        </Tile>
        <Tile
          label={t('scorecard.exits')}
          testId="tile-exits"
          sub={
            <span className="badge-row">
              <Badge tone={sc.exits.leftForCompetitor ? 'danger' : 'muted'}>{t('scorecard.leftForCompetitor', { count: sc.exits.leftForCompetitor })}</Badge>
              <Badge tone={sc.exits.regretted ? 'warning' : 'muted'}>{t('scorecard.regretted', { count: sc.exits.regretted })}</Badge>
            </span>
          }
        >
          {sc.exits.total}
        </Tile>
        <Tile label={t('scorecard.hireReferrals')} testId="tile-referrals" sub={t('scorecard.hiredReferrers', { hired: sc.hireReferrals.converted, referrers: sc.hireReferrals.referrers })}>
          {sc.hireReferrals.referrals}
        </Tile>
      </dl>

      {!surveyed && !sc.upwardFeedback && (
        <Card>
          <NoLeadershipSurvey />
        </Card>
      )}

      <div className="grid-even">
        <Card title={t('scorecard.npsByWave')} actions={<span className="muted small">{t('scorecard.wouldRecommend', { name: first })}</span>}>
          {surveyed ? (
            <TrendChart points={trendPoints(sc.leaderNpsTrend, (p) => p.nps)} threshold={threshold ?? 5} label={t('scorecard.leaderNps')} scale="nps" />
          ) : (
            <p className="muted">No leadership wave about {first} in this period.</p>
          )}
        </Card>
        <Card title={t('scorecard.enpsByWave')} actions={<span className="muted small">{t('scorecard.engagementOf', { name: first })}</span>}>
          {sc.enpsTrend.length > 0 ? (
            <TrendChart points={trendPoints(sc.enpsTrend, (p) => p.nps)} threshold={threshold ?? 5} label={t('scorecard.teamEnps')} scale="nps" />
          ) : (
            <p className="muted">No engagement wave answered by {first}’s reports in this period.</p>
          )}
        </Card>
      </div>

      <div className="grid-even">
        <Card
          title={t('scorecard.upward')}
          actions={lastLeadership && <span className="muted small">{waveNote(lastLeadership)}</span>}
        >
          {lastLeadership && lastLeadership.items.length > 0 ? (
            <ItemBars items={lastLeadership.items} threshold={threshold} />
          ) : (
            <p className="muted">{surveyed ? t('scorecard.noScored') : t('scorecard.noUpward', { name: first })}</p>
          )}
        </Card>
        <Card title={t('scorecard.participationByWave')} actions={<span className="muted small">{t('scorecard.leaversHint')}</span>}>
          {surveyed ? (
            <TrendChart points={trendPoints(sc.leaderNpsTrend, (p) => p.participation)} threshold={threshold ?? 5} label={t('scorecard.participation')} scale="share" />
          ) : (
            <p className="muted">{t('scorecard.noLeadershipWave')}</p>
          )}
        </Card>
      </div>

      <div className="grid-even">
        <Card title={t('scorecard.tenureMix')} actions={<span className="muted small">{t('scorecard.directReports')}</span>}>
          {sc.directReports > 0 ? <DistributionBars buckets={tenure} /> : <EmptyState title={t('scorecard.leadsNobody', { name: first })} />}
        </Card>
        <Card title={t('scorecard.exitsByReason')} actions={<span className="muted small">{t('scorecard.peopleLed', { name: first, date: formatDate(sc.since) })}</span>}>
          {reasons.length > 0 ? (
            <DistributionBars buckets={reasons} highlight={(i) => (i === competitorIndex ? 'dist-bar-alert' : undefined)} />
          ) : (
            <p className="muted">{t('scorecard.nobodyLeft', { name: first })}</p>
          )}
        </Card>
      </div>
    </div>
  );
}

function ScorecardSkeleton() {
  return (
    <div className="page" aria-busy="true" aria-label={t('scorecard.loading')}>
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
