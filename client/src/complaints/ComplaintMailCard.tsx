import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ComplainantMailsQuery, RevokeComplaintThreadLinkMutation, SendComplaintThreadLinkMutation, type ComplainantMail } from './complaint-mail.graphql.js';
import { OutboxChangedSubscription } from '../outbox/outbox.graphql.js';
import { useRefetchOnLive } from '../lib/live.js';
import { problemsOf, splitProblems } from '../lib/errors.js';
import { formatDateTime } from '../ui/format.js';
import { Badge, Button, Card, Field, FormAlert } from '../ui/components.js';
import './complaint-mail.css';

const TONE = { PENDING: 'accent', SENDING: 'accent', SENT: 'success', FAILED: 'danger', SUPPRESSED: 'muted' } as const;

const KINDS = ['COMPLAINT_RECEIVED', 'COMPLAINT_REPLY', 'COMPLAINT_RESOLVED', 'COMPLAINT_FIXED'] as const;
const kindLabel = (template: string): string | undefined => ((KINDS as readonly string[]).includes(template) ? t(`mail.kind${template as (typeof KINDS)[number]}`) : undefined);

/** Where the complaint page links to the message that told the complainant about the shipped improvement. */
export function complainantMailAnchor(messageId: string): string {
  return `complainant-mail-${messageId}`;
}

/**
 * Email to the complainant about this complaint (ADMIN): who has a private
 * link to the thread page (revocable; sending it again replaces it) and every
 * message with its delivery status, live from the outbox. The links
 * themselves are never shown here: only their recipients have them.
 */
export function ComplaintMailCard({ complaintId }: { complaintId: string }) {
  const [result, reexecute] = useQuery({ query: ComplainantMailsQuery, variables: { id: complaintId } });
  useRefetchOnLive(reexecute);
  useSubscription({ query: OutboxChangedSubscription, variables: {} }, (_prev, data) => {
    reexecute({ requestPolicy: 'network-only' });
    return data;
  });
  const [email, setEmail] = useState('');
  const [{ fetching: sending, error: sendError }, send] = useMutation(SendComplaintThreadLinkMutation);
  const [{ fetching: revoking, error: revokeError }, revoke] = useMutation(RevokeComplaintThreadLinkMutation);
  const [open, setOpen] = useState<string | null>(null);
  const sendProblems = splitProblems(sendError, ['email']);
  const c = result.data?.complaint;
  const customerEmail = c?.customer.email ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const sent = await send({ input: { complaintId, ...(email.trim() ? { email: email.trim() } : {}) } });
    if (sent.data) setEmail('');
  };

  return (
    <Card title={t('mail.title')} className="complainant-mail-card">
      {result.error && !c && <FormAlert problems={problemsOf(result.error)} />}
      {c && (
        <>
          {c.complainantToldAt && (
            <p id="complainant-told" className="small told-line">
              {t('mail.toldAbout', { what: c.improvement ? `“${c.improvement.title}”` : t('mail.theShipped'), at: formatDateTime(c.complainantToldAt) })}
              {c.complainantToldMessage ? (
                <>
                  {' '}
                  {t('mail.by')} <a href={`#${complainantMailAnchor(c.complainantToldMessage.id)}`}>{t('mail.thisEmail')}</a>.
                </>
              ) : (
                t('mail.notByEmail')
              )}
            </p>
          )}
          {c.recoveryAskedAt && <p className="small muted">Asked how we handled it {formatDateTime(c.recoveryAskedAt)} (once, with the resolution).</p>}
          {c.threadLinks.length > 0 ? (
            <ul className="cm-list" aria-label={t('mail.links')}>
              {c.threadLinks.map((l) => (
                <li key={l.id} className="small">
                  <strong>{l.email}</strong>{' '}
                  {l.revokedAt ? (
                    <Badge tone="muted">{t('mail.revoked')}</Badge>
                  ) : (
                    <>
                      <span className="muted">{l.lastOpenedAt ? t('mail.opened', { at: formatDateTime(l.lastOpenedAt) }) : t('mail.notOpened')}</span>{' '}
                      <Button size="sm" variant="ghost" busy={revoking} onClick={() => void revoke({ linkId: l.id })} aria-label={t('mail.revokeLink', { email: l.email })}>
                        {t('mail.revoke')}
                      </Button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">Nobody has a link to this thread yet. Replies and the resolution will go to {customerEmail}.</p>
          )}
          <FormAlert problems={revokeError ? problemsOf(revokeError) : []} />
          <form className="c-inline-form" onSubmit={submit} noValidate aria-label={t('mail.sendLinkLabel')}>
            <Field label={t('mail.sendTo')} optional problem={sendProblems.fields.email}>
              {(props) => <input {...props} type="email" value={email} placeholder={customerEmail} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Button size="sm" type="submit" busy={sending}>
              {t('mail.sendLink')}
            </Button>
          </form>
          <FormAlert problems={sendProblems.general} />
          {c.complainantMails.length === 0 ? (
            <p className="muted small">{t('mail.noneSent')}</p>
          ) : (
            <ol className="cm-list complainant-mails" aria-label={t('mail.sent')}>
              {c.complainantMails.map((m) => (
                <MailRow key={m.id} mail={m} told={c.complainantToldMessage?.id === m.id} open={open === m.id} onToggle={() => setOpen(open === m.id ? null : m.id)} />
              ))}
            </ol>
          )}
        </>
      )}
    </Card>
  );
}

function MailRow({ mail: m, told, open, onToggle }: { mail: ComplainantMail; told: boolean; open: boolean; onToggle: () => void }) {
  return (
    <li id={complainantMailAnchor(m.id)} className="complainant-mail" data-template={m.template}>
      <div>
        <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
          {m.preview.subject}
        </button>
      </div>
      <div className="small muted">
        {kindLabel(m.template) ?? m.template}
        {m.eventCount > 1 ? t('mail.replies', { count: m.eventCount }) : ''} · {t('mail.to', { email: m.recipientEmail })} · {m.sentAt ? t('mail.sentAt', { at: formatDateTime(m.sentAt) }) : t('mail.writtenAt', { at: formatDateTime(m.createdAt) })}
      </div>
      <div>
        <Badge tone={TONE[m.status]}>{t(`outbox.status${m.status}`)}</Badge> {told && <Badge tone="success">{t('mail.toldBadge')}</Badge>}
        {m.lastError && <span className="small muted"> {m.lastError}</span>}
      </div>
      {open && (
        <pre className="outbox-text" aria-label={t('mail.textOf', { subject: m.preview.subject })}>
          {m.preview.text}
        </pre>
      )}
    </li>
  );
}
