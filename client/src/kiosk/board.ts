/**
 * The kiosk's view of the live complaint board, as a pure function of the
 * previous view and the next snapshot, so a new snapshot never blanks or
 * reorders more than it must: unchanged rows keep their object (React keeps
 * their DOM), new rows enter, vanished rows stay a moment to fade out and are
 * then pruned. Nothing accumulates: the view holds at most the snapshot's rows
 * plus the rows leaving right now.
 */
import type { ResultOf } from '@graphql-typed-document-node/core';
import type { KioskBoardSubscription } from './connection.js';

export type BoardSnapshot = ResultOf<typeof KioskBoardSubscription>['complaintBoardChanged'];
export type BoardComplaint = BoardSnapshot['open'][number];
export type BoardSla = BoardComplaint['sla'];

export type RowPhase = 'enter' | 'stay' | 'leave';

export interface RowView {
  id: string;
  data: BoardComplaint;
  phase: RowPhase;
  /** When the phase started (the `now` passed in, a monotonic clock). */
  since: number;
  /** When this row's content last changed (for a soft highlight); null when never. */
  changedAt: number | null;
}

export interface BoardView {
  snapshot: BoardSnapshot;
  rows: RowView[];
  /** Server time (ms) of the snapshot and the monotonic time it arrived: server now = serverMs + (now - receivedAt). */
  serverMs: number;
  receivedAt: number;
}

/** How long entering/leaving rows animate (ms); leaving rows are pruned after this. */
export const TRANSITION_MS = 700;

/** What a row shows, except the clock's own `remainingSeconds` (which changes with every snapshot). */
function rowKey(c: BoardComplaint): string {
  return [c.number, c.subject, c.severity, c.status, c.customer, c.assignee ?? '', c.sla.state, c.sla.nextDueAt ?? '', c.sla.firstResponseBreached, c.sla.resolutionBreached].join('\u0001');
}

export function applySnapshot(prev: BoardView | null, next: BoardSnapshot, now: number): BoardView {
  const previous = new Map<string, { row: RowView; index: number }>();
  prev?.rows.forEach((row, index) => previous.set(row.id, { row, index }));
  const rows: RowView[] = next.open.map((data) => {
    const old = previous.get(data.id)?.row;
    if (!old || old.phase === 'leave') return { id: data.id, data, phase: prev ? 'enter' : 'stay', since: now, changedAt: null };
    if (rowKey(old.data) === rowKey(data)) return old; // unchanged: the very same object
    return { ...old, data, changedAt: now };
  });
  const present = new Set(next.open.map((c) => c.id));
  // Rows that vanished stay where they were for a moment, fading out.
  for (const [id, { row, index }] of previous) {
    if (present.has(id)) continue;
    if (row.phase === 'leave' && now - row.since >= TRANSITION_MS) continue;
    const leaving: RowView = row.phase === 'leave' ? row : { ...row, phase: 'leave', since: now };
    rows.splice(Math.min(index, rows.length), 0, leaving);
  }
  return { snapshot: next, rows, serverMs: new Date(next.generatedAt).getTime(), receivedAt: now };
}

/** Drops rows whose fade-out is over and settles entered rows; returns the same view when nothing changed. */
export function settle(view: BoardView, now: number): BoardView {
  let changed = false;
  const rows: RowView[] = [];
  for (const row of view.rows) {
    if (row.phase === 'leave' && now - row.since >= TRANSITION_MS) {
      changed = true;
      continue;
    }
    if (row.phase === 'enter' && now - row.since >= TRANSITION_MS) {
      changed = true;
      rows.push({ ...row, phase: 'stay' });
      continue;
    }
    rows.push(row);
  }
  return changed ? { ...view, rows } : view;
}

/** The server's time now, from the snapshot's clock, immune to a skewed or jumping wall clock. */
export function serverNow(view: BoardView, now: number): number {
  return view.serverMs + (now - view.receivedAt);
}

/** Milliseconds to the row's next target at `serverTime` (negative when overdue); null without one. */
export function remainingMs(row: BoardComplaint, serverTime: number): number | null {
  if (!row.sla.nextDueAt || row.sla.state === 'PAUSED') return null;
  return new Date(row.sla.nextDueAt).getTime() - serverTime;
}

export function countOf(list: Array<{ key: string; count: number }>, key: string): number {
  return list.find((x) => x.key === key)?.count ?? 0;
}

/**
 * What a row's clock shows now: the snapshot's state, refined by the local countdown (breached when
 * overdue, at risk from the server's `atRiskAt`), so the board turns without waiting for a snapshot.
 */
export function liveSlaState(row: BoardComplaint, serverTime: number): 'ok' | 'risk' | 'breached' | 'paused' {
  if (row.sla.state === 'PAUSED') return 'paused';
  if (row.sla.state === 'BREACHED') return 'breached';
  const left = remainingMs(row, serverTime);
  if (left === null) return row.sla.state === 'AT_RISK' ? 'risk' : 'ok';
  if (left < 0) return 'breached';
  const atRisk = row.sla.state === 'AT_RISK' || (row.sla.atRiskAt !== null && serverTime >= new Date(row.sla.atRiskAt).getTime());
  return atRisk ? 'risk' : 'ok';
}
