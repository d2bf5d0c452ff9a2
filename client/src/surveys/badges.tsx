import type { SurveyPurpose, SurveyStatus } from './surveys.graphql.js';
import { Badge } from '../ui/components.js';

const PURPOSE_LABELS: Record<SurveyPurpose, string> = {
  LEADERSHIP: 'Leadership (upward feedback)',
  ENGAGEMENT: 'Engagement (eNPS)',
  NPS: 'NPS',
  CSAT: 'CSAT',
  CES: 'Customer effort (CES)',
  CUSTOM: 'Custom',
};

export function purposeLabel(purpose: SurveyPurpose): string {
  return PURPOSE_LABELS[purpose] ?? purpose;
}

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  if (status === 'OPEN') return <Badge tone="success">Open</Badge>;
  if (status === 'CLOSED') return <Badge tone="muted">Closed</Badge>;
  return <Badge tone="warning">Draft</Badge>;
}

export function AnonymousBadge({ anonymous }: { anonymous: boolean }) {
  return anonymous ? <Badge tone="accent">Anonymous</Badge> : <Badge>Named</Badge>;
}
