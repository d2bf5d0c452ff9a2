import { t } from '../i18n/index.js';
import { useMemo, useState } from 'react';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, loadConnection, type CsvColumn } from '../ui/csv.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { OutboxChangedSubscription, OutboxQuery, ResendOutboxMessageMutation, type OutboxMessage, type OutboxStatus } from './outbox.graphql.js';
import { problemsOf } from '../lib/errors.js';
import { useSession } from '../lib/session.js';
import { formatDateTime } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, ErrorState, FormAlert, PageHeader, SkeletonRows } from '../ui/components.js';

const TONE: Record<OutboxStatus, 'neutral' | 'success' | 'muted' | 'accent' | 'warning' | 'danger'> = {
  PENDING: 'accent',
  SENDING: 'accent',
  SENT: 'success',
  FAILED: 'danger',
  SUPPRESSED: 'muted',
};

const FILTERS: Array<{ key: 'all' | 'waiting' | 'failed' | 'sent' | 'suppressed'; status: OutboxStatus[] | null }> = [
  { key: 'all', status: null },
  { key: 'waiting', status: ['PENDING', 'SENDING'] },
  { key: 'failed', status: ['FAILED'] },
  { key: 'sent', status: ['SENT'] },
  { key: 'suppressed', status: ['SUPPRESSED'] },
];

/**
 * Every outbound email: status, attempts, last error, the rendered text and
 * HTML (personal links appear as placeholders — an anonymous survey's link
 * reaches only its invitee), and resend. Live: the list reloads when the
 * outbox changes. ADMIN only; `customerId`/`employeeId` make it one
 * person's message history.
 */
export function OutboxPage({ customerId, employeeId, embedded, title }: { customerId?: string; employeeId?: string; embedded?: boolean; title?: string } = {}) {
  const { isAdmin } = useSession();
  const [filter, setFilter] = useState('all');
  const status = FILTERS.find((f) => f.key === filter)!.status;
  const variables = useMemo(() => ({ first: 50, status, customerId: customerId ?? null, employeeId: employeeId ?? null }), [status, customerId, employeeId]);
  const [result, reexecute] = useQuery({ query: OutboxQuery, variables, pause: !isAdmin, requestPolicy: 'cache-and-network' });
  useSubscription({ query: OutboxChangedSubscription, variables: {}, pause: !isAdmin }, (_prev, data) => {
    reexecute({ requestPolicy: 'network-only' });
    return data;
  });
  const [open, setOpen] = useState<string | null>(null);

  if (!isAdmin) {
    return embedded ? null : (
      <div className="page">
        <PageHeader title={t('outbox.title')} />
        <EmptyState title={t('outbox.adminsOnly')} hint={t('outbox.adminsOnlyHint')} />
      </div>
    );
  }
  const delivery = result.data?.mailDelivery;
  const messages = result.data?.outboxMessages.edges.map((e) => e.node);
  const client = useClient();
  const exportRows = () => loadConnection(client, OutboxQuery, { status, customerId: customerId ?? null, employeeId: employeeId ?? null }, (d) => d.outboxMessages);
  const list = (
    <Card
      title={embedded ? (title ?? t('outbox.emails')) : undefined}
      className="card-flush"
      actions={
        <>
        <ExportCsvButton filename={csvFilename('outbox')} columns={CSV_COLUMNS()} load={exportRows} />
        <div className="segmented" role="radiogroup" aria-label={t('outbox.show')}>
          {FILTERS.map((f) => (
            <label key={f.key} className={`segment${filter === f.key ? ' is-on' : ''}`}>
              <input type="radio" name={`outbox-filter${embedded ? '-embedded' : ''}`} checked={filter === f.key} onChange={() => setFilter(f.key)} />
              {t(`outbox.${f.key}`)}
            </label>
          ))}
        </div>
        </>
      }
    >
      {result.error && !messages ? (
        <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('outbox.outbound')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.colMessage')}</th>
                <th scope="col">{t('outbox.colTo')}</th>
                <th scope="col">{t('outbox.colStatus')}</th>
                <th scope="col">{t('outbox.colAttempts')}</th>
                <th scope="col">{t('outbox.colWritten')}</th>
                <th scope="col">
                  <span className="sr-only">{t('outbox.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {!messages && <SkeletonRows rows={4} columns={6} />}
              {messages?.map((m) => (
                <MessageRows key={m.id} message={m} open={open === m.id} onToggle={() => setOpen(open === m.id ? null : m.id)} />
              ))}
            </tbody>
          </table>
          {messages && messages.length === 0 && <EmptyState title={t('outbox.empty')} hint={t('outbox.emptyHint')} />}
        </div>
      )}
    </Card>
  );
  if (embedded) return list;
  return (
    <div className="page">
      <PageHeader
        title={t('outbox.title')}
        subtitle={
          delivery
            ? delivery.configured
              ? t('outbox.sendingAs', { from: delivery.from, waiting: delivery.waiting, sent: delivery.sent, failed: delivery.failed, suppressed: delivery.suppressed })
              : t('outbox.notConfigured', { count: delivery.waiting })
            : undefined
        }
      />
      {list}
    </div>
  );
}

function MessageRows({ message: m, open, onToggle }: { message: OutboxMessage; open: boolean; onToggle: () => void }) {
  const [{ fetching, error }, resend] = useMutation(ResendOutboxMessageMutation);
  const canResend = m.status === 'FAILED' || m.status === 'SENT';
  return (
    <>
      <tr>
        <td>
          <button type="button" className="link-button outbox-subject" aria-expanded={open} onClick={onToggle}>
            {m.preview.subject}
          </button>
          <div className="muted">
            {m.template.toLowerCase().replace(/_/g, ' ')} · {m.language}
            {m.eventCount > 1 ? t('outbox.events', { count: m.eventCount }) : ''}
          </div>
        </td>
        <td>
          {m.recipientName && <div>{m.recipientName}</div>}
          <div className="muted">{m.recipientEmail}</div>
        </td>
        <td>
          <Badge tone={TONE[m.status]}>{t(`outbox.status${m.status}`)}</Badge>
          {m.lastError && <div className="muted outbox-error">{m.lastError}</div>}
        </td>
        <td>{m.attempts}</td>
        <td>
          {formatDateTime(m.createdAt)}
          {m.sentAt && <div className="muted">{t('outbox.sentAt', { at: formatDateTime(m.sentAt) })}</div>}
        </td>
        <td className="actions-cell">
          {canResend && (
            <Button size="sm" variant="ghost" busy={fetching} onClick={() => resend({ id: m.id })} aria-label={t('outbox.resendLabel', { subject: m.preview.subject, email: m.recipientEmail })}>
              {t('outbox.resend')}
            </Button>
          )}
        </td>
      </tr>
      {(open || error) && (
        <tr>
          <td colSpan={6}>
            <FormAlert problems={error ? problemsOf(error) : []} />
            {open && (
              <div className="outbox-preview">
                <pre className="outbox-text" aria-label={t('outbox.plainText')}>
                  {m.preview.text}
                </pre>
                {/* The HTML part, sandboxed: no scripts, no navigation out of the admin app. */}
                <iframe title={t('outbox.htmlOf', { subject: m.preview.subject })} sandbox="" srcDoc={m.preview.html} className="outbox-html" />
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

type MessageRow = ResultOf<typeof OutboxQuery>['outboxMessages']['edges'][number]['node'];

/** The outbox as a file, with the status filter on screen. */
const CSV_COLUMNS = (): CsvColumn<MessageRow>[] => [
  { header: t('csv2.subject'), value: (m) => m.preview.subject },
  { header: t('csv2.template'), value: (m) => m.template },
  { header: t('csv2.language'), value: (m) => m.language },
  { header: t('outbox.colTo'), value: (m) => m.recipientEmail },
  { header: t('outbox.colStatus'), value: (m) => t(`outbox.status${m.status}`) },
  { header: t('outbox.colAttempts'), value: (m) => m.attempts },
  { header: t('outbox.colWritten'), value: (m) => m.createdAt },
  { header: t('csv2.sent'), value: (m) => m.sentAt },
  { header: t('csv2.error'), value: (m) => m.lastError },
];
