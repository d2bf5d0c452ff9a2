import { AreaTabs } from '../ui/AreaTabs.js';

const TABS = [
  { to: '/complaints', label: 'Inbox' },
  { to: '/complaints/board', label: 'Board' },
  { to: '/complaints/improvements', label: 'Improvements' },
];

/** Tabs of the complaints area. */
export function ComplaintsTabs() {
  return <AreaTabs label="Complaints" tabs={TABS} />;
}
