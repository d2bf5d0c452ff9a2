import { t } from '../i18n/index.js';
import { useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import { EmployeeNameQuery, EmployeesQuery, type EmployeeStatus, type EmployeesVars, type SortDirection, type SortField } from './people.graphql.js';
import { EmployeePicker, type PickedEmployee } from './EmployeePicker.js';
import { AddEmployeeDialog } from './AddEmployeeForm.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, useDebouncedParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDate, humanEnum } from '../ui/format.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { Avatar, Button, PageHeader, SkeletonRows, StatusBadge } from '../ui/components.js';

export const PAGE_SIZE = 25;

const SORTS: Record<string, { field: SortField; label: () => string }> = {
  name: { field: 'NAME', label: () => t('people.sortName') },
  email: { field: 'EMAIL', label: () => t('people.sortEmail') },
  hired: { field: 'HIRED_AT', label: () => t('people.sortHired') },
  created: { field: 'CREATED_AT', label: () => t('people.sortCreated') },
};

/** Reads the list's filters from the query string, so a reload or a shared link keeps them. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'active') as 'active' | 'exited' | 'all';
  const sortKey = SORTS[params.get('sort') ?? ''] ? params.get('sort')! : 'name';
  const direction: SortDirection = params.get('dir') === 'desc' ? 'DESC' : 'ASC';
  return {
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
  const f = useFilters();
  const searchInput = useDebouncedParam('q');
  const search = searchInput.value;
  const [adding, setAdding] = useState(false);

  const filter = useMemo<EmployeesVars['filter']>(() => {
    const out: NonNullable<EmployeesVars['filter']> = {};
    if (search) out.search = search;
    if (f.teamId) {
      out.teamId = f.teamId;
      if (f.includeSubTeams) out.includeSubTeams = true;
    }
    if (f.leaderId) out.leaderId = f.leaderId;
    if (f.status !== 'all') out.status = f.status.toUpperCase() as EmployeeStatus;
    return out;
  }, [search, f.teamId, f.includeSubTeams, f.leaderId, f.status]);
  const sort = useMemo(() => ({ field: SORTS[f.sortKey].field, direction: f.direction }), [f.sortKey, f.direction]);

  const pages = useCursorPages(JSON.stringify([filter, sort]));
  const [result, reexecute] = useQuery({ query: EmployeesQuery, variables: { first: PAGE_SIZE, after: pages.after, filter, sort } });
  useRefetchOnLive(reexecute);
  const connection = useLastData(result)?.employees;
  const client = useClient();
  const exportRows = () => loadConnection(client, EmployeesQuery, { filter, sort }, (d) => d.employees);

  const leaderName = useQuery({ query: EmployeeNameQuery, variables: { id: f.leaderId }, pause: !f.leaderId })[0].data?.employee;
  const leader: PickedEmployee | null = f.leaderId ? { id: f.leaderId, name: leaderName?.name ?? '…' } : null;

  const filtersActive = Boolean(search || f.teamId || f.leaderId || f.status !== 'active');
  const clearFilters = () => {
    searchInput.setText('');
    f.setParams({ q: null, team: null, sub: null, leader: null, status: null });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('people.title')}
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one={t('people.one')} many={t('people.many')} filtersActive={filtersActive} />
          ) : (
            t('people.subtitle')
          )
        }
        actions={<LiveHeaderActions addLabel={t('people.add')} onAdd={() => setAdding(true)} />}
      />

      <FilterToolbar filtersActive={filtersActive} onClear={clearFilters}>
        <SearchField id="people-search" placeholder={t('people.searchPlaceholder')} input={searchInput} />
        <div className="toolbar-field">
          <label htmlFor="people-team">{t('lists.team')}</label>
          <TeamSelect id="people-team" value={f.teamId} onChange={(team) => f.setParams({ team: team || null, sub: team ? (f.includeSubTeams ? '1' : null) : null })} />
        </div>
        {f.teamId && (
          <label className="toolbar-check">
            <input type="checkbox" checked={f.includeSubTeams} onChange={(e) => f.setParams({ sub: e.target.checked ? '1' : null })} />
            {t('lists.includeSubTeams')}
          </label>
        )}
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="people-leader">{t('lists.leader')}</label>
          <EmployeePicker id="people-leader" value={leader} placeholder={t('lists.anyone')} onChange={(picked) => f.setParams({ leader: picked?.id ?? null })} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="people-status">{t('lists.status')}</label>
          <select id="people-status" value={f.status} onChange={(e) => f.setParams({ status: e.target.value === 'active' ? null : e.target.value })}>
            <option value="active">{t('common.active')}</option>
            <option value="exited">{t('common.exited')}</option>
            <option value="all">{t('lists.all')}</option>
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="people-sort">{t('lists.sortBy')}</label>
          <div className="input-group">
            <select id="people-sort" value={f.sortKey} onChange={(e) => f.setParams({ sort: e.target.value === 'name' ? null : e.target.value })}>
              {Object.entries(SORTS).map(([key, s]) => (
                <option key={key} value={key}>
                  {s.label()}
                </option>
              ))}
            </select>
            <Button
              className="btn-icon"
              aria-label={f.direction === 'ASC' ? t('lists.ascendingSwitch') : t('lists.descendingSwitch')}
              title={f.direction === 'ASC' ? t('lists.ascending') : t('lists.descending')}
              onClick={() => f.setParams({ dir: f.direction === 'ASC' ? 'desc' : null })}
            >
              {f.direction === 'ASC' ? '↑' : '↓'}
            </Button>
          </div>
        </div>
      </FilterToolbar>

      <div className="list-actions">
        <span />
        <ExportCsvButton filename={csvFilename('people')} columns={PEOPLE_CSV()} load={exportRows} />
      </div>
      <PagedList
        result={result}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        connection={connection}
        pages={pages}
        pageSize={PAGE_SIZE}
        empty={
          <FilteredEmptyState
            filtersActive={filtersActive}
            onClearFilters={clearFilters}
            filtered={{ title: t('people.noMatch'), hint: t('people.noMatchHint') }}
            unfiltered={{ title: t('people.empty'), hint: t('people.emptyHint') }}
          />
        }
      >
        <table className="table table-clickable">
          <caption className="sr-only">{t('people.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.colName')}</th>
              <th scope="col">{t('people.colTitle')}</th>
              <th scope="col">{t('people.colTeam')}</th>
              <th scope="col">{t('people.colLeader')}</th>
              <th scope="col" className="col-optional">{t('people.colHired')}</th>
              <th scope="col">{t('people.colStatus')}</th>
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
      </PagedList>
      {adding && <AddEmployeeDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/people/${id}`)} />}
    </div>
  );
}

type PersonRow = ResultOf<typeof EmployeesQuery>['employees']['edges'][number]['node'];

/** The people list as a file: the columns on screen, with the filters on screen. */
const PEOPLE_CSV = (): CsvColumn<PersonRow>[] => [
  { header: t('people.colName'), value: (p) => p.name },
  { header: t('csv.email'), value: (p) => p.email },
  { header: t('people.colTitle'), value: (p) => p.title },
  { header: t('people.colTeam'), value: (p) => p.team?.name },
  { header: t('people.colLeader'), value: (p) => p.leader?.name },
  { header: t('people.colHired'), value: (p) => p.hiredAt?.slice(0, 10) },
  { header: t('people.colStatus'), value: (p) => humanEnum(p.status) },
];
