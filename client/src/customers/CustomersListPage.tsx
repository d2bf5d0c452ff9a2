import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { CustomersQuery, type CustomerStatus, type CustomersVars } from './customers.graphql.js';
import { AddCustomerDialog } from './AddCustomerForm.js';
import { LiveIndicator, useRefetchOnLive } from '../people/live.js';
import { Link, useRouter, useSearchParams } from '../app/router.js';
import { useSession } from '../app/session.js';
import { problemsOf } from '../app/errors.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { formatDate } from '../ui/format.js';
import { Avatar, Badge, Button, EmptyState, ErrorState, PageHeader, SkeletonRows, Spinner } from '../ui/components.js';

export const CUSTOMER_PAGE_SIZE = 25;

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return status === 'ACTIVE' ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Churned</Badge>;
}

export function CustomersListPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const segment = params.get('segment') ?? '';
  const status = (params.get('status') ?? 'active') as 'active' | 'churned' | 'all';
  const [searchText, setSearchText] = useState(search);
  const [segmentText, setSegmentText] = useState(segment);
  const debounced = useDebouncedValue(searchText, 300);
  const debouncedSegment = useDebouncedValue(segmentText, 300);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (debounced.trim() !== search || debouncedSegment.trim() !== segment) setParams({ q: debounced.trim() || null, segment: debouncedSegment.trim() || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, debouncedSegment]);
  useEffect(() => setSearchText((c) => (c.trim() === search ? c : search)), [search]);
  useEffect(() => setSegmentText((c) => (c.trim() === segment ? c : segment)), [segment]);

  const filter = useMemo<CustomersVars['filter']>(() => {
    const f: NonNullable<CustomersVars['filter']> = {};
    if (search) f.search = search;
    if (segment) f.segment = segment;
    if (status !== 'all') f.status = status.toUpperCase() as CustomerStatus;
    return f;
  }, [search, segment, status]);
  const filterKey = JSON.stringify(filter);
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | null> }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const after = stack[stack.length - 1];
  const [result, reexecute] = useQuery({ query: CustomersQuery, variables: { first: CUSTOMER_PAGE_SIZE, after, filter } });
  useRefetchOnLive(reexecute);
  const { data, fetching, error } = result;
  const lastData = useRef(data);
  if (data) lastData.current = data;
  const connection = (data ?? (fetching ? lastData.current : undefined))?.customers;
  const pageIndex = stack.length - 1;
  const filtersActive = Boolean(search || segment || status !== 'active');
  const clearFilters = () => {
    setSearchText('');
    setSegmentText('');
    setParams({ q: null, segment: null, status: null });
  };
  const first = pageIndex * CUSTOMER_PAGE_SIZE + 1;
  const last = pageIndex * CUSTOMER_PAGE_SIZE + (connection?.edges.length ?? 0);

  return (
    <div className="page">
      <PageHeader
        title="Customers"
        subtitle={
          connection ? (
            <>
              <strong>{connection.totalCount.toLocaleString()}</strong> {connection.totalCount === 1 ? 'customer' : 'customers'}
              {filtersActive ? ' match these filters' : ''}
            </>
          ) : (
            'Customers as co-workers: they improve the service and bring in others'
          )
        }
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (
              <Button variant="primary" onClick={() => setAdding(true)}>
                Add customer
              </Button>
            )}
          </>
        }
      />
      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="customers-search">Search</label>
          <input id="customers-search" type="search" placeholder="Name, email or company" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="customers-segment">Segment</label>
          <input id="customers-segment" type="text" placeholder="Any segment" value={segmentText} onChange={(e) => setSegmentText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="customers-status">Status</label>
          <select id="customers-status" value={status} onChange={(e) => setParams({ status: e.target.value === 'active' ? null : e.target.value })}>
            <option value="active">Active</option>
            <option value="churned">Churned</option>
            <option value="all">All</option>
          </select>
        </div>
        {filtersActive && (
          <Button variant="ghost" size="sm" className="toolbar-clear" onClick={clearFilters}>
            Clear filters
          </Button>
        )}
      </div>

      {error && !data ? (
        <ErrorState problems={problemsOf(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div className="table-wrap" aria-busy={fetching}>
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
          {connection && connection.edges.length === 0 && (
            <EmptyState
              title={filtersActive ? 'No customers match these filters' : 'No customers yet'}
              hint={filtersActive ? 'Try a shorter search, another segment, or status “All”.' : 'Add the first customer, or convert a customer referral.'}
              action={
                filtersActive ? (
                  <Button size="sm" onClick={clearFilters}>
                    Clear filters
                  </Button>
                ) : isAdmin ? (
                  <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                    Add customer
                  </Button>
                ) : undefined
              }
            />
          )}
          {connection && connection.edges.length > 0 && (
            <nav className="pagination" aria-label="Pagination">
              <span className="pagination-info">
                {fetching && <Spinner size="sm" />} Showing {first.toLocaleString()}–{last.toLocaleString()} of {connection.totalCount.toLocaleString()}
              </span>
              <div className="pagination-buttons">
                <Button size="sm" disabled={pageIndex === 0} onClick={() => setCursors({ key: filterKey, stack: stack.slice(0, -1) })}>
                  ← Previous
                </Button>
                <Button size="sm" disabled={!connection.pageInfo.hasNextPage} onClick={() => setCursors({ key: filterKey, stack: [...stack, connection.pageInfo.endCursor] })}>
                  Next →
                </Button>
              </div>
            </nav>
          )}
        </div>
      )}
      {adding && <AddCustomerDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/customers/${id}`)} />}
    </div>
  );
}
