import { t } from '../i18n/index.js';
import { useMemo } from 'react';
import { useClient, useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { DEFAULT_PERIOD, LeadersQuery, type LeaderSort, type LeaderSummary } from './leadership.graphql.js';
import type { SortDirection } from '../people/people.graphql.js';
import { LeadershipTabs, PeriodSelect, usePeriodParam } from './LeadershipNav.js';
import { Figure } from './figures.js';
import { Link, useRouter } from '../lib/router.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, SortHeader, useDebouncedParam, useSortParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDate } from '../ui/format.js';
import { Avatar, Button, PageHeader, SkeletonRows } from '../ui/components.js';

export const LEADERS_PAGE_SIZE = 25;

type SortKey = 'name' | 'reports' | 'nps' | 'participation' | 'enps' | 'competitor' | 'referrals';

/** Each sortable column, its first direction (figures: best or most first) and the API's sort. */
const COLUMNS: Record<SortKey, SortDirection> = {
  name: 'ASC',
  reports: 'DESC',
  nps: 'DESC',
  participation: 'DESC',
  enps: 'DESC',
  competitor: 'DESC',
  referrals: 'DESC',
};
const SORT_FIELDS: Record<SortKey, LeaderSort> = {
  name: 'NAME',
  reports: 'DIRECT_REPORTS',
  nps: 'LEADER_NPS',
  participation: 'PARTICIPATION',
  enps: 'ENPS',
  competitor: 'EXITS_TO_COMPETITOR',
  referrals: 'HIRE_REFERRALS',
};

/** The title, and the team unless the title already names it ("Team Lead Data · Data" says it twice). */
function leaderSub(leader: LeaderSummary['leader']): string {
  const team = leader.team && !(leader.title ?? '').includes(leader.team.name) ? leader.team.name : null;
  return [leader.title, team].filter(Boolean).join(' · ') || '—';
}

/** Everyone who leads someone, with the headline of their scorecard. */
export function LeadersPage() {
  const { navigate } = useRouter();
  const searchInput = useDebouncedParam('q');
  const search = searchInput.value;
  const sort = useSortParam(COLUMNS, 'name');
  const [days, setDays] = usePeriodParam();

  const variables = useMemo(
    () => ({ search: search || null, sort: SORT_FIELDS[sort.key], direction: sort.direction, days }),
    [search, sort.key, sort.direction, days],
  );
  const pages = useCursorPages(JSON.stringify(variables));
  const [result, reexecute] = useQuery({ query: LeadersQuery, variables: { ...variables, first: LEADERS_PAGE_SIZE, after: pages.after } });
  const connection = useLastData(result)?.leaders;
  const client = useClient();
  const exportRows = () => loadConnection(client, LeadersQuery, variables, (d) => d.leaders);
  const scorecardPath = (id: string) => `/leadership/${id}${days === DEFAULT_PERIOD ? '' : `?days=${days}`}`;
  const clearSearch = () => searchInput.setText('');

  return (
    <div className="page">
      <PageHeader
        title={t('leaders.title')}
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one={t('leaders.one')} many={t('leaders.many')} filtersActive={Boolean(search)} unfilteredSuffix={t('leaders.withReports')} />
          ) : (
            t('leaders.subtitle')
          )
        }
        actions={<PeriodSelect value={days} onChange={setDays} />}
      />
      <LeadershipTabs />

      <FilterToolbar filtersActive={Boolean(search)} onClear={clearSearch}>
        <SearchField id="leaders-search" placeholder={t('leaders.searchPlaceholder')} input={searchInput} />
      </FilterToolbar>

      <div className="list-actions">
        <span />
        <ExportCsvButton filename={csvFilename('leaders')} columns={CSV_COLUMNS()} load={exportRows} />
      </div>
      <PagedList
        result={result}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        connection={connection}
        pages={pages}
        pageSize={LEADERS_PAGE_SIZE}
        empty={
          <FilteredEmptyState
            filtersActive={Boolean(search)}
            onClearFilters={clearSearch}
            filtered={{ title: t('leaders.noMatch'), hint: t('leaders.noMatchHint') }}
            unfiltered={{
              title: t('leaders.empty'),
              hint: t('leaders.emptyHint'),
              action: (
                <Button size="sm" onClick={() => navigate('/people')}>
                  {t('leaders.goToPeople')}
                </Button>
              ),
            }}
          />
        }
      >
        <table className="table table-clickable leaders-table">
          <caption className="sr-only">{t('leaders.caption')}</caption>
          <thead>
            <tr>
              <SortHeader column="name" sort={sort}>
                {t('leaders.colLeader')}
              </SortHeader>
              <SortHeader column="reports" sort={sort} className="num" title={t('leaders.colReportsTitle')}>
                {t('leaders.colReports')}
              </SortHeader>
              <SortHeader column="nps" sort={sort} className="num" title={t('leaders.colNpsTitle')}>
                {t('leaders.colNps')}
              </SortHeader>
              <SortHeader column="participation" sort={sort} className="num" title={t('leaders.colParticipationTitle')}>
                {t('leaders.colParticipation')}
              </SortHeader>
              <SortHeader column="enps" sort={sort} className="num" title={t('leaders.colEnpsTitle')}>
                eNPS
              </SortHeader>
              <SortHeader column="competitor" sort={sort} className="num" title={t('leaders.colCompetitorTitle')}>
                {t('leaders.colCompetitor')}
              </SortHeader>
              <SortHeader column="referrals" sort={sort} className="num" title={t('leaders.colReferralsTitle')}>
                {t('leaders.colReferrals')}
              </SortHeader>
              <th scope="col" className="col-optional">
                {t('leaders.colLastSurveyed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {!connection && <SkeletonRows rows={8} columns={8} />}
            {connection?.edges.map(({ node: s }) => (
              <tr key={s.leader.id} onClick={() => navigate(scorecardPath(s.leader.id))} data-leader={s.leader.id}>
                <td>
                  <div className="person-cell">
                    <Avatar name={s.leader.name} />
                    <div>
                      <Link to={scorecardPath(s.leader.id)} className="person-name" onClick={(e) => e.stopPropagation()}>
                        {s.leader.name}
                      </Link>
                      <div className="person-sub">{leaderSub(s.leader)}</div>
                    </div>
                  </div>
                </td>
                <td className="num tabular">{s.directReports}</td>
                <td className="num tabular" data-column="leaderNps">
                  <Figure value={s.leaderNps} suppressed={s.leaderNpsSuppressed} kind="nps" />
                </td>
                <td className="num tabular" data-column="participation">
                  <Figure value={s.participation} suppressed={s.participation == null ? s.leaderNpsSuppressed : null} kind="share" />
                </td>
                <td className="num tabular" data-column="enps">
                  <Figure value={s.enps} suppressed={s.enpsSuppressed} kind="nps" />
                </td>
                <td className="num tabular" data-column="competitor">
                  <span className={s.exitsToCompetitor > 0 ? 'figure-alert' : undefined}>{s.exitsToCompetitor}</span>
                  {s.exits > 0 && (
                    <span className="muted small" title={t('leaders.allExits')}>
                      {' '}
                      {t('leaders.ofExits', { count: s.exits })}
                    </span>
                  )}
                </td>
                <td className="num tabular">{s.hireReferrals}</td>
                <td className="nowrap col-optional">{s.lastSurveyedAt ? formatDate(s.lastSurveyedAt) : <span className="muted">{t('leaders.never')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PagedList>
    </div>
  );
}

type CsvRow = ResultOf<typeof LeadersQuery>['leaders']['edges'][number]['node'];

/** The list as a file: the columns on screen, with the filters on screen; hidden figures stay hidden. */
const CSV_COLUMNS = (): CsvColumn<CsvRow>[] => [
  { header: t('leaders.colLeader'), value: (s) => s.leader.name },
  { header: t('people.colTitle'), value: (s) => s.leader.title },
  { header: t('people.colTeam'), value: (s) => s.leader.team?.name },
  { header: t('leaders.colReports'), value: (s) => s.directReports },
  { header: t('leaders.colNps'), value: (s) => csvFigure(s.leaderNps, s.leaderNpsSuppressed) },
  { header: t('leaders.colParticipation'), value: (s) => csvFigure(s.participation, s.participation == null ? s.leaderNpsSuppressed : null) },
  { header: 'eNPS', value: (s) => csvFigure(s.enps, s.enpsSuppressed) },
  { header: t('leaders.colCompetitor'), value: (s) => s.exitsToCompetitor },
  { header: t('csv.exits'), value: (s) => s.exits },
  { header: t('leaders.colReferrals'), value: (s) => s.hireReferrals },
  { header: t('leaders.colLastSurveyed'), value: (s) => s.lastSurveyedAt?.slice(0, 10) },
];
