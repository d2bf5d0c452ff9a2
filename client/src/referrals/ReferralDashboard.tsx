import { t } from '../i18n/index.js';
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
        title={t('referrals.title')}
        subtitle={t('referrals.dashSubtitle')}
        actions={<LiveHeaderActions addLabel={t('referrals.new')} onAdd={() => setAdding(true)} />}
      />
      <ReferralsTabs />
      <div className="toolbar toolbar-slim">
        <div className="toolbar-field">
          <label htmlFor="dashboard-kind">{t('referrals.kind')}</label>
          <select id="dashboard-kind" value={kind} onChange={(e) => setParams({ kind: e.target.value || null })}>
            <option value="">{t('referrals.customersAndHires')}</option>
            <option value="CUSTOMER">{t('referrals.customerReferrals')}</option>
            <option value="HIRE">{t('referrals.hireReferrals')}</option>
          </select>
        </div>
        {result.fetching && data && <Spinner size="sm" label={t('referrals.refreshing')} />}
      </div>

      {result.error && !data ? (
        <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <div className="grid-even">
            <Card title={t('referrals.funnel')}>
              {data ? (
                data.referralFunnel.invited === 0 ? (
                  <EmptyState title={t('referrals.empty')} hint={t('referrals.funnelHint')} />
                ) : (
                  <FunnelChart funnel={data.referralFunnel} />
                )
              ) : (
                <Skeleton width="100%" height={140} />
              )}
            </Card>
            <Card title={t('referrals.kPerGeneration')} actions={<span className="muted small">{t('referrals.kHint')}</span>}>
              {data ? <KFactorChart generations={data.referralGenerations} /> : <Skeleton width="100%" height={180} />}
            </Card>
          </div>
          {data && data.referralGenerations.length > 0 && (
            <Card title={t('referrals.generations')}>
              <GenerationTable generations={data.referralGenerations} caption={t('referrals.perGenerationAll')} collapseAfter={8} />
            </Card>
          )}
          <Card title={t('referrals.leaderboard')} className="card-flush">
            <table className="table">
              <caption className="sr-only">{t('referrals.topReferrers')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">{t('referrals.colReferrer')}</th>
                  <th scope="col" className="num">{t('referrals.colReferrals')}</th>
                  <th scope="col" className="num">{t('referrals.colConverted')}</th>
                  <th scope="col" className="num">{t('referrals.colDownstream')}</th>
                  <th scope="col" className="num">{t('referrals.colDownstreamConverted')}</th>
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
            {data && data.referralLeaderboard.length === 0 && <EmptyState title={t('referrals.noReferrers')} />}
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
      title={t('referrals.rewardLedger')}
      className="card-flush"
      actions={
        <ToggleGroup
          role="group"
          aria-label={t('referrals.rewardStatus')}
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
            <caption className="sr-only">{t('referrals.rewardLedger')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.colFor')}</th>
                <th scope="col">{t('referrals.colStage')}</th>
                <th scope="col">{t('referrals.colAmount')}</th>
                <th scope="col">{t('referrals.colStatus')}</th>
                <th scope="col">{t('referrals.colDue')}</th>
                <th scope="col">{t('referrals.colSettled')}</th>
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
                    {w.referral.referrer && <div className="muted small">{t('referrals.referredBy', { name: w.referral.referrer.name })}</div>}
                  </td>
                  <td>{humanEnum(w.stage)}</td>
                  <td className="nowrap">{formatAmount(w.amount)}</td>
                  <td>
                    <RewardStatusBadge status={w.status} />
                  </td>
                  <td className="nowrap">{formatDate(w.dueAt)}</td>
                  <td className="muted small">{w.reversedAt ? `${w.reversalReason ?? t('referrals.reversed')} · ${formatDate(w.reversedAt)}` : w.earnedAt ? t('referrals.earnedAt', { date: formatDate(w.earnedAt) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data && data.edges.length === 0 && <EmptyState title={statuses.length ? t('referrals.noRewardsWithStatus') : t('referrals.noRewards')} hint={t('referrals.rewardsHint')} />}
          {data && data.edges.length > 0 && (
            <Pager
              label={t('referrals.rewardPages')}
              pages={pages}
              pageInfo={data.pageInfo}
              fetching={result.fetching}
              summary={t('referrals.rewards', { count: data.totalCount, formattedCount: formatNumber(data.totalCount) })}
            />
          )}
        </>
      )}
    </Card>
  );
}
