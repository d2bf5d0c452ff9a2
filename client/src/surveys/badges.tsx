import { t } from '../i18n/index.js';
import type { SurveyPurpose, SurveyStatus } from './surveys.graphql.js';
import { Badge } from '../ui/components.js';

const PURPOSES: readonly SurveyPurpose[] = ['LEADERSHIP', 'ENGAGEMENT', 'NPS', 'CSAT', 'CES', 'CUSTOM'];

export function purposeLabel(purpose: SurveyPurpose): string {
  return PURPOSES.includes(purpose) ? t(`surveys.purpose${purpose}`) : purpose;
}

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  if (status === 'OPEN') return <Badge tone="success">{t('surveys.open')}</Badge>;
  if (status === 'CLOSED') return <Badge tone="muted">{t('surveys.closed')}</Badge>;
  return <Badge tone="warning">{t('surveys.draft')}</Badge>;
}

export function AnonymousBadge({ anonymous }: { anonymous: boolean }) {
  return anonymous ? <Badge tone="accent">{t('surveys.anonymous')}</Badge> : <Badge>{t('surveys.named')}</Badge>;
}
