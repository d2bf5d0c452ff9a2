import { t } from '../i18n/index.js';
import { useSyncExternalStore } from 'react';
import { Badge } from '../ui/components.js';
import { humanEnum } from '../ui/format.js';
import type { ComplaintStatus, Severity, Sla, SlaState } from './complaints.graphql.js';

/**
 * The server's clock relative to ours (ms to add to Date.now()). Estimated from
 * each fresh result: the server computed `remainingSeconds` against its own
 * `now`, so `nextDueAt - remainingSeconds` is the server time of that answer.
 */
let offsetMs = 0;
export function noteServerClock(rows: ReadonlyArray<{ sla: Pick<Sla, 'nextDueAt' | 'remainingSeconds'> }>, receivedAt = Date.now()) {
  const samples = rows
    .filter((r) => r.sla.nextDueAt && r.sla.remainingSeconds !== null)
    .map((r) => new Date(r.sla.nextDueAt!).getTime() - r.sla.remainingSeconds! * 1000 - receivedAt)
    .sort((a, b) => a - b);
  if (samples.length) offsetMs = samples[Math.floor(samples.length / 2)];
}
export function serverNow(): number {
  return Date.now() + offsetMs;
}

/**
 * Most urgent first, as the kiosk orders its board: breached complaints, then the nearest running
 * due time (first response or resolution), paused and finished clocks last; ties oldest first.
 */
export function byUrgency(a: { sla: Pick<Sla, 'state' | 'nextDueAt'>; createdAt: string }, b: { sla: Pick<Sla, 'state' | 'nextDueAt'>; createdAt: string }): number {
  const rank = (x: typeof a) => (x.sla.state === 'BREACHED' ? 0 : x.sla.nextDueAt && x.sla.state !== 'PAUSED' && x.sla.state !== 'MET' ? 1 : 2);
  const due = (x: typeof a) => (x.sla.nextDueAt ? new Date(x.sla.nextDueAt).getTime() : Number.POSITIVE_INFINITY);
  return rank(a) - rank(b) || due(a) - due(b) || new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
}

/** "2 h 05 m", "14 m 03 s", "45 s"; negative values are overdue. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${pad(m)} m`;
  if (m > 0) return `${m} m ${pad(s)} s`;
  return `${s} s`;
}

/** One shared 1 s ticker for every countdown on the page. */
let tick = 0;
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;
const tickStore = {
  get: () => tick,
  subscribe(listener: () => void) {
    tickListeners.add(listener);
    tickTimer ??= setInterval(() => {
      tick += 1;
      for (const l of tickListeners) l();
    }, 1000);
    return () => {
      tickListeners.delete(listener);
      if (tickListeners.size === 0 && tickTimer) {
        clearInterval(tickTimer);
        tickTimer = undefined;
      }
    };
  },
};
export function useSecondTick(): number {
  return useSyncExternalStore(tickStore.subscribe, tickStore.get, tickStore.get);
}

const SLA_TONE: Record<SlaState, string> = { ON_TRACK: 'ok', AT_RISK: 'risk', BREACHED: 'breached', PAUSED: 'paused', MET: 'met' };

/** The live SLA countdown: time to the next open target (overdue in red), or the clock's state. */
export function SlaCountdown({ sla, compact }: { sla: Sla; compact?: boolean }) {
  useSecondTick();
  let state = sla.state;
  let text: string;
  if (state === 'PAUSED') text = humanEnum('PAUSED');
  else if (state === 'MET') text = humanEnum('MET');
  else if (!sla.nextDueAt) text = state === 'BREACHED' ? humanEnum('BREACHED') : '—';
  else {
    const left = new Date(sla.nextDueAt).getTime() - serverNow();
    if (left < 0) state = 'BREACHED';
    // At risk from the instant the server named, as the clock runs down between fetches.
    else if (state === 'ON_TRACK' && sla.atRiskAt && serverNow() >= new Date(sla.atRiskAt).getTime()) state = 'AT_RISK';
    text = left < 0 ? t('sla.over', { time: formatCountdown(left) }) : compact ? formatCountdown(left) : t('sla.left', { time: formatCountdown(left) });
  }
  return (
    <span className={`sla sla-${SLA_TONE[state]}`} title={humanEnum(state)} data-sla={state}>
      <span className="sla-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

const SEVERITY_TONE: Record<Severity, 'danger' | 'warning' | 'accent' | 'muted'> = { CRITICAL: 'danger', HIGH: 'warning', MEDIUM: 'accent', LOW: 'muted' };
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity.toLowerCase()}`}>
      <Badge tone={SEVERITY_TONE[severity]}>{humanEnum(severity)}</Badge>
    </span>
  );
}

const STATUS_TONE: Record<ComplaintStatus, 'neutral' | 'accent' | 'warning' | 'success' | 'muted'> = {
  NEW: 'warning',
  ACKNOWLEDGED: 'neutral',
  IN_PROGRESS: 'accent',
  RESOLVED: 'success',
  CLOSED: 'muted',
};
export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{humanEnum(status)}</Badge>;
}
