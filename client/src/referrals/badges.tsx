import { Badge } from '../ui/components.js';
import { formatAmount, formatDecimal, formatPercent, humanEnum } from '../ui/format.js';
import type { ReferralKind, ReferralStatus, RewardStatus } from './referrals.graphql.js';

const STATUS_TONE: Record<ReferralStatus, 'neutral' | 'accent' | 'success' | 'muted' | 'danger'> = {
  INVITED: 'neutral',
  ENGAGED: 'accent',
  CONVERTED: 'success',
  REJECTED: 'muted',
  EXPIRED: 'muted',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{humanEnum(status)}</Badge>;
}

export function KindBadge({ kind }: { kind: ReferralKind }) {
  return <span className={`kind-badge kind-${kind.toLowerCase()}`}>{kind === 'HIRE' ? 'Hire' : 'Customer'}</span>;
}

const FLAG_LABELS: Record<string, string> = {
  VELOCITY: 'Many in 24 h',
  NEAR_DUPLICATE_EMAIL: 'Similar email',
  NEAR_DUPLICATE_NAME: 'Similar name',
};

export function FlagBadges({ flags }: { flags: string[] }) {
  if (flags.length === 0) return <span className="muted">—</span>;
  return (
    <span className="badge-row">
      {flags.map((f) => (
        <span key={f} title={`Flagged for review: ${humanEnum(f)}`}>
          <Badge tone="warning">⚠ {FLAG_LABELS[f] ?? humanEnum(f)}</Badge>
        </span>
      ))}
    </span>
  );
}

const REWARD_TONE: Record<RewardStatus, 'neutral' | 'success' | 'muted' | 'danger'> = {
  PENDING: 'neutral',
  EARNED: 'success',
  CANCELLED: 'muted',
  CLAWED_BACK: 'danger',
};

export function RewardStatusBadge({ status }: { status: RewardStatus }) {
  return <Badge tone={REWARD_TONE[status]}>{humanEnum(status)}</Badge>;
}

/** Reward amounts are whole euros; rates and ratios as everywhere else (ui/format). */
export { formatAmount, formatPercent };

export function formatRatio(value: number): string {
  return formatDecimal(value, 2);
}
