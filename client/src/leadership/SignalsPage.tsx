import { t } from '../i18n/index.js';
import { useMemo, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import {
  AcknowledgeTrustSignalMutation,
  EvaluateTrustSignalsMutation,
  TrustSignalsQuery,
  type SignalEvidence,
  type TrustSignal,
  type TrustSignalRule,
  type TrustSignalHistoryEntry,
  type TrustSignalRuleInfo,
} from './leadership.graphql.js';
import { LeadershipTabs } from './LeadershipNav.js';
import { LevelBadge, ruleTitle } from './figures.js';
import { FRESH_MS, mergeArrivals, useTrustSignalLive, type SignalArrival } from './live.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link, useSearchParams } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf, splitProblems } from '../lib/errors.js';
import { useLastData, useNow } from '../ui/hooks.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDateTime, formatNumber, formatPercent, formatRelative, humanEnum } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, Field, FormAlert, PageHeader, Skeleton } from '../ui/components.js';

export const SIGNALS_PAGE_SIZE = 20;

/** "12 points", "−18%", "2 people". */
export function formatEvidence(e: SignalEvidence): string {
  if (e.unit === '%') return formatPercent(e.value / 100, { digits: Number.isInteger(e.value) ? 0 : 1 });
  return `${formatNumber(e.value, 1)} ${e.unit}`;
}

/** Trust-withdrawal signals per team, worst first, with the rules behind them; new and worse ones arrive live. */
export function SignalsPage() {
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const includeCleared = params.get('cleared') === '1';
  const pages = useCursorPages(String(includeCleared));
  const [result, reexecute] = useQuery({ query: TrustSignalsQuery, variables: { includeCleared, first: SIGNALS_PAGE_SIZE, after: pages.after } });
  useRefetchOnLive(reexecute);
  const data = useLastData(result);
  const { arrivals } = useTrustSignalLive();
  const now = useNow(5_000);
  const [evaluation, evaluate] = useMutation(EvaluateTrustSignalsMutation);

  const connection = data?.trustSignals;
  const client = useClient();
  const exportRows = () => loadConnection(client, TrustSignalsQuery, { includeCleared }, (d) => d.trustSignals);
  // Pushed signals show at once on the first page; the refetch they trigger confirms the order.
  const signals = useMemo(
    () => (connection ? (pages.pageIndex === 0 ? mergeArrivals(connection.edges.map((e) => e.node), arrivals, includeCleared) : connection.edges.map((e) => e.node)) : undefined),
    [connection, arrivals, includeCleared, pages.pageIndex],
  );
  const rules = useMemo(() => new Map((data?.trustSignalRules ?? []).map((r) => [r.rule, r])), [data]);
  const active = signals?.filter((s) => s.active).length;
  const shownConnection = connection && signals ? { ...connection, edges: signals } : undefined;
  const evaluated = evaluation.data?.evaluateTrustSignals;
  // Signals that arrived live and are still fresh: named in the toolbar, since they may land below the fold.
  const fresh = [...arrivals.values()].filter((a) => freshMark(a, now) && (a.signal.active || includeCleared)).sort((a, b) => b.at - a.at);
  const show = (id: string) => {
    const card = [...document.querySelectorAll<HTMLElement>('[data-signal]')].find((el) => el.dataset.signal === id);
    card?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
    card?.focus({ preventScroll: true });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('leaders.title')}
        subtitle={
          connection ? (
            <>
              <strong>{formatNumber(connection.totalCount)}</strong> {includeCleared ? t('signals.countCleared') : t('signals.count', { count: connection.totalCount })}
            </>
          ) : (
            t('signals.subtitle')
          )
        }
        actions={
          isAdmin && (
            <>
              <LiveIndicator />
              <Button variant="primary" busy={evaluation.fetching} onClick={() => void evaluate({}).then((r) => r.data && reexecute({ requestPolicy: 'network-only' }))}>
                {t('signals.reevaluate')}
              </Button>
            </>
          )
        }
      />
      <LeadershipTabs />
      <div className="toolbar toolbar-slim">
        <label className="switch">
          <input type="checkbox" checked={includeCleared} onChange={(e) => setParams({ cleared: e.target.checked ? '1' : null })} />
          <span className="switch-track" aria-hidden="true" />
          {t('signals.includeCleared')}
        </label>
        <ExportCsvButton filename={csvFilename('trust-signals')} columns={CSV_COLUMNS(rules)} load={exportRows} />
        {active != null && includeCleared && <span className="muted small">{active} active on this page</span>}
        <div role="status" aria-live="polite" aria-label={t('signals.arrived')} className="signal-arrivals">
          {fresh.length > 0 && (
            <p>
              {fresh.map((a, i) => (
                <span key={a.signal.id}>
                  {i > 0 && ' · '}
                  <strong>{markLabel(freshMark(a, now))}:</strong>{' '}
                  <button type="button" className="link-button" onClick={() => show(a.signal.id)}>
                    {a.signal.team.name}
                  </button>{' '}
                  <span className="muted">{t('signals.levelPoints', { level: humanEnum(a.signal.level).toLowerCase(), count: a.signal.score })}</span>
                </span>
              ))}
            </p>
          )}
        </div>
      </div>
      <FormAlert problems={problemsOf(evaluation.error)} />
      {evaluated && !evaluation.error && (
        <div className="notice" role="status">
          <p>
            {t('signals.evaluated', { teams: evaluated.teamsEvaluated, raised: evaluated.raised, worsened: evaluated.worsened, eased: evaluated.eased, cleared: evaluated.cleared, active: evaluated.active })}
          </p>
        </div>
      )}

      <div className="signals-grid">
        <PagedList
          result={result}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
          connection={shownConnection}
          pages={pages}
          pageSize={SIGNALS_PAGE_SIZE}
          empty={
            <EmptyState
              title={includeCleared ? t('signals.noSignals') : t('signals.noActive')}
              hint={t('signals.noneHint')}
            />
          }
        >
          <ol className="signal-list" aria-label={t('signals.listLabel')}>
            {!signals && <SignalSkeleton />}
            {signals?.map((s) => (
              <SignalCard key={s.id} signal={s} rules={rules} arrival={arrivals.get(s.id)} now={now} canTakeOn={isAdmin} onTakenOn={() => reexecute({ requestPolicy: 'network-only' })} />
            ))}
          </ol>
        </PagedList>
        <RulesCard rules={data?.trustSignalRules} failed={Boolean(result.error && !data)} />
      </div>
    </div>
  );
}

function markLabel(mark: 'New' | 'Worse' | null): string {
  return mark === 'New' ? t('signals.markNew') : mark === 'Worse' ? t('signals.markWorse') : '';
}

function freshMark(arrival: SignalArrival | undefined, now: Date): 'New' | 'Worse' | null {
  if (!arrival || now.getTime() - arrival.at > FRESH_MS) return null;
  return arrival.change === 'RAISED' ? 'New' : arrival.change === 'WORSENED' ? 'Worse' : null;
}

export function SignalCard({
  signal: s,
  rules,
  arrival,
  now,
  canTakeOn = false,
  onTakenOn,
}: {
  signal: TrustSignal;
  rules: Map<TrustSignalRule, TrustSignalRuleInfo>;
  arrival?: SignalArrival;
  now: Date;
  /** Admins may take an active signal on (the server allows it to them only). */
  canTakeOn?: boolean;
  onTakenOn?: () => void;
}) {
  const mark = freshMark(arrival, now);
  const [takingOn, setTakingOn] = useState(false);
  const ack = s.acknowledgement;
  return (
    <li
      tabIndex={-1}
      className={`signal-card level-${s.level.toLowerCase()}${s.active ? '' : ' is-cleared'}${mark ? ' is-fresh' : ''}`}
      data-signal={s.id}
      data-team={s.team.name}
      aria-label={`${t('signals.cardLabel', { level: humanEnum(s.level), team: s.team.name, score: s.score })}${mark ? ` (${markLabel(mark).toLowerCase()})` : ''}`}
    >
      <header className="signal-head">
        <div className="signal-title">
          <LevelBadge level={s.level} />
          <Link to={`/teams/${s.team.id}`} className="person-name">
            {s.team.name}
          </Link>
          {mark && <Badge tone={mark === 'New' ? 'accent' : 'danger'}>{markLabel(mark)}</Badge>}
          {!s.active && <Badge tone="muted">{t('signals.cleared', { when: s.clearedAt ? formatRelative(new Date(s.clearedAt), now) : '' })}</Badge>}
        </div>
        <div className="signal-score" title={t('signals.scoreTitle')}>
          <span className="signal-score-value">{s.score}</span>
          <span className="signal-score-label">{t('signals.points')}</span>
        </div>
      </header>
      <ul className="signal-findings">
        {s.findings.map((f) => (
          <li key={f.rule} className="signal-finding">
            <div className="signal-finding-head">
              <span className="strong">{ruleTitle(f.rule, rules)}</span>
              <span className="signal-points">+{f.points}</span>
            </div>
            <p className="signal-summary">{f.summary}</p>
            {f.evidence.length > 0 && (
              <dl className="signal-evidence">
                {f.evidence.map((e) => (
                  <div key={e.label}>
                    <dt>{e.label}</dt>
                    <dd>{formatEvidence(e)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
      {(ack || (canTakeOn && s.active)) && (
        <div className="signal-ack">
          {ack && !takingOn && (
            <p className="signal-ack-note" data-acknowledged="">
              {t('signals.takenOnBy')} <span className="strong">{ack.by}</span> ·{' '}
              <span title={formatDateTime(ack.at)}>{formatRelative(new Date(ack.at), now)}</span>: <span className="prewrap">{ack.note}</span>
            </p>
          )}
          {canTakeOn && s.active && !takingOn && (
            <Button size="sm" variant="ghost" className="signal-ack-button" onClick={() => setTakingOn(true)}>
              {ack ? t('signals.update') : t('signals.takeItOn')}
            </Button>
          )}
          {canTakeOn && s.active && takingOn && (
            <TakeOnForm
              signal={s}
              onDone={() => {
                setTakingOn(false);
                onTakenOn?.();
              }}
              onCancel={() => setTakingOn(false)}
            />
          )}
        </div>
      )}
      <footer className="signal-foot">
        <span title={formatDateTime(s.raisedAt)}>{t('signals.raised', { when: formatRelative(new Date(s.raisedAt), now) })}</span>
        {s.updatedAt !== s.raisedAt && <span title={formatDateTime(s.updatedAt)}>{t('signals.updated', { when: formatRelative(new Date(s.updatedAt), now) })}</span>}
        {s.history.length > 1 && (
          <details className="signal-history">
            <summary>{t('signals.history', { count: s.history.length })}</summary>
            <ol>
              {s.history.map((h, i) => (
                <HistoryEntry key={i} entry={h} rules={rules} />
              ))}
            </ol>
          </details>
        )}
      </footer>
    </li>
  );
}

function HistoryEntry({ entry: h, rules }: { entry: TrustSignalHistoryEntry; rules: Map<TrustSignalRule, TrustSignalRuleInfo> }) {
  if (h.change === 'ACKNOWLEDGED')
    return (
      <li data-change="ACKNOWLEDGED">
        <span className="nowrap">{formatDateTime(h.at)}</span> · {h.by ? t('signals.takenOnByName', { name: h.by }) : t('signals.takenOn')}
        {h.note && <span className="muted">: {h.note}</span>}
      </li>
    );
  return (
    <li data-change={h.change}>
      <span className="nowrap">{formatDateTime(h.at)}</span> · {humanEnum(h.change)} ·{' '}
      {h.level && (
        <>
          <LevelBadge level={h.level} />{' '}
        </>
      )}
      {h.score} points
      {h.rules.length > 0 && <span className="muted"> · {h.rules.map((r) => ruleTitle(r, rules)).join(', ')}</span>}
    </li>
  );
}

const TAKE_ON_FIELDS = ['note'] as const;

/** "What is being done?" — a small form in the card; errors that name the note are shown under it, the rest above. */
function TakeOnForm({ signal, onDone, onCancel }: { signal: TrustSignal; onDone: () => void; onCancel: () => void }) {
  const [note, setNote] = useState(signal.acknowledgement?.note ?? '');
  const [{ fetching, error }, acknowledge] = useMutation(AcknowledgeTrustSignalMutation);
  const { fields, general } = splitProblems(error, TAKE_ON_FIELDS);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await acknowledge({ input: { signalId: signal.id, note } });
    if (result.data && !result.error) onDone();
  };
  return (
    <form className="form signal-ack-form" onSubmit={submit} noValidate aria-label={t('signals.takeOnLabel', { team: signal.team.name })}>
      <FormAlert problems={general} />
      <Field label={t('signals.whatDone')} problem={fields.note}>
        {(props) => (
          <textarea {...props} rows={2} maxLength={2000} value={note} autoFocus placeholder="e.g. Skip-level conversations with the team this week" onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" size="sm" variant="primary" busy={fetching}>
          {t('signals.save')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t('signals.cancel')}
        </Button>
      </div>
    </form>
  );
}

function RulesCard({ rules, failed }: { rules: TrustSignalRuleInfo[] | undefined; failed: boolean }) {
  return (
    <Card title={t('signals.rulesTitle')} className="signal-rules">
      <p className="card-intro">
        {t('signals.rulesIntro')}
      </p>
      {failed ? (
        <p className="muted">{t('signals.rulesFailed')}</p>
      ) : !rules ? (
        <Skeleton width="100%" height={160} />
      ) : (
        <dl className="rule-list">
          {rules.map((r) => (
            <div key={r.rule}>
              <dt>
                <span>{r.title}</span> <span className="signal-points">+{r.points}</span>
              </dt>
              <dd>{r.description}</dd>
              <dd className="muted small">{t('signals.whyMatters', { evidence: r.evidence })}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

function SignalSkeleton() {
  return (
    <>
      {[0, 1, 2].map((i) => (
        <li key={i} className="signal-card" aria-hidden="true">
          <Skeleton width="40%" />
          <Skeleton width="90%" />
          <Skeleton width="70%" />
        </li>
      ))}
    </>
  );
}

type SignalRow = ResultOf<typeof TrustSignalsQuery>['trustSignals']['edges'][number]['node'];

/** The signals as a file (per team, never per person), with "include cleared" as on screen. */
const CSV_COLUMNS = (rules: ReadonlyMap<TrustSignalRule, TrustSignalRuleInfo> | undefined): CsvColumn<SignalRow>[] => [
  { header: t('csv2.team'), value: (s) => s.team.name },
  { header: t('csv2.level'), value: (s) => humanEnum(s.level) },
  { header: t('csv2.score'), value: (s) => s.score },
  { header: t('csv2.rules'), value: (s) => s.findings.map((f) => ruleTitle(f.rule, rules)).join('; ') },
  { header: t('csv2.raised'), value: (s) => s.raisedAt },
  { header: t('csv2.active'), value: (s) => (s.active ? t('common.active') : humanEnum('CLEARED')) },
  { header: t('csv2.takenOnBy'), value: (s) => s.acknowledgement?.by },
];
