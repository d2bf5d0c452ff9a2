import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { SlaCountdown } from './sla.js';
import type { Sla } from './complaints.graphql.js';

afterEach(cleanup);

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const sla = (atRiskAt: string | null, state: Sla['state'] = 'ON_TRACK'): Sla => ({
  state,
  firstResponseDueAt: inMinutes(30),
  firstResponseAt: null,
  firstResponseBreached: false,
  resolutionDueAt: inMinutes(600),
  resolutionBreached: false,
  remainingSeconds: 1800,
  nextDueAt: inMinutes(30),
  atRiskAt,
});

describe('SlaCountdown', () => {
  it("shows an on-track clock as at risk once the server's atRiskAt has come, without a refetch", () => {
    const { container } = render(<SlaCountdown sla={sla(inMinutes(-1))} />);
    expect(container.querySelector('[data-sla]')).toHaveAttribute('data-sla', 'AT_RISK');
  });

  it('keeps it on track before atRiskAt', () => {
    const { container } = render(<SlaCountdown sla={sla(inMinutes(5))} />);
    expect(container.querySelector('[data-sla]')).toHaveAttribute('data-sla', 'ON_TRACK');
  });
});
