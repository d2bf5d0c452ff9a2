import { t } from '../i18n/index.js';

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
  { get label() { return t('dest.people'); }, path: '/people', key: 'p', keywords: 'employees staff' },
  { get label() { return t('dest.teams'); }, path: '/teams', key: 't', keywords: 'org chart departments' },
  { get label() { return t('dest.leaders'); }, path: '/leadership', key: 'l', keywords: 'leadership managers' },
  { get label() { return t('dest.heatmap'); }, path: '/leadership/heatmap', key: 'h', keywords: 'leadership teams' },
  { get label() { return t('dest.trustSignals'); }, path: '/leadership/signals', keywords: 'alerts inner resignation' },
  { get label() { return t('dest.serviceProfitChain'); }, path: '/leadership/chain', keywords: 'nps churn' },
  { get label() { return t('dest.customers'); }, path: '/customers', key: 'u', keywords: 'clients accounts' },
  { get label() { return t('dest.surveys'); }, path: '/surveys', key: 's', keywords: 'nps pulse feedback' },
  { get label() { return t('dest.newSurvey'); }, path: '/surveys/new', keywords: 'create' },
  { get label() { return t('dest.complaints'); }, path: '/complaints', key: 'c', keywords: 'inbox tickets' },
  { get label() { return t('dest.complaintBoard'); }, path: '/complaints/board', key: 'b', keywords: 'kanban sla' },
  { get label() { return t('dest.improvements'); }, path: '/complaints/improvements', keywords: 'fixes' },
  { get label() { return t('dest.referrals'); }, path: '/referrals', key: 'r', keywords: 'k-factor dashboard' },
  { get label() { return t('dest.allReferrals'); }, path: '/referrals/all', keywords: 'list' },
  { get label() { return t('dest.referralChains'); }, path: '/referrals/explore', keywords: 'tree' },
  { get label() { return t('dest.outbox'); }, path: '/outbox', key: 'o', keywords: 'email mail messages sent' },
  { get label() { return t('dest.apiTokens'); }, path: '/settings/tokens', keywords: 'bi monitor settings' },
  { get label() { return t('dest.graphqlExplorer'); }, path: '/explorer', key: 'x', keywords: 'graphiql api' },
];

export function matchesDestination(destination: Destination, text: string): boolean {
  const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${destination.label} ${destination.keywords ?? ''}`.toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}
