import { afterEach, describe, expect, it } from 'vitest';
import { formatAmount, formatDate, formatDateTime, formatDecimal, formatLocale, formatNumber, formatPercent, formatPoints, formatRelative, formatScore, humanEnum, setFormatLocale } from './format.js';

// Intl puts no-break spaces between number and unit ("44 %"): compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

// The app starts in English (jsdom's navigator says en-US).
describe('number formatting (one module for every page)', () => {
  it('signs scores, rounds them, and uses a true minus sign', () => {
    expect(formatScore(-33.3)).toBe('−33');
    expect(formatScore(12.4)).toBe('+12');
    expect(formatScore(0)).toBe('0');
  });

  it('shows shares as percentages, one decimal only below 10 %', () => {
    expect(plain(formatPercent(0.444))).toBe('44%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(plain(formatPercent(0.034))).toBe('3.4%');
    expect(formatPercent(-0.05, { signed: true })).toBe('−5%');
  });

  it('formats counts, means, point differences and money', () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatDecimal(3.8125)).toBe('3.8');
    expect(formatPoints(-75)).toBe('−75 points');
    expect(formatPoints(1)).toBe('+1 point');
    expect(plain(formatAmount(1500))).toBe('€1,500');
  });
});

describe('formatting per locale', () => {
  afterEach(() => setFormatLocale('en'));

  it('formats numbers, percentages and scores the German way in German', () => {
    setFormatLocale('de');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatDecimal(3.8125)).toBe('3,8');
    expect(plain(formatPercent(0.444))).toBe('44 %');
    expect(plain(formatPercent(0.034))).toBe('3,4 %');
    expect(formatScore(-33.3)).toBe('−33');
    expect(formatPoints(-75)).toBe('−75 Punkte');
    expect(plain(formatAmount(1500))).toBe('1.500 €');
  });

  it('formats dates and times per locale', () => {
    const at = new Date(2026, 11, 6, 15, 4);
    setFormatLocale('de');
    expect(formatDate(at)).toBe('6. Dez. 2026');
    expect(plain(formatDateTime(at))).toBe('06.12.2026, 15:04');
    expect(formatRelative(new Date(at.getTime() - 5 * 60_000), at)).toBe('vor 5 Min.');
    setFormatLocale('en');
    expect(formatDate(at)).toBe('Dec 6, 2026');
    expect(formatDateTime(at)).toMatch(/^Dec 6, 2026, 3:04\sPM$/);
    expect(formatRelative(new Date(at.getTime() - 5 * 60_000), at)).toBe('5 min. ago');
  });

  it('switches with the app language', async () => {
    const { setLanguage } = await import('../i18n/index.js');
    setLanguage('de');
    expect(formatLocale()).toBe('de');
    expect(humanEnum('IN_PROGRESS')).toBe('In Bearbeitung');
    expect(document.documentElement.lang).toBe('de');
    setLanguage('en');
    expect(formatNumber(1234)).toBe('1,234');
    expect(humanEnum('IN_PROGRESS')).toBe('In progress');
    expect(document.documentElement.lang).toBe('en');
    localStorage.clear();
  });
});
