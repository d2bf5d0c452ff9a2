import { t } from '../i18n/index.js';
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, type CsvColumn } from '../ui/csv.js';
import type { ChainRow, ServiceProfitChain } from './leadership.graphql.js';
import { CHAIN_QUARTERS, DEFAULT_CHAIN_QUARTERS, ServiceProfitChainQuery } from './leadership.graphql.js';
import { ChainLegend, ChainTable } from './ChainTable.js';
import { ChainDetail } from './ChainDetail.js';
import { anyEmployeeFigure, quarterLabels } from './chain.js';
import { LeadershipTabs, TeamLevelBreadcrumb } from './LeadershipNav.js';
import { heatmapSurveys } from './HeatmapPage.js';
import { NoLeadershipSurvey } from './figures.js';
import { SurveysQuery } from '../surveys/surveys.graphql.js';
import { useSearchParams } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { useLastData } from '../ui/hooks.js';
import { Button, Card, EmptyState, ErrorState, PageHeader, Skeleton, Spinner } from '../ui/components.js';

/** How many quarters the chain looks back over, as a segmented choice. */
function QuarterSelect({ value, onChange }: { value: number; onChange: (quarters: number) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={t('chain.quarters')}>
      {CHAIN_QUARTERS.map((n) => (
        <label key={n} className={`segment${value === n ? ' is-on' : ''}`}>
          <input type="radio" name="chain-quarters" checked={value === n} onChange={() => onChange(n)} />
          {t('chain.nQuarters', { count: n })}
        </label>
      ))}
    </div>
  );
}

/**
 * The service-profit chain, one level of the team tree at a time: per team and quarter, leader NPS →
 * eNPS → the NPS of the customers the team's people own → those customers' referrals, with the
 * complaints about the team. A team's name opens its chain as aligned charts below the table.
 */
export function ChainPage() {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('quarters'));
  const quarterCount = (CHAIN_QUARTERS as readonly number[]).includes(raw) ? raw : DEFAULT_CHAIN_QUARTERS;
  const parentTeamId = params.get('parent') || null;
  const variables = useMemo(() => ({ parentTeamId, quarters: quarterCount }), [parentTeamId, quarterCount]);
  const [result, reexecute] = useQuery({ query: ServiceProfitChainQuery, variables });
  const data = useLastData(result)?.serviceProfitChain;
  const quarters = useMemo(() => (data ? quarterLabels(data) : []), [data]);

  // The open chain: the team in the URL, else the first row (the whole team when drilled in).
  const selected = data?.rows.find((r) => r.team.id === params.get('team')) ?? data?.rows[0];
  const detailRef = useRef<HTMLDivElement>(null);
  const focusDetail = useRef(false);
  useEffect(() => {
    if (!focusDetail.current || !detailRef.current) return;
    focusDetail.current = false;
    detailRef.current.focus({ preventScroll: true });
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    detailRef.current.scrollIntoView?.({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
  }, [selected?.team.id]);
  const open = (teamId: string) => {
    focusDetail.current = true;
    setParams({ team: teamId });
    if (teamId === selected?.team.id) {
      // Already open: bring it into view all the same.
      detailRef.current?.focus({ preventScroll: true });
      detailRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
      focusDetail.current = false;
    }
  };
  const drill = (teamId: string | null) => setParams({ parent: teamId, team: null }, { replace: false });

  // No employee figure anywhere: is there no survey at all, or none in these quarters?
  const surveyed = data ? anyEmployeeFigure(data.rows) : true;
  const [surveysResult] = useQuery({ query: SurveysQuery, variables: { status: null }, pause: surveyed });
  const noSurveyYet = !surveyed && surveysResult.data != null && heatmapSurveys(surveysResult.data.surveys).length === 0;

  let body;
  if (result.error && !data) body = <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!data) body = <ChainSkeleton />;
  else
    body = (
      <>
        {noSurveyYet && (
          <Card>
            <NoLeadershipSurvey />
          </Card>
        )}
        <Card
          title={<TeamLevelBreadcrumb breadcrumb={data.breadcrumb} onLevel={drill} />}
          actions={
            <span className="muted small">
              {result.fetching && <Spinner size="sm" label={t('chain.updating')} />} {quarters[0]} – {quarters[quarters.length - 1]}{t('chain.shownFrom', { count: data.threshold })}
            </span>
          }
          className="heat-card"
        >
          {!surveyed && !noSurveyYet && surveysResult.data && (
            <div className="notice spc-notice" role="note">
              <p>
                {t('chain.noWave', { count: quarterCount })}
              </p>
              {quarterCount < 8 && (
                <Button size="sm" variant="ghost" onClick={() => setParams({ quarters: '8' })}>
                  {t('chain.lookBack8')}
                </Button>
              )}
            </div>
          )}
          {data.rows.length === 0 ? (
            <EmptyState title={t('chain.noTeams')} hint={data.parent ? t('chain.noSubTeams', { name: data.parent.name }) : t('chain.createTeams')} />
          ) : (
            <div className={result.fetching ? 'is-refreshing' : undefined}>
              <ChainTable chain={data} quarters={quarters} selectedId={selected?.team.id ?? null} onOpen={open} onDrill={drill} />
            </div>
          )}
          <ChainLegend quarters={quarters} threshold={data.threshold} />
          {data.rows.length > 0 && (
            <div className="list-actions">
              <span />
              <ExportCsvButton filename={csvFilename('service-chain')} columns={CHAIN_CSV()} load={async () => ({ rows: chainRows(data) })} />
            </div>
          )}
        </Card>
        {selected && (
          <div id="spc-detail" ref={detailRef} tabIndex={-1} className="spc-detail-wrap">
            <ChainDetail key={selected.team.id} row={selected} quarters={quarters} threshold={data.threshold} />
          </div>
        )}
      </>
    );

  return (
    <div className="page">
      <PageHeader
        title={t('leaders.title')}
        subtitle={t('chain.subtitle')}
        actions={<QuarterSelect value={quarterCount} onChange={(n) => setParams({ quarters: n === DEFAULT_CHAIN_QUARTERS ? null : String(n) })} />}
      />
      <LeadershipTabs />
      {body}
    </div>
  );
}

function ChainSkeleton() {
  return (
    <div className="card" aria-busy="true" aria-label={t('chain.loading')}>
      <Skeleton width={200} />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} width="100%" height={44} />
      ))}
    </div>
  );
}

type ChainCsvRow = { team: ChainRow['team']; customers: number; quarter: string; figures: ChainRow['quarters'][number] };

/** One line per team and quarter, as the table shows them. */
function chainRows(chain: ServiceProfitChain): ChainCsvRow[] {
  return chain.rows.flatMap((row) => row.quarters.map((figures, i) => ({ team: row.team, customers: row.customers, quarter: chain.quarters[i]?.label ?? '', figures })));
}

/** The chain on screen as a file; survey figures hidden by the anonymity rules stay hidden. */
const CHAIN_CSV = (): CsvColumn<ChainCsvRow>[] => [
  { header: t('chain.team'), value: (r) => r.team.name },
  { header: t('csv4.quarter'), value: (r) => r.quarter },
  { header: t('chain.leaderNpsLabel'), value: (r) => csvFigure(r.figures.leaderNps?.value, r.figures.leaderNps?.suppressed) },
  { header: 'eNPS', value: (r) => csvFigure(r.figures.enps?.value, r.figures.enps?.suppressed) },
  { header: t('chain.customerNpsLabel'), value: (r) => csvFigure(r.figures.customerNps?.value, r.figures.customerNps?.suppressed) },
  { header: t('chain.referralRateLabel'), value: (r) => r.figures.referralRate },
  { header: t('csv4.referrals'), value: (r) => r.figures.referrals },
  { header: t('chain.complaints'), value: (r) => r.figures.complaints },
  { header: t('csv4.breached'), value: (r) => r.figures.complaintsBreached },
  { header: t('csv4.customers'), value: (r) => r.customers },
];
