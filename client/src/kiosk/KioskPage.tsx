import { t } from '../i18n/index.js';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { applySnapshot, countOf, liveSlaState, remainingMs, serverNow, settle, TRANSITION_MS, type BoardView, type RowView } from './board.js';
import { connectBoard, type KioskStatus } from './connection.js';
import './kiosk.css';
import { useDocumentTitle } from '../ui/title.js';
import { formatDayMonth, formatTime, humanEnum } from '../ui/format.js';

const TOKEN_KEY = 'rapport.kioskToken';
const STATUSES = [
  ['NEW', () => humanEnum('NEW')],
  ['ACKNOWLEDGED', () => humanEnum('ACKNOWLEDGED')],
  ['IN_PROGRESS', () => humanEnum('IN_PROGRESS')],
  ['RESOLVED', () => humanEnum('RESOLVED')],
  ['CLOSED', () => t('kiosk.closedToday')],
] as const;
const SEVERITIES = [
  ['CRITICAL', () => humanEnum('CRITICAL')],
  ['HIGH', () => humanEnum('HIGH')],
  ['MEDIUM', () => humanEnum('MEDIUM')],
  ['LOW', () => humanEnum('LOW')],
] as const;

/** Takes `?token=` into sessionStorage and out of the address bar (and history), once. */
export function takeKioskToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage blocked: the token lives in memory for this page only
    }
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + (url.search ? url.search : '') + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return ms < 0 ? `−${text}` : text;
}

/** A number that glides to its new value instead of jumping. */
function AnimatedNumber({ value }: { value: number }) {
  const [shown, setShown] = useState(value);
  const from = useRef(value);
  useEffect(() => {
    const start = performance.now();
    const origin = from.current;
    if (origin === value) return;
    let frame = 0;
    const step = (t: number) => {
      const p = Math.min(1, (t - start) / 600);
      const eased = 1 - (1 - p) ** 3;
      const v = Math.round(origin + (value - origin) * eased);
      from.current = v;
      setShown(v);
      if (p < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value]);
  return <span className={`num-anim${shown !== value ? ' is-moving' : ''}`}>{shown}</span>;
}

const Row = memo(function Row({ row, serverTime }: { row: RowView; serverTime: number }) {
  const c = row.data;
  const left = remainingMs(c, serverTime);
  const state = liveSlaState(c, serverTime);
  const breached = state === 'breached';
  return (
    <div
      className={`k-row phase-${row.phase}${breached ? ' is-breached' : ''}${row.changedAt !== null && row.phase === 'stay' && performance.now() - row.changedAt < 2400 ? ' is-changed' : ''}`}
      data-number={c.number}
      data-status={c.status}
      role="row"
    >
      <span className={`k-sev k-sev-${c.severity.toLowerCase()}`} role="cell">
        {humanEnum(c.severity)}
      </span>
      <span className="k-number" role="cell">
        {c.number}
      </span>
      <span className="k-subject" role="cell">
        {c.subject}
      </span>
      <span className="k-customer" role="cell">
        {c.customer}
      </span>
      <span className="k-status" role="cell">
        {humanEnum(c.status)}
      </span>
      <span className="k-assignee" role="cell">
        {c.assignee ?? '—'}
      </span>
      <span className={`k-sla k-sla-${state}`} role="cell">
        {c.sla.state === 'PAUSED' ? humanEnum('PAUSED') : left === null ? '—' : countdown(left)}
      </span>
    </div>
  );
});

/**
 * How many rows sit below the visible part of the list: the board shows the
 * most urgent first and says how many less urgent ones did not fit.
 */
function useRowsBelowFold(list: React.RefObject<HTMLDivElement | null>, rowCount: number): number {
  const [hidden, setHidden] = useState(0);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => {
      const bottom = element.clientHeight;
      let count = 0;
      for (const child of Array.from(element.children) as HTMLElement[]) {
        if (child.offsetTop + child.offsetHeight > bottom + 1) count += 1;
      }
      setHidden(count);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [list, rowCount]);
  return hidden;
}

/** Moves rows that changed place smoothly to their new position (FLIP), instead of letting them jump. */
function useFlip(container: React.RefObject<HTMLDivElement | null>, deps: unknown) {
  const positions = useRef(new Map<string, number>());
  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const next = new Map<string, number>();
    for (const child of Array.from(el.children) as HTMLElement[]) {
      const id = child.dataset.number;
      if (!id) continue;
      const top = child.offsetTop;
      next.set(id, top);
      const before = positions.current.get(id);
      if (before !== undefined && before !== top && !child.classList.contains('phase-leave')) {
        child.animate([{ transform: `translateY(${before - top}px)` }, { transform: 'translateY(0)' }], { duration: 600, easing: 'cubic-bezier(.2,.7,.2,1)' });
      }
    }
    positions.current = next; // replaced, never grown
  }, [deps]); // eslint-disable-line react-hooks/exhaustive-deps
}

export function KioskPage() {
  useDocumentTitle(t('kiosk.title'));
  const [token] = useState(takeKioskToken);
  const [view, setView] = useState<BoardView | null>(null);
  const [status, setStatus] = useState<KioskStatus>('connecting');
  const [now, setNow] = useState(() => performance.now());
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t('kiosk.title')} · Rapport`;
    document.documentElement.classList.add('kiosk-root');
    return () => document.documentElement.classList.remove('kiosk-root');
  }, []);

  useEffect(() => {
    if (!token) return;
    const stop = connectBoard({
      url: webSocketUrl(),
      token,
      onSnapshot: (snapshot) => setView((prev) => applySnapshot(prev, snapshot, performance.now())),
      onStatus: setStatus,
    });
    return stop;
  }, [token]);

  // One clock for every countdown; it also lets finished animations settle.
  useEffect(() => {
    const timer = setInterval(() => {
      const t = performance.now();
      setNow(t);
      setView((v) => (v ? settle(v, t) : v));
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  // Leaving rows are removed right after their fade-out, not up to a second later.
  useEffect(() => {
    if (!view?.rows.some((r) => r.phase === 'leave')) return;
    const timer = setTimeout(() => setView((v) => (v ? settle(v, performance.now()) : v)), TRANSITION_MS + 20);
    return () => clearTimeout(timer);
  }, [view]);
  useFlip(list, view?.rows);
  const hiddenRows = useRowsBelowFold(list, view?.rows.length ?? 0);

  if (!token) {
    return (
      <main className="kiosk kiosk-message">
        <h1>{t('kiosk.title')}</h1>
        <p>{t('kiosk.needsToken')}</p>
        <p className="kiosk-dim">{t('kiosk.howToToken')}</p>
      </main>
    );
  }

  const snapshot = view?.snapshot;
  const serverTime = view ? serverNow(view, now) : Date.now();
  const clock = formatTime(new Date(serverTime));
  const openCount = snapshot ? snapshot.open.length : 0;
  return (
    <main className={`kiosk status-${status}`}>
      <header className="k-head">
        <div className="k-title">
          <span className="k-brand">Rapport</span>
          <h1>{t('kiosk.title')}</h1>
        </div>
        <div className="k-head-right">
          <span className={`k-conn k-conn-${status}`} role="status" aria-live="polite">
            <span className="k-conn-dot" aria-hidden="true" />
            {status === 'live' ? t('kiosk.live') : status === 'reconnecting' ? t('kiosk.reconnecting') : status === 'revoked' ? t('kiosk.revoked') : t('kiosk.connecting')}
          </span>
          <span className="k-clock">{clock}</span>
        </div>
      </header>

      {status === 'revoked' && (
        <div className="k-banner" role="alert">
          {t('kiosk.revokedText')}
        </div>
      )}

      {!snapshot ? (
        <div className="k-waiting">{status === 'revoked' ? '' : t('kiosk.waiting')}</div>
      ) : (
        <>
          <section className="k-tiles" aria-label={t('kiosk.counts')}>
            <div className={`k-tile k-tile-breach${snapshot.breached > 0 ? ' is-hot' : ''}`}>
              <span className="k-tile-label">{t('kiosk.breached')}</span>
              <span className="k-tile-value" data-count="breached">
                <AnimatedNumber value={snapshot.breached} />
              </span>
            </div>
            <div className="k-tile">
              <span className="k-tile-label">{t('kiosk.open')}</span>
              <span className="k-tile-value" data-count="open">
                <AnimatedNumber value={openCount} />
              </span>
            </div>
            {STATUSES.map(([key, label]) => (
              <div className="k-tile k-tile-small" key={key}>
                <span className="k-tile-label">{label()}</span>
                <span className="k-tile-value" data-count={key}>
                  <AnimatedNumber value={countOf(snapshot.byStatus, key)} />
                </span>
              </div>
            ))}
            <div className="k-sevbar" aria-label={t('kiosk.openBySeverity')}>
              {SEVERITIES.map(([key, label]) => (
                <div className={`k-sevcount k-sev-${key.toLowerCase()}`} key={key}>
                  <span className="k-tile-label">{label()}</span>
                  <span className="k-sevcount-value" data-count={key}>
                    <AnimatedNumber value={countOf(snapshot.bySeverity, key)} />
                  </span>
                </div>
              ))}
            </div>
          </section>

          <div className="k-body">
            <section className="k-list" aria-label={t('kiosk.openComplaints')} role="table">
              <div className="k-row k-row-head" role="row">
                <span role="columnheader">{t('kiosk2.severity')}</span>
                <span role="columnheader">{t('complaints.colNumber')}</span>
                <span role="columnheader">{t('complaints.colSubject')}</span>
                <span role="columnheader">{t('complaints.colCustomer')}</span>
                <span role="columnheader">{t('complaints.colStatus')}</span>
                <span role="columnheader">{t('complaints.colAssignee')}</span>
                <span role="columnheader" className="k-sla">
                  SLA
                </span>
              </div>
              <div className="k-rows" ref={list}>
                {view.rows.map((row) => (
                  <Row key={row.id} row={row} serverTime={serverTime} />
                ))}
                {view.rows.length === 0 && <div className="k-calm">{t('kiosk.calm')}</div>}
              </div>
              {hiddenRows > 0 && (
                <div className="k-more" aria-live="polite">
                  {t('kiosk.more', { count: hiddenRows })}
                </div>
              )}
            </section>
            <aside className="k-side" aria-label={t('kiosk.improvementsShipped')}>
              <h2>{t('kiosk.shippedImprovements')}</h2>
              {snapshot.improvementsShipped.length === 0 && <p className="kiosk-dim">{t('kiosk.noneRecently')}</p>}
              <ul>
                {snapshot.improvementsShipped.map((i) => (
                  <li key={`${i.title}-${i.shippedAt}`}>
                    <span className="k-imp-title">{i.title}</span>
                    <span className="kiosk-dim">
                      {formatDayMonth(i.shippedAt)} · {t('kiosk.complaintCount', { count: i.complaints })}
                    </span>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        </>
      )}
    </main>
  );
}

export default KioskPage;
