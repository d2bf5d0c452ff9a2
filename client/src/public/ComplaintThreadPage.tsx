import { t } from '../i18n/index.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ComplaintThreadQuery, RateComplaintRecoveryMutation, ReplyToComplaintThreadMutation, type PublicThread } from './complaint-thread.graphql.js';
import { problemsOf, splitProblems, type Problem } from '../lib/errors.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { Button, Field, FormAlert, Spinner } from '../ui/components.js';
import { useTitleFromHeading } from '../ui/title.js';
import './complaint-thread.css';

/** How often the page looks for new replies while it is visible. */
const REFRESH_MS = 20_000;

const STATUS_TEXT = (status: PublicThread['status']): string => t(`thread.status${status}`);

function Brand() {
  return (
    <div className="login-brand">
      <span className="brand-mark" aria-hidden="true">
        R
      </span>
      Rapport
    </div>
  );
}

/**
 * A complainant's own page (/c/<token>), opened from the link in their
 * emails: no login, phone-friendly. It shows our replies and where things
 * stand (never internal notes), takes their answer — which reaches staff at
 * once — and, once resolved, one rating of how it was handled.
 */
export function ComplaintThreadPage({ token }: { token: string }) {
  const main = useRef<HTMLElement>(null);
  useTitleFromHeading(main);
  const [{ data, fetching, error }, reload] = useQuery({ query: ComplaintThreadQuery, variables: { token } });
  const [latest, setLatest] = useState<PublicThread | null>(null);
  useEffect(() => {
    if (data) setLatest(data.complaintThread);
  }, [data]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload({ requestPolicy: 'network-only' });
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const thread = latest ?? data?.complaintThread ?? null;
  const problems = problemsOf(error);
  const invalid = problems.some((p) => p.code === 'THREAD_LINK_INVALID');

  return (
    <main className="public" ref={main}>
      <div className="public-panel ct-panel">
        <Brand />
        {thread ? (
          <ThreadView token={token} thread={thread} onChange={setLatest} />
        ) : invalid ? (
          <div role="alert">
            <h1>{t('thread.linkInvalid')}</h1>
            <p>{t('thread.linkInvalidText')}</p>
          </div>
        ) : error ? (
          <div role="alert">
            <h1>{t('thread.loadFailed')}</h1>
            <FormAlert problems={problems} />
            <Button onClick={() => reload({ requestPolicy: 'network-only' })}>{t('common.tryAgain')}</Button>
          </div>
        ) : (
          <div className="full-center" aria-busy={fetching}>
            <h1 className="sr-only">{t('thread.yourComplaint')}</h1>
            <Spinner label={t('thread.loading')} />
          </div>
        )}
      </div>
    </main>
  );
}

function ThreadView({ token, thread, onChange }: { token: string; thread: PublicThread; onChange: (t: PublicThread) => void }) {
  return (
    <>
      <header className="ct-header">
        <p className="page-eyebrow mono">{thread.number}</p>
        <h1>{thread.subject}</h1>
        <p className="ct-status">
          <span className={`ct-status-badge ct-status-${thread.status.toLowerCase()}`}>{STATUS_TEXT(thread.status)}</span>
          <span className="muted">{t('thread.received', { at: formatDateTime(thread.receivedAt) })}</span>
        </p>
      </header>
      {thread.improvement && (
        <section className="ct-fixed" aria-labelledby="ct-fixed-title">
          <h2 id="ct-fixed-title">{t('thread.fixed')}</h2>
          <p>
            <strong>{thread.improvement.title}</strong>
            {thread.improvement.shippedAt && <span className="muted">{t('thread.liveSince', { at: formatDateTime(thread.improvement.shippedAt) })}</span>}
          </p>
          {thread.improvement.description && <p>{thread.improvement.description}</p>}
          <p className="muted">{t('thread.fixedThanks')}</p>
        </section>
      )}
      {thread.resolution && (
        <section className="ct-resolution" aria-labelledby="ct-resolution-title">
          <h2 id="ct-resolution-title">{t('thread.resolved')}</h2>
          <p className="prewrap">{thread.resolution}</p>
        </section>
      )}
      {(thread.canRateRecovery || thread.recoveryRating !== null) && <Recovery token={token} thread={thread} onChange={onChange} />}
      <section aria-labelledby="ct-conversation-title">
        <h2 id="ct-conversation-title">{t('thread.conversation')}</h2>
        <ol className="ct-thread" aria-label={t('thread.conversation')}>
          {thread.entries.map((e) =>
            e.kind === 'STATUS_CHANGED' ? (
              <li key={e.id} className="ct-event" data-kind={e.kind}>
                {e.status ? STATUS_TEXT(e.status) : t('thread.statusChanged')} · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </li>
            ) : (
              <li key={e.id} className={`ct-msg ${e.kind === 'CUSTOMER_MESSAGE' ? 'ct-msg-you' : 'ct-msg-us'}`} data-kind={e.kind}>
                <div className="ct-meta">
                  <strong>{e.kind === 'CUSTOMER_MESSAGE' ? t('thread.you') : (e.author ?? t('thread.ourTeam'))}</strong> <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </div>
                <p className="prewrap ct-body">{e.body}</p>
              </li>
            ),
          )}
        </ol>
      </section>
      {thread.canReply ? (
        <Reply token={token} onChange={onChange} />
      ) : (
        <p className="muted">{t('thread.closed')}</p>
      )}
    </>
  );
}

const MAX_REPLY = 5000;

function Reply({ token, onChange }: { token: string; onChange: (t: PublicThread) => void }) {
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<Problem | undefined>();
  const [sent, setSent] = useState(false);
  const [{ fetching, error }, send] = useMutation(ReplyToComplaintThreadMutation);
  const { fields, general } = splitProblems(error, ['body']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    if (!body.trim()) {
      setMissing({ code: 'REQUIRED', title: t('thread.required'), message: t('thread.writeFirst') });
      return;
    }
    setMissing(undefined);
    const result = await send({ token, body: body.trim() });
    if (result.data) {
      onChange(result.data.replyToComplaintThread);
      setBody('');
      setSent(true);
    }
  };
  return (
    <form className="form ct-reply" onSubmit={submit} noValidate aria-label={t('thread.answerUs')}>
      <FormAlert problems={general} />
      <Field label={t('thread.yourAnswer')} problem={missing ?? fields.body} hint={t('thread.answerHint', { max: formatNumber(MAX_REPLY) })}>
        {(props) => <textarea {...props} rows={4} maxLength={MAX_REPLY} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" busy={fetching} className="btn-block">
        {t('thread.sendAnswer')}
      </Button>
      {sent && (
        <p role="status" className="ct-sent">
          {t('thread.sent')}
        </p>
      )}
    </form>
  );
}

function Recovery({ token, thread, onChange }: { token: string; thread: PublicThread; onChange: (t: PublicThread) => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, rate] = useMutation(RateComplaintRecoveryMutation);
  const { fields, general } = splitProblems(error, ['rating', 'comment']);
  if (!thread.canRateRecovery) {
    return (
      <section className="ct-rating" aria-labelledby="ct-rating-title">
        <h2 id="ct-rating-title">{t('thread.yourRating')}</h2>
        <p>
          {t('thread.rated', { rating: thread.recoveryRating ?? 0 })}
        </p>
      </section>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await rate({ token, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    if (result.data) onChange(result.data.rateComplaintRecovery);
  };
  return (
    <section className="ct-rating" aria-labelledby="ct-rating-title">
      <h2 id="ct-rating-title">{t('thread.howDidWe')}</h2>
      <form className="form" onSubmit={submit} noValidate aria-label={t('thread.rateForm')}>
        <FormAlert problems={general} />
        <fieldset className="ct-stars">
          <legend>{t('thread.ratingLegend')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={`ct-star${n <= rating ? ' is-on' : ''}`}>
              <input type="radio" name="recovery-rating" value={n} aria-label={t('thread.starOf', { n })} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
            </label>
          ))}
        </fieldset>
        {(missing || fields.rating) && (
          <p className="field-error" role="alert">
            {missing ? t('thread.chooseStars') : fields.rating?.message}
          </p>
        )}
        <Field label={t('thread.addComment')} optional problem={fields.comment}>
          {(props) => <textarea {...props} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        <Button type="submit" variant="secondary" busy={fetching}>
          {t('thread.sendRating')}
        </Button>
      </form>
    </section>
  );
}
