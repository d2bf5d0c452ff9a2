import { useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
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

const FILTERS: Array<{ key: string; label: string; status: OutboxStatus[] | null }> = [
  { key: 'all', label: 'All', status: null },
  { key: 'waiting', label: 'Waiting', status: ['PENDING', 'SENDING'] },
  { key: 'failed', label: 'Failed', status: ['FAILED'] },
  { key: 'sent', label: 'Sent', status: ['SENT'] },
  { key: 'suppressed', label: 'Suppressed', status: ['SUPPRESSED'] },
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
        <PageHeader title="Outbox" />
        <EmptyState title="Only admins see the outbox" hint="It names who was sent what." />
      </div>
    );
  }
  const delivery = result.data?.mailDelivery;
  const messages = result.data?.outboxMessages.edges.map((e) => e.node);
  const list = (
    <Card
      title={embedded ? (title ?? 'Emails') : undefined}
      className="card-flush"
      actions={
        <div className="segmented" role="radiogroup" aria-label="Show">
          {FILTERS.map((f) => (
            <label key={f.key} className={`segment${filter === f.key ? ' is-on' : ''}`}>
              <input type="radio" name={`outbox-filter${embedded ? '-embedded' : ''}`} checked={filter === f.key} onChange={() => setFilter(f.key)} />
              {f.label}
            </label>
          ))}
        </div>
      }
    >
      {result.error && !messages ? (
        <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Outbound email">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Written</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
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
          {messages && messages.length === 0 && <EmptyState title="No email here" hint="Survey invitations, reminders, referral asks and alerts appear here as they are written." />}
        </div>
      )}
    </Card>
  );
  if (embedded) return list;
  return (
    <div className="page">
      <PageHeader
        title="Outbox"
        subtitle={
          delivery
            ? delivery.configured
              ? `Sending as ${delivery.from}. ${delivery.waiting} waiting · ${delivery.sent} sent · ${delivery.failed} failed · ${delivery.suppressed} suppressed.`
              : `Email is not configured (SMTP_URL): nothing is sent, ${delivery.waiting} ${delivery.waiting === 1 ? 'message waits' : 'messages wait'} here and go out once it is.`
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
            {m.eventCount > 1 ? ` · ${m.eventCount} events` : ''}
          </div>
        </td>
        <td>
          {m.recipientName && <div>{m.recipientName}</div>}
          <div className="muted">{m.recipientEmail}</div>
        </td>
        <td>
          <Badge tone={TONE[m.status]}>{m.status.toLowerCase()}</Badge>
          {m.lastError && <div className="muted outbox-error">{m.lastError}</div>}
        </td>
        <td>{m.attempts}</td>
        <td>
          {formatDateTime(m.createdAt)}
          {m.sentAt && <div className="muted">sent {formatDateTime(m.sentAt)}</div>}
        </td>
        <td className="actions-cell">
          {canResend && (
            <Button size="sm" variant="ghost" busy={fetching} onClick={() => resend({ id: m.id })} aria-label={`Resend “${m.preview.subject}” to ${m.recipientEmail}`}>
              Resend
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
                <pre className="outbox-text" aria-label="Plain text">
                  {m.preview.text}
                </pre>
                {/* The HTML part, sandboxed: no scripts, no navigation out of the admin app. */}
                <iframe title={`HTML of “${m.preview.subject}”`} sandbox="" srcDoc={m.preview.html} className="outbox-html" />
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
