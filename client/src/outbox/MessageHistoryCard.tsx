import { t } from '../i18n/index.js';
import { OutboxPage } from './OutboxPage.js';

/**
 * The messages Rapport wrote to one person (survey invitations and reminders, referral asks,
 * alerts, digests): template, status, when it was sent, the last error. Live: it reloads when the
 * outbox changes. Only admins see it (the outbox names who was asked what).
 */
export function MessageHistoryCard({ customerId, employeeId }: { customerId?: string; employeeId?: string }) {
  return <OutboxPage customerId={customerId} employeeId={employeeId} embedded title={t('mail.history')} />;
}
