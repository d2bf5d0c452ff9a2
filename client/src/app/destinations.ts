/**
 * The app's top-level places, shared by the command palette (jump to a page) and the "g then key"
 * shortcuts, so both always offer the same pages under the same names.
 */
export interface Destination {
  label: string;
  path: string;
  /** Second key after `g` (GitHub/Linear style), if the page has one. */
  key?: string;
  /** Other words people type for this page. */
  keywords?: string;
}

export const DESTINATIONS: Destination[] = [
  { label: 'People', path: '/people', key: 'p', keywords: 'employees staff' },
  { label: 'Teams', path: '/teams', key: 't', keywords: 'org chart departments' },
  { label: 'Leaders', path: '/leadership', key: 'l', keywords: 'leadership managers' },
  { label: 'Heatmap', path: '/leadership/heatmap', key: 'h', keywords: 'leadership teams' },
  { label: 'Trust signals', path: '/leadership/signals', keywords: 'alerts inner resignation' },
  { label: 'Service-profit chain', path: '/leadership/chain', keywords: 'nps churn' },
  { label: 'Customers', path: '/customers', key: 'u', keywords: 'clients accounts' },
  { label: 'Surveys', path: '/surveys', key: 's', keywords: 'nps pulse feedback' },
  { label: 'New survey', path: '/surveys/new', keywords: 'create' },
  { label: 'Complaints', path: '/complaints', key: 'c', keywords: 'inbox tickets' },
  { label: 'Complaint board', path: '/complaints/board', key: 'b', keywords: 'kanban sla' },
  { label: 'Improvements', path: '/complaints/improvements', keywords: 'fixes' },
  { label: 'Referrals', path: '/referrals', key: 'r', keywords: 'k-factor dashboard' },
  { label: 'All referrals', path: '/referrals/all', keywords: 'list' },
  { label: 'Referral chains', path: '/referrals/explore', keywords: 'tree' },
  { label: 'Outbox', path: '/outbox', key: 'o', keywords: 'email mail messages sent' },
  { label: 'API tokens', path: '/settings/tokens', keywords: 'bi monitor settings' },
  { label: 'GraphQL explorer', path: '/explorer', key: 'x', keywords: 'graphiql api' },
];

export function matchesDestination(destination: Destination, text: string): boolean {
  const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${destination.label} ${destination.keywords ?? ''}`.toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}
