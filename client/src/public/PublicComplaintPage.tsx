import { currentLanguage, t } from '../i18n/index.js';
import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CATEGORIES, SubmitComplaintMutation } from '../complaints/complaints.graphql.js';
import { problemsOf, splitProblems, type Problem } from '../lib/errors.js';
import { formatDateTime } from '../ui/format.js';
import { categoryLabel } from '../complaints/complaints.graphql.js';
import { Button, Field, FormAlert } from '../ui/components.js';
import { useTitleFromHeading } from '../ui/title.js';

const FIELDS = ['name', 'email', 'subject', 'description', 'category'] as const;

function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The language of the emails about the complaint (acknowledgement, replies): the page's, German or English. */
function emailLanguage(): 'de' | 'en' {
  return currentLanguage();
}

function required(value: string, message: string): Problem | undefined {
  return value.trim() ? undefined : { code: 'REQUIRED', title: t('publicComplaint.required'), message };
}

/**
 * The public complaint form: no login, phone-friendly. One idempotency key
 * per complaint, made when the form opens and kept across double clicks and
 * retries, so the server records one complaint however often it is sent.
 */
export function PublicComplaintPage() {
  const main = useRef<HTMLElement>(null);
  useTitleFromHeading(main);
  const [key, setKey] = useState(newKey);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [local, setLocal] = useState<Record<string, Problem | undefined>>({});
  const [receipt, setReceipt] = useState<{ number: string; receivedAt: string } | null>(null);
  const [{ fetching, error }, submit] = useMutation(SubmitComplaintMutation);
  const server = splitProblems(error, FIELDS);
  const rateLimited = problemsOf(error).find((p) => p.code === 'RATE_LIMITED');
  const retryAfter = error?.graphQLErrors.find((e) => e.extensions?.code === 'RATE_LIMITED')?.extensions?.retryAfterSeconds as number | undefined;
  const general = server.general.filter((p) => p.code !== 'RATE_LIMITED');
  const fields = { ...server.fields, ...Object.fromEntries(Object.entries(local).filter(([, v]) => v)) } as Record<string, Problem | undefined>;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, Problem | undefined> = {
      name: required(name, t('publicComplaint.nameMissing')),
      email: !/^\S+@\S+\.\S+$/.test(email.trim()) ? { code: 'REQUIRED', title: t('publicComplaint.checkValue'), message: t('publicComplaint.emailInvalid') } : undefined,
      subject: required(subject, t('publicComplaint.subjectMissing')),
      description: required(description, t('publicComplaint.descriptionMissing')),
    };
    setLocal(problems);
    if (Object.values(problems).some(Boolean)) return;
    const result = await submit({
      input: { name: name.trim(), email: email.trim(), subject: subject.trim(), description: description.trim(), ...(category ? { category } : {}), idempotencyKey: key, language: emailLanguage() },
    });
    if (result.data) setReceipt(result.data.submitComplaint);
  };

  const startOver = () => {
    setKey(newKey());
    setSubject('');
    setDescription('');
    setCategory('');
    setReceipt(null);
  };

  return (
    <main className="public" ref={main}>
      <div className="public-panel">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          Rapport
        </div>
        {receipt ? (
          <div className="receipt" role="status">
            <h1>{t('publicComplaint.thanks')}</h1>
            <p>{t('publicComplaint.numberIs')}</p>
            <p className="receipt-number" data-testid="receipt-number">
              {receipt.number}
            </p>
            <p className="muted">{t('publicComplaint.received', { at: formatDateTime(receipt.receivedAt), email: email.trim() })}</p>
            <Button variant="ghost" onClick={startOver}>
              {t('publicComplaint.another')}
            </Button>
          </div>
        ) : (
          <>
            <h1>{t('publicComplaint.title')}</h1>
            <p className="login-intro">{t('publicComplaint.intro')}</p>
            {rateLimited && (
              <div className="form-alert" role="alert">
                <p>
                  <strong>{t('publicComplaint.tooMany')}</strong> {retryAfter ? t('publicComplaint.tryAgainIn', { seconds: retryAfter }) : t('publicComplaint.tryAgainLater')}
                </p>
              </div>
            )}
            <FormAlert problems={general} />
            <form className="form" onSubmit={onSubmit} noValidate aria-label={t('publicComplaint.form')}>
              <Field label={t('publicComplaint.name')} problem={fields.name}>
                {(props) => <input {...props} autoComplete="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
              </Field>
              <Field label={t('publicComplaint.email')} problem={fields.email}>
                {(props) => <input {...props} type="email" inputMode="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
              </Field>
              <Field label={t('publicComplaint.subject')} problem={fields.subject}>
                {(props) => <input {...props} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />}
              </Field>
              <Field label={t('publicComplaint.description')} problem={fields.description}>
                {(props) => <textarea {...props} rows={6} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />}
              </Field>
              <Field label={t('publicComplaint.category')} optional problem={fields.category}>
                {(props) => (
                  <select {...props} value={category} onChange={(e) => setCategory(e.target.value)}>
                    <option value="">{t('publicComplaint.notSure')}</option>
                    {CATEGORIES.filter((c) => c !== 'other').map((c) => (
                      <option key={c} value={c}>
                        {categoryLabel(c)}
                      </option>
                    ))}
                    <option value="other">{t('publicComplaint.somethingElse')}</option>
                  </select>
                )}
              </Field>
              <Button type="submit" variant="primary" busy={fetching} className="btn-block">
                {t('publicComplaint.send')}
              </Button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
