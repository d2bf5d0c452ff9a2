import { t } from '../i18n/index.js';
import type { ChainRow, ServiceProfitChain } from './leadership.graphql.js';
import type { SuppressionReason } from '../surveys/surveys.graphql.js';
import {
  CHAIN_LINKS,
  noCustomersText,
  latestChange,
  latestIndex,
  linkPoints,
  npsCeiling,
  plainQuarter,
  shareCeiling,
  withoutCustomers,
  type ChainLink,
  type Direction,
  type LinkPoint,
} from './chain.js';
import { Figure, TeamSignalBadge } from './figures.js';
import { hiddenMark } from './HeatmapGrid.js';
import { Link } from '../lib/router.js';
import { formatNumber } from '../ui/format.js';

/** One quarter of a spark: a figure, a hidden one (hatched) or none (a faint dash); `part` is the red share of a count. */
export interface SparkSlot {
  value: number | null;
  suppressed: SuppressionReason | null;
  title: string;
  spoken: string;
  part?: number;
}

/**
 * A small row of bars, one per quarter, oldest first, the latest in full colour. NPS grows up
 * (green) or down (red) from a middle line to ±`max`; amounts grow from the bottom up to `max`. A hidden
 * quarter is a hatched slot with the reason as its tooltip, a quarter without data a faint dash:
 * never a bar of 0. A measured 0 is a thin mark on the line.
 */
export function SparkBars({ label, slots, scale, max = 1 }: { label: string; slots: SparkSlot[]; scale: 'nps' | 'amount'; max?: number }) {
  return (
    <span
      className={`spc-spark spc-spark-${scale}`}
      role="img"
      aria-label={`${label} by quarter: ${slots.map((s) => s.spoken).join(', ')}`}
      style={{ gridTemplateColumns: `repeat(${slots.length}, minmax(0, 1fr))` }}
    >
      {slots.map((s, i) => {
        const latest = i === slots.length - 1 ? ' is-latest' : '';
        if (s.value == null && s.suppressed)
          return <span key={i} className={`spc-slot is-hidden${latest}`} data-state="hidden" data-suppressed={s.suppressed} title={s.title} />;
        if (s.value == null) return <span key={i} className={`spc-slot is-empty${latest}`} data-state="empty" title={s.title} />;
        let bar;
        if (scale === 'nps') {
          const h = (Math.min(max, Math.abs(s.value)) / (max || 1)) * 50;
          bar =
            Math.round(s.value) === 0 ? (
              <span className="spc-bar is-zero" />
            ) : (
              <span className={`spc-bar ${s.value > 0 ? 'is-positive' : 'is-negative'}`} style={s.value > 0 ? { bottom: '50%', height: `${h}%` } : { top: '50%', height: `${h}%` }} />
            );
        } else {
          const share = (v: number) => `${Math.min(100, (v / (max || 1)) * 100)}%`;
          bar =
            s.value === 0 ? (
              <span className="spc-bar is-zero" />
            ) : (
              <>
                <span className="spc-bar is-amount" style={{ height: share(s.value) }} />
                {!!s.part && <span className="spc-bar is-alert" style={{ height: share(s.part) }} />}
              </>
            );
        }
        return (
          <span key={i} className={`spc-slot${latest}`} data-state="value" title={s.title}>
            {bar}
          </span>
        );
      })}
    </span>
  );
}

/**
 * The latest quarter against the one before: an arrow and by how much, green where that is better
 * (`better`: which way is good), red where worse, grey when unchanged.
 */
export function Delta({
  change,
  better,
  unit,
  since,
  running,
}: {
  change: { delta: number; direction: Direction } | null;
  better: 'up' | 'down';
  unit: 'points' | 'percentagePoints' | 'complaints';
  since: string;
  /** The latest quarter is not over yet: say so, since its counts are still growing. */
  running?: boolean;
}) {
  if (!change) return null;
  const { delta, direction } = change;
  const size = Math.abs(delta);
  const units = t(`delta.${unit}`, { count: size });
  const words = `${direction === 'flat' ? t('delta.flat', { since }) : t(direction === 'up' ? 'delta.up' : 'delta.down', { size: formatNumber(size, 1), units, since })}${running ? t('delta.running') : ''}`;
  const tone = direction === 'flat' ? 'is-flat' : direction === better ? 'is-better' : 'is-worse';
  return (
    <span className={`spc-delta ${tone}`} data-direction={direction} title={words[0].toUpperCase() + words.slice(1)}>
      <span aria-hidden="true">
        {direction === 'up' ? '↑' : direction === 'down' ? '↓' : '→'}
        {direction !== 'flat' && ` ${formatNumber(size, 1)}`}
      </span>
      <span className="sr-only">{words}</span>
    </span>
  );
}

const slotsOf = (points: LinkPoint[]): SparkSlot[] => points.map((p) => ({ value: p.value, suppressed: p.suppressed, title: p.title, spoken: `${p.quarter} ${p.spoken}` }));

/**
 * A link's printed figure: the latest quarter's (or, while the running quarter has none yet, the
 * quarter before, saying which) and its change from the quarter before that.
 */
export function LatestFigure({ points, link, threshold, showQuarter }: { points: LinkPoint[]; link: ChainLink; threshold: number; showQuarter?: boolean }) {
  const index = latestIndex(points);
  const latest = points[index];
  const earlier = index < points.length - 1;
  return (
    <>
      <span className="spc-latest-value" data-latest={link.key} data-quarter={latest?.quarter}>
        {(showQuarter || earlier) && latest && (
          <span className="spc-when" title={earlier ? `${points[points.length - 1].quarter}: no figure yet — this is ${latest.quarter}` : undefined}>
            {showQuarter ? `${latest.quarter}: ` : plainQuarter(latest.quarter).split(' ')[1]}
          </span>
        )}
        <Figure
          value={latest?.value ?? null}
          suppressed={latest?.suppressed}
          threshold={threshold}
          kind={link.scale === 'nps' ? 'nps' : 'share'}
          missing={latest?.missing ?? link.missing}
          short={latest?.suppressed && !showQuarter ? hiddenMark(latest.suppressed, threshold) : undefined}
        />
      </span>{' '}
      <Delta
        change={latestChange(points.slice(0, index + 1).map((p) => p.value), link.scale)}
        better="up"
        unit={link.scale === 'nps' ? 'points' : 'percentagePoints'}
        since={points[index - 1]?.quarter ?? ''}
        running={latest != null && plainQuarter(latest.quarter) !== latest.quarter}
      />
    </>
  );
}

/** The spark, the latest figure and its change, for one link of one row. */
function LinkCell({ row, link, quarters, threshold, max }: { row: ChainRow; link: ChainLink; quarters: string[]; threshold: number; max: number }) {
  const points = linkPoints(row, link, quarters, threshold);
  return (
    <td className="spc-cell" data-link={link.key}>
      <div className="spc-link">
        <SparkBars label={link.label} slots={slotsOf(points)} scale={link.scale === 'nps' ? 'nps' : 'amount'} max={max} />
        <span className="spc-latest">
          <LatestFigure points={points} link={link} threshold={threshold} />
        </span>
      </div>
    </td>
  );
}

function ComplaintsCell({ row, quarters, max }: { row: ChainRow; quarters: string[]; max: number }) {
  const slots: SparkSlot[] = row.quarters.map((q, i) => {
    const text = `${t('chain2.complaintsText', { count: q.complaints })}${q.complaintsBreached ? t('chain2.breachedSla', { count: q.complaintsBreached }) : ''}`;
    return { value: q.complaints, suppressed: null, part: q.complaintsBreached, title: `${quarters[i]} · ${text}`, spoken: `${quarters[i]} ${text}` };
  });
  const latest = row.quarters[row.quarters.length - 1];
  return (
    <td className="spc-cell" data-link="complaints">
      <div className="spc-link">
        <SparkBars label="Complaints" slots={slots} scale="amount" max={max} />
        <span className="spc-latest">
          <span className="spc-latest-value" data-latest="complaints">
            {latest?.complaints ?? 0}
          </span>
          {!!latest?.complaintsBreached && (
            <span className="figure-alert spc-breached" title={t('chain2.ofThemBreached', { count: latest.complaintsBreached })}>
              {t('chain2.breached', { count: latest.complaintsBreached })}
            </span>
          )}
          <Delta
            change={latestChange(row.quarters.map((q) => q.complaints), 'count')}
            better="down"
            unit="complaints"
            since={quarters[quarters.length - 2] ?? ''}
            running={plainQuarter(quarters[quarters.length - 1] ?? '') !== quarters[quarters.length - 1]}
          />
        </span>
      </div>
    </td>
  );
}

function Row({
  row,
  quarters,
  threshold,
  npsMax,
  shareMax,
  complaintsMax,
  selected,
  onOpen,
  onDrill,
}: {
  row: ChainRow;
  quarters: string[];
  threshold: number;
  npsMax: number;
  shareMax: number;
  complaintsMax: number;
  selected: boolean;
  onOpen: (teamId: string) => void;
  onDrill: (teamId: string) => void;
}) {
  const { team } = row;
  const drillable = !row.isParent && row.childTeams > 0;
  const noCustomers = withoutCustomers(row);
  return (
    <tr className={[row.isParent ? 'heat-parent' : '', selected ? 'is-selected' : ''].join(' ').trim() || undefined} data-team={team.name}>
      <th scope="row" className="spc-team">
        <div className="spc-team-line">
          <button
            type="button"
            className="spc-open"
            onClick={() => onOpen(team.id)}
            aria-expanded={selected}
            aria-controls="spc-detail"
            aria-label={t('chain.openChain', { name: team.name })}
          >
            <span className="spc-open-name">{team.name}</span>
            <span className="spc-open-icon" aria-hidden="true">
              {selected ? '▾' : '▸'}
            </span>
          </button>
          {row.isParent && <span className="heat-team-note">{t('chain.wholeTeam')}</span>}
          {team.trustSignal && <TeamSignalBadge signal={team.trustSignal} />}
        </div>
        <div className="spc-team-links">
          {drillable && (
            <button type="button" className="link-button" onClick={() => onDrill(team.id)} aria-label={t('chain.showSubTeams', { name: team.name, count: row.childTeams })}>
              {t('chain.subTeams', { count: row.childTeams })}
            </button>
          )}
          <Link to={`/teams/${team.id}`} aria-label={t('chain.teamPageOf', { name: team.name })}>
            {t('chain.team')}
          </Link>
          <Link to={`/leadership/heatmap?parent=${team.id}`} aria-label={t('chain.heatmapOf', { name: team.name })}>
            {t('chain.heatmap')}
          </Link>
        </div>
      </th>
      <LinkCell row={row} link={CHAIN_LINKS[0]} quarters={quarters} threshold={threshold} max={npsMax} />
      <LinkCell row={row} link={CHAIN_LINKS[1]} quarters={quarters} threshold={threshold} max={npsMax} />
      {noCustomers ? (
        <td colSpan={2} className="spc-none" data-link="customers-none">
          {noCustomersText()}
        </td>
      ) : (
        <>
          <LinkCell row={row} link={CHAIN_LINKS[2]} quarters={quarters} threshold={threshold} max={npsMax} />
          <LinkCell row={row} link={CHAIN_LINKS[3]} quarters={quarters} threshold={threshold} max={shareMax} />
        </>
      )}
      <ComplaintsCell row={row} quarters={quarters} max={complaintsMax} />
      <td className="num tabular spc-customers" data-column="customers">
        {row.customers === 0 ? <span className="muted">0</span> : row.customers}
      </td>
    </tr>
  );
}

/**
 * One level of the team tree along the chain: a row per team (the parent as a whole first), each
 * link as bars per quarter with the latest figure and its change. A team's name opens its chain
 * below; a team with sub-teams opens them.
 */
export function ChainTable({
  chain,
  quarters,
  selectedId,
  onOpen,
  onDrill,
}: {
  chain: ServiceProfitChain;
  /** The quarter labels as shown ("2026 Q3 (so far)"). */
  quarters: string[];
  selectedId: string | null;
  onOpen: (teamId: string) => void;
  onDrill: (teamId: string) => void;
}) {
  // One scale per column, so the rows can be compared.
  const npsMax = npsCeiling(chain.rows.flatMap((r) => r.quarters.flatMap((q) => [q.leaderNps.value, q.enps.value, q.customerNps.value])));
  const shareMax = shareCeiling(chain.rows.flatMap((r) => r.quarters.map((q) => q.referralRate)));
  const complaintsMax = Math.max(1, ...chain.rows.flatMap((r) => r.quarters.map((q) => q.complaints)));
  return (
    <div className="heatmap-scroll spc-scroll" tabIndex={0} role="region" aria-label={t('chain.region')}>
      <table className="table spc-table">
        <caption className="sr-only">
          {chain.parent ? t('chain.captionSub', { name: chain.parent.name, from: quarters[0], to: quarters[quarters.length - 1] }) : t('chain.captionTop', { from: quarters[0], to: quarters[quarters.length - 1] })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="spc-team">
              {t('chain.team')}
            </th>
            {CHAIN_LINKS.map((link, i) => (
              <th key={link.key} scope="col" className="spc-col" title={link.question}>
                <span className="spc-col-label">
                  {i > 0 && (
                    <span className="spc-col-arrow" aria-hidden="true">
                      →{' '}
                    </span>
                  )}
                  {link.label}
                </span>
                <span className="heat-col-kind">{link.kind}</span>
              </th>
            ))}
            <th scope="col" className="spc-col" title={t('chain.complaintsTitle')}>
              <span className="spc-col-label">{t('chain.complaints')}</span>
              <span className="heat-col-kind">{t('chain.breachedInRed')}</span>
            </th>
            <th scope="col" className="spc-col num" title={t('chain.customersTitle')}>
              <span className="spc-col-label">{t('chain.customers')}</span>
              <span className="heat-col-kind">{t('chain.ownedNow')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {chain.rows.map((row) => (
            <Row
              key={row.team.id}
              row={row}
              quarters={quarters}
              threshold={chain.threshold}
              npsMax={npsMax}
              shareMax={shareMax}
              complaintsMax={complaintsMax}
              selected={row.team.id === selectedId}
              onOpen={onOpen}
              onDrill={onDrill}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How to read the bars, and the two ways a quarter can lack a figure. */
export function ChainLegend({ quarters, threshold }: { quarters: string[]; threshold: number }) {
  return (
    <ul className="legend spc-legend" aria-label={t('chain.legend')}>
      <li>
        <span className="spc-legend-bars" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        {t('chain.legendBars', { from: quarters[0], to: quarters[quarters.length - 1] })}
      </li>
      <li>
        <span className="spc-legend-swatch is-hidden" aria-hidden="true" /> {t('chain.legendHidden', { count: threshold })}
      </li>
      <li>
        <span className="spc-legend-swatch is-empty" aria-hidden="true" /> {t('chain.legendEmpty')}
      </li>
      <li>
        <span className="spc-legend-swatch is-alert" aria-hidden="true" /> {t('chain.legendAlert')}
      </li>
    </ul>
  );
}
