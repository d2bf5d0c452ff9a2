import { t } from '../i18n/index.js';
import { useSearchParams } from '../lib/router.js';
import { AreaTabs } from '../ui/AreaTabs.js';
import { DEFAULT_PERIOD, PERIODS } from './leadership.graphql.js';

const TABS = () => [
  { to: '/leadership', label: t('leaders.tabLeaders') },
  { to: '/leadership/heatmap', label: t('leaders.tabHeatmap') },
  { to: '/leadership/signals', label: t('leaders.tabSignals') },
  { to: '/leadership/chain', label: t('leaders.tabChain') },
];

/** Tabs of the leadership area. */
export function LeadershipTabs() {
  return <AreaTabs label={t('leaders.tabsLabel')} tabs={TABS()} />;
}

const PERIOD_LABELS: Record<(typeof PERIODS)[number], () => string> = { 90: () => t('leaders.days90'), 180: () => t('leaders.days180'), 365: () => t('leaders.months12'), 730: () => t('leaders.years2') };

/** The period a leadership figure looks back over, as a segmented choice. */
export function PeriodSelect({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={t('leaders.period')}>
      {PERIODS.map((days) => (
        <label key={days} className={`segment${value === days ? ' is-on' : ''}`}>
          <input type="radio" name="leadership-period" checked={value === days} onChange={() => onChange(days)} />
          {PERIOD_LABELS[days]()}
        </label>
      ))}
    </div>
  );
}

/** The period in the query string as `days=` (absent: the default), so a link keeps it. */
export function usePeriodParam(): [number, (days: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('days'));
  const days = (PERIODS as readonly number[]).includes(raw) ? raw : DEFAULT_PERIOD;
  return [days, (next) => setParams({ days: next === DEFAULT_PERIOD ? null : String(next) })];
}

/**
 * Where a one-level team view (heatmap, service-profit chain) stands in the team tree:
 * "All teams / Engineering / Platform", each level above the current one a way back up.
 */
export function TeamLevelBreadcrumb({ breadcrumb, onLevel }: { breadcrumb: Array<{ id: string; name: string }>; onLevel: (teamId: string | null) => void }) {
  return (
    <nav className="breadcrumb heat-breadcrumb" aria-label={t('leaders.teamLevel')}>
      {breadcrumb.length === 0 ? (
        <span aria-current="page">{t('leaders.allTeams')}</span>
      ) : (
        <button type="button" className="link-button" onClick={() => onLevel(null)}>
          {t('leaders.allTeams')}
        </button>
      )}
      {breadcrumb.map((t, i) => (
        <span key={t.id} className="breadcrumb-part">
          <span aria-hidden="true">/</span>
          {i === breadcrumb.length - 1 ? (
            <span aria-current="page">{t.name}</span>
          ) : (
            <button type="button" className="link-button" onClick={() => onLevel(t.id)}>
              {t.name}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}
