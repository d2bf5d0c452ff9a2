import { t } from '../i18n/index.js';
import type { ChainRow } from './leadership.graphql.js';
import { CHAIN_LINKS, noCustomersText, hasAny, linkPoints, plainQuarter, shareCeiling, withoutCustomers, type ChainLink, type LinkPoint } from './chain.js';
import { LatestFigure } from './ChainTable.js';
import { Figure } from './figures.js';
import { TrendChart, type TrendChartPoint } from '../surveys/ResultsView.js';
import { Link } from '../lib/router.js';
import { useElementWidth } from '../ui/hooks.js';
import { Card } from '../ui/components.js';

/** A link's quarters as trend-chart points: the quarter on the axis, basis and source in the tooltip. */
export function chainChartPoints(points: LinkPoint[]): TrendChartPoint[] {
  return points.map((p, i) => ({
    waveNumber: i + 1,
    responses: null,
    score: p.value,
    suppressed: p.suppressed,
    tick: plainQuarter(p.quarter),
    note: p.quarter,
    detail: p.value == null && !p.suppressed ? p.missing : p.detail || undefined,
  }));
}

const CHART_HEIGHT = 132;

function Step({ row, link, index, quarters, threshold, width, measure }: {
  row: ChainRow;
  link: ChainLink;
  index: number;
  quarters: string[];
  threshold: number;
  width: number;
  measure?: (element: HTMLDivElement | null) => void;
}) {
  const points = linkPoints(row, link, quarters, threshold);
  const customerLink = link.key === 'customerNps' || link.key === 'referralRate';
  const empty = customerLink && withoutCustomers(row) ? noCustomersText() : hasAny(points) ? null : link.none;
  return (
    <li className="spc-step" data-link={link.key}>
      <div className="spc-step-head">
        <span className="spc-step-no" aria-hidden="true">
          {index + 1}
        </span>
        <div className="spc-step-text">
          <h3>{link.label}</h3>
          <p className="muted small">{link.question}</p>
          <p className="spc-step-latest">
            <LatestFigure points={points} link={link} threshold={threshold} showQuarter />
          </p>
        </div>
      </div>
      <div className="spc-step-chart" ref={measure}>
        {empty ? (
          <p className="spc-step-empty muted">{empty}</p>
        ) : (
          <TrendChart
            points={chainChartPoints(points)}
            threshold={threshold}
            label={`${link.label} of ${row.team.name}`}
            scale={link.scale}
            by="quarter"
            width={width}
            height={CHART_HEIGHT}
            shareMax={link.scale === 'share' ? shareCeiling(points.map((p) => p.value)) : undefined}
          />
        )}
      </div>
    </li>
  );
}

/** Every figure of the team's chain by quarter, as numbers: what the charts draw, for reading and for screen readers. */
function QuarterTable({ row, quarters, threshold }: { row: ChainRow; quarters: string[]; threshold: number }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('chainDetail.quarters')}>
      <table className="table table-compact spc-quarters">
        <caption className="sr-only">The chain of {row.team.name}, quarter by quarter</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('chainDetail.link')}</span>
            </th>
            {quarters.map((q) => (
              <th key={q} scope="col" className="num">
                {q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CHAIN_LINKS.map((link) => (
            <tr key={link.key} data-link={link.key}>
              <th scope="row">{link.label}</th>
              {linkPoints(row, link, quarters, threshold).map((p) => (
                <td key={p.quarter} className="num tabular" title={p.title}>
                  <Figure value={p.value} suppressed={p.suppressed} threshold={threshold} kind={link.scale === 'nps' ? 'nps' : 'share'} missing={p.missing} />
                  {p.value != null && link.key !== 'referralRate' && p.detail && <span className="muted small spc-basis">{p.detail.split(' · ')[0]}</span>}
                </td>
              ))}
            </tr>
          ))}
          <tr data-link="referrals">
            <th scope="row">{t('chainDetail.referrals')}</th>
            {row.quarters.map((q, i) => (
              <td key={i} className="num tabular">
                {q.referrals}
                {q.referrals > 0 && <span className="muted small spc-basis">{q.convertedReferrals} converted</span>}
              </td>
            ))}
          </tr>
          <tr data-link="complaints">
            <th scope="row">{t('chainDetail.complaints')}</th>
            {row.quarters.map((q, i) => (
              <td key={i} className="num tabular">
                {q.complaints}
                {q.complaintsBreached > 0 && <span className="figure-alert small spc-basis">{t('chain2.breached', { count: q.complaintsBreached })}</span>}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * One team's chain over the quarters: the four links as line charts on one time axis, one under
 * the other, so a fall that travels down the chain (leader NPS, then the team's eNPS, then its
 * customers, then their referrals) shows as a step from one chart to the next.
 */
export function ChainDetail({ row, quarters, threshold }: { row: ChainRow; quarters: string[]; threshold: number }) {
  const [measure, width] = useElementWidth<HTMLDivElement>(560);
  return (
    <Card
      title={
        <>
          {t('chain2.chainOf', { name: row.team.name })}
          {row.isParent && <span className="heat-team-note">{t('chainDetail.wholeTeam')}</span>}
        </>
      }
      actions={
        <>
          <Link className="btn btn-secondary btn-sm" to={`/teams/${row.team.id}`}>
            {t('chainDetail.teamPage')}
          </Link>
          <Link className="btn btn-secondary btn-sm" to={`/leadership/heatmap?parent=${row.team.id}`}>
            {t('chainDetail.heatmap')}
          </Link>
        </>
      }
      className="spc-detail"
    >
      <p className="card-intro">
        {row.customers === 0 ? t('chainDetail2.intro_zero') : t('chainDetail2.intro', { count: row.customers })}
      </p>
      <ol className="spc-steps">
        {CHAIN_LINKS.map((link, i) => (
          <Step key={link.key} row={row} link={link} index={i} quarters={quarters} threshold={threshold} width={width} measure={i === 0 ? measure : undefined} />
        ))}
      </ol>
      <QuarterTable row={row} quarters={quarters} threshold={threshold} />
    </Card>
  );
}
