import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  EvaluateTrustSignalsMutation,
  TrustSignalsQuery,
  type SignalEvidence,
  type TrustSignal,
  type TrustSignalRule,
  type TrustSignalRuleInfo,
} from './leadership.graphql.js';
import { LeadershipTabs } from './LeadershipNav.js';
import { LevelBadge, ruleTitle } from './figures.js';
import { FRESH_MS, mergeArrivals, useTrustSignalLive, type SignalArrival } from './live.js';
import { LiveIndicator, useRefetchOnLive } from '../people/live.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSession } from '../app/session.js';
import { problemsOf } from '../app/errors.js';
import { useLastData, useNow } from '../ui/hooks.js';
import { PagedList, useCursorPages } from '../ui/pagination.js';
import { formatDateTime, formatRelative, humanEnum } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, FormAlert, PageHeader, Skeleton } from '../ui/components.js';

export const SIGNALS_PAGE_SIZE = 20;

/** "12 points", "−18%", "2 people". */
export function formatEvidence(e: SignalEvidence): string {
  const n = Number.isInteger(e.value) ? e.value.toLocaleString() : e.value.toFixed(1);
  const value = e.value < 0 ? `−${n.replace('-', '')}` : n;
  if (e.unit === '%') return `${value}%`;
  return `${value} ${e.unit}`;
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
        title="Leadership"
        subtitle={
          connection ? (
            <>
              <strong>{connection.totalCount.toLocaleString()}</strong> {includeCleared ? 'signals, cleared ones included' : connection.totalCount === 1 ? 'team shows signs of withdrawing trust' : 'teams show signs of withdrawing trust'}
            </>
          ) : (
            'Teams where people may be withdrawing their trust'
          )
        }
        actions={
          isAdmin && (
            <>
              <LiveIndicator />
              <Button variant="primary" busy={evaluation.fetching} onClick={() => void evaluate({}).then((r) => r.data && reexecute({ requestPolicy: 'network-only' }))}>
                Re-evaluate now
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
          Include cleared signals
        </label>
        {active != null && includeCleared && <span className="muted small">{active} active on this page</span>}
        <div role="status" aria-live="polite" aria-label="Signals that just arrived" className="signal-arrivals">
          {fresh.length > 0 && (
            <p>
              {fresh.map((a, i) => (
                <span key={a.signal.id}>
                  {i > 0 && ' · '}
                  <strong>{freshMark(a, now)}:</strong>{' '}
                  <button type="button" className="link-button" onClick={() => show(a.signal.id)}>
                    {a.signal.team.name}
                  </button>{' '}
                  <span className="muted">({humanEnum(a.signal.level).toLowerCase()}, {a.signal.score} points)</span>
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
            Evaluated <strong>{evaluated.teamsEvaluated}</strong> teams: {evaluated.raised} raised, {evaluated.worsened} worsened, {evaluated.eased} eased, {evaluated.cleared} cleared —{' '}
            <strong>{evaluated.active}</strong> active.
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
              title={includeCleared ? 'No signals yet' : 'No active signals'}
              hint="Every team looks fine by the rules on the right. A signal appears here — live — when leader NPS, eNPS or participation fall, detractors rise or people leave for a competitor."
            />
          }
        >
          <ol className="signal-list" aria-label="Trust-withdrawal signals, worst first">
            {!signals && <SignalSkeleton />}
            {signals?.map((s) => (
              <SignalCard key={s.id} signal={s} rules={rules} arrival={arrivals.get(s.id)} now={now} />
            ))}
          </ol>
        </PagedList>
        <RulesCard rules={data?.trustSignalRules} failed={Boolean(result.error && !data)} />
      </div>
    </div>
  );
}

function freshMark(arrival: SignalArrival | undefined, now: Date): 'New' | 'Worse' | null {
  if (!arrival || now.getTime() - arrival.at > FRESH_MS) return null;
  return arrival.change === 'RAISED' ? 'New' : arrival.change === 'WORSENED' ? 'Worse' : null;
}

export function SignalCard({ signal: s, rules, arrival, now }: { signal: TrustSignal; rules: Map<TrustSignalRule, TrustSignalRuleInfo>; arrival?: SignalArrival; now: Date }) {
  const mark = freshMark(arrival, now);
  return (
    <li
      tabIndex={-1}
      className={`signal-card level-${s.level.toLowerCase()}${s.active ? '' : ' is-cleared'}${mark ? ' is-fresh' : ''}`}
      data-signal={s.id}
      data-team={s.team.name}
      aria-label={`${humanEnum(s.level)} signal for ${s.team.name}, score ${s.score}${mark ? ` (${mark.toLowerCase()})` : ''}`}
    >
      <header className="signal-head">
        <div className="signal-title">
          <LevelBadge level={s.level} />
          <Link to={`/teams/${s.team.id}`} className="person-name">
            {s.team.name}
          </Link>
          {mark && <Badge tone={mark === 'New' ? 'accent' : 'danger'}>{mark}</Badge>}
          {!s.active && <Badge tone="muted">Cleared {s.clearedAt ? formatRelative(new Date(s.clearedAt), now) : ''}</Badge>}
        </div>
        <div className="signal-score" title="The sum of the points of every rule that fired">
          <span className="signal-score-value">{s.score}</span>
          <span className="signal-score-label">points</span>
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
      <footer className="signal-foot">
        <span title={formatDateTime(s.raisedAt)}>Raised {formatRelative(new Date(s.raisedAt), now)}</span>
        {s.updatedAt !== s.raisedAt && <span title={formatDateTime(s.updatedAt)}> · updated {formatRelative(new Date(s.updatedAt), now)}</span>}
        {s.history.length > 1 && (
          <details className="signal-history">
            <summary>History ({s.history.length})</summary>
            <ol>
              {s.history.map((h, i) => (
                <li key={i}>
                  <span className="nowrap">{formatDateTime(h.at)}</span> · {humanEnum(h.change)} ·{' '}
                  {h.level && (
                    <>
                      <LevelBadge level={h.level} />{' '}
                    </>
                  )}
                  {h.score} points
                  {h.rules.length > 0 && <span className="muted"> · {h.rules.map((r) => ruleTitle(r, rules)).join(', ')}</span>}
                </li>
              ))}
            </ol>
          </details>
        )}
      </footer>
    </li>
  );
}

function RulesCard({ rules, failed }: { rules: TrustSignalRuleInfo[] | undefined; failed: boolean }) {
  return (
    <Card title="How signals are worked out" className="signal-rules">
      <p className="card-intro">
        Each rule adds its points to a team’s score; the level follows the score. Figures come from survey groups the anonymity rules allow — never from a single person.
      </p>
      {failed ? (
        <p className="muted">The rules could not be loaded.</p>
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
              <dd className="muted small">Why it matters: {r.evidence}</dd>
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
