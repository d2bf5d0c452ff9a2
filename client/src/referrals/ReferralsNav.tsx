import { AreaTabs } from '../ui/AreaTabs.js';

const TABS = [
  { to: '/referrals', label: 'Overview' },
  { to: '/referrals/all', label: 'All referrals' },
];

/** Tabs of the referrals area. */
export function ReferralsTabs() {
  return <AreaTabs label="Referrals" tabs={TABS} />;
}
