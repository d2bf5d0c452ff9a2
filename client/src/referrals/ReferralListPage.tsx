import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { REFERRAL_STATUSES, ReferralsQuery, referrerPath, type ReferralFilter, type ReferralKind, type ReferralStatus } from './referrals.graphql.js';
import { ReferrerPicker, type PickedReferrer } from './ReferrerPicker.js';
import { NewReferralDialog } from './NewReferralForm.js';
import { ReferralsTabs } from './ReferralsNav.js';
import { FlagBadges, KindBadge, ReferralStatusBadge } from './badges.js';
import { CustomerNameQuery } from '../customers/customers.graphql.js';
import { EmployeeNameQuery } from '../people/people.graphql.js';
import { LiveIndicator, useRefetchOnLive } from '../people/live.js';
import { Link, useRouter, useSearchParams } from '../app/router.js';
import { useSession } from '../app/session.js';
import { problemsOf } from '../app/errors.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { dateInputToIso, formatDate, humanEnum } from '../ui/format.js';
import { Button, EmptyState, ErrorState, PageHeader, SkeletonRows, Spinner } from '../ui/components.js';

export const REFERRAL_PAGE_SIZE = 25;

function nextDay(value: string): string | undefined {
  const iso = dateInputToIso(value);
  if (!iso) return undefined;
  const d = new Date(iso);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function ReferralListPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const kind = (params.get('kind') ?? '') as ReferralKind | '';
  const statuses = (params.get('status') ?? '').split(',').filter((s): s is ReferralStatus => (REFERRAL_STATUSES as string[]).includes(s));
  const referrerParam = params.get('referrer') ?? ''; // "customer:12" or "employee:3"
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const flagged = params.get('flagged') === '1';
  const [searchText, setSearchText] = useState(search);
  const debounced = useDebouncedValue(searchText, 300);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (debounced.trim() !== search) setParams({ q: debounced.trim() || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => setSearchText((c) => (c.trim() === search ? c : search)), [search]);

  const [referrerType, referrerId] = referrerParam.split(':') as ['customer' | 'employee' | '', string | undefined];
  const customerName = useQuery({ query: CustomerNameQuery, variables: { id: referrerId ?? '' }, pause: referrerType !== 'customer' || !referrerId })[0].data?.customer.name;
  const employeeName = useQuery({ query: EmployeeNameQuery, variables: { id: referrerId ?? '' }, pause: referrerType !== 'employee' || !referrerId })[0].data?.employee.name;
  const referrer: PickedReferrer | null =
    referrerType && referrerId ? { type: referrerType === 'customer' ? 'Customer' : 'Employee', id: referrerId, name: (referrerType === 'customer' ? customerName : employeeName) ?? '…' } : null;

  const filter = useMemo<ReferralFilter>(() => {
    const f: ReferralFilter = {};
    if (search) f.search = search;
    if (kind) f.kind = kind;
    if (statuses.length) f.status = statuses;
    if (referrerType === 'customer' && referrerId) f.referrerCustomerId = referrerId;
    if (referrerType === 'employee' && referrerId) f.referrerEmployeeId = referrerId;
    const invitedFrom = dateInputToIso(from);
    if (invitedFrom) f.invitedFrom = invitedFrom;
    const invitedTo = nextDay(to);
    if (invitedTo) f.invitedTo = invitedTo;
    if (flagged) f.flagged = true;
    return f;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, kind, statuses.join(','), referrerParam, from, to, flagged]);

  const filterKey = JSON.stringify(filter);
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | null> }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const after = stack[stack.length - 1];
  const [result, reexecute] = useQuery({ query: ReferralsQuery, variables: { first: REFERRAL_PAGE_SIZE, after, filter } });
  useRefetchOnLive(reexecute);
  const { data, fetching, error } = result;
  const lastData = useRef(data);
  if (data) lastData.current = data;
  const connection = (data ?? (fetching ? lastData.current : undefined))?.referrals;
  const pageIndex = stack.length - 1;
  const filtersActive = Object.keys(filter).length > 0;
  const clearFilters = () => {
    setSearchText('');
    setParams({ q: null, kind: null, status: null, referrer: null, from: null, to: null, flagged: null });
  };
  const toggleStatus = (s: ReferralStatus) => {
    const next = statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s];
    setParams({ status: next.length ? REFERRAL_STATUSES.filter((x) => next.includes(x)).join(',') : null });
  };
  const first = pageIndex * REFERRAL_PAGE_SIZE + 1;
  const last = pageIndex * REFERRAL_PAGE_SIZE + (connection?.edges.length ?? 0);

  return (
    <div className="page">
      <PageHeader
        title="Referrals"
        subtitle={
          connection ? (
            <>
              <strong>{connection.totalCount.toLocaleString()}</strong> {connection.totalCount === 1 ? 'referral' : 'referrals'}
              {filtersActive ? ' match these filters' : ', newest first'}
            </>
          ) : (
            'Customers and employees recommending new customers and hires'
          )
        }
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (
              <Button variant="primary" onClick={() => setAdding(true)}>
                New referral
              </Button>
            )}
          </>
        }
      />
      <ReferralsTabs />

      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="referrals-search">Search</label>
          <input id="referrals-search" type="search" placeholder="Referred name or email" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="referrals-kind">Kind</label>
          <select id="referrals-kind" value={kind} onChange={(e) => setParams({ kind: e.target.value || null })}>
            <option value="">All kinds</option>
            <option value="CUSTOMER">Customer</option>
            <option value="HIRE">Hire</option>
          </select>
        </div>
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="referrals-referrer">Referrer</label>
          <ReferrerPicker
            id="referrals-referrer"
            value={referrer}
            placeholder="Anyone"
            onChange={(picked) => setParams({ referrer: picked ? `${picked.type.toLowerCase()}:${picked.id}` : null })}
          />
        </div>
        <div className="toolbar-field toolbar-date">
          <label htmlFor="referrals-from">Invited from</label>
          <input id="referrals-from" type="date" value={from} onChange={(e) => setParams({ from: e.target.value || null })} />
        </div>
        <div className="toolbar-field toolbar-date">
          <label htmlFor="referrals-to">to</label>
          <input id="referrals-to" type="date" value={to} onChange={(e) => setParams({ to: e.target.value || null })} />
        </div>
        <fieldset className="toolbar-field toolbar-statuses">
          <legend>Status</legend>
          <div className="toggle-group">
            {REFERRAL_STATUSES.map((s) => (
              <label key={s} className={`toggle${statuses.includes(s) ? ' is-on' : ''}`}>
                <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggleStatus(s)} />
                {humanEnum(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="toolbar-check">
          <input type="checkbox" checked={flagged} onChange={(e) => setParams({ flagged: e.target.checked ? '1' : null })} />
          Flagged only
        </label>
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
            <caption className="sr-only">Referrals</caption>
            <thead>
              <tr>
                <th scope="col">Referred person</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Referrer</th>
                <th scope="col" className="num">Gen.</th>
                <th scope="col">Flags</th>
                <th scope="col" className="col-optional">Invited</th>
              </tr>
            </thead>
            <tbody>
              {!connection && <SkeletonRows rows={8} columns={7} />}
              {connection?.edges.map(({ node }) => (
                <tr key={node.id} onClick={() => navigate(`/referrals/${node.id}`)} className={node.status === 'REJECTED' || node.status === 'EXPIRED' ? 'row-closed' : undefined}>
                  <td>
                    <Link to={`/referrals/${node.id}`} className="person-name" onClick={(e) => e.stopPropagation()}>
                      {node.referredName}
                    </Link>
                    <div className="person-sub">{node.referredEmail}</div>
                  </td>
                  <td>
                    <KindBadge kind={node.kind} />
                  </td>
                  <td>
                    <ReferralStatusBadge status={node.status} />
                  </td>
                  <td className="referrer-cell">
                    <Link to={referrerPath(node.referrer)} onClick={(e) => e.stopPropagation()}>
                      {node.referrer.name}
                    </Link>
                    <div className="person-sub">{node.referrer.__typename === 'Customer' ? 'Customer' : 'Employee'}</div>
                  </td>
                  <td className="num">{node.generation}</td>
                  <td>
                    <FlagBadges flags={node.flags} />
                  </td>
                  <td className="nowrap col-optional">{formatDate(node.invitedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {connection && connection.edges.length === 0 && (
            <EmptyState
              title={filtersActive ? 'No referrals match these filters' : 'No referrals yet'}
              hint={filtersActive ? 'Try fewer statuses, another referrer or a wider date range.' : 'Record the first referral a customer or employee makes.'}
              action={
                filtersActive ? (
                  <Button size="sm" onClick={clearFilters}>
                    Clear filters
                  </Button>
                ) : isAdmin ? (
                  <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                    New referral
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
      {adding && <NewReferralDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/referrals/${id}`)} />}
    </div>
  );
}
