import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { GenerationTable, generationTotals, kFactorOf } from './GenerationTable.js';
import type { GenerationStats } from './referrals.graphql.js';

afterEach(cleanup);

/** Figures as the server computes them: rate = converted ÷ referrals, inv./ref. = referrals ÷ referrers, K = product. */
function gen(generation: number, referrals: number, converted: number, referrers: number): GenerationStats {
  const conversionRate = referrals ? converted / referrals : 0;
  const invitesPerReferrer = referrers ? referrals / referrers : 0;
  return { generation, referrals, engaged: converted, converted, referrers, conversionRate, invitesPerReferrer, kFactor: invitesPerReferrer * conversionRate };
}

describe('GenerationTable', () => {
  const rows = [gen(1, 3, 2, 1), gen(2, 6, 3, 2), gen(3, 4, 1, 3)];

  it('shows one row per generation with rate, invites per referrer and K-factor', () => {
    render(<GenerationTable generations={rows} />);
    const body = screen.getAllByRole('rowgroup')[1];
    const trs = within(body).getAllByRole('row');
    expect(trs).toHaveLength(3);
    const cells = (tr: HTMLElement) => within(tr).getAllByRole('cell').map((c) => c.textContent);
    expect(within(trs[0]).getByRole('rowheader')).toHaveTextContent('1');
    // Gen. 1: 3 referrals by 1 referrer, 2 converted → rate 66.7%, 3.00 invites, K = 2.00 (grows by itself).
    expect(cells(trs[0])).toEqual(['3', '2', '67%', '1', '3.00', '2.00']);
    // Gen. 2: 6 by 2, 3 converted → 50%, 3.00, K = 1.50.
    expect(cells(trs[1])).toEqual(['6', '3', '50%', '2', '3.00', '1.50']);
    // Gen. 3: 4 by 3, 1 converted → 25%, 1.33, K = 0.33.
    expect(cells(trs[2])).toEqual(['4', '1', '25%', '3', '1.33', '0.33']);
    expect(within(trs[0]).getByText('2.00')).toHaveClass('is-viral');
    expect(within(trs[2]).getByText('0.33')).not.toHaveClass('is-viral');
    // Totals: 13 referrals, 6 converted, 46.2%.
    const foot = screen.getAllByRole('rowgroup')[2];
    expect(within(foot).getAllByRole('cell').slice(0, 3).map((c) => c.textContent)).toEqual(['13', '6', '46%']);
  });

  it('computes K from its parts', () => {
    expect(kFactorOf({ invitesPerReferrer: 3, conversionRate: 0.5 })).toBe(1.5);
    expect(generationTotals(rows)).toEqual({ referrals: 13, converted: 6, conversionRate: 6 / 13 });
  });

  it('shows an empty state without generations', () => {
    render(<GenerationTable generations={[]} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No referrals yet/)).toBeInTheDocument();
  });
});
