import { t } from '../i18n/index.js';
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReferralLinkQuery, SubmitPublicReferralMutation, type ReferralLinkState } from './public-referral.graphql.js';
import { problemsOf, splitProblems, type Problem } from '../lib/errors.js';
import { Button, Field, FormAlert, Spinner } from '../ui/components.js';
import { useTitleFromHeading } from '../ui/title.js';

const FIELDS = ['name', 'email', 'consent'] as const;

const GONE: Record<Exclude<ReferralLinkState, 'VALID'>, { title: () => string; text: () => string }> = {
  EXPIRED: { title: () => t('referralPage.expiredTitle'), text: () => t('referralPage.expiredText') },
  USED_UP: { title: () => t('referralPage.usedUpTitle'), text: () => t('referralPage.usedUpText') },
  UNKNOWN: { title: () => t('referralPage.unknownTitle'), text: () => t('referralPage.unknownText') },
};

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
 * The public referral page (/r/<token>): a promoter's personal link, passed on
 * to a friend, who leaves their own name and email (and agrees to be
 * contacted). No login, phone-friendly. The server applies every referral
 * guard and names the field in its answer; the link works for several
 * friends, until it expires or is used up.
 */
export function PublicReferralPage({ token }: { token: string }) {
  const main = useRef<HTMLElement>(null);
  useTitleFromHeading(main);
  const [{ data, fetching, error: loadError }, reload] = useQuery({ query: ReferralLinkQuery, variables: { token } });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [local, setLocal] = useState<Record<string, Problem | undefined>>({});
  const [done, setDone] = useState<{ name: string; remaining: number } | null>(null);
  const [{ fetching: sending, error }, submit] = useMutation(SubmitPublicReferralMutation);
  const server = splitProblems(error, FIELDS);
  const tokenProblem = problemsOf(error).find((p) => ['REFERRAL_LINK_EXPIRED', 'REFERRAL_LINK_USED_UP', 'NOT_FOUND'].includes(p.code));
  const general = server.general.filter((p) => p !== tokenProblem);
  const fields = { ...server.fields, ...Object.fromEntries(Object.entries(local).filter(([, v]) => v)) } as Record<string, Problem | undefined>;
  const link = data?.referralLink;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, Problem | undefined> = {
      name: name.trim() ? undefined : { code: 'REQUIRED', title: t('referralPage.required'), message: t('referralPage.nameMissing') },
      email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : { code: 'REQUIRED', title: t('referralPage.checkValue'), message: t('referralPage.emailInvalid') },
      consent: consent ? undefined : { code: 'REQUIRED', title: t('referralPage.required'), message: t('referralPage.consentMissing') },
    };
    setLocal(problems);
    if (Object.values(problems).some(Boolean)) return;
    const result = await submit({ input: { token, name: name.trim(), email: email.trim(), consent } });
    if (result.data) setDone({ name: name.trim(), remaining: result.data.submitPublicReferral.remainingUses });
  };

  const another = () => {
    setName('');
    setEmail('');
    setConsent(false);
    setLocal({});
    setDone(null);
    reload({ requestPolicy: 'network-only' });
  };

  let body;
  if (fetching && !data) body = <Spinner label={t('referralPage.loading')} />;
  else if (loadError && !data)
    body = (
      <>
        <h1>{t('referralPage.openFailed')}</h1>
        <FormAlert problems={problemsOf(loadError)} />
        <Button onClick={() => reload({ requestPolicy: 'network-only' })}>{t('common.tryAgain')}</Button>
      </>
    );
  else if (done)
    body = (
      <div className="receipt" role="status">
        <h1>{t('referralPage.thanks', { name: done.name.split(' ')[0] })}</h1>
        <p>{t('referralPage.gotDetails')}</p>
        {done.remaining > 0 && (
          <Button variant="ghost" onClick={another}>
            {t('referralPage.another')}
          </Button>
        )}
      </div>
    );
  else if (link && link.state !== 'VALID')
    body = (
      <>
        <h1>{GONE[link.state].title()}</h1>
        <p className="login-intro">{GONE[link.state].text()}</p>
      </>
    );
  else if (link)
    body = (
      <>
        <h1>{link.referrerFirstName ? t('referralPage.recommendsYou', { name: link.referrerFirstName }) : t('referralPage.recommended')}</h1>
        <p className="login-intro">{t('referralPage.intro')}</p>
        {tokenProblem && (
          <div className="form-alert" role="alert">
            <p>
              <strong>{tokenProblem.title}.</strong> {tokenProblem.message}
            </p>
          </div>
        )}
        <FormAlert problems={general} />
        <form className="form" onSubmit={onSubmit} noValidate aria-label={t('referralPage.form')}>
          <Field label={t('referralPage.name')} problem={fields.name}>
            {(props) => <input {...props} autoComplete="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('referralPage.email')} problem={fields.email}>
            {(props) => <input {...props} type="email" inputMode="email" autoComplete="email" value={email} maxLength={320} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <div className={`field${fields.consent ? ' field-invalid' : ''}`}>
            <label className="toolbar-check">
              <input
                type="checkbox"
                checked={consent}
                onChange={(e) => setConsent(e.target.checked)}
                aria-invalid={fields.consent ? true : undefined}
                aria-describedby={fields.consent ? 'consent-error' : undefined}
              />
              {t('referralPage.consent')}
            </label>
            {fields.consent && (
              <p id="consent-error" className="field-error" role="alert">
                <strong>{fields.consent.title}.</strong> {fields.consent.message}
              </p>
            )}
          </div>
          <Button type="submit" variant="primary" busy={sending} className="btn-block">
            {t('referralPage.send')}
          </Button>
        </form>
      </>
    );

  return (
    <main className="public" ref={main}>
      <div className="public-panel">
        <Brand />
        {body}
      </div>
    </main>
  );
}
