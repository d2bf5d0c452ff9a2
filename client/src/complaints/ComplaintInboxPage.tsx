import { t } from '../i18n/index.js';
import { useEffect, useMemo, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { AcknowledgeComplaintsMutation, AssignComplaintsMutation, CATEGORIES, categoryLabel, COMPLAINT_STATUSES, ComplaintsQuery, type ComplaintRow, SEVERITIES, SLA_STATES, type ComplaintFilter, type ComplaintSort, type ComplaintStatus, type Severity, type SlaState } from './complaints.graphql.js';
import { ComplaintStatusBadge, SeverityBadge, SlaCountdown, noteServerClock } from './sla.js';
import { ComplaintsTabs } from './ComplaintsNav.js';
import { LogComplaintDialog } from './LogComplaintDialog.js';
import { EmployeePicker } from '../people/EmployeePicker.js';
import { EmployeeNameQuery } from '../people/people.graphql.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, ToggleField, useDebouncedParam, useListParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDateTime, humanEnum } from '../ui/format.js';
import { Button, FormAlert, PageHeader, SkeletonRows } from '../ui/components.js';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import { problemsOf } from '../lib/errors.js';

export const COMPLAINT_PAGE_SIZE = 25;

const SORTS: Record<string, ComplaintSort> = {
  newest: { field: 'CREATED_AT', direction: 'DESC' },
  oldest: { field: 'CREATED_AT', direction: 'ASC' },
  resolution: { field: 'RESOLUTION_DUE_AT', direction: 'ASC' },
  response: { field: 'FIRST_RESPONSE_DUE_AT', direction: 'ASC' },
};

const OPEN_STATUSES: ComplaintStatus[] = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS'];
const DEFAULT_SORT = 'resolution';

export function ComplaintInboxPage() {
  const { navigate } = useRouter();
  const { isAdmin, viewer } = useSession();
  const me = viewer?.employee ?? null;
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const searchInput = useDebouncedParam('q');
  const search = searchInput.value;
  // Opens on the open complaints, most urgent first; every choice ("all" included) lives in the URL.
  const statusParam = params.get('status');
  const statuses: ComplaintStatus[] =
    statusParam === null ? OPEN_STATUSES : statusParam.split(',').filter((s): s is ComplaintStatus => (COMPLAINT_STATUSES as readonly string[]).includes(s));
  const toggleStatus = (value: ComplaintStatus) => {
    const next = statuses.includes(value) ? statuses.filter((s) => s !== value) : COMPLAINT_STATUSES.filter((s) => s === value || statuses.includes(s));
    setParams({ status: next.length ? next.join(',') : 'all' });
  };
  const [severities, toggleSeverity] = useListParam<Severity>('severity', SEVERITIES);
  const assigneeId = params.get('assignee') ?? '';
  const teamId = params.get('team') ?? '';
  const category = params.get('category') ?? '';
  const slaState = (params.get('sla') ?? '') as SlaState | '';
  const sortKey = params.get('sort') ?? DEFAULT_SORT;
  const sort: ComplaintSort = SORTS[sortKey] ?? SORTS[DEFAULT_SORT]!;
  const [adding, setAdding] = useState(false);
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

  const pages = useCursorPages(JSON.stringify([filter, sort]));
  const [result, reexecute] = useQuery({ query: ComplaintsQuery, variables: { first: COMPLAINT_PAGE_SIZE, after: pages.after, filter, sort } });
  const exportRows = () => loadConnection(client, ComplaintsQuery, { filter, sort }, (d) => d.complaints);
  useRefetchOnLive(reexecute);
  const { data } = result;
  const connection = useLastData(result)?.complaints;
  const selection = useSelection(connection?.edges.map((e) => e.node.id) ?? [], JSON.stringify([filter, sort, pages.after]));
  useEffect(() => {
    if (data && !result.stale) noteServerClock(data.complaints.edges.map((e) => e.node));
  }, [data, result.stale]);
  const filtersActive = Object.keys(filter).length > 0;
  const clearFilters = () => {
    searchInput.setText('');
    setParams({ q: null, status: 'all', severity: null, assignee: null, team: null, category: null, sla: null });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('complaints.title')}
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one={t('complaints.one')} many={t('complaints.many')} filtersActive={filtersActive} unfilteredSuffix={sortKey === 'newest' ? t('complaints.newestFirst') : undefined} />
          ) : (
            t('complaints.subtitle')
          )
        }
        actions={<LiveHeaderActions addLabel={t('complaints.log')} onAdd={() => setAdding(true)} />}
      />
      <ComplaintsTabs />

      <FilterToolbar filtersActive={filtersActive} onClear={clearFilters}>
        <SearchField id="complaints-search" placeholder={t('complaints.searchPlaceholder')} input={searchInput} />
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="complaints-assignee">{t('complaints.assignee')}</label>
          <EmployeePicker
            id="complaints-assignee"
            value={assigneeId ? { id: assigneeId, name: assigneeName ?? '…' } : null}
            placeholder={t('complaints.anyone')}
            onChange={(picked) => setParams({ assignee: picked?.id ?? null })}
          />
        </div>
        {me && (
          <fieldset className="toolbar-field toolbar-statuses">
            <legend>{t('complaints.mine')}</legend>
            <button type="button" className={`toggle${assigneeId === me.id ? ' is-on' : ''}`} aria-pressed={assigneeId === me.id} onClick={() => setParams({ assignee: assigneeId === me.id ? null : me.id })}>
              {t('complaints.assignedToMe')}
            </button>
          </fieldset>
        )}
        <div className="toolbar-field">
          <label htmlFor="complaints-team">{t('complaints.team')}</label>
          <TeamSelect id="complaints-team" value={teamId} onChange={(id) => setParams({ team: id || null })} />
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-category">{t('complaints.category')}</label>
          <select id="complaints-category" value={category} onChange={(e) => setParams({ category: e.target.value || null })}>
            <option value="">{t('complaints.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-sort">{t('complaints.sortBy')}</label>
          <select id="complaints-sort" value={sortKey} onChange={(e) => setParams({ sort: e.target.value === DEFAULT_SORT ? null : e.target.value })}>
            <option value="resolution">{t('complaints.sortResolution')}</option>
            <option value="newest">{t('complaints.sortNewest')}</option>
            <option value="oldest">{t('complaints.sortOldest')}</option>
            <option value="response">{t('complaints.sortResponse')}</option>
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="complaints-sla">{t('complaints.sla')}</label>
          <select id="complaints-sla" value={slaState} onChange={(e) => setParams({ sla: e.target.value || null })}>
            <option value="">{t('complaints.anySla')}</option>
            {SLA_STATES.map((s) => (
              <option key={s} value={s}>
                {humanEnum(s)}
              </option>
            ))}
          </select>
        </div>
        <ToggleField legend={t('complaints.status')} values={COMPLAINT_STATUSES} selected={statuses} onToggle={toggleStatus} />
        <ToggleField legend={t('complaints.severity')} values={SEVERITIES} selected={severities} onToggle={toggleSeverity} />
      </FilterToolbar>

      <div className="list-actions">
        {isAdmin && selection.ids.length > 0 ? <BulkBar ids={selection.ids} onDone={selection.clear} /> : <span />}
        <ExportCsvButton filename={csvFilename('complaints')} columns={CSV_COLUMNS()} load={exportRows} />
      </div>

      <PagedList
        result={result}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        connection={connection}
        pages={pages}
        pageSize={COMPLAINT_PAGE_SIZE}
        empty={
          <FilteredEmptyState
            filtersActive={filtersActive}
            onClearFilters={clearFilters}
            filtered={{ title: t('complaints.noMatch'), hint: t('complaints.noMatchHint') }}
            unfiltered={{
              title: t('complaints.empty'),
              hint: t('complaints.emptyHint'),
              action: isAdmin ? (
                <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                  {t('complaints.log')}
                </Button>
              ) : undefined,
            }}
          />
        }
      >
        <table className="table table-clickable">
          <caption className="sr-only">{t('complaints.title')}</caption>
          <thead>
            <tr>
              {isAdmin && (
                <th scope="col" className="table-select">
                  <input
                    type="checkbox"
                    aria-label={t('complaints.selectAll')}
                    checked={selection.allSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = selection.someSelected && !selection.allSelected;
                    }}
                    onChange={selection.toggleAll}
                    disabled={!connection?.edges.length}
                  />
                </th>
              )}
              <th scope="col">{t('complaints.colNumber')}</th>
              <th scope="col">{t('complaints.colSubject')}</th>
              <th scope="col">{t('complaints.colCustomer')}</th>
              <th scope="col">{t('complaints.colSeverity')}</th>
              <th scope="col">{t('complaints.colStatus')}</th>
              <th scope="col">{t('complaints.colAssignee')}</th>
              <th scope="col">{t('complaints.colSla')}</th>
              <th scope="col" className="col-optional">{t('complaints.colCreated')}</th>
            </tr>
          </thead>
          <tbody>
            {!connection && <SkeletonRows rows={8} columns={isAdmin ? 9 : 8} />}
            {connection?.edges.map(({ node }) => (
              <tr key={node.id} onClick={() => navigate(`/complaints/${node.id}`)} className={[node.status === 'CLOSED' ? 'row-closed' : '', selection.has(node.id) ? 'is-selected' : ''].join(' ').trim() || undefined} data-complaint={node.number}>
                {isAdmin && (
                  <td className="table-select" onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" aria-label={`Select ${node.number}`} checked={selection.has(node.id)} onChange={() => selection.toggle(node.id)} />
                  </td>
                )}
                <td className="nowrap mono">
                  <Link to={`/complaints/${node.id}`} onClick={(e) => e.stopPropagation()}>
                    {node.number}
                  </Link>
                </td>
                <td>
                  <span className="person-name">{node.subject}</span>
                  <div className="person-sub">{categoryLabel(node.category)}</div>
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
                <td>{node.assignee ? node.assignee.name : <span className="muted">{t('complaints.unassigned')}</span>}</td>
                <td className="nowrap">
                  <SlaCountdown sla={node.sla} />
                </td>
                <td className="nowrap col-optional">{formatDateTime(node.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PagedList>
      {adding && <LogComplaintDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/complaints/${id}`)} />}
    </div>
  );
}

const CSV_COLUMNS = (): CsvColumn<ComplaintRow>[] => [
  { header: t('complaints.colNumber'), value: (c) => c.number },
  { header: t('complaints.colSubject'), value: (c) => c.subject },
  { header: t('complaints.colCategory'), value: (c) => c.category },
  { header: t('complaints.colCustomer'), value: (c) => c.customer.name },
  { header: t('complaints.colSeverity'), value: (c) => humanEnum(c.severity) },
  { header: t('complaints.colStatus'), value: (c) => humanEnum(c.status) },
  { header: t('complaints.colAssignee'), value: (c) => c.assignee?.name },
  { header: t('complaints.colSla'), value: (c) => humanEnum(c.sla.state) },
  { header: t('complaints.colNextDue'), value: (c) => c.sla.nextDueAt },
  { header: t('complaints.colCreated'), value: (c) => c.createdAt },
];

/** Rows ticked on the current page; cleared when the filters, the sort or the page change. */
function useSelection(visibleIds: string[], scope: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setSelected(new Set()), [scope]);
  // A live refresh can drop a ticked row from the page (now filtered out): forget it.
  const ids = visibleIds.filter((id) => selected.has(id));
  return {
    ids,
    has: (id: string) => selected.has(id),
    allSelected: visibleIds.length > 0 && ids.length === visibleIds.length,
    someSelected: ids.length > 0,
    toggle: (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    toggleAll: () => setSelected(ids.length === visibleIds.length ? new Set() : new Set(visibleIds)),
    clear: () => setSelected(new Set()),
  };
}

/** Actions on the ticked complaints: one request each, all or nothing on the server. */
function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const [assignState, assign] = useMutation(AssignComplaintsMutation);
  const [ackState, acknowledge] = useMutation(AcknowledgeComplaintsMutation);
  const error = assignState.error ?? ackState.error;
  return (
    <div className="bulk-bar" role="region" aria-label={t('complaints.bulkActions')}>
      <span className="bulk-bar-count">
        {t('complaints.selected', { count: ids.length })}
      </span>
      <div className="bulk-bar-assign">
        <label htmlFor="bulk-assignee" className="sr-only">
          {t('complaints.assignSelected')}
        </label>
        <EmployeePicker
          id="bulk-assignee"
          value={null}
          placeholder={t('complaints.assignTo')}
          onChange={(picked) => {
            if (picked) void assign({ complaintIds: ids, assigneeId: picked.id }).then((r) => !r.error && onDone());
          }}
        />
      </div>
      <Button size="sm" busy={ackState.fetching} onClick={() => void acknowledge({ complaintIds: ids }).then((r) => !r.error && onDone())}>
        {t('complaints.acknowledge')}
      </Button>
      <Button size="sm" variant="ghost" onClick={onDone}>
        {t('complaints.clearSelection')}
      </Button>
      {error && <FormAlert problems={problemsOf(error)} />}
    </div>
  );
}
