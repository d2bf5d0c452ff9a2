import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReferralLinkQuery, SubmitPublicReferralMutation, type ReferralLinkState } from './public-referral.graphql.js';
import { problemsOf, splitProblems, type Problem } from '../lib/errors.js';
import { Button, Field, FormAlert, Spinner } from '../ui/components.js';
import { useTitleFromHeading } from '../ui/title.js';

const FIELDS = ['name', 'email', 'consent'] as const;

const GONE: Record<Exclude<ReferralLinkState, 'VALID'>, { title: string; text: string }> = {
  EXPIRED: { title: 'This referral link has expired', text: 'Ask the person who sent it to you for a new one, or contact us directly.' },
  USED_UP: { title: 'This referral link has been used up', text: 'It has already brought in as many recommendations as it allows. Thank you all the same.' },
  UNKNOWN: { title: 'This link doesn’t work', text: 'Check that you opened the whole link you were sent.' },
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
      name: name.trim() ? undefined : { code: 'REQUIRED', title: 'Required', message: 'Enter your name.' },
      email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : { code: 'REQUIRED', title: 'Check this value', message: 'Enter an email like name@example.com, so we can reach you.' },
      consent: consent ? undefined : { code: 'REQUIRED', title: 'Required', message: 'We can only get in touch if you agree.' },
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
  if (fetching && !data) body = <Spinner label="Loading" />;
  else if (loadError && !data)
    body = (
      <>
        <h1>Couldn’t open this link</h1>
        <FormAlert problems={problemsOf(loadError)} />
        <Button onClick={() => reload({ requestPolicy: 'network-only' })}>Try again</Button>
      </>
    );
  else if (done)
    body = (
      <div className="receipt" role="status">
        <h1>Thank you, {done.name.split(' ')[0]}</h1>
        <p>We’ve got your details and will be in touch soon.</p>
        {done.remaining > 0 && (
          <Button variant="ghost" onClick={another}>
            Recommend someone else too
          </Button>
        )}
      </div>
    );
  else if (link && link.state !== 'VALID')
    body = (
      <>
        <h1>{GONE[link.state].title}</h1>
        <p className="login-intro">{GONE[link.state].text}</p>
      </>
    );
  else if (link)
    body = (
      <>
        <h1>{link.referrerFirstName ? `${link.referrerFirstName} recommends us to you` : 'You were recommended to us'}</h1>
        <p className="login-intro">Leave your name and email and we’ll get in touch. Nobody else sees them.</p>
        {tokenProblem && (
          <div className="form-alert" role="alert">
            <p>
              <strong>{tokenProblem.title}.</strong> {tokenProblem.message}
            </p>
          </div>
        )}
        <FormAlert problems={general} />
        <form className="form" onSubmit={onSubmit} noValidate aria-label="Your details">
          <Field label="Your name" problem={fields.name}>
            {(props) => <input {...props} autoComplete="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Your email" problem={fields.email}>
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
              I agree to be contacted about this recommendation.
            </label>
            {fields.consent && (
              <p id="consent-error" className="field-error" role="alert">
                <strong>{fields.consent.title}.</strong> {fields.consent.message}
              </p>
            )}
          </div>
          <Button type="submit" variant="primary" busy={sending} className="btn-block">
            Send my details
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
