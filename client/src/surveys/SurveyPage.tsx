import { t } from '../i18n/index.js';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import {
  CloseSurveyMutation,
  CustomerSegmentsQuery,
  OpenSurveyMutation,
  questionTypeLabel,
  StartSurveyWaveMutation,
  SurveyQuery,
  SurveyResultsChangedSubscription,
  SurveyResultsQuery,
  TENURE_BANDS,
  type ResultSlice,
  type SurveyDetail,
  type SurveyResults,
} from './surveys.graphql.js';
import { AnonymousBadge, SurveyStatusBadge, purposeLabel } from './badges.js';
import { InvitePanel } from './InvitePanel.js';
import { PromoterAskPanel, canAskPromoters } from './PromoterAskPanel.js';
import { ResultsBody } from './ResultsView.js';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFigure, csvFilename, type CsvColumn } from '../ui/csv.js';
import type { QuestionResult } from './surveys.graphql.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { socketStatusStore } from '../lib/client.js';
import { useLiveBatch } from '../lib/live-context.js';
import { Link, useRouter } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, formatNumber, formatPercent, formatRelative, humanEnum } from '../ui/format.js';
import { useNow } from '../ui/hooks.js';
import { Badge, Button, Card, ErrorState, PageHeader, Skeleton, Spinner } from '../ui/components.js';

export function SurveyPage({ id }: { id: string }) {
  const [result, reexecute] = useQuery({ query: SurveyQuery, variables: { id } });
  const data = result.data;
  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Crumbs title={t('survey2.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('survey2.doesNotExist') : t('survey2.loadFailed')}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label={t('survey2.loading')}>
        <Skeleton width={160} />
        <Skeleton width={360} height={32} />
        <Skeleton width="100%" height={120} />
      </div>
    );
  return <SurveyView survey={data.survey} refresh={() => reexecute({ requestPolicy: 'network-only' })} />;
}

function Crumbs({ title }: { title: string }) {
  return (
    <nav className="breadcrumb" aria-label={t('survey2.breadcrumb')}>
      <Link to="/surveys">{t('surveys.title')}</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{title}</span>
    </nav>
  );
}

function ProblemLine({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error status-error" role="alert">
      {problemsOf(error).map((p, i) => (
        <span key={i}>
          <strong>{p.title}.</strong> {p.message} <code className="error-code">{p.code}</code>
        </span>
      ))}
    </p>
  );
}

function SurveyActions({ survey, refresh }: { survey: SurveyDetail; refresh: () => void }) {
  const { navigate } = useRouter();
  const [openState, open] = useMutation(OpenSurveyMutation);
  const [closeState, close] = useMutation(CloseSurveyMutation);
  const [waveState, startWave] = useMutation(StartSurveyWaveMutation);
  const [confirmClose, setConfirmClose] = useState(false);
  const [confirmWave, setConfirmWave] = useState(false);
  const busy = openState.fetching || closeState.fetching || waveState.fetching;
  const error = openState.error ?? closeState.error ?? waveState.error;
  const locked = survey.status === 'CLOSED' || (survey.status === 'OPEN' && survey.responseCount > 0);
  return (
    <div className="survey-actions">
      <div className="status-actions" role="group" aria-label={t('survey2.actions')}>
        {!locked && (
          <Button size="sm" onClick={() => navigate(`/surveys/${survey.id}/edit`)}>
            {t('survey2.editQuestions')}
          </Button>
        )}
        {survey.status === 'DRAFT' && (
          <Button size="sm" variant="primary" busy={openState.fetching} disabled={busy} onClick={() => void open({ surveyId: survey.id })}>
            {t('survey2.open')}
          </Button>
        )}
        {survey.status === 'OPEN' && survey.recurring && !confirmWave && (
          <Button size="sm" disabled={busy} onClick={() => setConfirmWave(true)}>
            {t('survey2.nextWave')}
          </Button>
        )}
        {confirmWave && (
          <span className="confirm">
            <span className="muted small">{t('survey2.closeWaveConfirm', { number: survey.waves[survey.waves.length - 1]?.number })}</span>
            <Button
              size="sm"
              variant="primary"
              busy={waveState.fetching}
              onClick={async () => {
                const r = await startWave({ surveyId: survey.id });
                setConfirmWave(false);
                if (r.data) refresh();
              }}
            >
              {t('survey2.startWave')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmWave(false)}>
              {t('survey2.cancel')}
            </Button>
          </span>
        )}
        {survey.status === 'OPEN' && !confirmClose && (
          <Button size="sm" variant="danger" disabled={busy} onClick={() => setConfirmClose(true)}>
            {t('survey2.close')}
          </Button>
        )}
        {confirmClose && (
          <span className="confirm">
            <span className="muted small">{t('survey2.closeConfirm')}</span>
            <Button
              size="sm"
              variant="danger"
              type="submit"
              busy={closeState.fetching}
              onClick={async () => {
                await close({ surveyId: survey.id });
                setConfirmClose(false);
              }}
            >
              {t('survey2.close')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmClose(false)}>
              {t('survey2.cancel')}
            </Button>
          </span>
        )}
      </div>
      <ProblemLine error={error} />
    </div>
  );
}

function SurveyView({ survey: s, refresh }: { survey: SurveyDetail; refresh: () => void }) {
  const { isAdmin } = useSession();
  const wave = s.waves[s.waves.length - 1];
  const rate = s.invitationCount ? formatPercent(s.responseCount / s.invitationCount) : null;
  return (
    <div className="page">
      <Crumbs title={s.title} />
      <PageHeader
        title={s.title}
        eyebrow={`${humanEnum(s.audience)} · ${purposeLabel(s.purpose)}`}
        subtitle={
          <span className="badge-row">
            <SurveyStatusBadge status={s.status} />
            <AnonymousBadge anonymous={s.anonymous} />
            {s.recurring && <span className="kind-badge">{t('survey2.recurring')}</span>}
            <span className="muted small">{t('survey2.created', { date: formatDate(s.createdAt) })}</span>
          </span>
        }
        actions={isAdmin && <SurveyActions survey={s} refresh={refresh} />}
      />
      {s.description && <p className="survey-description prewrap">{s.description}</p>}
      <dl className="stat-tiles survey-tiles">
        <div>
          <dt>{t('survey2.wave')}</dt>
          <dd>{wave ? (wave.closedAt ? t('survey2.waveClosed', { number: wave.number }) : `${wave.number}`) : '—'}</dd>
        </div>
        <div>
          <dt>{t('survey2.invited')}</dt>
          <dd data-testid="survey-invited">{formatNumber(s.invitationCount)}</dd>
        </div>
        <div>
          <dt>{t('survey2.responses')}</dt>
          <dd data-testid="survey-responses">
            {formatNumber(s.responseCount)}
            {rate != null && <span className="small muted"> · {rate}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('survey2.questions')}</dt>
          <dd>{s.questions.length}</dd>
        </div>
      </dl>
      {s.status === 'DRAFT' && (
        <div className="notice">
          <p>
            <strong>{t('survey2.draftLead')}</strong> {t('survey2.draftText')}
          </p>
        </div>
      )}
      <div className="survey-grid">
        <div className="stack">
          {s.status !== 'DRAFT' && <ResultsPanel survey={s} onLive={refresh} />}
          {s.status === 'DRAFT' && <QuestionsCard survey={s} />}
        </div>
        <div className="stack">
          {s.status === 'OPEN' && isAdmin && <InvitePanel survey={s} onInvited={refresh} />}
          {isAdmin && canAskPromoters(s) && <PromoterAskPanel survey={s} />}
          {s.status === 'CLOSED' && (
            <Card title={t('survey2.invitations')}>
              <p className="muted">{t('survey2.closedNoInvite')}</p>
            </Card>
          )}
          {s.status !== 'DRAFT' && <QuestionsCard survey={s} />}
          {s.waves.length > 0 && (
            <Card title={t('survey2.waves')}>
              <ol className="wave-list">
                {[...s.waves].reverse().map((w) => (
                  <li key={w.id}>
                    <strong>{t('survey2.waveN', { number: w.number })}</strong>{' '}
                    <span className="muted">
                      {formatDate(w.openedAt)} – {w.closedAt ? formatDate(w.closedAt) : t('survey2.running')}
                    </span>
                  </li>
                ))}
              </ol>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

function QuestionsCard({ survey }: { survey: SurveyDetail }) {
  return (
    <Card title={t('survey2.questions')}>
      <ol className="question-summary">
        {survey.questions.map((q) => (
          <li key={q.id}>
            <span className="question-summary-prompt">{q.prompt}</span>
            <span className="badge-row">
              <span className="kind-badge">{questionTypeLabel(q.type)}</span>
              {q.type === 'RATING' && <span className="muted small">1–{q.scaleMax}</span>}
              {q.options.length > 0 && <span className="muted small">{q.options.join(' · ')}</span>}
              {!q.required && <span className="muted small">{t('survey2.optional')}</span>}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

type GroupKind = '' | 'team' | 'leader' | 'tenure' | 'segment';

function sliceKey(slice: ResultSlice): string {
  return JSON.stringify(slice);
}

/**
 * Results for one slice (wave × at most one group). The first answer comes
 * from the query; after that `surveyResultsChanged` pushes recomputed results
 * for the same slice, which replace the numbers in place.
 */
function ResultsPanel({ survey, onLive }: { survey: SurveyDetail; onLive: () => void }) {
  const employees = survey.audience === 'EMPLOYEES';
  const [waveId, setWaveId] = useState('');
  const [kind, setKind] = useState<GroupKind>('');
  const [teamId, setTeamId] = useState('');
  const [leader, setLeader] = useState<PickedEmployee | null>(null);
  const [tenure, setTenure] = useState('');
  const [segment, setSegment] = useState('');
  const [segmentsResult] = useQuery({ query: CustomerSegmentsQuery, variables: {}, pause: employees, requestPolicy: 'cache-first' });
  const segments = useMemo(
    () => segmentsResult.data?.customerSegments ?? [],
    [segmentsResult.data],
  );

  const slice = useMemo<ResultSlice>(() => {
    const out: ResultSlice = {};
    if (waveId) out.waveId = waveId;
    if (kind === 'team' && teamId) out.teamId = teamId;
    if (kind === 'leader' && leader) out.subjectLeaderId = leader.id;
    if (kind === 'tenure' && tenure) out.tenureBand = tenure;
    if (kind === 'segment' && segment) out.customerSegment = segment;
    return out;
  }, [waveId, kind, teamId, leader, tenure, segment]);
  const key = sliceKey(slice);
  const variables = useMemo(() => ({ surveyId: survey.id, slice: Object.keys(slice).length ? slice : null }), [survey.id, slice]);
  const [query, reexecute] = useQuery({ query: SurveyResultsQuery, variables, requestPolicy: 'cache-and-network' });

  // Pushed results for the current slice, tagged with it: results pushed for an earlier slice are ignored.
  type Live = { key: string; results: SurveyResults; at: Date };
  const [{ data: pushed }] = useSubscription<{ surveyResultsChanged: SurveyResults }, Live, typeof variables>(
    { query: SurveyResultsChangedSubscription, variables, pause: survey.status !== 'OPEN' },
    (_prev, data) => ({ key, results: data.surveyResultsChanged, at: new Date() }),
  );
  // Once the survey closes its figures are final: drop what was pushed while it ran and fetch them once.
  const open = survey.status === 'OPEN';
  const live = open && pushed?.key === key ? pushed : null;
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) reexecute({ requestPolicy: 'network-only' });
    wasOpen.current = open;
  }, [open, reexecute]);
  // The survey's own counts (responses, invited) follow, at most every second; after a reconnect the results are fetched again.
  const [, bumpCounts] = useLiveBatch(1000, { onBatch: onLive, onReconnect: () => reexecute({ requestPolicy: 'network-only' }) });
  useEffect(() => {
    if (pushed) bumpCounts();
  }, [pushed, bumpCounts]);
  const status = useSyncExternalStore(socketStatusStore.subscribe, socketStatusStore.get);

  const kept = useRef<SurveyResults | undefined>(undefined);
  const current = live ? live.results : query.data?.surveyResults;
  if (current) kept.current = current;
  const shown = current ?? (query.fetching ? kept.current : undefined);
  const now = useNow(10_000);
  const connected = status === 'connected';

  const groupControl = () => {
    if (kind === 'team') return <TeamSelect id="results-team" aria-label={t('survey2.team')} value={teamId} emptyLabel={t('survey2.chooseTeam')} onChange={setTeamId} />;
    if (kind === 'leader') return <EmployeePicker id="results-leader" value={leader} onChange={setLeader} placeholder={t('survey2.chooseLeader')} />;
    if (kind === 'tenure')
      return (
        <select id="results-tenure" aria-label={t('survey2.tenureBand')} value={tenure} onChange={(e) => setTenure(e.target.value)}>
          <option value="">{t('survey2.chooseBand')}</option>
          {TENURE_BANDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      );
    if (kind === 'segment')
      return (
        <select id="results-segment" aria-label={t('survey2.customerSegment')} value={segment} onChange={(e) => setSegment(e.target.value)}>
          <option value="">{t('survey2.chooseSegment')}</option>
          {segments.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      );
    return null;
  };

  const notAvailable = query.error && problemsOf(query.error).some((p) => /surveyResults|ResultSlice/.test(p.message) && p.code !== 'BAD_USER_INPUT');

  return (
    <Card
      title={t('survey2.results')}
      className="results-card"
      actions={
        survey.status === 'CLOSED' ? (
          // A closed survey takes no more answers: its results are final, not live.
          <span className="live-indicator" data-live="closed">
            {t('survey2.closedFinal')}
          </span>
        ) : (
          <span className={`live-indicator${connected ? ' is-live' : ''}`} role="status" aria-live="polite" data-live={connected ? 'on' : 'off'}>
            <span className="live-dot" aria-hidden="true" />
            {connected ? t('live.live') : status === 'reconnecting' ? t('live.reconnecting') : t('live.connecting')}
            {live && <span className="live-updated">{t('live.updated', { when: formatRelative(live.at, now) })}</span>}
          </span>
        )
      }
    >
      <div className="results-controls" role="group" aria-label={t('survey2.resultsFor')}>
        <div className="toolbar-field">
          <label htmlFor="results-wave">{t('survey2.wave')}</label>
          <select id="results-wave" value={waveId} onChange={(e) => setWaveId(e.target.value)}>
            <option value="">{t('survey2.latestWave')}</option>
            {[...survey.waves].reverse().map((w) => (
              <option key={w.id} value={w.id}>
                {t('survey2.waveOption', { number: w.number, date: formatDate(w.openedAt) })}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="results-group">{t('survey2.group')}</label>
          <select id="results-group" value={kind} onChange={(e) => setKind(e.target.value as GroupKind)}>
            <option value="">{t('survey2.wholeSurvey')}</option>
            {employees ? (
              <>
                <option value="team">{t('survey2.aTeam')}</option>
                <option value="leader">{t('survey2.aLeader')}</option>
                <option value="tenure">{t('survey2.aTenure')}</option>
              </>
            ) : (
              <option value="segment">{t('survey2.aSegment')}</option>
            )}
          </select>
        </div>
        {kind && <div className="toolbar-field results-group-value">{groupControl()}</div>}
        {query.fetching && shown && <Spinner size="sm" label={t('survey2.updating')} />}
      </div>
      {shown && (
        <p className="results-group-label muted">
          {t('survey2.groupWave', { group: shown.groupLabel, number: shown.waveNumber })}
        </p>
      )}
      {notAvailable ? (
        <div className="notice">
          <p>
            <strong>{t('survey2.notAvailableLead')}</strong> {t('survey2.notAvailableText')}
          </p>
        </div>
      ) : query.error && !shown ? (
        <ErrorState problems={problemsOf(query.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !shown ? (
        <div className="results-loading" aria-busy="true">
          <Skeleton width="100%" height={64} />
          <Skeleton width="100%" height={120} />
        </div>
      ) : (
        <div className={query.fetching && !current ? 'is-refreshing' : undefined}>
          <ResultsBody results={shown} audience={survey.audience} />
          <div className="list-actions">
            <span />
            <ExportCsvButton filename={csvFilename('survey-results')} columns={resultsCsv(shown)} load={async () => ({ rows: shown.questions })} />
          </div>
        </div>
      )}
      {survey.anonymous && (
        <p className="muted small">
          <Badge tone="accent">{t('survey2.anonymous')}</Badge> {t('survey2.anonymousNote')}
        </p>
      )}
    </Card>
  );
}

/**
 * The results on screen (this wave and group) as a file, one line per question. A figure the server
 * hid — the whole group or one question — is written as the hidden mark, as the page shows it.
 */
function resultsCsv(results: SurveyResults): CsvColumn<QuestionResult>[] {
  const hidden = (q: QuestionResult) => q.suppressed ?? results.suppressed;
  return [
    { header: t('csv5.group'), value: () => results.groupLabel },
    { header: t('csv5.wave'), value: () => results.waveNumber },
    { header: t('csv5.number'), value: (q) => results.questions.indexOf(q) + 1 },
    { header: t('csv5.question'), value: (q) => q.question.prompt },
    { header: t('csv5.type'), value: (q) => questionTypeLabel(q.question.type) },
    { header: t('csv5.answered'), value: (q) => csvFigure(q.answered, hidden(q)) },
    { header: t('csv5.score'), value: (q) => (q.question.type === 'NPS' ? csvFigure(q.nps?.score, hidden(q)) : null) },
    { header: t('csv5.csat'), value: (q) => (q.question.type === 'RATING' ? csvFigure(q.csat, hidden(q)) : null) },
    { header: t('csv5.mean'), value: (q) => (q.question.type === 'RATING' ? csvFigure(q.mean, hidden(q)) : null) },
  ];
}
