import type { SuppressionReason } from '../surveys/surveys.graphql.js';
import { useRouter } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button, EmptyState } from '../ui/components.js';
import { SuppressedValue, formatScore, formatTrendValue } from '../surveys/ResultsView.js';

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
  missing = 'Not surveyed in this period',
}: {
  value: number | null;
  suppressed: SuppressionReason | null | undefined;
  threshold?: number;
  kind: 'nps' | 'share' | 'mean';
  /** Why there is no figure when nothing was suppressed (the dash's tooltip). */
  missing?: string;
}) {
  if (value != null) return <span className={kind === 'nps' && value < 0 ? 'figure-negative' : undefined}>{kind === 'nps' ? formatScore(value) : formatTrendValue(value, kind)}</span>;
  if (suppressed) return <SuppressedValue reason={suppressed} threshold={threshold} />;
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
      title="No leadership survey yet — run one from Surveys"
      hint="Ask employees about their leader (purpose “Leadership”) or their engagement (eNPS). Results appear here once a wave has started, under the same anonymity rules."
      action={
        <Button size="sm" variant={isAdmin ? 'primary' : 'secondary'} onClick={() => navigate(isAdmin ? '/surveys/new' : '/surveys')}>
          {isAdmin ? 'New survey' : 'Go to Surveys'}
        </Button>
      }
    />
  );
}
