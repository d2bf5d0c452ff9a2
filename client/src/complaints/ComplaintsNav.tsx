import { t } from '../i18n/index.js';
import { AreaTabs } from '../ui/AreaTabs.js';

const TABS = () => [
  { to: '/complaints', label: t('complaints.tabInbox') },
  { to: '/complaints/board', label: t('complaints.tabBoard') },
  { to: '/complaints/improvements', label: t('complaints.tabImprovements') },
];

/** Tabs of the complaints area. */
export function ComplaintsTabs() {
  return <AreaTabs label={t('complaints.tabsLabel')} tabs={TABS()} />;
}
