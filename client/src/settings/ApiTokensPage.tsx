import { t } from '../i18n/index.js';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation, type ApiToken } from './tokens.graphql.js';
import { problemsOf, splitProblems } from '../lib/errors.js';
import { useSession } from '../lib/session.js';
import { formatDateTime } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, ErrorState, Field, FormAlert, PageHeader, SkeletonRows } from '../ui/components.js';

const ROLE_HELP = {
  get ANALYST() { return t('tokens.analystHelp'); },
  get MONITOR() { return t('tokens.monitorHelp'); },
};

export function ApiTokensPage() {
  const { isAdmin } = useSession();
  // An empty list carries no __typename, so name the type: creating a token then refreshes the list.
  const context = useMemo(() => ({ additionalTypenames: ['ApiToken'] }), []);
  const [result, reexecute] = useQuery({ query: ApiTokensQuery, variables: {}, pause: !isAdmin, context });
  const [created, setCreated] = useState<{ name: string; token: string; role: string } | null>(null);

  if (!isAdmin) {
    return (
      <div className="page page-narrow">
        <PageHeader title={t('tokens.title')} />
        <EmptyState title={t('tokens.adminsOnly')} hint={t('tokens.adminsOnlyHint')} />
      </div>
    );
  }
  const tokens = result.data?.apiTokens;
  return (
    <div className="page page-narrow">
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle')} />
      {created && <SecretOnce name={created.name} token={created.token} role={created.role} onDismiss={() => setCreated(null)} />}
      <Card title={t('tokens.new')}>
        <CreateTokenForm onCreated={(name, token, role) => setCreated({ name, token, role })} />
      </Card>
      <Card title={t('tokens.tokens')} className="card-flush">
        {result.error && !tokens ? (
          <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('tokens.colName')}</th>
                  <th scope="col">{t('tokens.colRole')}</th>
                  <th scope="col">{t('tokens.colToken')}</th>
                  <th scope="col">{t('tokens.colCreated')}</th>
                  <th scope="col">{t('tokens.colLastUsed')}</th>
                  <th scope="col">{t('tokens.colStatus')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('tokens.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {!tokens && <SkeletonRows rows={3} columns={7} />}
                {tokens?.map((t) => <TokenRow key={t.id} token={t} />)}
              </tbody>
            </table>
            {tokens && tokens.length === 0 && <EmptyState title={t('tokens.empty')} hint={t('tokens.emptyHint')} />}
          </>
        )}
      </Card>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (name: string, token: string, role: string) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'ANALYST' | 'MONITOR'>('ANALYST');
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, create] = useMutation(CreateApiTokenMutation);
  const { fields, general } = splitProblems(error, ['name', 'role']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await create({ input: { name: name.trim(), role } });
    if (result.data) {
      onCreated(result.data.createApiToken.apiToken.name, result.data.createApiToken.token, result.data.createApiToken.apiToken.role);
      setName('');
    }
  };

  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <FormAlert problems={general} />
      <div className="form-row">
        <Field label={t('tokens.name')} problem={missing ? { code: 'REQUIRED', title: t('tokens.required'), message: t('tokens.nameMissing') } : fields.name}>
          {(props) => <input {...props} value={name} maxLength={120} placeholder="e.g. Power BI" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('tokens.role')} hint={ROLE_HELP[role]} problem={fields.role}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as 'ANALYST' | 'MONITOR')}>
              <option value="ANALYST">{t('tokens.analystOption')}</option>
              <option value="MONITOR">{t('tokens.monitorOption')}</option>
            </select>
          )}
        </Field>
        <div className="form-row-action">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('tokens.create')}
          </Button>
        </div>
      </div>
    </form>
  );
}

function SecretOnce({ name, token, role, onDismiss }: { name: string; token: string; role: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // Clipboard blocked (e.g. insecure origin): select the text so Ctrl+C works.
      const el = document.getElementById('new-token-secret') as HTMLInputElement | null;
      el?.select();
    }
  };
  return (
    <div className="secret-once" role="status">
      <div>
        <p className="secret-title">{t('tokens.created', { name })}</p>
        <p className="secret-hint">{t('tokens.copyNow')}</p>
      </div>
      <div className="input-group">
        <input id="new-token-secret" aria-label={t('tokens.secret')} readOnly value={token} onFocus={(e) => e.target.select()} className="mono" />
        <Button variant="primary" onClick={copy}>
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </Button>
      </div>
      {role === 'MONITOR' && (
        <p className="secret-kiosk">
          <a className="btn btn-secondary btn-sm" href={`/kiosk?token=${encodeURIComponent(token)}`} target="_blank" rel="noopener noreferrer">
            {t('tokens.openKiosk')}
          </a>{' '}
          <span className="secret-hint">{t('tokens.openKioskHint')}</span>
        </p>
      )}
      <Button variant="ghost" size="sm" onClick={onDismiss}>
        I’ve stored it
      </Button>
    </div>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const [confirming, setConfirming] = useState(false);
  const [{ fetching, error }, revoke] = useMutation(RevokeApiTokenMutation);
  const revoked = Boolean(token.revokedAt);
  return (
    <tr className={revoked ? 'row-muted' : undefined}>
      <td className="strong">{token.name}</td>
      <td>
        <Badge tone={token.role === 'MONITOR' ? 'warning' : 'accent'}>{token.role === 'MONITOR' ? t('tokens.monitor') : t('tokens.analyst')}</Badge>
      </td>
      <td>
        <code className="mono">{token.tokenPrefix}…</code>
      </td>
      <td className="nowrap">{formatDateTime(token.createdAt)}</td>
      <td className="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">{t('tokens.never')}</span>}</td>
      <td>{revoked ? <Badge tone="muted">{t('tokens.revokedAt', { at: formatDateTime(token.revokedAt) })}</Badge> : <Badge tone="success">{t('tokens.valid')}</Badge>}</td>
      <td className="actions-cell">
        {error && <span className="field-error">{problemsOf(error)[0]?.message}</span>}
        {!revoked &&
          (confirming ? (
            <span className="confirm">
              <Button size="sm" variant="danger" busy={fetching} onClick={() => revoke({ id: token.id })}>
                {t('tokens.revokeNow')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                {t('tokens.keep')}
              </Button>
            </span>
          ) : (
            <Button size="sm" onClick={() => setConfirming(true)} aria-label={t('tokens.revokeLabel', { name: token.name })}>
              {t('tokens.revoke')}
            </Button>
          ))}
      </td>
    </tr>
  );
}
