import { t } from '../i18n/index.js';
import { useQuery } from 'urql';
import { ChainExplorer } from './ChainExplorer.js';
import { ReferralsTabs } from './ReferralsNav.js';
import { CustomerNameQuery } from '../customers/customers.graphql.js';
import { EmployeeNameQuery } from '../people/people.graphql.js';
import { Link, useSearchParams } from '../lib/router.js';
import { Card, EmptyState, PageHeader } from '../ui/components.js';

/** The chain explorer for everything one customer or employee set off (`?customer=` or `?employee=`). */
export function PersonTreePage() {
  const [params] = useSearchParams();
  const customerId = params.get('customer');
  const employeeId = params.get('employee');
  const customer = useQuery({ query: CustomerNameQuery, variables: { id: customerId ?? '' }, pause: !customerId })[0].data?.customer;
  const employee = useQuery({ query: EmployeeNameQuery, variables: { id: employeeId ?? '' }, pause: !employeeId })[0].data?.employee;
  const person = customer ?? employee;
  const path = customerId ? `/customers/${customerId}` : `/people/${employeeId}`;
  if (!customerId && !employeeId)
    return (
      <div className="page">
        <PageHeader title={t('explorer.chainExplorer')} />
        <ReferralsTabs />
        <EmptyState title={t('explorer.chooseReferrer')} hint={t('explorer.chooseReferrerHint')} />
      </div>
    );
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('referral.breadcrumb')}>
        <Link to="/referrals">{t('referrals.title')}</Link>
        <span aria-hidden="true">/</span>
        {person ? <Link to={path}>{person.name}</Link> : <span>…</span>}
        <span aria-hidden="true">/</span>
        <span aria-current="page">{t('explorer.chainExplorer')}</span>
      </nav>
      <PageHeader title={person ? t('explorer.setOffBy', { name: person.name }) : t('explorer.chainExplorer')} subtitle={t('explorer.setOffSubtitle')} />
      <Card title={t('explorer.tree')} className="explorer-card">
        <ChainExplorer
          key={customerId ?? employeeId}
          source={customerId ? { type: 'customer', id: customerId } : { type: 'employee', id: employeeId! }}
        />
      </Card>
    </div>
  );
}
