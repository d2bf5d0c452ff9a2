import { t } from '../i18n/index.js';
import { AreaTabs } from '../ui/AreaTabs.js';

const TABS = () => [
  { to: '/referrals', label: t('referrals.tabOverview') },
  { to: '/referrals/all', label: t('referrals.tabAll') },
];

/** Tabs of the referrals area. */
export function ReferralsTabs() {
  return <AreaTabs label={t('referrals.title')} tabs={TABS()} />;
}
