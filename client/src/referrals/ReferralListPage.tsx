import { t } from '../i18n/index.js';
import { useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { REFERRAL_STATUSES, ReferralsQuery, referrerPath, type ReferralFilter, type ReferralKind, type ReferralStatus } from './referrals.graphql.js';
import { ReferrerPicker, type PickedReferrer } from './ReferrerPicker.js';
import { NewReferralDialog } from './NewReferralForm.js';
import { ReferralsTabs } from './ReferralsNav.js';
import { FlagBadges, KindBadge, ReferralStatusBadge } from './badges.js';
import { CustomerNameQuery } from '../customers/customers.graphql.js';
import { EmployeeNameQuery } from '../people/people.graphql.js';
import { LiveHeaderActions, useRefetchOnLive } from '../lib/live.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useLastData } from '../ui/hooks.js';
import { FilterToolbar, FilteredCount, FilteredEmptyState, SearchField, ToggleField, useDebouncedParam, useListParam } from '../ui/filters.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { dateInputToIso, formatDate, humanEnum } from '../ui/format.js';
import { Button, PageHeader, SkeletonRows } from '../ui/components.js';

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
  const searchInput = useDebouncedParam('q');
  const search = searchInput.value;
  const kind = (params.get('kind') ?? '') as ReferralKind | '';
  const [statuses, toggleStatus] = useListParam<ReferralStatus>('status', REFERRAL_STATUSES);
  const referrerParam = params.get('referrer') ?? ''; // "customer:12" or "employee:3"
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const flagged = params.get('flagged') === '1';
  const [adding, setAdding] = useState(false);

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

  const pages = useCursorPages(JSON.stringify(filter));
  const [result, reexecute] = useQuery({ query: ReferralsQuery, variables: { first: REFERRAL_PAGE_SIZE, after: pages.after, filter } });
  useRefetchOnLive(reexecute);
  const connection = useLastData(result)?.referrals;
  const client = useClient();
  const exportRows = () => loadConnection(client, ReferralsQuery, { filter }, (d) => d.referrals);
  const filtersActive = Object.keys(filter).length > 0;
  const clearFilters = () => {
    searchInput.setText('');
    setParams({ q: null, kind: null, status: null, referrer: null, from: null, to: null, flagged: null });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('referrals.title')}
        subtitle={
          connection ? (
            <FilteredCount count={connection.totalCount} one={t('referrals.one')} many={t('referrals.many')} filtersActive={filtersActive} unfilteredSuffix={t('referrals.newestFirst')} />
          ) : (
            t('referrals.listSubtitle')
          )
        }
        actions={<LiveHeaderActions addLabel={t('referrals.new')} onAdd={() => setAdding(true)} />}
      />
      <ReferralsTabs />

      <FilterToolbar filtersActive={filtersActive} onClear={clearFilters}>
        <SearchField id="referrals-search" placeholder={t('referrals.searchPlaceholder')} input={searchInput} />
        <div className="toolbar-field">
          <label htmlFor="referrals-kind">{t('referrals.kind')}</label>
          <select id="referrals-kind" value={kind} onChange={(e) => setParams({ kind: e.target.value || null })}>
            <option value="">{t('referrals.allKinds')}</option>
            <option value="CUSTOMER">{t('referrals.customer')}</option>
            <option value="HIRE">{t('referrals.hire')}</option>
          </select>
        </div>
        <div className="toolbar-field toolbar-leader">
          <label htmlFor="referrals-referrer">{t('referrals.referrer')}</label>
          <ReferrerPicker
            id="referrals-referrer"
            value={referrer}
            placeholder={t('referrals.anyone')}
            onChange={(picked) => setParams({ referrer: picked ? `${picked.type.toLowerCase()}:${picked.id}` : null })}
          />
        </div>
        <div className="toolbar-field toolbar-date">
          <label htmlFor="referrals-from">{t('referrals.invitedFrom')}</label>
          <input id="referrals-from" type="date" value={from} onChange={(e) => setParams({ from: e.target.value || null })} />
        </div>
        <div className="toolbar-field toolbar-date">
          <label htmlFor="referrals-to">{t('referrals.to')}</label>
          <input id="referrals-to" type="date" value={to} onChange={(e) => setParams({ to: e.target.value || null })} />
        </div>
        <ToggleField legend={t('referrals.status')} values={REFERRAL_STATUSES} selected={statuses} onToggle={toggleStatus} />
        <label className="toolbar-check">
          <input type="checkbox" checked={flagged} onChange={(e) => setParams({ flagged: e.target.checked ? '1' : null })} />
          {t('referrals.flaggedOnly')}
        </label>
      </FilterToolbar>

      <div className="list-actions">
        <span />
        <ExportCsvButton filename={csvFilename('referrals')} columns={CSV_COLUMNS()} load={exportRows} />
      </div>
      <PagedList
        result={result}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        connection={connection}
        pages={pages}
        pageSize={REFERRAL_PAGE_SIZE}
        empty={
          <FilteredEmptyState
            filtersActive={filtersActive}
            onClearFilters={clearFilters}
            filtered={{ title: t('referrals.noMatch'), hint: t('referrals.noMatchHint') }}
            unfiltered={{
              title: t('referrals.empty'),
              hint: t('referrals.emptyHint'),
              action: isAdmin ? (
                <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                  {t('referrals.new')}
                </Button>
              ) : undefined,
            }}
          />
        }
      >
        <table className="table table-clickable">
          <caption className="sr-only">{t('referrals.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referrals.colReferred')}</th>
              <th scope="col">{t('referrals.colKind')}</th>
              <th scope="col">{t('referrals.colStatus')}</th>
              <th scope="col">{t('referrals.colReferrer')}</th>
              <th scope="col" className="num">{t('referrals.colGen')}</th>
              <th scope="col">{t('referrals.colFlags')}</th>
              <th scope="col" className="col-optional">{t('referrals.colInvited')}</th>
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
                  <div className="person-sub">{node.referrer.__typename === 'Customer' ? t('referrals.customer') : t('referrals.employee')}</div>
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
      </PagedList>
      {adding && <NewReferralDialog onClose={() => setAdding(false)} onCreated={(id) => navigate(`/referrals/${id}`)} />}
    </div>
  );
}

type CsvRow = ResultOf<typeof ReferralsQuery>['referrals']['edges'][number]['node'];

/** The list as a file: the columns on screen, with the filters on screen; hidden figures stay hidden. */
const CSV_COLUMNS = (): CsvColumn<CsvRow>[] => [
  { header: t('referrals.colReferred'), value: (r) => r.referredName },
  { header: t('csv.referredEmail'), value: (r) => r.referredEmail },
  { header: t('referrals.colKind'), value: (r) => humanEnum(r.kind) },
  { header: t('referrals.colStatus'), value: (r) => humanEnum(r.status) },
  { header: t('referrals.colReferrer'), value: (r) => r.referrer.name },
  { header: t('csv.referrerKind'), value: (r) => (r.referrer.__typename === 'Customer' ? t('referrals.customer') : t('referrals.employee')) },
  { header: t('referrals.colGen'), value: (r) => r.generation },
  { header: t('csv.flags'), value: (r) => r.flags.join(' ') },
  { header: t('referrals.colInvited'), value: (r) => r.invitedAt.slice(0, 10) },
];
