import { t } from '../i18n/index.js';
import type { HeatmapCell, HeatmapColumn, HeatmapColumnKind, HeatmapRow, TeamHeatmap } from './leadership.graphql.js';
import { SuppressedValue } from '../surveys/ResultsView.js';
import type { SuppressionReason } from '../surveys/surveys.graphql.js';
import { TeamSignalBadge } from './figures.js';
import { formatDecimal, formatNumber, formatPercent, formatScore } from '../ui/format.js';

/** Where a column kind's scale starts, turns and ends: below `mid` reads as bad, above as good. */
export function columnDomain(column: Pick<HeatmapColumn, 'kind' | 'scaleMax'>): { min: number; mid: number; max: number } {
  if (column.kind === 'NPS') return { min: -100, mid: 0, max: 100 };
  if (column.kind === 'PARTICIPATION') return { min: 0, mid: 0.5, max: 1 };
  const max = column.scaleMax ?? 5;
  return { min: 1, mid: (1 + max) / 2, max };
}

export function formatCell(value: number, kind: HeatmapColumnKind): string {
  if (kind === 'NPS') return formatScore(value);
  if (kind === 'PARTICIPATION') return formatPercent(value, { digits: 0 });
  return formatDecimal(value, 1);
}

const NEUTRAL = [245, 246, 248];
const BAD = [196, 64, 52];
const GOOD = [28, 133, 82];

/**
 * The diverging colour of a value: neutral grey at the column's midpoint,
 * deepening towards red below it and green above it. Text turns white where
 * the fill gets dark, so every number stays readable.
 */
export function heatColour(value: number, column: Pick<HeatmapColumn, 'kind' | 'scaleMax'>): { background: string; color: string } {
  const { min, mid, max } = columnDomain(column);
  const t = value >= mid ? Math.min(1, (value - mid) / (max - mid || 1)) : -Math.min(1, (mid - value) / (mid - min || 1));
  const end = t >= 0 ? GOOD : BAD;
  const strength = Math.abs(t) * 0.9;
  const rgb = NEUTRAL.map((c, i) => Math.round(c + (end[i] - c) * strength));
  return { background: `rgb(${rgb.join(', ')})`, color: strength > 0.5 ? '#ffffff' : 'var(--gray-900)' };
}

/** The short mark a hidden cell shows; the full reason is its tooltip. */
export function hiddenMark(reason: SuppressionReason, threshold: number): string {
  if (reason === 'BELOW_THRESHOLD') return `<${threshold}`;
  return reason === 'WAVE_RUNNING' ? t('heatmap.running') : t('hidden.mark');
}

function Cell({ cell, column, threshold }: { cell: HeatmapCell | undefined; column: HeatmapColumn; threshold: number }) {
  if (cell?.suppressed)
    return (
      <td className="heat-cell is-hidden" data-column={column.key} data-suppressed={cell.suppressed}>
        <SuppressedValue reason={cell.suppressed} threshold={threshold} short={hiddenMark(cell.suppressed, threshold)} />
      </td>
    );
  if (cell?.value == null)
    return (
      <td className="heat-cell is-empty" data-column={column.key} title={t('heatmap.noAnswers')}>
        <span className="muted">—</span>
        <span className="sr-only">{t('heatmap.noAnswers')}</span>
      </td>
    );
  const text = formatCell(cell.value, column.kind);
  return (
    <td className="heat-cell" data-column={column.key} style={heatColour(cell.value, column)} title={`${column.label}: ${text}${cell.answered != null ? ` · ${cell.answered} answers` : ''}`}>
      {text}
    </td>
  );
}

/**
 * Teams × survey items. The first row is the parent team as a whole (with
 * every sub-team); a team with sub-teams of its own opens them.
 */
export function HeatmapGrid({ heatmap, onDrill }: { heatmap: TeamHeatmap; onDrill: (teamId: string) => void }) {
  const { columns, rows, threshold } = heatmap;
  return (
    <div className="heatmap-scroll" tabIndex={0} role="region" aria-label={t('heatmap.region')}>
      <table className="table heatmap">
        <caption className="sr-only">
          {heatmap.parent ? t('heatmap.captionSub', { survey: heatmap.survey.title, name: heatmap.parent.name }) : t('heatmap.captionTop', { survey: heatmap.survey.title })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="heat-team">
              {t('heatmap.team')}
            </th>
            <th scope="col" className="num">
              {t('heatmap.responses')}
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="heat-col" title={c.label}>
                <span className="heat-col-label">{c.label}</span>
                <span className="heat-col-kind">{c.kind === 'RATING' ? `1–${c.scaleMax ?? 5}` : c.kind === 'NPS' ? 'NPS' : t('heatmap.share')}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.team.id} row={row} columns={columns} threshold={threshold} onDrill={onDrill} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, columns, threshold, onDrill }: { row: HeatmapRow; columns: HeatmapColumn[]; threshold: number; onDrill: (teamId: string) => void }) {
  const drillable = !row.isParent && row.childTeams > 0;
  const byKey = new Map(row.cells.map((c) => [c.key, c]));
  return (
    <tr className={row.isParent ? 'heat-parent' : undefined} data-team={row.team.name}>
      <th scope="row" className="heat-team">
        {drillable ? (
          <button type="button" className="heat-drill" onClick={() => onDrill(row.team.id)}>
            <span>{row.team.name}</span>
            <span className="heat-drill-count">
              <span className="sr-only">{t('heatmap.showIts')}</span> {t('heatmap.subTeams', { count: row.childTeams })}
              <span aria-hidden="true"> ›</span>
            </span>
          </button>
        ) : (
          <span className="heat-team-name">
            {row.team.name}
            {row.isParent && <span className="heat-team-note">{t('heatmap.wholeTeam')}</span>}
          </span>
        )}
        {row.team.trustSignal && <TeamSignalBadge signal={row.team.trustSignal} />}
      </th>
      <td className="num tabular heat-responses">
        {row.suppressed ? (
          <SuppressedValue reason={row.suppressed} threshold={threshold} short={hiddenMark(row.suppressed, threshold)} />
        ) : row.responses != null ? (
          <>
            {row.responses}
            {row.invited != null && <span className="muted small"> / {row.invited}</span>}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      {columns.map((c) => (
        <Cell key={c.key} cell={byKey.get(c.key)} column={c} threshold={threshold} />
      ))}
    </tr>
  );
}

/** A legend tick: whole numbers where the scale has them, a true minus sign. */
function legendTick(value: number, kind: HeatmapColumnKind): string {
  if (kind === 'PARTICIPATION') return formatPercent(value, { digits: 0 });
  if (kind === 'NPS') return formatScore(value);
  return formatNumber(value, 1);
}

const KIND_LABELS = (kind: HeatmapColumnKind): string => (kind === 'NPS' ? 'NPS' : t(`heatmap.kind${kind}`));

/** One colour ramp per column kind on the grid, and what the two kinds of hidden cell mean. */
export function HeatmapLegend({ columns, threshold }: { columns: HeatmapColumn[]; threshold: number }) {
  const kinds = [...new Map(columns.map((c) => [`${c.kind}-${c.scaleMax ?? ''}`, c])).values()];
  return (
    <div className="heat-legend" aria-label={t('heatmap.legend')}>
      {kinds.map((c) => {
        const { min, mid, max } = columnDomain(c);
        const stops = [0, 0.25, 0.5, 0.75, 1].map((f) => {
          const v = min + (max - min) * f;
          return `${heatColour(v, c).background} ${f * 100}%`;
        });
        return (
          <div key={`${c.kind}-${c.scaleMax ?? ''}`} className="heat-legend-ramp">
            <span className="heat-legend-title">{KIND_LABELS(c.kind)}</span>
            <span className="heat-legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} aria-hidden="true" />
            <span className="heat-legend-ticks">
              <span>{legendTick(min, c.kind)}</span>
              <span>{legendTick(mid, c.kind)}</span>
              <span>{legendTick(max, c.kind)}</span>
            </span>
          </div>
        );
      })}
      <ul className="legend heat-legend-hidden">
        <li>
          <span className="suppressed-value">{`<${threshold}`}</span> {t('heatmap.fewerThan', { count: threshold })}
        </li>
        <li>
          <span className="suppressed-value">{t('hidden.mark')}</span> {t('heatmap.hiddenSubtraction')}
        </li>
      </ul>
    </div>
  );
}
