import { useRef, useState } from 'react';
import { useQuery } from 'urql';
import { CustomerQuery, type CustomerDetail } from './customers.graphql.js';
import { CustomerStatusBadge } from './CustomersListPage.js';
import { RecordChurnDialog } from './RecordChurnForm.js';
import { GenerationTable } from '../referrals/GenerationTable.js';
import { NewReferralDialog } from '../referrals/NewReferralForm.js';
import { ReferralStatusBadge } from '../referrals/badges.js';
import { referrerPath, type ReferralStatus } from '../referrals/referrals.graphql.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate } from '../ui/format.js';
import { Button, Card, ErrorState, Skeleton } from '../ui/components.js';
import { ProfileHeader, ProfileHeaderSkeleton } from '../ui/ProfileHeader.js';
import { EmailLanguageControl } from '../outbox/EmailLanguage.js';
import { MessageHistoryCard } from '../outbox/MessageHistoryCard.js';

export function CustomerPage({ id }: { id: string }) {
  const [result, reexecute] = useQuery({ query: CustomerQuery, variables: { id } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (result.fetching && kept.current?.customer.id === id ? kept.current : undefined);
  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Breadcrumb name="Not found" />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? 'This customer doesn’t exist' : 'Couldn’t load this customer'}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label="Loading customer">
        <Skeleton width={120} />
        <ProfileHeaderSkeleton />
      </div>
    );
  return <CustomerView customer={data.customer} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/customers">Customers</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

function CustomerView({ customer: c }: { customer: CustomerDetail }) {
  const { isAdmin } = useSession();
  const { navigate } = useRouter();
  const [churning, setChurning] = useState(false);
  const [referring, setReferring] = useState(false);
  const active = c.status === 'ACTIVE';
  const stats = c.referralStats;
  const own = stats.generations[0];

  return (
    <div className="page">
      <Breadcrumb name={c.name} />
      <ProfileHeader
        name={c.name}
        badges={<CustomerStatusBadge status={c.status} />}
        subtitle={
          <>
            {c.company ?? 'No company'}
            {c.segment && <> · {c.segment}</>}
          </>
        }
        facts={[
          { label: 'Email', value: <a href={`mailto:${c.email}`}>{c.email}</a> },
          { label: 'Customer since', value: formatDate(c.customerSince) },
          { label: 'Email language', value: <EmailLanguageControl kind="customer" id={c.id} language={c.language} canEdit={isAdmin} /> },
          { label: 'Account owner', value: c.accountOwner ? <Link to={`/people/${c.accountOwner.id}`}>{c.accountOwner.name}</Link> : <span className="muted">None</span> },
          c.churnedAt && {
            label: 'Churned',
            value: (
              <>
                {formatDate(c.churnedAt)}
                {c.churnReason && <> · {c.churnReason}</>}
              </>
            ),
          },
        ]}
        actions={
          <>
            <LiveIndicator />
            {isAdmin && active && (
              <div className="status-actions">
                <Button onClick={() => setReferring(true)}>New referral</Button>
                <Button variant="danger" onClick={() => setChurning(true)}>
                  Record churn
                </Button>
              </div>
            )}
          </>
        }
      />

      <div className="grid-2">
        <div className="stack">
          <Card title="Referred by">
            {c.referredBy ? (
              <div className="referred-by">
                <p>
                  <Link to={referrerPath(c.referredBy.referrer)} className="person-name">
                    {c.referredBy.referrer.name}
                  </Link>{' '}
                  <span className="muted">({c.referredBy.referrer.__typename === 'Customer' ? 'customer' : 'employee'})</span> referred {c.name.split(' ')[0]} on{' '}
                  {formatDate(c.referredBy.invitedAt)}.
                </p>
                <p className="badge-row">
                  <ReferralStatusBadge status={c.referredBy.status as ReferralStatus} />
                  <Link to={`/referrals/${c.referredBy.id}`}>Open the referral →</Link>
                </p>
              </div>
            ) : (
              <p className="muted">Came in directly, not through a referral.</p>
            )}
          </Card>
        </div>
        <div className="stack">
          <Card
            title="Referrals they set off"
            actions={
              stats.size > 0 ? (
                <Link className="btn btn-secondary btn-sm" to={`/referrals/explore?customer=${c.id}`}>
                  Open in chain explorer
                </Link>
              ) : undefined
            }
          >
            {stats.size === 0 ? (
              <p className="muted">No referrals yet. {isAdmin && active ? 'Record one with “New referral”.' : ''}</p>
            ) : (
              <>
                <dl className="stat-tiles">
                  <div>
                    <dt>Direct</dt>
                    <dd>{own?.referrals ?? 0}</dd>
                  </div>
                  <div>
                    <dt>Whole tree</dt>
                    <dd>{stats.size}</dd>
                  </div>
                  <div>
                    <dt>Converted</dt>
                    <dd>{stats.converted}</dd>
                  </div>
                  <div>
                    <dt>Generations</dt>
                    <dd>{stats.depth}</dd>
                  </div>
                </dl>
                <GenerationTable generations={stats.generations} caption={`Generations below ${c.name}`} />
                <p className="small">
                  <Link to={`/referrals/all?referrer=customer:${c.id}`}>See their referrals in the list →</Link>
                </p>
              </>
            )}
          </Card>
        </div>
      </div>
      {isAdmin && <MessageHistoryCard customerId={c.id} />}
      {churning && <RecordChurnDialog customer={c} onClose={() => setChurning(false)} />}
      {referring && (
        <NewReferralDialog initialReferrer={{ type: 'Customer', id: c.id, name: c.name }} onClose={() => setReferring(false)} onCreated={(id) => navigate(`/referrals/${id}`)} />
      )}
    </div>
  );
}
