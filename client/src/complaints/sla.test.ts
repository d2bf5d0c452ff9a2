import { describe, expect, it } from 'vitest';
import { byUrgency } from './sla.js';

const card = (id: string, state: string, nextDueAt: string | null, createdAt = '2026-01-01T00:00:00Z') => ({
  id,
  createdAt,
  sla: { state: state as never, nextDueAt },
});

describe('byUrgency (the board orders cards as the kiosk does)', () => {
  it('puts a critical card with 13 minutes left above a low one with 23 hours, whatever their age', () => {
    const low = card('low', 'ON_TRACK', '2026-01-02T09:00:00Z', '2026-01-01T10:00:00Z');
    const critical = card('critical', 'AT_RISK', '2026-01-01T10:13:00Z', '2026-01-01T09:58:00Z');
    expect([low, critical].sort(byUrgency).map((c) => c.id)).toEqual(['critical', 'low']);
  });

  it('puts breached cards first and paused ones last', () => {
    const paused = card('paused', 'PAUSED', '2026-01-01T08:00:00Z');
    const running = card('running', 'ON_TRACK', '2026-01-03T00:00:00Z');
    const breached = card('breached', 'BREACHED', '2026-01-01T07:00:00Z');
    expect([paused, running, breached].sort(byUrgency).map((c) => c.id)).toEqual(['breached', 'running', 'paused']);
  });
});
