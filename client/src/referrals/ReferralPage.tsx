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
        <Breadcrumb name="Not found" />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? 'This referral doesn’t exist' : 'Couldn’t load this referral'}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label="Loading referral">
        <Skeleton width={160} />
        <ProfileHeaderSkeleton avatar={false} />
      </div>
    );
  return <ReferralView referral={data.referral} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/referrals">Referrals</Link>
      <span aria-hidden="true">/</span>
      <Link to="/referrals/all">All referrals</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

/** Buttons for the moves `updateReferralStatus` makes; CONVERTED has its own form (`convertReferral`). */
const NEXT_LABEL = { ENGAGED: 'Engaged', REJECTED: 'Rejected', EXPIRED: 'Expired' } as const;
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
  const converted = r.convertedCustomer ? { path: `/customers/${r.convertedCustomer.id}`, label: 'customer' } : r.convertedEmployee ? { path: `/people/${r.convertedEmployee.id}`, label: 'employee' } : null;

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
            Referred by{' '}
            <Link to={referrerPath(r.referrer)} className="strong">
              {r.referrer.name}
            </Link>{' '}
            <span className="muted">({r.referrer.__typename === 'Customer' ? 'customer' : 'employee'})</span> · generation {r.generation}
          </>
        }
        facts={[
          { label: 'Email', value: <a href={`mailto:${r.referredEmail}`}>{r.referredEmail}</a> },
          { label: 'Invited', value: formatDate(r.invitedAt) },
          r.engagedAt && { label: 'Engaged', value: formatDate(r.engagedAt) },
          r.convertedAt && { label: 'Converted', value: formatDate(r.convertedAt) },
          r.closedAt && r.status !== 'CONVERTED' && { label: humanEnum(r.status), value: formatDate(r.closedAt) },
          converted && { label: `Now a ${converted.label}`, value: <Link to={converted.path}>Open {converted.label} →</Link> },
        ]}
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (next.length > 0 || canConvert) && (
              <div className="status-actions" role="group" aria-label="Next step">
                {next.map((s) => (
                  <Button key={s} size="sm" title={`Mark as ${NEXT_LABEL[s].toLowerCase()}`} busy={pendingStatus === s} disabled={fetching} onClick={() => void update({ input: { referralId: r.id, status: s } })}>
                    {NEXT_LABEL[s]}
                  </Button>
                ))}
                {canConvert && (
                  <Button size="sm" variant="primary" disabled={fetching} onClick={() => setConverting(true)}>
                    Convert…
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
            {!canConvert && <span className="muted small">{r.status === 'CONVERTED' ? 'Converted — final' : 'Closed — final'}</span>}
          </>
        }
      >
        {r.note && <p className="referral-note">“{r.note}”</p>}
      </ProfileHeader>

      <section aria-label="Referral chain">
        <h2 className="section-label">Chain up to the root</h2>
        <ol className="chain">
          {ancestors.length === 0 && <li className="muted">This referral is the root of its tree.</li>}
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

      <Card title="Referral tree" className="explorer-card" actions={<span className="muted small">Root: {r.root.referredName}</span>}>
        <ChainExplorer key={r.root.id} source={{ type: 'referral', rootId: r.root.id }} selectedId={r.id} />
      </Card>

      <Card title="Rewards for the referrer">
        {r.rewards.length === 0 ? (
          <p className="muted">{canConvert ? 'Rewards start when the referral converts: one at conversion, one after the retention period.' : 'No rewards for this referral.'}</p>
        ) : (
          <table className="table table-compact">
            <caption className="sr-only">Reward stages</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Note</th>
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
                    {w.reversedAt ? `${w.reversalReason ?? 'Reversed'} (${formatDateTime(w.reversedAt)})` : w.earnedAt ? `Earned ${formatDate(w.earnedAt)}` : ''}
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
