import { t } from '../i18n/index.js';
import type { SuppressionReason } from '../surveys/surveys.graphql.js';
import type { RuleTitle, TeamSignalSummary, TrustSignalLevel, TrustSignalRule } from './leadership.graphql.js';
import { Link, useRouter } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { formatScore, humanEnum } from '../ui/format.js';
import { Badge, Button, EmptyState } from '../ui/components.js';
import { SuppressedValue, formatTrendValue } from '../surveys/ResultsView.js';

/**
 * One survey figure in a table cell or tile: the number, the hatched "hidden"
 * value with its reason when the server suppressed it, or a dash when there
 * is nothing to show (never surveyed). Never a 0 that was not measured.
 */
export function Figure({
  value,
  suppressed,
  threshold,
  kind,
  missing = t('leaders.notSurveyed'),
  short,
}: {
  value: number | null;
  suppressed: SuppressionReason | null | undefined;
  threshold?: number;
  kind: 'nps' | 'share' | 'mean';
  /** Why there is no figure when nothing was suppressed (the dash's tooltip). */
  missing?: string;
  /** The hidden value's mark where space is tight (default "Hidden"). */
  short?: string;
}) {
  if (value != null) return <span className={kind === 'nps' && value < 0 ? 'figure-negative' : undefined}>{kind === 'nps' ? formatScore(value) : formatTrendValue(value, kind)}</span>;
  if (suppressed) return <SuppressedValue reason={suppressed} threshold={threshold} short={short} />;
  return (
    <span className="muted" title={missing}>
      —<span className="sr-only"> {missing}</span>
    </span>
  );
}

/** The way in when no employee survey about leadership has run yet. */
export function NoLeadershipSurvey() {
  const { navigate } = useRouter();
  const { isAdmin } = useSession();
  return (
    <EmptyState
      title={t('leaders.noSurvey')}
      hint={t('leaders.noSurveyHint')}
      action={
        <Button size="sm" variant={isAdmin ? 'primary' : 'secondary'} onClick={() => navigate(isAdmin ? '/surveys/new' : '/surveys')}>
          {isAdmin ? t('leaders.newSurvey') : t('leaders.goToSurveys')}
        </Button>
      }
    />
  );
}

/** Where every team's open signal is explained (the page lists them all; it has no per-team anchor). */
export const SIGNALS_PATH = '/leadership/signals';

const LEVEL_TONE: Record<TrustSignalLevel, 'neutral' | 'warning' | 'danger'> = { WATCH: 'neutral', WARNING: 'warning', CRITICAL: 'danger' };

/** The level of a trust-withdrawal signal, the same everywhere it appears. */
export function LevelBadge({ level }: { level: TrustSignalLevel }) {
  return <Badge tone={LEVEL_TONE[level]}>{humanEnum(level)}</Badge>;
}

/** A rule's short name from `trustSignalRules`, the enum spelled out while those are not there. */
export function ruleTitle(rule: TrustSignalRule, rules: ReadonlyMap<TrustSignalRule, RuleTitle> | undefined): string {
  return rules?.get(rule)?.title ?? humanEnum(rule);
}

/** "Critical trust signal, 9 points". */
function signalLabel(signal: Pick<TeamSignalSummary, 'level' | 'score'>): string {
  return t('leaders.signalLabel', { level: humanEnum(signal.level), count: signal.score });
}

/**
 * A team's open signal next to its name in a list (teams tree, heatmap rows, sub-teams): its level,
 * leading to the signals — or, inside something that is a link already (`link={false}`), just saying so.
 */
export function TeamSignalBadge({ signal, link = true }: { signal: Pick<TeamSignalSummary, 'level' | 'score'>; link?: boolean }) {
  const label = signalLabel(signal);
  if (!link)
    return (
      <span className="signal-badge" title={label}>
        <span aria-hidden="true">
          <LevelBadge level={signal.level} />
        </span>
        <span className="sr-only">{label}</span>
      </span>
    );
  return (
    <Link to={SIGNALS_PATH} className="signal-badge" title={label} aria-label={label}>
      <LevelBadge level={signal.level} />
    </Link>
  );
}

/**
 * A calm banner for a team's open signal (team page, scorecard of its leader):
 * level, score and the rules that fire, leading to the signals page.
 */
export function TeamSignalNotice({ team, signal, rules }: { team: { name: string }; signal: TeamSignalSummary; rules: readonly RuleTitle[] | undefined }) {
  const byRule = new Map((rules ?? []).map((r) => [r.rule, r]));
  const titles = signal.findings.map((f) => ruleTitle(f.rule, byRule));
  return (
    <section className={`notice signal-notice level-${signal.level.toLowerCase()}`} aria-label={t('leaders.signalFor', { team: team.name })} data-level={signal.level}>
      <p>
        <span className="strong">{t('leaders.signalForColon', { team: team.name })}</span> <LevelBadge level={signal.level} /> <span className="nowrap">{t('leaders.points', { count: signal.score })}</span>
        {titles.length > 0 && <span className="muted"> — {titles.join(', ')}</span>}
      </p>
      <Link to={SIGNALS_PATH} className="nowrap">
        {t('leaders.seeSignal')}
      </Link>
    </section>
  );
}
