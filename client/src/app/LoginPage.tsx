import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { LoginMutation } from '../lib/app.graphql.js';
import { problemsOf, type Problem } from '../lib/errors.js';
import { useSession } from '../lib/session.js';
import { Button, Field } from '../ui/components.js';
import { useDocumentTitle } from '../ui/title.js';

function loginProblem(problems: Problem[]): string | null {
  const p = problems[0];
  if (!p) return null;
  if (p.code === 'UNAUTHENTICATED') return t('login.mismatch');
  if (p.code === 'RATE_LIMITED') return `${t('login.tooMany')} ${p.message}`;
  if (p.code === 'BAD_USER_INPUT') return p.message;
  return `${p.title}. ${p.message}`;
}

export function LoginPage({ expired }: { expired?: boolean }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [{ fetching, error }, login] = useMutation(LoginMutation);
  const message = missing ?? loginProblem(problemsOf(error));
  useDocumentTitle(t('login.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setMissing(t('login.missing'));
      return;
    }
    setMissing(null);
    const result = await login({ email: email.trim(), password });
    if (result.data) session.signedIn();
  };

  return (
    <main className="login">
      <div className="login-panel">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          Rapport
        </div>
        <h1>{t('login.title')}</h1>
        <p className="login-intro">{t('login.intro')}</p>
        {expired && !message && (
          <p className="login-note" role="status">
            {t('login.expired')}
          </p>
        )}
        {message && (
          <div className="form-alert" role="alert">
            <p>{message}</p>
          </div>
        )}
        <form className="form" onSubmit={submit} noValidate aria-label={t('login.title')}>
          <Field label={t('login.email')}>
            {(props) => <input {...props} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />}
          </Field>
          <Field label={t('login.password')}>
            {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Button type="submit" variant="primary" busy={fetching} className="btn-block">
            {t('login.submit')}
          </Button>
        </form>
      </div>
    </main>
  );
}
