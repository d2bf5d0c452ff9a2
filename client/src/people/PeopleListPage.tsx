import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { EmployeeNameQuery, EmployeesQuery, type EmployeeStatus, type EmployeesVars, type SortDirection, type SortField } from './people.graphql.js';
import { EmployeePicker, type PickedEmployee } from './EmployeePicker.js';
import { AddEmployeeDialog } from './AddEmployeeForm.js';
import { LiveIndicator, useRefetchOnLive } from './live.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { Link, useRouter, useSearchParams } from '../app/router.js';
import { useSession } from '../app/session.js';
import { problemsOf } from '../app/errors.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { formatDate } from '../ui/format.js';
import { Avatar, Button, EmptyState, ErrorState, PageHeader, SkeletonRows, Spinner, StatusBadge } from '../ui/components.js';

export const PAGE_SIZE = 25;

const SORTS: Record<string, { field: SortField; label: string }> = {
  name: { field: 'NAME', label: 'Name' },
  email: { field: 'EMAIL', label: 'Email' },
  hired: { field: 'HIRED_AT', label: 'Hire date' },
  created: { field: 'CREATED_AT', label: 'Date added' },
};

/** Reads the list's filters from the query string, so a reload or a shared link keeps them. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'active') as 'active' | 'exited' | 'all';
  const sortKey = SORTS[params.get('sort') ?? ''] ? params.get('sort')! : 'name';
  const direction: SortDirection = params.get('dir') === 'desc' ? 'DESC' : 'ASC';
  return {
    search: params.get('q') ?? '',
    teamId: params.get('team') ?? '',
    includeSubTeams: params.get('sub') === '1',
    leaderId: params.get('leader') ?? '',
    status,
    sortKey,
    direction,
    setParams,
  };
}

export function PeopleListPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const f = useFilters();
  const [searchText, setSearchText] = useState(f.search);
  const debouncedSearch = useDebouncedValue(searchText, 300);
  const [adding, setAdding] = useState(false);

  // Push the debounced search into the URL (replace: typing is not history).
  useEffect(() => {
    if (debouncedSearch !== f.search) f.setParams({ q: debouncedSearch.trim() || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);
  // Back/forward to another search updates the box.
  useEffect(() => setSearchText((current) => (current.trim() === f.search ? current : f.search)), [f.search]);

  const filter = useMemo<EmployeesVars['filter']>(() => {
    const out: NonNullable<EmployeesVars['filter']> = {};
    if (f.search) out.search = f.search;
    if (f.teamId) {
      out.teamId = f.teamId;
      if (f.includeSubTeams) out.includeSubTeams = true;
    }
    if (f.leaderId) out.leaderId = f.leaderId;
    if (f.status !== 'all') out.status = f.status.toUpperCase() as EmployeeStatus;
    return out;
  }, [f.search, f.teamId, f.includeSubTeams, f.leaderId, f.status]);
  const sort = useMemo(() => ({ field: SORTS[f.sortKey].field, direction: f.direction }), [f.sortKey, f.direction]);

  // Cursor stack for previous/next; a new filter starts at page one.
  const filterKey = JSON.stringify([filter, sort]);
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | null> }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const after = stack[stack.length - 1];

  const [result, reexecute] = useQuery({ query: EmployeesQuery, variables: { first: PAGE_SIZE, after, filter, sort } });
  useRefetchOnLive(reexecute);
  const { data, fetching, error } = result;
  // Keep the previous page on screen while the next one loads (no flash of skeletons while typing).
  const lastData = useRef(data);
  if (data) lastData.current = data;
  const connection = (data ?? (fetching ? lastData.current : undefined))?.employees;
  const pageIndex = stack.length - 1;

  const leaderName = useQuery({ query: EmployeeNameQuery, variables: { id: f.leaderId }, pause: !f.leaderId })[0].data?.employee;
  const leader: PickedEmployee | null = f.leaderId ? { id: f.leaderId, name: leaderName?.name ?? '…' } : null;

  const filtersActive = Boolean(f.search || f.teamId || f.leaderId || f.status !== 'active');
  const clearFilters = () => {
    setSearchText('');
    f.setParams({ q: null, team: null, sub: null, leader: null, status: null });
  };

  const first = pageIndex * PAGE_SIZE + 1;
  const last = pageIndex * PAGE_SIZE + (connection?.edges.length ?? 0);

  return (
    <div className="page">
      <PageHeader
        title="People"
        subtitle={
          connection ? (
            <>
              <strong>{connection.totalCount.toLocaleString()}</strong> {connection.totalCount === 1 ? 'person' : 'people'}
              {filtersActive ? ' match these filters' : ''}
            </>
          ) : (
            'Everyone in the company and who leads them'
          )
        }
        actions={
          <>
            <LiveIndicator />
            {isAdmin && (
              <Button variant="primary" onClick={() => setAdding(true)}>
                Add employee
              </Button>
            )}
          </>
        }
      />

      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="people-search">Search</label>
          <input id="people-search" type="search" placeholder="Name or email" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="people-team">Team</label>
          <TeamSelect id="people-team" value={f.teamId} onChange={(team) => f.setParams({ team: team || null, sub: team ? (f.includeSubTeams ? '1' : null) : null })} />
        </div>
        {f.teamId && (
          <label className="toolbar-check">
            <input type="checkbox" checked={f.includeSubTeams} onChange={(e) => f.setParams({ sub: e.target.checked ? '1' : null })} />
            Include sub-teams
          </label>
        )}
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="people-leader">Leader</label>
          <EmployeePicker id="people-leader" value={leader} placeholder="Anyone" onChange={(picked) => f.setParams({ leader: picked?.id ?? null })} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="people-status">Status</label>
          <select id="people-status" value={f.status} onChange={(e) => f.setParams({ status: e.target.value === 'active' ? null : e.target.value })}>
            <option value="active">Active</option>
            <option value="exited">Exited</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="people-sort">Sort by</label>
          <div className="input-group">
            <select id="people-sort" value={f.sortKey} onChange={(e) => f.setParams({ sort: e.target.value === 'name' ? null : e.target.value })}>
              {Object.entries(SORTS).map(([key, s]) => (
                <option key={key} value={key}>
                  {s.label}
                </option>
              ))}
            </select>
            <Button
              className="btn-icon"
              aria-label={f.direction === 'ASC' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
              title={f.direction === 'ASC' ? 'Ascending' : 'Descending'}
              onClick={() => f.setParams({ dir: f.direction === 'ASC' ? 'desc' : null })}
            >
              {f.direction === 'ASC' ? '↑' : '↓'}
            </Button>
          </div>
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
            <caption className="sr-only">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Title</th>
                <th scope="col">Team</th>
                <th scope="col">Leader</th>
                <th scope="col" className="col-optional">Hired</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {!connection && <SkeletonRows rows={8} columns={6} />}
              {connection?.edges.map(({ node }) => (
                <tr key={node.id} onClick={() => navigate(`/people/${node.id}`)}>
                  <td>
                    <div className="person-cell">
                      <Avatar name={node.name} />
                      <div>
                        <Link to={`/people/${node.id}`} className="person-name" onClick={(e) => e.stopPropagation()}>
                          {node.name}
                        </Link>
                        <div className="person-sub">{node.email}</div>
                      </div>
                    </div>
                  </td>
                  <td>{node.title ?? <span className="muted">—</span>}</td>
                  <td>{node.team?.name ?? <span className="muted">—</span>}</td>
                  <td>{node.leader?.name ?? <span className="muted">—</span>}</td>
                  <td className="nowrap col-optional">{formatDate(node.hiredAt)}</td>
                  <td>
                    <StatusBadge status={node.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {connection && connection.edges.length === 0 && (
            <EmptyState
              title={filtersActive ? 'No one matches these filters' : 'No people yet'}
              hint={filtersActive ? 'Try a shorter search, another team, or status “All”.' : 'Add the first employee to get started.'}
              action={
                filtersActive ? (
                  <Button size="sm" onClick={clearFilters}>
                    Clear filters
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
                <Button
                  size="sm"
                  disabled={!connection.pageInfo.hasNextPage}
                  onClick={() => setCursors({ key: filterKey, stack: [...stack, connection.pageInfo.endCursor] })}
                >
                  Next →
                </Button>
              </div>
            </nav>
          )}
        </div>
      )}
      {adding && <AddEmployeeDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/people/${id}`)} />}
    </div>
  );
}
