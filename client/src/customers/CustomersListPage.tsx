import { t } from '../i18n/index.js';
import { useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { CustomersQuery, type CustomerStatus, type CustomersVars } from './customers.graphql.js';
import { AddCustomerDialog } from './AddCustomerForm.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, useDebouncedParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDate, humanEnum } from '../ui/format.js';
import { Avatar, Badge, Button, PageHeader, SkeletonRows } from '../ui/components.js';

export const CUSTOMER_PAGE_SIZE = 25;

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return status === 'ACTIVE' ? <Badge tone="success">{t('common.active')}</Badge> : <Badge tone="muted">{t('customers.churned')}</Badge>;
}

export function CustomersListPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const searchInput = useDebouncedParam('q');
  const segmentInput = useDebouncedParam('segment');
  const search = searchInput.value;
  const segment = segmentInput.value;
  const status = (params.get('status') ?? 'active') as 'active' | 'churned' | 'all';
  const [adding, setAdding] = useState(false);

  const filter = useMemo<CustomersVars['filter']>(() => {
    const f: NonNullable<CustomersVars['filter']> = {};
    if (search) f.search = search;
    if (segment) f.segment = segment;
    if (status !== 'all') f.status = status.toUpperCase() as CustomerStatus;
    return f;
  }, [search, segment, status]);
  const pages = useCursorPages(JSON.stringify(filter));
  const [result, reexecute] = useQuery({ query: CustomersQuery, variables: { first: CUSTOMER_PAGE_SIZE, after: pages.after, filter } });
  useRefetchOnLive(reexecute);
  const connection = useLastData(result)?.customers;
  const client = useClient();
  const exportRows = () => loadConnection(client, CustomersQuery, { filter }, (d) => d.customers);
  const filtersActive = Boolean(search || segment || status !== 'active');
  const clearFilters = () => {
    searchInput.setText('');
    segmentInput.setText('');
    setParams({ q: null, segment: null, status: null });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('customers.title')}
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one={t('customers.one')} many={t('customers.many')} filtersActive={filtersActive} />
          ) : (
            t('customers.subtitle')
          )
        }
        actions={<LiveHeaderActions addLabel={t('customers.add')} onAdd={() => setAdding(true)} />}
      />
      <FilterToolbar filtersActive={filtersActive} onClear={clearFilters}>
        <SearchField id="customers-search" placeholder={t('customers.searchPlaceholder')} input={searchInput} />
        <div className="toolbar-field">
          <label htmlFor="customers-segment">{t('customers.segment')}</label>
          <input id="customers-segment" type="text" placeholder={t('customers.anySegment')} value={segmentInput.text} onChange={(e) => segmentInput.setText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="customers-status">{t('customers.status')}</label>
          <select id="customers-status" value={status} onChange={(e) => setParams({ status: e.target.value === 'active' ? null : e.target.value })}>
            <option value="active">{t('common.active')}</option>
            <option value="churned">{t('customers.churned')}</option>
            <option value="all">{t('customers.all')}</option>
          </select>
        </div>
      </FilterToolbar>

      <div className="list-actions">
        <span />
        <ExportCsvButton filename={csvFilename('customers')} columns={CSV_COLUMNS()} load={exportRows} />
      </div>
      <PagedList
        result={result}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        connection={connection}
        pages={pages}
        pageSize={CUSTOMER_PAGE_SIZE}
        empty={
          <FilteredEmptyState
            filtersActive={filtersActive}
            onClearFilters={clearFilters}
            filtered={{ title: t('customers.noMatch'), hint: t('customers.noMatchHint') }}
            unfiltered={{
              title: t('customers.empty'),
              hint: t('customers.emptyHint'),
              action: isAdmin ? (
                <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                  {t('customers.add')}
                </Button>
              ) : undefined,
            }}
          />
        }
      >
        <table className="table table-clickable">
          <caption className="sr-only">{t('customers.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.colName')}</th>
              <th scope="col">{t('customers.colCompany')}</th>
              <th scope="col">{t('customers.colSegment')}</th>
              <th scope="col">{t('customers.colOwner')}</th>
              <th scope="col" className="col-optional">{t('customers.colSince')}</th>
              <th scope="col">{t('customers.colCameIn')}</th>
              <th scope="col">{t('customers.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {!connection && <SkeletonRows rows={8} columns={7} />}
            {connection?.edges.map(({ node }) => (
              <tr key={node.id} onClick={() => navigate(`/customers/${node.id}`)}>
                <td>
                  <div className="person-cell">
                    <Avatar name={node.name} />
                    <div>
                      <Link to={`/customers/${node.id}`} className="person-name" onClick={(e) => e.stopPropagation()}>
                        {node.name}
                      </Link>
                      <div className="person-sub">{node.email}</div>
                    </div>
                  </div>
                </td>
                <td>{node.company ?? <span className="muted">—</span>}</td>
                <td>{node.segment ? <Badge>{node.segment}</Badge> : <span className="muted">—</span>}</td>
                <td>
                  {node.accountOwner ? (
                    <Link to={`/people/${node.accountOwner.id}`} onClick={(e) => e.stopPropagation()}>
                      {node.accountOwner.name}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="nowrap col-optional">{formatDate(node.customerSince)}</td>
                <td>{node.referredBy ? <Badge tone="accent">{t('customers.referral')}</Badge> : <span className="muted">{t('customers.direct')}</span>}</td>
                <td>
                  <CustomerStatusBadge status={node.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </PagedList>
      {adding && <AddCustomerDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/customers/${id}`)} />}
    </div>
  );
}

type CsvRow = ResultOf<typeof CustomersQuery>['customers']['edges'][number]['node'];

/** The list as a file: the columns on screen, with the filters on screen; hidden figures stay hidden. */
const CSV_COLUMNS = (): CsvColumn<CsvRow>[] => [
  { header: t('customers.colName'), value: (c) => c.name },
  { header: t('csv.email'), value: (c) => c.email },
  { header: t('customers.colCompany'), value: (c) => c.company },
  { header: t('customers.colSegment'), value: (c) => c.segment },
  { header: t('customers.colOwner'), value: (c) => c.accountOwner?.name },
  { header: t('customers.colSince'), value: (c) => c.customerSince?.slice(0, 10) },
  { header: t('customers.colCameIn'), value: (c) => (c.referredBy ? t('customers.referral') : t('customers.direct')) },
  { header: t('customers.colStatus'), value: (c) => humanEnum(c.status) },
];
