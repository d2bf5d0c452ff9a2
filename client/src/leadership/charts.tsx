import { t } from '../i18n/index.js';
import type { LeaderTrendPoint, ScoreItem } from './leadership.graphql.js';
import { SuppressedValue, type TrendChartPoint } from '../surveys/ResultsView.js';
import { formatDate, formatMonthYear, formatDecimal, formatScore } from '../ui/format.js';

/**
 * The items of one upward-feedback wave as bars: a rating's mean on its
 * 1..scaleMax track, an NPS item from the middle of a −100..100 track. A
 * suppressed item keeps its row with a hatched track and the reason.
 */
export function ItemBars({ items, threshold }: { items: ScoreItem[]; threshold: number | undefined }) {
  return (
    <ul className="item-bars" aria-label={t('delta.itemsLabel')}>
      {items.map((item) => {
        const hidden = item.value == null;
        const max = item.scaleMax ?? 5;
        let bar = null;
        let value;
        if (item.value != null && item.kind === 'NPS') {
          const share = Math.min(100, Math.abs(item.value)) / 2;
          bar = (
            <span
              className={`item-bar item-bar-nps ${item.value >= 0 ? 'is-positive' : 'is-negative'}`}
              style={item.value >= 0 ? { left: '50%', width: `${share}%` } : { left: `${50 - share}%`, width: `${share}%` }}
            />
          );
          value = <strong>{formatScore(item.value)}</strong>;
        } else if (item.value != null) {
          bar = <span className="item-bar" style={{ width: `${Math.max(2, ((item.value - 1) / (max - 1 || 1)) * 100)}%` }} />;
          value = (
            <>
              <strong>{formatDecimal(item.value, 1)}</strong>
              <span className="muted"> / {max}</span>
            </>
          );
        } else if (item.suppressed) value = <SuppressedValue reason={item.suppressed} threshold={threshold} />;
        else value = <span className="muted">No answers</span>;
        return (
          <li key={item.questionId} className={`item-row${hidden ? ' is-hidden' : ''}`} data-item={item.label} data-suppressed={item.suppressed ?? undefined}>
            <span className="item-label">{item.label}</span>
            <span
              className={`item-track${item.kind === 'NPS' ? ' item-track-nps' : ''}`}
              role="img"
              aria-label={
                item.value != null
                  ? `${item.label}: ${item.kind === 'NPS' ? formatScore(item.value) : `mean ${formatDecimal(item.value, 1)} of ${max}`}`
                  : `${item.label}: hidden`
              }
            >
              {bar}
            </span>
            <span className="item-value">
              {value}
              {item.answered != null && <span className="muted small"> · {item.answered} answers</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A leader's waves as chart points. Waves of one survey are labelled W1, W2…;
 * waves from several surveys by the month they opened.
 */
export function trendPoints(points: LeaderTrendPoint[], value: (p: LeaderTrendPoint) => number | null): TrendChartPoint[] {
  const oneSurvey = new Set(points.map((p) => p.surveyId)).size <= 1;
  return points.map((p) => ({
    waveNumber: p.waveNumber,
    responses: p.responses,
    score: value(p),
    suppressed: value(p) == null ? (p.suppressed ?? null) : null,
    tick: oneSurvey ? `W${p.waveNumber}` : formatMonthYear(p.openedAt),
    note: t('charts.waveNote', { survey: p.surveyTitle, wave: p.waveNumber, date: formatDate(p.openedAt) }),
  }));
}
