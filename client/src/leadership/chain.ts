import { t } from '../i18n/index.js';
import type { ChainFigure, ChainQuarter, ChainRow, ServiceProfitChain } from './leadership.graphql.js';
import type { SuppressionReason } from '../surveys/surveys.graphql.js';
import { formatTrendValue, suppressionText } from '../surveys/ResultsView.js';

/** The four links of the service-profit chain, in the order one leads to the next. */
export type ChainLinkKey = 'leaderNps' | 'enps' | 'customerNps' | 'referralRate';

export interface ChainLink {
  key: ChainLinkKey;
  label: string;
  /** What the figure answers, in a people lead's words. */
  question: string;
  /** The short line under the column heading. */
  kind: string;
  scale: 'nps' | 'share';
  /** Why a quarter has no figure (nothing was hidden). */
  missing: string;
  /** Why the whole detail chart has none. */
  none: string;
}

export const CHAIN_LINKS: readonly ChainLink[] = [
  {
    key: 'leaderNps',
    get label() { return t('chain.leaderNpsLabel'); },
    get question() { return t('chain.leaderNpsQuestion'); },
    get kind() { return t('chain.leaderNpsKind'); },
    scale: 'nps',
    get missing() { return t('chain.leaderNpsMissing'); },
    get none() { return t('chain.leaderNpsNone'); },
  },
  {
    key: 'enps',
    label: 'eNPS',
    get question() { return t('chain.enpsQuestion'); },
    get kind() { return t('chain.enpsKind'); },
    scale: 'nps',
    get missing() { return t('chain.enpsMissing'); },
    get none() { return t('chain.enpsNone'); },
  },
  {
    key: 'customerNps',
    get label() { return t('chain.customerNpsLabel'); },
    get question() { return t('chain.customerNpsQuestion'); },
    get kind() { return t('chain.customerNpsKind'); },
    scale: 'nps',
    get missing() { return t('chain.customerNpsMissing'); },
    get none() { return t('chain.customerNpsNone'); },
  },
  {
    key: 'referralRate',
    get label() { return t('chain.referralRateLabel'); },
    get question() { return t('chain.referralRateQuestion'); },
    get kind() { return t('chain.referralRateKind'); },
    scale: 'share',
    get missing() { return t('chain.noCustomers'); },
    get none() { return t('chain.noCustomersDot'); },
  },
];

/** The empty state of the customer links, in the table and the detail. */
export const noCustomersText = (): string => t('chain.noCustomers');

/** One quarter of one link: the figure, hidden (with the reason) or nothing, and what its tooltip says. */
export interface LinkPoint {
  quarter: string;
  value: number | null;
  suppressed: SuppressionReason | null;
  /** The figure's basis and source ("12 answers · Leadership pulse, wave 3"), or the referrals behind a rate. */
  detail: string;
  /** The whole tooltip: quarter, link, figure or why there is none, basis and source. */
  title: string;
  /** The figure as read out: "+20", "hidden", "no data". */
  spoken: string;
  /** Why there is no figure, when nothing was hidden. */
  missing: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const soFar = (): string => t('chain2.soFar');

/** "2026 Q3 (so far)" for the quarter that has not ended yet. */
export function quarterLabels(chain: Pick<ServiceProfitChain, 'quarters'>, now = new Date()): string[] {
  return chain.quarters.map((q) => (new Date(q.end) > now ? `${q.label}${soFar()}` : q.label));
}

/** "2026 Q3" of "2026 Q3 (so far)": the quarter as an axis tick. */
export const plainQuarter = (label: string) => (label.endsWith(soFar()) ? label.slice(0, -soFar().length) : label);

/**
 * Which quarter a link's printed figure is: the latest, unless that is the running quarter, it has
 * no figure yet (its wave has not closed) and the quarter before has one — then that one, so the
 * figure is not a bare dash.
 */
export function latestIndex(points: Array<Pick<LinkPoint, 'quarter' | 'value' | 'suppressed'>>): number {
  const last = points.length - 1;
  const has = (p: (typeof points)[number] | undefined) => p != null && (p.value != null || p.suppressed != null);
  return last > 0 && points[last].quarter.endsWith(soFar()) && !has(points[last]) && has(points[last - 1]) ? last - 1 : last;
}

function figureOf(quarter: ChainQuarter, key: Exclude<ChainLinkKey, 'referralRate'>): ChainFigure {
  return quarter[key];
}

/** A link's figure in one quarter of a row, ready for a spark bar, a chart point or a table cell. */
export function linkPoint(row: ChainRow, index: number, link: ChainLink, quarter: string, threshold: number): LinkPoint {
  const q = row.quarters[index];
  if (link.key === 'referralRate') {
    const value = q?.referralRate ?? null;
    const detail = `${plural(q?.referrals ?? 0, 'referral')}, ${q?.convertedReferrals ?? 0} converted, of ${plural(row.customers, 'customer')}`;
    return {
      quarter,
      value,
      suppressed: null,
      detail,
      title: value != null ? `${quarter} · ${link.label} ${formatTrendValue(value, 'share')} · ${detail}` : `${quarter} · ${link.label}: ${link.missing}`,
      spoken: value != null ? formatTrendValue(value, 'share') : 'no data',
      missing: link.missing,
    };
  }
  const f = q ? figureOf(q, link.key) : { value: null, basis: null, suppressed: null, source: null };
  const detail = [f.basis != null ? plural(f.basis, 'answer') : null, f.source].filter(Boolean).join(' · ');
  let title: string;
  if (f.value != null) title = `${quarter} · ${link.label} ${formatTrendValue(f.value, 'nps')}${detail ? ` · ${detail}` : ''}`;
  else if (f.suppressed) title = `${quarter} · ${link.label} hidden: ${suppressionText(f.suppressed, threshold)}${f.source ? ` · ${f.source}` : ''}`;
  else title = `${quarter} · ${link.label}: ${link.missing}`;
  return {
    quarter,
    value: f.value,
    suppressed: f.value == null ? f.suppressed : null,
    detail,
    title,
    spoken: f.value != null ? formatTrendValue(f.value, 'nps') : f.suppressed ? 'hidden' : 'no data',
    missing: link.missing,
  };
}

export function linkPoints(row: ChainRow, link: ChainLink, quarters: string[], threshold: number): LinkPoint[] {
  return quarters.map((label, i) => linkPoint(row, i, link, label, threshold));
}

/** Whether a link has anything to show (a figure or a hidden one) in any quarter. */
export const hasAny = (points: LinkPoint[]) => points.some((p) => p.value != null || p.suppressed != null);

/** Whether the row's customer links have nothing at all because nobody in the team owns a customer. */
export function withoutCustomers(row: ChainRow): boolean {
  return row.customers === 0 && row.quarters.every((q) => q.customerNps.value == null && !q.customerNps.suppressed && q.referrals === 0);
}

/** Whether any row has an employee-survey figure (shown or hidden) in any quarter. */
export function anyEmployeeFigure(rows: ChainRow[]): boolean {
  const any = (f: ChainFigure) => f.value != null || f.suppressed != null;
  return rows.some((r) => r.quarters.some((q) => any(q.leaderNps) || any(q.enps)));
}

export type Direction = 'up' | 'down' | 'flat';

/** The latest quarter against the one before, in the precision the figure is shown in; null unless both have a figure. */
export function latestChange(values: Array<number | null>, scale: 'nps' | 'share' | 'count'): { delta: number; direction: Direction } | null {
  if (values.length < 2) return null;
  const latest = values[values.length - 1];
  const previous = values[values.length - 2];
  if (latest == null || previous == null) return null;
  // Nothing either time is no news: no arrow.
  if (scale === 'count' && latest === 0 && previous === 0) return null;
  const delta = scale === 'share' ? Math.round((latest - previous) * 1000) / 10 : Math.round(latest) - Math.round(previous);
  return { delta, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat' };
}

/** A calm top for the NPS bars of a table: ±25, ±50 or ±100, whichever holds every figure, so small NPS still show. */
export function npsCeiling(values: Array<number | null>): number {
  const hi = Math.max(0, ...values.filter((v): v is number => v != null).map(Math.abs));
  return hi <= 25 ? 25 : hi <= 50 ? 50 : 100;
}

/** A calm top for a share scale: the smallest of 1 %, 2 %, 5 %, 10 %, 20 %, 50 %, 100 % (then whole hundreds) that holds every value. */
export function shareCeiling(values: Array<number | null>): number {
  const hi = Math.max(0, ...values.filter((v): v is number => v != null));
  for (const top of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]) if (hi <= top) return top;
  return Math.ceil(hi);
}
