import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { CATEGORIES, COMPLAINT_STATUSES, ComplaintsQuery, SEVERITIES, SLA_STATES, type ComplaintFilter, type ComplaintSort, type ComplaintStatus, type Severity, type SlaState } from './complaints.graphql.js';
import { ComplaintStatusBadge, SeverityBadge, SlaCountdown, noteServerClock } from './sla.js';
import { ComplaintsTabs } from './ComplaintsNav.js';
import { LogComplaintDialog } from './LogComplaintDialog.js';
import { EmployeePicker } from '../people/EmployeePicker.js';
import { EmployeeNameQuery } from '../people/people.graphql.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { LiveIndicator, useRefetchOnLive } from '../people/live.js';
import { Link, useRouter, useSearchParams } from '../app/router.js';
import { useSession } from '../app/session.js';
import { problemsOf } from '../app/errors.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { formatDateTime, humanEnum } from '../ui/format.js';
import { Button, EmptyState, ErrorState, PageHeader, SkeletonRows, Spinner } from '../ui/components.js';

export const COMPLAINT_PAGE_SIZE = 25;

function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  return (value ?? '').split(',').filter((s): s is T => (allowed as readonly string[]).includes(s));
}

const SORTS: Record<string, ComplaintSort> = {
  newest: { field: 'CREATED_AT', direction: 'DESC' },
  oldest: { field: 'CREATED_AT', direction: 'ASC' },
  resolution: { field: 'RESOLUTION_DUE_AT', direction: 'ASC' },
  response: { field: 'FIRST_RESPONSE_DUE_AT', direction: 'ASC' },
};

export function ComplaintInboxPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const statuses = listParam<ComplaintStatus>(params.get('status'), COMPLAINT_STATUSES);
  const severities = listParam<Severity>(params.get('severity'), SEVERITIES);
  const assigneeId = params.get('assignee') ?? '';
  const teamId = params.get('team') ?? '';
  const category = params.get('category') ?? '';
  const slaState = (params.get('sla') ?? '') as SlaState | '';
  const sort: ComplaintSort = SORTS[params.get('sort') ?? ''] ?? SORTS.newest!;
  const [searchText, setSearchText] = useState(search);
  const debounced = useDebouncedValue(searchText, 300);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (debounced.trim() !== search) setParams({ q: debounced.trim() || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => setSearchText((c) => (c.trim() === search ? c : search)), [search]);
  const assigneeName = useQuery({ query: EmployeeNameQuery, variables: { id: assigneeId }, pause: !assigneeId })[0].data?.employee.name;

  const filter = useMemo<ComplaintFilter>(() => {
    const f: ComplaintFilter = {};
    if (search) f.search = search;
    if (statuses.length) f.status = statuses;
    if (severities.length) f.severity = severities;
    if (assigneeId) f.assigneeId = assigneeId;
    if (teamId) f.teamId = teamId;
    if (category) f.category = category;
    if (slaState) f.slaState = slaState;
    return f;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, statuses.join(','), severities.join(','), assigneeId, teamId, category, slaState]);

  const filterKey = JSON.stringify([filter, sort]);
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | null> }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const after = stack[stack.length - 1];
  const [result, reexecute] = useQuery({ query: ComplaintsQuery, variables: { first: COMPLAINT_PAGE_SIZE, after, filter, sort } });
  useRefetchOnLive(reexecute);
  const { data, fetching, error } = result;
  const lastData = useRef(data);
  if (data) lastData.current = data;
  useEffect(() => {
    if (data && !result.stale) noteServerClock(data.complaints.edges.map((e) => e.node));
  }, [data, result.stale]);
  const connection = (data ?? (fetching ? lastData.current : undefined))?.complaints;
  const pageIndex = stack.length - 1;
  const filtersActive = Object.keys(filter).length > 0;
  const clearFilters = () => {
    setSearchText('');
    setParams({ q: null, status: null, severity: null, assignee: null, team: null, category: null, sla: null });
  };
  const toggle = <T extends string>(key: string, list: T[], all: readonly T[], value: T) => {
    const next = list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
    setParams({ [key]: next.length ? all.filter((x) => next.includes(x)).join(',') : null });
  };
  const first = pageIndex * COMPLAINT_PAGE_SIZE + 1;
  const last = pageIndex * COMPLAINT_PAGE_SIZE + (connection?.edges.length ?? 0);

  return (
    <div className="page">
      <PageHeader
        title="Complaints"
        subtitle={
          connection ? (
            <>
              <strong>{connection.totalCount.toLocaleString()}</strong> {connection.totalCount === 1 ? 'complaint' : 'complaints'}
              {filtersActive ? ' match these filters' : ', newest first'}
            </>
          ) : (
            'Customers working with us to improve'
          )
        }
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (
              <Button variant="primary" onClick={() => setAdding(true)}>
                Log complaint
              </Button>
            )}
          </>
        }
      />
      <ComplaintsTabs />

      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="complaints-search">Search</label>
          <input id="complaints-search" type="search" placeholder="Subject" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="complaints-assignee">Assignee</label>
          <EmployeePicker
            id="complaints-assignee"
            value={assigneeId ? { id: assigneeId, name: assigneeName ?? '…' } : null}
            placeholder="Anyone"
            onChange={(picked) => setParams({ assignee: picked?.id ?? null })}
          />
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-team">Team</label>
          <TeamSelect id="complaints-team" value={teamId} onChange={(id) => setParams({ team: id || null })} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-category">Category</label>
          <select id="complaints-category" value={category} onChange={(e) => setParams({ category: e.target.value || null })}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanEnum(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-sort">Sort by</label>
          <select id="complaints-sort" value={params.get('sort') ?? 'newest'} onChange={(e) => setParams({ sort: e.target.value === 'newest' ? null : e.target.value })}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="resolution">Resolution due soonest</option>
            <option value="response">First response due soonest</option>
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-sla">SLA</label>
          <select id="complaints-sla" value={slaState} onChange={(e) => setParams({ sla: e.target.value || null })}>
            <option value="">Any SLA state</option>
            {SLA_STATES.map((s) => (
              <option key={s} value={s}>
                {humanEnum(s)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="toolbar-field toolbar-statuses">
          <legend>Status</legend>
          <div className="toggle-group">
            {COMPLAINT_STATUSES.map((s) => (
              <label key={s} className={`toggle${statuses.includes(s) ? ' is-on' : ''}`}>
                <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggle('status', statuses, COMPLAINT_STATUSES, s)} />
                {humanEnum(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="toolbar-field toolbar-statuses">
          <legend>Severity</legend>
          <div className="toggle-group">
            {SEVERITIES.map((s) => (
              <label key={s} className={`toggle${severities.includes(s) ? ' is-on' : ''}`}>
                <input type="checkbox" checked={severities.includes(s)} onChange={() => toggle('severity', severities, SEVERITIES, s)} />
                {humanEnum(s)}
              </label>
            ))}
          </div>
        </fieldset>
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
            <caption className="sr-only">Complaints</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Subject</th>
                <th scope="col">Customer</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Assignee</th>
                <th scope="col">SLA</th>
                <th scope="col" className="col-optional">Created</th>
              </tr>
            </thead>
            <tbody>
              {!connection && <SkeletonRows rows={8} columns={8} />}
              {connection?.edges.map(({ node }) => (
                <tr key={node.id} onClick={() => navigate(`/complaints/${node.id}`)} className={node.status === 'CLOSED' ? 'row-closed' : undefined} data-complaint={node.number}>
                  <td className="nowrap mono">
                    <Link to={`/complaints/${node.id}`} onClick={(e) => e.stopPropagation()}>
                      {node.number}
                    </Link>
                  </td>
                  <td>
                    <span className="person-name">{node.subject}</span>
                    <div className="person-sub">{humanEnum(node.category)}</div>
                  </td>
                  <td>
                    <Link to={`/customers/${node.customer.id}`} onClick={(e) => e.stopPropagation()}>
                      {node.customer.name}
                    </Link>
                  </td>
                  <td>
                    <SeverityBadge severity={node.severity} />
                  </td>
                  <td>
                    <ComplaintStatusBadge status={node.status} />
                  </td>
                  <td>{node.assignee ? node.assignee.name : <span className="muted">Unassigned</span>}</td>
                  <td className="nowrap">
                    <SlaCountdown sla={node.sla} createdAt={node.createdAt} />
                  </td>
                  <td className="nowrap col-optional">{formatDateTime(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {connection && connection.edges.length === 0 && (
            <EmptyState
              title={filtersActive ? 'No complaints match these filters' : 'No complaints yet'}
              hint={filtersActive ? 'Try fewer filters.' : 'Complaints from the public form and the ones you log appear here.'}
              action={
                filtersActive ? (
                  <Button size="sm" onClick={clearFilters}>
                    Clear filters
                  </Button>
                ) : isAdmin ? (
                  <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                    Log complaint
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
      {adding && <LogComplaintDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/complaints/${id}`)} />}
    </div>
  );
}
