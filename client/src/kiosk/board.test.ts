import { describe, expect, it } from 'vitest';
import { applySnapshot, liveSlaState, remainingMs, serverNow, settle, TRANSITION_MS, type BoardComplaint, type BoardSnapshot } from './board.js';

function row(id: string, extra: Partial<BoardComplaint> = {}): BoardComplaint {
  return {
    id,
    number: `C-${id.padStart(6, '0')}`,
    subject: `Subject ${id}`,
    severity: 'MEDIUM',
    status: 'NEW',
    customer: 'A. S.',
    assignee: null,
    createdAt: '2030-01-01T10:00:00Z',
    sla: { state: 'ON_TRACK', nextDueAt: '2030-01-01T12:00:00Z', atRiskAt: '2030-01-01T11:30:00Z', remainingSeconds: 7200, firstResponseBreached: false, resolutionBreached: false },
    ...extra,
  };
}

function snapshot(open: BoardComplaint[], generatedAt = '2030-01-01T10:00:00Z'): BoardSnapshot {
  return { generatedAt, byStatus: [], bySeverity: [], breached: 0, open, improvementsShipped: [] };
}

describe('kiosk board reducer', () => {
  it('applies a second snapshot without dropping or replacing unchanged rows', () => {
    const first = applySnapshot(null, snapshot([row('1'), row('2'), row('3')]), 1000);
    expect(first.rows.map((r) => r.phase)).toEqual(['stay', 'stay', 'stay']);
    // Same rows (a clock's remainingSeconds moved on), one changed, one new, one gone.
    const second = applySnapshot(
      first,
      snapshot([row('1', { sla: { ...row('1').sla, remainingSeconds: 7100 } }), row('2', { status: 'ACKNOWLEDGED' }), row('4')], '2030-01-01T10:01:40Z'),
      2000,
    );
    expect(second.rows.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    expect(second.rows[0]).toBe(first.rows[0]); // unchanged: the same object, so React keeps its DOM
    expect(second.rows[1]).not.toBe(first.rows[1]);
    expect(second.rows[1].data.status).toBe('ACKNOWLEDGED');
    expect(second.rows[1].changedAt).toBe(2000);
    expect(second.rows[2]).toMatchObject({ id: '3', phase: 'leave', since: 2000 });
    expect(second.rows[3]).toMatchObject({ id: '4', phase: 'enter' });
  });

  it('prunes leaving rows after their fade, so nothing accumulates', () => {
    let view = applySnapshot(null, snapshot([row('1'), row('2')]), 0);
    for (let i = 0; i < 500; i++) {
      const t = 1000 + i * 1000;
      view = applySnapshot(view, snapshot([row('1'), row(String(100 + i))]), t);
      view = settle(view, t + TRANSITION_MS);
    }
    expect(view.rows.length).toBe(2);
    expect(view.rows.every((r) => r.phase === 'stay')).toBe(true);
  });

  it('settle returns the same view when nothing is animating', () => {
    const view = applySnapshot(null, snapshot([row('1')]), 0);
    expect(settle(view, 10_000)).toBe(view);
  });

  it('counts down from the snapshot’s clock, not the local wall clock', () => {
    const view = applySnapshot(null, snapshot([row('1')], '2030-01-01T11:59:00Z'), 5_000);
    const t = serverNow(view, 5_000 + 30_000); // 30 s of monotonic time later
    expect(remainingMs(view.rows[0].data, t)).toBe(30_000);
    expect(remainingMs(row('2', { sla: { ...row('2').sla, state: 'PAUSED' } }), t)).toBeNull();
  });

  it("turns a row's clock at risk at the server's atRiskAt and breached at its due time, between snapshots", () => {
    const at = (iso: string) => new Date(iso).getTime();
    expect(liveSlaState(row('1'), at('2030-01-01T11:29:59Z'))).toBe('ok');
    expect(liveSlaState(row('1'), at('2030-01-01T11:30:00Z'))).toBe('risk');
    expect(liveSlaState(row('1'), at('2030-01-01T12:00:01Z'))).toBe('breached');
    // Without a running target the snapshot's state stands.
    expect(liveSlaState(row('2', { sla: { ...row('2').sla, state: 'PAUSED', atRiskAt: null } }), at('2030-01-01T11:45:00Z'))).toBe('paused');
    expect(liveSlaState(row('3', { sla: { ...row('3').sla, state: 'AT_RISK' } }), at('2030-01-01T10:00:00Z'))).toBe('risk');
  });
});
