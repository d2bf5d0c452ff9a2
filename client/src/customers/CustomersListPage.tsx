import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { CustomersQuery, type CustomerStatus, type CustomersVars } from './customers.graphql.js';
import { AddCustomerDialog } from './AddCustomerForm.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, useDebouncedParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDate } from '../ui/format.js';
import { Avatar, Badge, Button, PageHeader, SkeletonRows } from '../ui/components.js';

export const CUSTOMER_PAGE_SIZE = 25;

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return status === 'ACTIVE' ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Churned</Badge>;
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
  const filtersActive = Boolean(search || segment || status !== 'active');
  const clearFilters = () => {
    searchInput.setText('');
    segmentInput.setText('');
    setParams({ q: null, segment: null, status: null });
  };

  return (
    <div className="page">
      <PageHeader
        title="Customers"
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one="customer" many="customers" filtersActive={filtersActive} />
          ) : (
            'Customers as co-workers: they improve the service and bring in others'
          )
        }
        actions={<LiveHeaderActions addLabel="Add customer" onAdd={() => setAdding(true)} />}
      />
      <FilterToolbar filtersActive={filtersActive} onClear={clearFilters}>
        <SearchField id="customers-search" placeholder="Name, email or company" input={searchInput} />
        <div className="toolbar-field">
          <label htmlFor="customers-segment">Segment</label>
          <input id="customers-segment" type="text" placeholder="Any segment" value={segmentInput.text} onChange={(e) => segmentInput.setText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="customers-status">Status</label>
          <select id="customers-status" value={status} onChange={(e) => setParams({ status: e.target.value === 'active' ? null : e.target.value })}>
            <option value="active">Active</option>
            <option value="churned">Churned</option>
            <option value="all">All</option>
          </select>
        </div>
      </FilterToolbar>

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
            filtered={{ title: 'No customers match these filters', hint: 'Try a shorter search, another segment, or status “All”.' }}
            unfiltered={{
              title: 'No customers yet',
              hint: 'Add the first customer, or convert a customer referral.',
              action: isAdmin ? (
                <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                  Add customer
                </Button>
              ) : undefined,
            }}
          />
        }
      >
        <table className="table table-clickable">
          <caption className="sr-only">Customers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Company</th>
              <th scope="col">Segment</th>
              <th scope="col">Account owner</th>
              <th scope="col" className="col-optional">Customer since</th>
              <th scope="col">Came in</th>
              <th scope="col">Status</th>
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
                <td>{node.referredBy ? <Badge tone="accent">Referral</Badge> : <span className="muted">Direct</span>}</td>
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
