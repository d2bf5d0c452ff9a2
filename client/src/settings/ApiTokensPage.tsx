import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation, type ApiToken } from './tokens.graphql.js';
import { problemsOf, splitProblems } from '../lib/errors.js';
import { useSession } from '../lib/session.js';
import { formatDateTime } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, ErrorState, Field, FormAlert, PageHeader, SkeletonRows } from '../ui/components.js';

const ROLE_HELP = {
  ANALYST: 'Read-only access for BI tools (Power BI, Metabase, …).',
  MONITOR: 'Kiosk access for wall screens: only what a complaint board shows.',
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
        <PageHeader title="API tokens" />
        <EmptyState title="Only admins manage API tokens" hint="Ask an administrator for a token for your BI tool or wall screen." />
      </div>
    );
  }
  const tokens = result.data?.apiTokens;
  return (
    <div className="page page-narrow">
      <PageHeader title="API tokens" subtitle="Named, revocable tokens for BI tools (Analyst) and wall monitors (Monitor). Send as Authorization: Bearer …" />
      {created && <SecretOnce name={created.name} token={created.token} role={created.role} onDismiss={() => setCreated(null)} />}
      <Card title="New token">
        <CreateTokenForm onCreated={(name, token, role) => setCreated({ name, token, role })} />
      </Card>
      <Card title="Tokens" className="card-flush">
        {result.error && !tokens ? (
          <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Token</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {!tokens && <SkeletonRows rows={3} columns={7} />}
                {tokens?.map((t) => <TokenRow key={t.id} token={t} />)}
              </tbody>
            </table>
            {tokens && tokens.length === 0 && <EmptyState title="No tokens yet" hint="Create one above for your BI tool or a lobby screen." />}
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
        <Field label="Name" problem={missing ? { code: 'REQUIRED', title: 'Required', message: 'Say what the token is for, e.g. “Lobby monitor”.' } : fields.name}>
          {(props) => <input {...props} value={name} maxLength={120} placeholder="e.g. Power BI" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Role" hint={ROLE_HELP[role]} problem={fields.role}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as 'ANALYST' | 'MONITOR')}>
              <option value="ANALYST">Analyst (read-only)</option>
              <option value="MONITOR">Monitor (kiosk)</option>
            </select>
          )}
        </Field>
        <div className="form-row-action">
          <Button type="submit" variant="primary" busy={fetching}>
            Create token
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
        <p className="secret-title">Token “{name}” created</p>
        <p className="secret-hint">Copy it now — it is shown only once and cannot be recovered.</p>
      </div>
      <div className="input-group">
        <input id="new-token-secret" aria-label="New token secret" readOnly value={token} onFocus={(e) => e.target.select()} className="mono" />
        <Button variant="primary" onClick={copy}>
          {copied ? 'Copied ✓' : 'Copy'}
        </Button>
      </div>
      {role === 'MONITOR' && (
        <p className="secret-kiosk">
          <a className="btn btn-secondary btn-sm" href={`/kiosk?token=${encodeURIComponent(token)}`} target="_blank" rel="noopener noreferrer">
            Open kiosk ↗
          </a>{' '}
          <span className="secret-hint">Opens the wallboard with this token (it leaves the address bar once loaded).</span>
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
        <Badge tone={token.role === 'MONITOR' ? 'warning' : 'accent'}>{token.role === 'MONITOR' ? 'Monitor' : 'Analyst'}</Badge>
      </td>
      <td>
        <code className="mono">{token.tokenPrefix}…</code>
      </td>
      <td className="nowrap">{formatDateTime(token.createdAt)}</td>
      <td className="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">Never</span>}</td>
      <td>{revoked ? <Badge tone="muted">Revoked {formatDateTime(token.revokedAt)}</Badge> : <Badge tone="success">Valid</Badge>}</td>
      <td className="actions-cell">
        {error && <span className="field-error">{problemsOf(error)[0]?.message}</span>}
        {!revoked &&
          (confirming ? (
            <span className="confirm">
              <Button size="sm" variant="danger" busy={fetching} onClick={() => revoke({ id: token.id })}>
                Revoke now
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </span>
          ) : (
            <Button size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
              Revoke
            </Button>
          ))}
      </td>
    </tr>
  );
}
