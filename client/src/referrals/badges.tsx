import { t } from '../i18n/index.js';
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
  return <span className={`kind-badge kind-${kind.toLowerCase()}`}>{kind === 'HIRE' ? t('referrals.hire') : t('referrals.customer')}</span>;
}

const FLAGS = ['VELOCITY', 'NEAR_DUPLICATE_EMAIL', 'NEAR_DUPLICATE_NAME'] as const;
const flagLabel = (flag: string): string | undefined => ((FLAGS as readonly string[]).includes(flag) ? t(`referrals.flag${flag as (typeof FLAGS)[number]}`) : undefined);

export function FlagBadges({ flags }: { flags: string[] }) {
  if (flags.length === 0) return <span className="muted">—</span>;
  return (
    <span className="badge-row">
      {flags.map((f) => (
        <span key={f} title={t('referrals.flaggedFor', { flag: flagLabel(f) ?? humanEnum(f) })}>
          <Badge tone="warning">⚠ {flagLabel(f) ?? humanEnum(f)}</Badge>
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
