import { t } from '../i18n/index.js';
import { useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { SURVEY_STATUSES, SurveysQuery, type SurveyStatus } from './surveys.graphql.js';
import { AnonymousBadge, SurveyStatusBadge, purposeLabel } from './badges.js';
import { Link, useRouter, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, formatNumber, formatPercent, humanEnum } from '../ui/format.js';
import { Button, EmptyState, ErrorState, PageHeader, SkeletonRows } from '../ui/components.js';

export function SurveyListPage() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = (SURVEY_STATUSES as string[]).includes(raw) ? (raw as SurveyStatus) : null;
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SurveysQuery, variables: { status } });
  const surveys = data?.surveys;

  return (
    <div className="page">
      <PageHeader
        title={t('surveys.title')}
        subtitle={surveys ? `${t('surveys.count', { count: surveys.length })}${status ? ` · ${humanEnum(status).toLowerCase()}` : ''}` : t('surveys.subtitle')}
        actions={
          isAdmin && (
            <Button variant="primary" onClick={() => navigate('/surveys/new')}>
              {t('surveys.new')}
            </Button>
          )
        }
      />
      <div className="toolbar toolbar-slim" role="search">
        <div className="segmented" role="radiogroup" aria-label={t('surveys.status')}>
          {[null, ...SURVEY_STATUSES].map((s) => (
            <label key={s ?? 'all'} className={`segment${status === s ? ' is-on' : ''}`}>
              <input type="radio" name="survey-status" checked={status === s} onChange={() => setParams({ status: s })} />
              {s ? humanEnum(s) : t('surveys.all')}
            </label>
          ))}
        </div>
        {surveys && surveys.length > 0 && <ExportCsvButton filename={csvFilename('surveys')} columns={CSV_COLUMNS()} load={async () => ({ rows: surveys })} />}
      </div>
      {error && !data ? (
        <ErrorState problems={problemsOf(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div className="table-wrap" aria-busy={fetching}>
          <table className="table table-clickable">
            <caption className="sr-only">{t('surveys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.colTitle')}</th>
                <th scope="col">{t('surveys.colAudience')}</th>
                <th scope="col">{t('surveys.colPurpose')}</th>
                <th scope="col">{t('surveys.colStatus')}</th>
                <th scope="col" className="num">
                  {t('surveys.colWaves')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.colInvited')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.colResponses')}
                </th>
                <th scope="col" className="col-optional">
                  {t('surveys.colCreated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {!surveys && <SkeletonRows rows={5} columns={8} />}
              {surveys?.map((s) => {
                const rate = s.invitationCount ? formatPercent(s.responseCount / s.invitationCount) : null;
                return (
                  <tr key={s.id} onClick={() => navigate(`/surveys/${s.id}`)} className={s.status === 'CLOSED' ? 'row-closed' : undefined} data-survey={s.id}>
                    <td>
                      <Link to={`/surveys/${s.id}`} className="person-name" onClick={(e) => e.stopPropagation()}>
                        {s.title}
                      </Link>
                      <div className="badge-row survey-row-badges">
                        <AnonymousBadge anonymous={s.anonymous} />
                        {s.recurring && <span className="kind-badge">{t('surveys.recurring')}</span>}
                      </div>
                    </td>
                    <td>{humanEnum(s.audience)}</td>
                    <td>{purposeLabel(s.purpose)}</td>
                    <td>
                      <SurveyStatusBadge status={s.status} />
                    </td>
                    <td className="num tabular">{s.waves.length || <span className="muted">—</span>}</td>
                    <td className="num tabular">{formatNumber(s.invitationCount)}</td>
                    <td className="num tabular">
                      {formatNumber(s.responseCount)}
                      {rate !== null && <span className="muted small"> · {rate}</span>}
                    </td>
                    <td className="nowrap col-optional">{formatDate(s.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {surveys && surveys.length === 0 && (
            <EmptyState
              title={status ? t('surveys.noneWithStatus', { status: humanEnum(status).toLowerCase() }) : t('surveys.empty')}
              hint={status ? t('surveys.tryAnotherStatus') : t('surveys.emptyHint')}
              action={
                isAdmin && !status ? (
                  <Button size="sm" variant="primary" onClick={() => navigate('/surveys/new')}>
                    {t('surveys.new')}
                  </Button>
                ) : undefined
              }
            />
          )}
        </div>
      )}
    </div>
  );
}

type SurveyRow = ResultOf<typeof SurveysQuery>['surveys'][number];

/** The survey list as a file, with the status filter on screen (the list is never paged). */
const CSV_COLUMNS = (): CsvColumn<SurveyRow>[] => [
  { header: t('surveys.colTitle'), value: (s) => s.title },
  { header: t('surveys.colAudience'), value: (s) => humanEnum(s.audience) },
  { header: t('surveys.colPurpose'), value: (s) => purposeLabel(s.purpose) },
  { header: t('surveys.colStatus'), value: (s) => humanEnum(s.status) },
  { header: t('csv2.anonymous'), value: (s) => (s.anonymous ? t('surveys.anonymous') : t('surveys.named')) },
  { header: t('surveys.colWaves'), value: (s) => s.waves.length },
  { header: t('surveys.colInvited'), value: (s) => s.invitationCount },
  { header: t('surveys.colResponses'), value: (s) => s.responseCount },
  { header: t('surveys.colCreated'), value: (s) => s.createdAt.slice(0, 10) },
];
