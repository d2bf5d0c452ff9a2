import { t } from '../i18n/index.js';
import { useState } from 'react';
import type { GenerationStats } from './referrals.graphql.js';
import { formatPercent, formatRatio } from './badges.js';

/** Totals over all generations: sums, and the overall conversion rate. */
export function generationTotals(rows: readonly GenerationStats[]) {
  const referrals = rows.reduce((s, g) => s + g.referrals, 0);
  const converted = rows.reduce((s, g) => s + g.converted, 0);
  return { referrals, converted, conversionRate: referrals ? converted / referrals : 0 };
}

/** K-factor from its parts (the server sends it too; this keeps a row honest when a part is shown rounded). */
export function kFactorOf(g: Pick<GenerationStats, 'invitesPerReferrer' | 'conversionRate'>): number {
  return g.invitesPerReferrer * g.conversionRate;
}

/** Per-generation figures with K-factor; K ≥ 1 means that generation more than replaces itself. */
export function GenerationTable({
  generations,
  caption = t('referrals.perGeneration'),
  collapseAfter,
}: {
  generations: readonly GenerationStats[];
  caption?: string;
  /** Show only this many rows until asked for all. */
  collapseAfter?: number;
}) {
  const [all, setAll] = useState(false);
  if (generations.length === 0) {
    return <p className="muted generation-empty">{t('referrals.noGenerations')}</p>;
  }
  const totals = generationTotals(generations);
  const cut = !all && collapseAfter !== undefined && generations.length > collapseAfter + 2;
  const shown = cut ? generations.slice(0, collapseAfter) : generations;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.titleScrollsSideways', { title: t('referrals.generations') })}>
      <table className="table table-compact generation-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('referrals.colGen')}</th>
            <th scope="col" className="num">{t('referrals.colReferrals')}</th>
            <th scope="col" className="num">{t('referrals.colConverted')}</th>
            <th scope="col" className="num">{t('referrals.colRate')}</th>
            <th scope="col" className="num">{t('referrals.colReferrers')}</th>
            <th scope="col" className="num" title={t('referrals.invPerRefTitle')}>{t('referrals.colInvPerRef')}</th>
            <th scope="col" className="num" title={t('referrals.kTitle')}>K</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((g) => {
            const k = g.kFactor ?? kFactorOf(g);
            return (
              <tr key={g.generation}>
                <th scope="row">{g.generation}</th>
                <td className="num">{g.referrals}</td>
                <td className="num">{g.converted}</td>
                <td className="num">{formatPercent(g.conversionRate)}</td>
                <td className="num">{g.referrers}</td>
                <td className="num">{formatRatio(g.invitesPerReferrer)}</td>
                <td className="num">
                  <span className={`k-value${k >= 1 ? ' is-viral' : ''}`} title={k >= 1 ? t('referrals.grows') : t('referrals.shrinks')}>
                    {formatRatio(k)}
                  </span>
                </td>
              </tr>
            );
          })}
          {cut && (
            <tr>
              <td colSpan={7} className="table-more">
                <button type="button" className="link-button" onClick={() => setAll(true)}>
                  Show all {generations.length} generations
                </button>
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('referrals.all')}</th>
            <td className="num">{totals.referrals}</td>
            <td className="num">{totals.converted}</td>
            <td className="num">{formatPercent(totals.conversionRate)}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
