import { describe, expect, it } from 'vitest';
import { formatAmount, formatDecimal, formatNumber, formatPercent, formatPoints, formatScore } from './format.js';

// jsdom runs in the process's locale; these expectations hold for English.
describe('number formatting (one module for every page)', () => {
  it('signs scores, rounds them, and uses a true minus sign', () => {
    expect(formatScore(-33.3)).toBe('−33');
    expect(formatScore(12.4)).toBe('+12');
    expect(formatScore(0)).toBe('0');
  });

  it('shows shares as percentages, one decimal only below 10 %', () => {
    expect(formatPercent(0.444)).toBe('44%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0.034)).toBe('3.4%');
    expect(formatPercent(-0.05, { signed: true })).toBe('−5%');
  });

  it('formats counts, means, point differences and money', () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatDecimal(3.8125)).toBe('3.8');
    expect(formatPoints(-75)).toBe('−75 points');
    expect(formatPoints(1)).toBe('+1 point');
    expect(formatAmount(1500)).toBe('€1,500');
  });
});
