import { t } from '../i18n/index.js';
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
        <Breadcrumb name={t('customer.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('customer.doesNotExist') : t('customer.loadFailed')}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label={t('customer.loading')}>
        <Skeleton width={120} />
        <ProfileHeaderSkeleton />
      </div>
    );
  return <CustomerView customer={data.customer} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label={t('team.breadcrumb')}>
      <Link to="/customers">{t('customers.title')}</Link>
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
            {c.company ?? t('customer.noCompany')}
            {c.segment && <> · {c.segment}</>}
          </>
        }
        facts={[
          { label: t('customer.email'), value: <a href={`mailto:${c.email}`}>{c.email}</a> },
          { label: t('customer.since'), value: formatDate(c.customerSince) },
          { label: t('customer.emailLanguage'), value: <EmailLanguageControl kind="customer" id={c.id} language={c.language} canEdit={isAdmin} /> },
          { label: t('customer.owner'), value: c.accountOwner ? <Link to={`/people/${c.accountOwner.id}`}>{c.accountOwner.name}</Link> : <span className="muted">{t('customer.none')}</span> },
          c.churnedAt && {
            label: t('customer.churned'),
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
                <Button onClick={() => setReferring(true)}>{t('customer.newReferral')}</Button>
                <Button variant="danger" onClick={() => setChurning(true)}>
                  {t('customer.recordChurn')}
                </Button>
              </div>
            )}
          </>
        }
      />

      <div className="grid-2">
        <div className="stack">
          <Card title={t('customer.referredBy')}>
            {c.referredBy ? (
              <div className="referred-by">
                <p>
                  <Link to={referrerPath(c.referredBy.referrer)} className="person-name">
                    {c.referredBy.referrer.name}
                  </Link>{' '}
                  <span className="muted">({c.referredBy.referrer.__typename === 'Customer' ? t('customer.customer') : t('customer.employee')})</span> {t('customer.referredOn', { name: c.name.split(' ')[0] })}{' '}
                  {formatDate(c.referredBy.invitedAt)}.
                </p>
                <p className="badge-row">
                  <ReferralStatusBadge status={c.referredBy.status as ReferralStatus} />
                  <Link to={`/referrals/${c.referredBy.id}`}>{t('customer.openReferral')}</Link>
                </p>
              </div>
            ) : (
              <p className="muted">{t('customer.cameDirectly')}</p>
            )}
          </Card>
        </div>
        <div className="stack">
          <Card
            title={t('customer.setOff')}
            actions={
              stats.size > 0 ? (
                <Link className="btn btn-secondary btn-sm" to={`/referrals/explore?customer=${c.id}`}>
                  {t('customer.openInExplorer')}
                </Link>
              ) : undefined
            }
          >
            {stats.size === 0 ? (
              <p className="muted">{t('customer.noReferrals')} {isAdmin && active ? t('customer.recordOne') : ''}</p>
            ) : (
              <>
                <dl className="stat-tiles">
                  <div>
                    <dt>{t('customer.direct')}</dt>
                    <dd>{own?.referrals ?? 0}</dd>
                  </div>
                  <div>
                    <dt>{t('customer.wholeTree')}</dt>
                    <dd>{stats.size}</dd>
                  </div>
                  <div>
                    <dt>{t('customer.converted')}</dt>
                    <dd>{stats.converted}</dd>
                  </div>
                  <div>
                    <dt>{t('customer.generations')}</dt>
                    <dd>{stats.depth}</dd>
                  </div>
                </dl>
                <GenerationTable generations={stats.generations} caption={t('customer.generationsBelow', { name: c.name })} />
                <p className="small">
                  <Link to={`/referrals/all?referrer=customer:${c.id}`}>{t('customer.seeInList')}</Link>
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
