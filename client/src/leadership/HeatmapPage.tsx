import { t } from '../i18n/index.js';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { TeamHeatmapQuery, type HeatmapVars } from './leadership.graphql.js';
import { HeatmapGrid, HeatmapLegend } from './HeatmapGrid.js';
import { LeadershipTabs, TeamLevelBreadcrumb } from './LeadershipNav.js';
import { NoLeadershipSurvey } from './figures.js';
import { SurveysQuery, type SurveyRow } from '../surveys/surveys.graphql.js';
import { purposeLabel } from '../surveys/badges.js';
import { useSearchParams } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { useLastData } from '../ui/hooks.js';
import { formatDate } from '../ui/format.js';
import { Card, EmptyState, ErrorState, PageHeader, Skeleton, Spinner } from '../ui/components.js';

/** Employee surveys a heatmap can show: leadership (upward feedback) and engagement, with at least one wave. */
export function heatmapSurveys(surveys: SurveyRow[]): SurveyRow[] {
  return surveys
    .filter((s) => s.audience === 'EMPLOYEES' && (s.purpose === 'LEADERSHIP' || s.purpose === 'ENGAGEMENT') && s.waves.length > 0)
    .sort((a, b) => latestWaveAt(b).localeCompare(latestWaveAt(a)));
}

const latestWaveAt = (s: SurveyRow) => s.waves[s.waves.length - 1]?.openedAt ?? s.createdAt;

/** "Wave 3" or "Waves 1–3 (pooled)". */
export function describeWaves(waves: Array<{ number: number }>): string {
  if (waves.length === 0) return t('heatmap.noWaves');
  const first = waves[0].number;
  const last = waves[waves.length - 1].number;
  return first === last ? t('heatmap.wave', { n: first }) : t('heatmap.waves', { first, last });
}

/** Teams × items of one employee survey, a wave or a pooled range, with drill-down into sub-teams. */
export function HeatmapPage() {
  const [params, setParams] = useSearchParams();
  const [surveysResult, refetchSurveys] = useQuery({ query: SurveysQuery, variables: { status: null } });
  const surveys = useMemo(() => (surveysResult.data ? heatmapSurveys(surveysResult.data.surveys) : undefined), [surveysResult.data]);
  const survey = surveys?.find((s) => s.id === params.get('survey')) ?? surveys?.[0];
  const waveNumbers = survey?.waves.map((w) => w.number) ?? [];
  // By default the latest closed wave (a running one is still collecting answers), like the leaders list.
  const latest = (survey?.waves.findLast((w) => w.closedAt) ?? survey?.waves[survey.waves.length - 1])?.number;
  const num = (name: string) => {
    const n = Number(params.get(name));
    return waveNumbers.includes(n) ? n : undefined;
  };
  const fromWave = num('from') ?? latest;
  const toWave = num('to') ?? latest;
  const parentTeamId = params.get('parent') || null;

  const variables = useMemo<HeatmapVars | undefined>(
    () => (survey ? { surveyId: survey.id, parentTeamId, fromWave: fromWave ?? null, toWave: toWave ?? null } : undefined),
    [survey, parentTeamId, fromWave, toWave],
  );
  const [result, reexecute] = useQuery({ query: TeamHeatmapQuery, variables: variables!, pause: !variables });
  const data = useLastData(result)?.teamHeatmap;

  const setRange = (from: number, to: number) => {
    const [a, b] = from <= to ? [from, to] : [to, from];
    setParams({ from: a === latest && b === latest ? null : String(a), to: b === latest ? null : String(b) });
  };

  let body;
  if (surveysResult.error && !surveysResult.data)
    body = <ErrorState problems={problemsOf(surveysResult.error)} onRetry={() => refetchSurveys({ requestPolicy: 'network-only' })} />;
  else if (!surveys) body = <HeatmapSkeleton />;
  else if (!survey)
    body = (
      <Card>
        <NoLeadershipSurvey />
      </Card>
    );
  else if (result.error && !data) body = <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!data) body = <HeatmapSkeleton />;
  else
    body = (
      <Card
        title={
          <TeamLevelBreadcrumb breadcrumb={data.breadcrumb} onLevel={(id) => setParams({ parent: id }, { replace: false })} />
        }
        actions={
          <span className="muted small">
            {result.fetching && <Spinner size="sm" label={t('heatmap.updating')} />} {describeWaves(data.waves)}
            {data.waves.length > 0 && ` · ${formatDate(data.waves[0].openedAt)}`}{t('heatmap.shownFrom', { count: data.threshold })}
          </span>
        }
        className="heat-card"
      >
        {data.rows.length === 0 ? (
          <EmptyState title={t('heatmap.noTeams')} hint={data.parent ? t('heatmap.noSubTeams', { name: data.parent.name }) : t('heatmap.nobodyInvited')} />
        ) : (
          <div className={result.fetching ? 'is-refreshing' : undefined}>
            <HeatmapGrid heatmap={data} onDrill={(id) => setParams({ parent: id }, { replace: false })} />
          </div>
        )}
        <HeatmapLegend columns={data.columns} threshold={data.threshold} />
        {data.rows.length > 0 && (
          <div className="list-actions">
            <span />
            <ExportCsvButton filename={csvFilename('heatmap')} columns={heatmapCsv(data)} load={async () => ({ rows: data.rows })} />
          </div>
        )}
      </Card>
    );

  return (
    <div className="page">
      <PageHeader title={t('leaders.title')} subtitle={t('heatmap.subtitle')} />
      <LeadershipTabs />
      {surveys && survey && (
        <div className="toolbar" role="search">
          <div className="toolbar-field toolbar-search">
            <label htmlFor="heatmap-survey">{t('heatmap.survey')}</label>
            <select id="heatmap-survey" value={survey.id} onChange={(e) => setParams({ survey: e.target.value, from: null, to: null, parent: null })}>
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} · {purposeLabel(s.purpose)}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-field heat-wave">
            <label htmlFor="heatmap-from">{t('heatmap.fromWave')}</label>
            <select id="heatmap-from" value={fromWave} onChange={(e) => setRange(Number(e.target.value), toWave ?? Number(e.target.value))}>
              {survey.waves.map((w) => (
                <option key={w.id} value={w.number}>
                  {t('survey2.waveOption', { number: w.number, date: formatDate(w.openedAt) })}
                  {w.closedAt ? '' : ' (running)'}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-field heat-wave">
            <label htmlFor="heatmap-to">{t('heatmap.toWave')}</label>
            <select id="heatmap-to" value={toWave} onChange={(e) => setRange(fromWave ?? Number(e.target.value), Number(e.target.value))}>
              {survey.waves.map((w) => (
                <option key={w.id} value={w.number}>
                  {t('survey2.waveOption', { number: w.number, date: formatDate(w.openedAt) })}
                  {w.closedAt ? '' : ' (running)'}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {body}
    </div>
  );
}

function HeatmapSkeleton() {
  return (
    <div className="card" aria-busy="true" aria-label={t('heatmap.loading')}>
      <Skeleton width={200} />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} width="100%" height={32} />
      ))}
    </div>
  );
}

type HeatmapData = ResultOf<typeof TeamHeatmapQuery>['teamHeatmap'];

/** The heatmap on screen as a file: one row per team, one column per item; hidden cells stay hidden. */
function heatmapCsv(heatmap: HeatmapData): CsvColumn<HeatmapData['rows'][number]>[] {
  return [
    { header: t('heatmap.team'), value: (r) => r.team.name },
    { header: t('heatmap.responses'), value: (r) => csvFigure(r.responses, r.suppressed) },
    ...heatmap.columns.map((c): CsvColumn<HeatmapData['rows'][number]> => ({
      header: c.label,
      value: (r) => {
        const cell = r.cells.find((x) => x.key === c.key);
        return csvFigure(cell?.value, cell?.suppressed ?? r.suppressed);
      },
    })),
  ];
}
