import { useState } from 'react';
import { useQuery } from 'urql';
import { REWARD_STATUSES, ReferralOverviewQuery, ReferralRewardsQuery, referrerPath, type ReferralKind, type RewardStatus } from './referrals.graphql.js';
import { FunnelChart, KFactorChart } from './charts.js';
import { GenerationTable } from './GenerationTable.js';
import { ReferralsTabs } from './ReferralsNav.js';
import { NewReferralDialog } from './NewReferralForm.js';
import { RewardStatusBadge, formatAmount, formatPercent } from './badges.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, formatNumber, humanEnum } from '../ui/format.js';
import { useLastData } from '../ui/hooks.js';
import { ToggleGroup, toggleValue } from '../ui/filters.js';
import { Pager, useCursorPages } from '../ui/pagination.js';
import { Avatar, Card, EmptyState, ErrorState, PageHeader, Skeleton, SkeletonRows, Spinner } from '../ui/components.js';

const LEDGER_PAGE = 10;

export function ReferralDashboard() {
  const { navigate } = useRouter();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') ?? '') as ReferralKind | '';
  const [adding, setAdding] = useState(false);
  const [result, reexecute] = useQuery({ query: ReferralOverviewQuery, variables: kind ? { kind } : {} });
  useRefetchOnLive(reexecute);
  const data = useLastData(result);

  return (
    <div className="page">
      <PageHeader
        title="Referrals"
        subtitle="How recommendations turn into customers and hires, generation after generation"
        actions={<LiveHeaderActions addLabel="New referral" onAdd={() => setAdding(true)} />}
      />
      <ReferralsTabs />
      <div className="toolbar toolbar-slim">
        <div className="toolbar-field">
          <label htmlFor="dashboard-kind">Kind</label>
          <select id="dashboard-kind" value={kind} onChange={(e) => setParams({ kind: e.target.value || null })}>
            <option value="">Customers and hires</option>
            <option value="CUSTOMER">Customer referrals</option>
            <option value="HIRE">Hire referrals</option>
          </select>
        </div>
        {result.fetching && data && <Spinner size="sm" label="Refreshing" />}
      </div>

      {result.error && !data ? (
        <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <div className="grid-even">
            <Card title="Funnel">
              {data ? (
                data.referralFunnel.invited === 0 ? (
                  <EmptyState title="No referrals yet" hint="The funnel fills as referrals are recorded." />
                ) : (
                  <FunnelChart funnel={data.referralFunnel} />
                )
              ) : (
                <Skeleton width="100%" height={140} />
              )}
            </Card>
            <Card title="K-factor per generation" actions={<span className="muted small">K ≥ 1: a generation more than replaces itself</span>}>
              {data ? <KFactorChart generations={data.referralGenerations} /> : <Skeleton width="100%" height={180} />}
            </Card>
          </div>
          {data && data.referralGenerations.length > 0 && (
            <Card title="Generations">
              <GenerationTable generations={data.referralGenerations} caption="Per generation, all trees" collapseAfter={8} />
            </Card>
          )}
          <Card title="Leaderboard" className="card-flush">
            <table className="table">
              <caption className="sr-only">Top referrers</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Referrer</th>
                  <th scope="col" className="num">Referrals</th>
                  <th scope="col" className="num">Converted</th>
                  <th scope="col" className="num">Downstream referrals</th>
                  <th scope="col" className="num">Downstream converted</th>
                </tr>
              </thead>
              <tbody>
                {!data && <SkeletonRows rows={4} columns={6} />}
                {data?.referralLeaderboard.map((e) => (
                  <tr key={`${e.referrer.__typename}-${e.referrer.id}`}>
                    <td className="num rank">{e.rank}</td>
                    <td>
                      <div className="person-cell">
                        <Avatar name={e.referrer.name} size="sm" />
                        <div>
                          <Link to={referrerPath(e.referrer)} className="person-name">
                            {e.referrer.name}
                          </Link>
                          <div className="person-sub">{e.referrer.__typename}</div>
                        </div>
                      </div>
                    </td>
                    <td className="num">{e.referrals}</td>
                    <td className="num">
                      {e.converted} <span className="muted small">({formatPercent(e.referrals ? e.converted / e.referrals : 0)})</span>
                    </td>
                    <td className="num">{e.downstreamReferrals}</td>
                    <td className="num">{e.downstreamConverted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data && data.referralLeaderboard.length === 0 && <EmptyState title="No referrers yet" />}
          </Card>
          <RewardLedger />
        </>
      )}
      {adding && <NewReferralDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/referrals/${id}`)} />}
    </div>
  );
}

function RewardLedger() {
  const [statuses, setStatuses] = useState<RewardStatus[]>([]);
  const filter = statuses.length ? { status: statuses } : undefined;
  const pages = useCursorPages(JSON.stringify(statuses));
  const [result, reexecute] = useQuery({ query: ReferralRewardsQuery, variables: { first: LEDGER_PAGE, after: pages.after, filter } });
  useRefetchOnLive(reexecute);
  const data = useLastData(result)?.referralRewards;
  return (
    <Card
      title="Reward ledger"
      className="card-flush"
      actions={
        <ToggleGroup
          role="group"
          aria-label="Reward status"
          values={REWARD_STATUSES}
          selected={statuses}
          onToggle={(s) => setStatuses((current) => toggleValue(current, s, REWARD_STATUSES))}
        />
      }
    >
      {result.error && !data ? (
        <div className="card-pad">
          <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        </div>
      ) : (
        <>
          <table className="table">
            <caption className="sr-only">Reward ledger</caption>
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Stage</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Settled</th>
              </tr>
            </thead>
            <tbody>
              {!data && <SkeletonRows rows={4} columns={6} />}
              {data?.edges.map(({ node: w }) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/referrals/${w.referral.id}`} className="person-name">
                      {w.referral.referredName}
                    </Link>
                    {w.referral.referrer && <div className="muted small">referred by {w.referral.referrer.name}</div>}
                  </td>
                  <td>{humanEnum(w.stage)}</td>
                  <td className="nowrap">{formatAmount(w.amount)}</td>
                  <td>
                    <RewardStatusBadge status={w.status} />
                  </td>
                  <td className="nowrap">{formatDate(w.dueAt)}</td>
                  <td className="muted small">{w.reversedAt ? `${w.reversalReason ?? 'Reversed'} · ${formatDate(w.reversedAt)}` : w.earnedAt ? `Earned ${formatDate(w.earnedAt)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data && data.edges.length === 0 && <EmptyState title={statuses.length ? 'No rewards with these statuses' : 'No rewards yet'} hint="Rewards start when a referral converts." />}
          {data && data.edges.length > 0 && (
            <Pager
              label="Reward pages"
              pages={pages}
              pageInfo={data.pageInfo}
              fetching={result.fetching}
              summary={`${formatNumber(data.totalCount)} ${data.totalCount === 1 ? 'reward' : 'rewards'}`}
            />
          )}
        </>
      )}
    </Card>
  );
}
