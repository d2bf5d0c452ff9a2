import { t } from '../i18n/index.js';
import { useId } from 'react';
import type { NpsScore, QuestionResult, SuppressionReason, SurveyResults, TrendPoint } from './surveys.graphql.js';
import { questionTypeLabel } from './surveys.graphql.js';
import { formatDecimal, formatNumber, formatPercent, formatScore } from '../ui/format.js';

/** Why a figure is hidden, in words. Never a zero: a hidden figure is not a small one. */
export function suppressionText(reason: SuppressionReason, threshold: number | undefined): string {
  switch (reason) {
    case 'BELOW_THRESHOLD':
      return threshold ? t('hidden.belowThreshold', { threshold }) : t('hidden.tooFew');
    case 'DIFFERENCING':
      return t('hidden.differencing');
    case 'COMMENTS_BELOW_THRESHOLD':
      return t('hidden.comments');
    case 'WAVE_RUNNING':
      return t('hidden.waveRunning');
  }
}

export function Suppressed({ reason, threshold, compact }: { reason: SuppressionReason; threshold: number; compact?: boolean }) {
  return (
    <div className={`suppressed${compact ? ' suppressed-compact' : ''}`} data-suppressed={reason} role="note">
      <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <rect x="5" y="11" width="14" height="10" rx="2" />
        <path d="M8 11V7a4 4 0 0 1 8 0v4" />
      </svg>
      <span>{suppressionText(reason, threshold)}</span>
    </div>
  );
}

/**
 * A single hidden figure in a table cell or tile: hatched, with the reason as
 * its tooltip (and read out to assistive technology). `short` replaces the
 * word "Hidden" where space is tight.
 */
export function SuppressedValue({ reason, threshold, short = t('hidden.mark') }: { reason: SuppressionReason; threshold: number | undefined; short?: string }) {
  const text = suppressionText(reason, threshold);
  return (
    // Focusable, so the reason shows on keyboard focus as well as on hover (and is read out).
    <span className="suppressed-value" tabIndex={0} data-reason={text} data-suppressed={reason}>
      <span aria-hidden="true">{short}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}

const share = (part: number, total: number) => (total ? part / total : 0);
export { formatScore };

/** NPS −100..100 as a half-dial, and the promoter / passive / detractor split as one bar. */
export function NpsView({ nps }: { nps: NpsScore }) {
  const total = nps.promoters + nps.passives + nps.detractors;
  const parts = [
    { key: 'detractors', label: t('results.detractors'), value: nps.detractors },
    { key: 'passives', label: t('results.passives'), value: nps.passives },
    { key: 'promoters', label: t('results.promoters'), value: nps.promoters },
  ];
  // Half circle from −100 (left) to +100 (right).
  const angle = Math.PI * (1 - (Math.max(-100, Math.min(100, nps.score)) + 100) / 200);
  const r = 52;
  const cx = 64;
  const cy = 64;
  const nx = cx + r * Math.cos(angle);
  const ny = cy - r * Math.sin(angle);
  return (
    <div className="nps-view">
      <svg viewBox="-12 0 152 78" width="160" role="img" aria-label={`NPS ${formatScore(nps.score)}`} className="nps-gauge">
        <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}`} className="nps-track" />
        <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${nx} ${ny}`} className={`nps-fill${nps.score >= 0 ? ' is-positive' : ' is-negative'}`} />
        <text x={cx} y={cy - 6} textAnchor="middle" className="nps-score" data-testid="nps-score">
          {formatScore(nps.score)}
        </text>
        <text x={cx - r} y={cy + 11} textAnchor="middle" className="chart-axis">
          −100
        </text>
        <text x={cx + r} y={cy + 11} textAnchor="middle" className="chart-axis">
          100
        </text>
      </svg>
      <div className="nps-split">
        <div className="funnel-bar nps-bar" role="img" aria-label={parts.map((p) => `${p.label} ${p.value}`).join(', ')}>
          {parts.map((p) => (p.value ? <span key={p.key} className={`funnel-seg nps-${p.key}`} style={{ width: `${(p.value / (total || 1)) * 100}%` }} /> : null))}
        </div>
        <ul className="legend">
          {parts.map((p) => (
            <li key={p.key}>
              <span className={`legend-swatch nps-${p.key}`} aria-hidden="true" />
              {p.label} <strong>{p.value}</strong> <span className="muted">({formatPercent(share(p.value, total))})</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Horizontal bars: one per bucket, count and share beside it. */
export function DistributionBars({ buckets, highlight }: { buckets: QuestionResult['distribution']; highlight?: (value: number) => string | undefined }) {
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <ul className="dist" aria-label={t('results.distribution')}>
      {buckets.map((b) => (
        <li key={b.value} className="dist-row">
          <span className="dist-label" title={b.label}>
            {b.label}
          </span>
          <span className="dist-track">
            <span className={`dist-bar ${highlight?.(b.value) ?? ''}`} style={{ width: `${(b.count / max) * 100}%` }} />
          </span>
          <span className="dist-value">
            {formatNumber(b.count)} <span className="muted">· {formatPercent(share(b.count, total))}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function npsClass(value: number) {
  return value >= 9 ? 'nps-promoters' : value >= 7 ? 'nps-passives' : 'nps-detractors';
}

export function QuestionResultCard({
  result: r,
  threshold,
  index,
  groupHidden,
  audience = 'CUSTOMERS',
}: {
  result: QuestionResult;
  threshold: number;
  index: number;
  groupHidden?: boolean;
  /** CSAT is a customer metric; for employees the same share (4–5 of 5) is called favourable. */
  audience?: 'EMPLOYEES' | 'CUSTOMERS';
}) {
  const q = r.question;
  let body;
  if (r.suppressed && (groupHidden || q.type !== 'FREE_TEXT')) body = <Suppressed reason={r.suppressed} threshold={threshold} compact={groupHidden} />;
  else if (q.type === 'NPS' && r.nps)
    body = (
      <>
        <NpsView nps={r.nps} />
        <details className="dist-details">
          <summary>{t('results.allAnswers')}</summary>
          <DistributionBars buckets={r.distribution} highlight={npsClass} />
        </details>
      </>
    );
  else if (q.type === 'RATING')
    body = (
      <div className="rating-view">
        <dl className="stat-tiles rating-tiles">
          <div>
            <dt>{t('results.mean')}</dt>
            <dd>{r.mean != null ? formatDecimal(r.mean, 2) : '—'}</dd>
          </div>
          {q.scaleMax === 5 && r.csat != null && (
            <div>
              <dt>{audience === 'EMPLOYEES' ? t('results.favourable') : 'CSAT'}</dt>
              <dd>
                {formatPercent(r.csat / 100)} <span className="small muted">{t('results.answered45')}</span>
              </dd>
            </div>
          )}
        </dl>
        <DistributionBars buckets={r.distribution} />
      </div>
    );
  else if (q.type === 'SINGLE_CHOICE' || q.type === 'MULTIPLE_CHOICE') body = <DistributionBars buckets={r.distribution} />;
  else if (q.type === 'FREE_TEXT')
    body =
      r.suppressed ? (
        <Suppressed reason={r.suppressed} threshold={threshold} />
      ) : r.comments.length ? (
        <ul className="comments" tabIndex={0} aria-label={t('results.commentsOn', { n: index + 1 })}>
          {r.comments.map((c, i) => (
            <li key={i} className="prewrap">
              {c}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('results.noComments')}</p>
      );
  else body = <p className="muted">{t('results.noFigures')}</p>;
  return (
    <article className={`card result-card${r.suppressed ? ' is-suppressed' : ''}`} aria-label={t('results.resultOf', { n: index + 1 })} data-result-question={index + 1}>
      <header className="result-head">
        <h3>
          <span className="sq-number">{index + 1}.</span> {q.prompt}
        </h3>
        <span className="muted small nowrap">
          {questionTypeLabel(q.type)}
          {r.answered != null && t('results.answered', { count: r.answered })}
        </span>
      </header>
      {body}
    </article>
  );
}

/** How a trend's values read: NPS −100..100, a mean rating, or a share 0..1 shown as a percentage. */
export type TrendScale = 'nps' | 'mean' | 'share';

/**
 * A point of a trend: `tick` labels the x axis (default "W<wave>"), `note` names the point in its tooltip,
 * `detail` replaces "(n responses)" there (basis, source…). A point without a score is hidden when
 * `suppressed` says why, and otherwise has no data — a faint dash, never a hatched gap.
 */
export type TrendChartPoint = TrendPoint & { tick?: string; note?: string; detail?: string };

/** A share as a percentage: whole points, one decimal below 10 % where it matters (3.4 %, not 3 %). */
export function formatShare(value: number): string {
  return formatPercent(value);
}

export function formatTrendValue(value: number, scale: TrendScale): string {
  if (scale === 'nps') return formatScore(value);
  if (scale === 'share') return formatShare(value);
  return formatDecimal(value, 1);
}

/**
 * Score per wave (or per `by`: quarter…); suppressed waves are gaps in the line with a hatched marker
 * (never a point at 0), points without data a faint dash. `width` and `height` size the drawing (pass
 * the width the chart gets on screen so its text stays at its size); charts of the same width and
 * number of points share their x positions. `shareMax` tops a share scale below 100 %.
 */
export function TrendChart({
  points,
  threshold,
  label,
  scale = 'nps',
  by = 'wave',
  width = 560,
  height = 180,
  shareMax = 1,
}: {
  points: TrendChartPoint[];
  threshold: number;
  label: string;
  scale?: TrendScale;
  by?: string;
  width?: number;
  height?: number;
  shareMax?: number;
}) {
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const fmt = (v: number) => formatTrendValue(v, scale);
  if (points.length === 0) return null;
  const nps = scale === 'nps';
  const W = width;
  const H = height;
  const pad = { top: 16, right: 16, bottom: 28, left: 40 };
  const scores = points.map((p) => p.score).filter((s): s is number => s != null);
  const lo = Math.min(0, ...scores);
  const hi = Math.max(nps ? 10 : 1, ...scores);
  const min = nps && lo < 0 ? Math.max(-100, Math.floor(lo / 10) * 10 - 10) : 0;
  const max = scale === 'share' ? shareMax : nps ? Math.min(100, Math.ceil(hi / 10) * 10 + 10) : Math.ceil(hi);
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  // The first and last waves sit a little inside the axes, so their markers and labels stay clear of the tick labels.
  const inset = 18;
  const step = points.length > 1 ? (innerW - 2 * inset) / (points.length - 1) : 0;
  const x = (i: number) => pad.left + (points.length > 1 ? inset + i * step : innerW / 2);
  const y = (v: number) => pad.top + innerH - ((v - min) / (max - min || 1)) * innerH;
  // Split into runs of visible points: a hidden wave breaks the line.
  const runs: Array<Array<{ i: number; v: number }>> = [];
  let run: Array<{ i: number; v: number }> = [];
  points.forEach((p, i) => {
    if (p.score == null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ i, v: p.score });
  });
  if (run.length) runs.push(run);
  // NPS crossing zero gets its zero line; otherwise the middle of the range.
  const middle = nps && min < 0 && max > 0 ? 0 : scale === 'share' ? max / 2 : Math.round((min + max) / 2);
  const ticks = scale === 'share' ? [0, max / 2, max] : [...new Set([min, middle, max])];
  const tick = (p: TrendChartPoint) => p.tick ?? `W${p.waveNumber}`;
  const name = (p: TrendChartPoint) => p.note ?? t('results2.waveName', { number: p.waveNumber });
  const spoken = (p: TrendChartPoint) => (p.score != null ? fmt(p.score) : p.suppressed ? t('common.hidden') : t('results.noData'));
  const hiddenSome = points.some((p) => p.score == null && p.suppressed);
  const emptySome = points.some((p) => p.score == null && !p.suppressed);
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${label} ${by === 'quarter' ? t('trend.byQuarter') : t('trend.byWave')}: ${points.map((p) => `${name(p)} ${spoken(p)}`).join(', ')}`}>
        <defs>
          <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="chart-axis">
              {scale === 'share' ? fmt(t) : t}
            </text>
          </g>
        ))}
        {runs.map((r, k) => (
          <polyline key={k} points={r.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')} className="trend-line" />
        ))}
        {points.map((p, i) =>
          p.score != null ? (
            <g key={i} className="trend-point">
              <circle cx={x(i)} cy={y(p.score)} r={4} className="trend-dot" />
              <text x={x(i)} y={y(p.score) - 8} textAnchor="middle" className="chart-value-sm">
                {fmt(p.score)}
              </text>
              <title>{`${name(p)}: ${fmt(p.score)}${p.detail ? ` · ${p.detail}` : p.responses != null ? ` (${p.responses} ${t('results.responsesUnit')})` : ''}`}</title>
            </g>
          ) : p.suppressed ? (
            <g key={i} className="trend-hidden" data-suppressed={p.suppressed}>
              <rect x={x(i) - 9} y={pad.top} width={18} height={innerH} rx={3} fill={`url(#${hatchId})`} />
              <title>{`${name(p)}: ${suppressionText(p.suppressed, threshold)}${p.detail ? ` · ${p.detail}` : ''}`}</title>
            </g>
          ) : (
            <g key={i} className="trend-empty">
              {/* A wide transparent target so the tooltip is easy to find, and a faint dash on the axis: not a value. */}
              <rect x={x(i) - 9} y={pad.top} width={18} height={innerH} fill="transparent" />
              <line x1={x(i) - 6} x2={x(i) + 6} y1={y(min)} y2={y(min)} className="trend-empty-dash" />
              <title>{`${name(p)}: ${p.detail ?? t('results.noData')}`}</title>
            </g>
          ),
        )}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={H - 8} textAnchor="middle" className="chart-axis">
            {tick(p)}
          </text>
        ))}
      </svg>
      {(hiddenSome || emptySome) && (
        <figcaption className="legend">
          {hiddenSome && (
            <span>
              <span className="legend-swatch legend-hatch" aria-hidden="true" /> {by === 'quarter' ? t('trend.hiddenQuarter') : t('trend.hiddenWave')}
            </span>
          )}
          {emptySome && (
            <span>
              <span className="legend-swatch legend-empty" aria-hidden="true" /> {t('trend.noData')}
            </span>
          )}
        </figcaption>
      )}
    </figure>
  );
}

/** The whole results panel body for one slice. */
export function ResultsBody({ results: r, audience }: { results: SurveyResults; audience?: 'EMPLOYEES' | 'CUSTOMERS' }) {
  const rate = r.responseRate != null ? formatPercent(r.responseRate) : null;
  const hasNps = r.questions.some((q) => q.question.type === 'NPS');
  const trendLabel = hasNps ? 'NPS' : t('results.meanRating');
  return (
    <div className="results-body">
      <dl className="stat-tiles results-headline" aria-live="polite">
        <div>
          <dt>{t('results.responses')}</dt>
          <dd data-testid="results-responses">{r.responses != null ? formatNumber(r.responses) : <span className="suppressed-value">{t('hidden.mark')}</span>}</dd>
        </div>
        <div>
          <dt>{t('results.invited')}</dt>
          <dd>{r.invited != null ? formatNumber(r.invited) : <span className="suppressed-value">{t('hidden.mark')}</span>}</dd>
        </div>
        <div>
          <dt>{t('results.rate')}</dt>
          <dd>{rate != null ? rate : <span className="suppressed-value">{t('hidden.mark')}</span>}</dd>
        </div>
        <div>
          <dt>{t('results.shownFrom')}</dt>
          <dd>
            {r.threshold} <span className="small muted">{t('results.responsesUnit')}</span>
          </dd>
        </div>
      </dl>
      {r.suppressed && <Suppressed reason={r.suppressed} threshold={r.threshold} />}
      <div className="results-questions">
        {r.questions.map((q, i) => (
          <QuestionResultCard key={q.question.id} result={q} threshold={r.threshold} index={i} groupHidden={Boolean(r.suppressed)} audience={audience} />
        ))}
      </div>
      {r.trend.length > 1 && (
        <section className="card result-card" aria-label={t('results.trend')}>
          <header className="result-head">
            <h3>{t('results.trend')}</h3>
            <span className="muted small">{trendLabel}</span>
          </header>
          <TrendChart points={r.trend} threshold={r.threshold} label={trendLabel} scale={hasNps ? 'nps' : 'mean'} />
        </section>
      )}
    </div>
  );
}
