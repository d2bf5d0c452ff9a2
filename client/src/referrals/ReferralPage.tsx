import { t } from '../i18n/index.js';
import { Fragment, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReferralQuery, UpdateReferralStatusMutation, referrerPath, type ReferralDetail } from './referrals.graphql.js';
import { ConvertReferralDialog } from './ConvertReferralForm.js';
import { ChainExplorer } from './ChainExplorer.js';
import { FlagBadges, KindBadge, ReferralStatusBadge, RewardStatusBadge, formatAmount } from './badges.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, formatDateTime, humanEnum } from '../ui/format.js';
import { Avatar, Button, Card, ErrorState, Skeleton } from '../ui/components.js';
import { ProfileHeader, ProfileHeaderSkeleton } from '../ui/ProfileHeader.js';

export function ReferralPage({ id }: { id: string }) {
  const [result, reexecute] = useQuery({ query: ReferralQuery, variables: { id } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (result.fetching && kept.current?.referral.id === id ? kept.current : undefined);

  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Breadcrumb name={t('referral.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('referral.doesNotExist') : t('referral.loadFailed')}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label={t('referral.loading')}>
        <Skeleton width={160} />
        <ProfileHeaderSkeleton avatar={false} />
      </div>
    );
  return <ReferralView referral={data.referral} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label={t('referral.breadcrumb')}>
      <Link to="/referrals">{t('referrals.title')}</Link>
      <span aria-hidden="true">/</span>
      <Link to="/referrals/all">{t('referrals.tabAll')}</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

/** Buttons for the moves `updateReferralStatus` makes; CONVERTED has its own form (`convertReferral`). */
const NEXT_LABEL = {
  get ENGAGED() { return t('referral.moveENGAGED'); },
  get REJECTED() { return t('referral.moveREJECTED'); },
  get EXPIRED() { return t('referral.moveEXPIRED'); },
};
type StatusMove = keyof typeof NEXT_LABEL;
const isStatusMove = (status: string): status is StatusMove => status in NEXT_LABEL;

function ReferralView({ referral: r }: { referral: ReferralDetail }) {
  const { isAdmin } = useSession();
  const [converting, setConverting] = useState(false);
  const [{ fetching, error, operation }, update] = useMutation(UpdateReferralStatusMutation);
  const pendingStatus = fetching ? operation?.variables.input.status : undefined;
  // What the server says this referral can become now, for this viewer.
  const next = r.allowedNextStatuses.filter(isStatusMove);
  const canConvert = r.allowedNextStatuses.includes('CONVERTED');
  const ancestors = [...r.ancestors.edges].reverse(); // root first
  const converted = r.convertedCustomer ? { path: `/customers/${r.convertedCustomer.id}`, label: t('referral.customer') } : r.convertedEmployee ? { path: `/people/${r.convertedEmployee.id}`, label: t('referral.employee') } : null;

  return (
    <div className="page">
      <Breadcrumb name={r.referredName} />
      <ProfileHeader
        name={r.referredName}
        badges={
          <>
            <ReferralStatusBadge status={r.status} />
            <KindBadge kind={r.kind} />
            {r.flags.length > 0 && <FlagBadges flags={r.flags} />}
          </>
        }
        subtitle={
          <>
            {t('referral.referredBy')}{' '}
            <Link to={referrerPath(r.referrer)} className="strong">
              {r.referrer.name}
            </Link>{' '}
            <span className="muted">({r.referrer.__typename === 'Customer' ? t('referral.customer') : t('referral.employee')})</span> · {t('referral.generation', { n: r.generation })}
          </>
        }
        facts={[
          { label: t('referral.email'), value: <a href={`mailto:${r.referredEmail}`}>{r.referredEmail}</a> },
          { label: t('referral.invited'), value: formatDate(r.invitedAt) },
          r.engagedAt && { label: t('referral.engaged'), value: formatDate(r.engagedAt) },
          r.convertedAt && { label: t('referral.converted'), value: formatDate(r.convertedAt) },
          r.closedAt && r.status !== 'CONVERTED' && { label: humanEnum(r.status), value: formatDate(r.closedAt) },
          converted && { label: t('referral.nowA', { what: converted.label }), value: <Link to={converted.path}>{t('referral.open', { what: converted.label })}</Link> },
        ]}
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (next.length > 0 || canConvert) && (
              <div className="status-actions" role="group" aria-label={t('referral.nextStep')}>
                {next.map((s) => (
                  <Button key={s} size="sm" title={t('referral.markAs', { status: NEXT_LABEL[s].toLowerCase() })} busy={pendingStatus === s} disabled={fetching} onClick={() => void update({ input: { referralId: r.id, status: s } })}>
                    {NEXT_LABEL[s]}
                  </Button>
                ))}
                {canConvert && (
                  <Button size="sm" variant="primary" disabled={fetching} onClick={() => setConverting(true)}>
                    {t('referral.convert')}
                  </Button>
                )}
              </div>
            )}
            {error && (
              <p className="field-error status-error" role="alert">
                {problemsOf(error).map((p) => (
                  <span key={p.code}>
                    <strong>{p.title}.</strong> {p.message} <code className="error-code">{p.code}</code>
                  </span>
                ))}
              </p>
            )}
            {!canConvert && <span className="muted small">{r.status === 'CONVERTED' ? t('referral.convertedFinal') : t('referral.closedFinal')}</span>}
          </>
        }
      >
        {r.note && <p className="referral-note">“{r.note}”</p>}
      </ProfileHeader>

      <section aria-label={t('referral.chain')}>
        <h2 className="section-label">{t('referral.chainUp')}</h2>
        <ol className="chain">
          {ancestors.length === 0 && <li className="muted">{t('referral.isRoot')}</li>}
          {ancestors.map(({ node }) => (
            <Fragment key={node.id}>
              <li>
                <Link to={`/referrals/${node.id}`} className="chain-link">
                  <Avatar name={node.referredName} size="sm" />
                  <span className="chain-text">
                    <span className="chain-name">{node.referredName}</span>
                    <span className="chain-title">{humanEnum(node.status)}</span>
                  </span>
                </Link>
              </li>
              <li className="chain-sep" aria-hidden="true">
                →
              </li>
            </Fragment>
          ))}
          {ancestors.length > 0 && (
            <li>
              <span className="chain-self">
                <Avatar name={r.referredName} size="sm" />
                <span className="chain-name">{r.referredName}</span>
              </span>
            </li>
          )}
        </ol>
      </section>

      <Card title={t('referral.tree')} className="explorer-card" actions={<span className="muted small">{t('referral.root', { name: r.root.referredName })}</span>}>
        <ChainExplorer key={r.root.id} source={{ type: 'referral', rootId: r.root.id }} selectedId={r.id} />
      </Card>

      <Card title={t('referral.rewards')}>
        {r.rewards.length === 0 ? (
          <p className="muted">{canConvert ? t('referral.rewardsStart') : t('referral.noRewards')}</p>
        ) : (
          <table className="table table-compact">
            <caption className="sr-only">{t('referral.stages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referral.colStage')}</th>
                <th scope="col">{t('referral.colAmount')}</th>
                <th scope="col">{t('referral.colStatus')}</th>
                <th scope="col">{t('referral.colDue')}</th>
                <th scope="col">{t('referral.colNote')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rewards.map((w) => (
                <tr key={w.id}>
                  <td>{humanEnum(w.stage)}</td>
                  <td className="nowrap">{formatAmount(w.amount)}</td>
                  <td>
                    <RewardStatusBadge status={w.status} />
                  </td>
                  <td className="nowrap">{formatDate(w.dueAt)}</td>
                  <td className="muted small">
                    {w.reversedAt ? `${w.reversalReason ?? t('referrals.reversed')} (${formatDateTime(w.reversedAt)})` : w.earnedAt ? t('referrals.earnedAt', { date: formatDate(w.earnedAt) }) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      {converting && <ConvertReferralDialog referral={r} onClose={() => setConverting(false)} />}
    </div>
  );
}
