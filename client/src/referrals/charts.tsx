import { t } from '../i18n/index.js';
import type { Funnel, GenerationStats } from './referrals.graphql.js';
import { formatPercent, formatRatio } from './badges.js';
import { formatNumber } from '../ui/format.js';

/** A one-line stacked bar: converted, still open, rejected, expired. */
export function FunnelBar({ funnel }: { funnel: Funnel }) {
  const total = funnel.invited || 1;
  const open = Math.max(0, funnel.invited - funnel.converted - funnel.rejected - funnel.expired);
  const parts = [
    { key: 'converted', label: t('referrals.converted'), value: funnel.converted },
    { key: 'open', label: t('referrals.open'), value: open },
    { key: 'rejected', label: t('referrals.rejected'), value: funnel.rejected },
    { key: 'expired', label: t('referrals.expired'), value: funnel.expired },
  ];
  return (
    <div className="funnel-bar-wrap">
      <div className="funnel-bar" role="img" aria-label={parts.map((p) => `${p.label} ${p.value}`).join(', ')}>
        {parts.map((p) => (p.value ? <span key={p.key} className={`funnel-seg seg-${p.key}`} style={{ width: `${(p.value / total) * 100}%` }} /> : null))}
      </div>
      <ul className="legend">
        {parts.map((p) => (
          <li key={p.key}>
            <span className={`legend-swatch seg-${p.key}`} aria-hidden="true" />
            {p.label} <strong>{p.value}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Invited → engaged → converted as shrinking bars, with what dropped out beside it. */
export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const stages = [
    { label: t('referrals.invited'), value: funnel.invited, cls: 'seg-invited' },
    { label: t('referrals.engaged'), value: funnel.engaged, cls: 'seg-engaged' },
    { label: t('referrals.converted'), value: funnel.converted, cls: 'seg-converted' },
  ];
  const max = Math.max(1, funnel.invited);
  const W = 560;
  const rowH = 44;
  const labelW = 96;
  const barW = W - labelW - 120;
  return (
    <div className="funnel-chart">
      <svg viewBox={`0 0 ${W} ${rowH * stages.length}`} width="100%" role="img" aria-label={stages.map((s) => `${s.label} ${s.value}`).join(', ')}>
        {stages.map((s, i) => {
          const w = Math.max(2, (s.value / max) * barW);
          const y = i * rowH + 8;
          return (
            <g key={s.label}>
              <text x={0} y={y + 19} className="chart-label">
                {s.label}
              </text>
              <rect x={labelW + (barW - w) / 2} y={y} width={w} height={28} rx={5} className={`chart-bar ${s.cls}`} />
              <text x={labelW + barW + 12} y={y + 19} className="chart-value">
                {formatNumber(s.value)}
                {i > 0 && funnel.invited > 0 ? <tspan className="chart-sub"> · {formatPercent(s.value / funnel.invited)}</tspan> : null}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="funnel-out">
        {t('funnel2.droppedOut')} <strong>{funnel.rejected}</strong> {t('funnel2.rejected')} · <strong>{funnel.expired}</strong> {t('funnel2.expired')}
      </p>
    </div>
  );
}

/** K-factor per generation as bars, with the K = 1 line (above it a generation more than replaces itself). */
export function KFactorChart({ generations }: { generations: readonly GenerationStats[] }) {
  if (generations.length === 0) return <p className="muted">{t('referrals.noGenerationsYet')}</p>;
  const W = 560;
  const H = 200;
  const pad = { top: 16, right: 44, bottom: 28, left: 36 };
  const maxK = Math.max(1.25, ...generations.map((g) => g.kFactor)) * 1.1;
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const step = innerW / generations.length;
  const barW = Math.min(48, step * 0.6);
  const y = (k: number) => pad.top + innerH - (k / maxK) * innerH;
  const ticks = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8].filter((t) => t <= maxK);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" className="k-chart" role="img" aria-label={t('referrals.kByGeneration', { list: generations.map((g) => t('referrals.generationK', { generation: g.generation, k: formatRatio(g.kFactor) })).join(', ') })}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="chart-axis">
            {t}
          </text>
        </g>
      ))}
      {generations.map((g, i) => {
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g key={g.generation}>
            <rect x={x} y={y(g.kFactor)} width={barW} height={Math.max(0, y(0) - y(g.kFactor))} rx={3} className={`chart-bar ${g.kFactor >= 1 ? 'seg-converted' : 'seg-engaged'}`}>
              <title>{`Generation ${g.generation}: K = ${formatRatio(g.kFactor)} (${g.referrals} referrals, ${g.converted} converted, ${g.referrers} referrers)`}</title>
            </rect>
            {step >= 34 && (
              <text x={x + barW / 2} y={y(g.kFactor) - 4} textAnchor="middle" className="chart-value-sm">
                {formatRatio(g.kFactor)}
              </text>
            )}
            {(step >= 22 || i % 2 === 0) && (
              <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="chart-axis">
                {step >= 22 ? `G${g.generation}` : g.generation}
              </text>
            )}
          </g>
        );
      })}
      <line x1={pad.left} x2={W - pad.right} y1={y(1)} y2={y(1)} className="chart-threshold" />
      <text x={W - pad.right + 4} y={y(1) + 4} textAnchor="start" className="chart-threshold-label">
        K = 1
      </text>
    </svg>
  );
}
