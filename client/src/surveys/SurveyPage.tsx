import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import {
  CloseSurveyMutation,
  CustomerSegmentsQuery,
  OpenSurveyMutation,
  QUESTION_TYPE_LABELS,
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
        <Crumbs title="Not found" />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? 'This survey doesn’t exist' : 'Couldn’t load this survey'}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label="Loading survey">
        <Skeleton width={160} />
        <Skeleton width={360} height={32} />
        <Skeleton width="100%" height={120} />
      </div>
    );
  return <SurveyView survey={data.survey} refresh={() => reexecute({ requestPolicy: 'network-only' })} />;
}

function Crumbs({ title }: { title: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/surveys">Surveys</Link>
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
      <div className="status-actions" role="group" aria-label="Survey actions">
        {!locked && (
          <Button size="sm" onClick={() => navigate(`/surveys/${survey.id}/edit`)}>
            Edit questions
          </Button>
        )}
        {survey.status === 'DRAFT' && (
          <Button size="sm" variant="primary" busy={openState.fetching} disabled={busy} onClick={() => void open({ surveyId: survey.id })}>
            Open survey
          </Button>
        )}
        {survey.status === 'OPEN' && survey.recurring && !confirmWave && (
          <Button size="sm" disabled={busy} onClick={() => setConfirmWave(true)}>
            Start next wave
          </Button>
        )}
        {confirmWave && (
          <span className="confirm">
            <span className="muted small">Close wave {survey.waves[survey.waves.length - 1]?.number} and start the next?</span>
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
              Start wave
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmWave(false)}>
              Cancel
            </Button>
          </span>
        )}
        {survey.status === 'OPEN' && !confirmClose && (
          <Button size="sm" variant="danger" disabled={busy} onClick={() => setConfirmClose(true)}>
            Close survey
          </Button>
        )}
        {confirmClose && (
          <span className="confirm">
            <span className="muted small">Links stop working. Close?</span>
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
              Close survey
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmClose(false)}>
              Cancel
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
            {s.recurring && <span className="kind-badge">Recurring</span>}
            <span className="muted small">Created {formatDate(s.createdAt)}</span>
          </span>
        }
        actions={isAdmin && <SurveyActions survey={s} refresh={refresh} />}
      />
      {s.description && <p className="survey-description prewrap">{s.description}</p>}
      <dl className="stat-tiles survey-tiles">
        <div>
          <dt>Wave</dt>
          <dd>{wave ? `${wave.number}${wave.closedAt ? ' (closed)' : ''}` : '—'}</dd>
        </div>
        <div>
          <dt>Invited</dt>
          <dd data-testid="survey-invited">{formatNumber(s.invitationCount)}</dd>
        </div>
        <div>
          <dt>Responses</dt>
          <dd data-testid="survey-responses">
            {formatNumber(s.responseCount)}
            {rate != null && <span className="small muted"> · {rate}</span>}
          </dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>{s.questions.length}</dd>
        </div>
      </dl>
      {s.status === 'DRAFT' && (
        <div className="notice">
          <p>
            <strong>This survey is a draft.</strong> Check the questions, then open it to start wave 1 and invite people. Questions can change until the first response arrives.
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
            <Card title="Invitations">
              <p className="muted">This survey is closed: its links no longer work and nobody can be invited.</p>
            </Card>
          )}
          {s.status !== 'DRAFT' && <QuestionsCard survey={s} />}
          {s.waves.length > 0 && (
            <Card title="Waves">
              <ol className="wave-list">
                {[...s.waves].reverse().map((w) => (
                  <li key={w.id}>
                    <strong>Wave {w.number}</strong>{' '}
                    <span className="muted">
                      {formatDate(w.openedAt)} – {w.closedAt ? formatDate(w.closedAt) : 'running'}
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
    <Card title="Questions">
      <ol className="question-summary">
        {survey.questions.map((q) => (
          <li key={q.id}>
            <span className="question-summary-prompt">{q.prompt}</span>
            <span className="badge-row">
              <span className="kind-badge">{QUESTION_TYPE_LABELS[q.type]}</span>
              {q.type === 'RATING' && <span className="muted small">1–{q.scaleMax}</span>}
              {q.options.length > 0 && <span className="muted small">{q.options.join(' · ')}</span>}
              {!q.required && <span className="muted small">optional</span>}
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
    if (kind === 'team') return <TeamSelect id="results-team" aria-label="Team" value={teamId} emptyLabel="Choose a team…" onChange={setTeamId} />;
    if (kind === 'leader') return <EmployeePicker id="results-leader" value={leader} onChange={setLeader} placeholder="Choose a leader…" />;
    if (kind === 'tenure')
      return (
        <select id="results-tenure" aria-label="Tenure band" value={tenure} onChange={(e) => setTenure(e.target.value)}>
          <option value="">Choose a band…</option>
          {TENURE_BANDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      );
    if (kind === 'segment')
      return (
        <select id="results-segment" aria-label="Customer segment" value={segment} onChange={(e) => setSegment(e.target.value)}>
          <option value="">Choose a segment…</option>
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
      title="Results"
      className="results-card"
      actions={
        survey.status === 'CLOSED' ? (
          // A closed survey takes no more answers: its results are final, not live.
          <span className="live-indicator" data-live="closed">
            Closed · final results
          </span>
        ) : (
          <span className={`live-indicator${connected ? ' is-live' : ''}`} role="status" aria-live="polite" data-live={connected ? 'on' : 'off'}>
            <span className="live-dot" aria-hidden="true" />
            {connected ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
            {live && <span className="live-updated"> · updated {formatRelative(live.at, now)}</span>}
          </span>
        )
      }
    >
      <div className="results-controls" role="group" aria-label="Results for">
        <div className="toolbar-field">
          <label htmlFor="results-wave">Wave</label>
          <select id="results-wave" value={waveId} onChange={(e) => setWaveId(e.target.value)}>
            <option value="">Latest wave</option>
            {[...survey.waves].reverse().map((w) => (
              <option key={w.id} value={w.id}>
                Wave {w.number} · {formatDate(w.openedAt)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="results-group">Group</label>
          <select id="results-group" value={kind} onChange={(e) => setKind(e.target.value as GroupKind)}>
            <option value="">Whole survey</option>
            {employees ? (
              <>
                <option value="team">A team</option>
                <option value="leader">A leader’s reports</option>
                <option value="tenure">A tenure band</option>
              </>
            ) : (
              <option value="segment">A customer segment</option>
            )}
          </select>
        </div>
        {kind && <div className="toolbar-field results-group-value">{groupControl()}</div>}
        {query.fetching && shown && <Spinner size="sm" label="Updating results" />}
      </div>
      {shown && (
        <p className="results-group-label muted">
          {shown.groupLabel} · wave {shown.waveNumber}
        </p>
      )}
      {notAvailable ? (
        <div className="notice">
          <p>
            <strong>Results aren’t available from this server yet.</strong> Responses are being collected; figures will appear here once the results API is deployed.
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
        </div>
      )}
      {survey.anonymous && (
        <p className="muted small">
          <Badge tone="accent">Anonymous</Badge> Groups with too few responses, and groups that could be worked out from other groups, are hidden by the server for every viewer.
        </p>
      )}
    </Card>
  );
}
