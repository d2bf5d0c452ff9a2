import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CustomerSegmentsQuery, InviteToSurveyMutation, type InvitationResult, type InviteInput, type SurveyDetail } from './surveys.graphql.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { ReferrerPicker } from '../referrals/ReferrerPicker.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { formatDate } from '../ui/format.js';
import { Button, Card, Field, FormAlert } from '../ui/components.js';

type EmployeeMode = 'team' | 'leader' | 'people';
type CustomerMode = 'segment' | 'customers';

export function surveyLink(token: string, origin = window.location.origin): string {
  return `${origin}/s/${encodeURIComponent(token)}`;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

type NamedLink = { email: string; token: string };

export function linksCsv(created: NamedLink[], origin?: string): string {
  return ['email,link', ...created.map((c) => `${csvCell(c.email)},${csvCell(surveyLink(c.token, origin))}`)].join('\r\n') + '\r\n';
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers or a denied permission: fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand?.('copy') ?? false;
    area.remove();
    return ok;
  }
}

function Chips({ items, onRemove, label }: { items: PickedEmployee[]; onRemove: (id: string) => void; label: string }) {
  if (!items.length) return null;
  return (
    <ul className="tags" aria-label={label}>
      {items.map((p) => (
        <li key={p.id} className="tag">
          {p.name}
          <button type="button" aria-label={`Remove ${p.name}`} onClick={() => onRemove(p.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

const FIELDS = ['teamId', 'leaderId', 'employeeIds', 'customerSegment', 'customerIds', 'surveyId'];

/**
 * Invites an audience to the running wave. Rapport emails every invitee their
 * own link. An anonymous survey's links are never shown here — nobody but the
 * invitee may be able to tie a link, and so an answer, to a person. A named
 * survey's links also come back once (the server keeps hashes) for copy and
 * CSV export. Who was left out (contact budget, unsubscribed) is listed.
 */
export function InvitePanel({ survey, onInvited }: { survey: SurveyDetail; onInvited?: () => void }) {
  const employees = survey.audience === 'EMPLOYEES';
  const [employeeMode, setEmployeeMode] = useState<EmployeeMode>('team');
  const [customerMode, setCustomerMode] = useState<CustomerMode>('segment');
  const [teamId, setTeamId] = useState('');
  const [includeSubTeams, setIncludeSubTeams] = useState(true);
  const [leader, setLeader] = useState<PickedEmployee | null>(null);
  const [people, setPeople] = useState<PickedEmployee[]>([]);
  const [segment, setSegment] = useState('');
  const [customers, setCustomers] = useState<PickedEmployee[]>([]);
  const [missing, setMissing] = useState<Problem | undefined>();
  const [result, setResult] = useState<InvitationResult | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [{ fetching, error }, invite] = useMutation(InviteToSurveyMutation);
  const [segmentsResult] = useQuery({ query: CustomerSegmentsQuery, variables: {}, pause: employees, requestPolicy: 'cache-first' });
  const segments = useMemo(
    () => segmentsResult.data?.customerSegments ?? [],
    [segmentsResult.data],
  );
  const { fields, general } = splitProblems(error, FIELDS);
  const mode = employees ? employeeMode : customerMode;

  const input = (): InviteInput | Problem => {
    const base = { surveyId: survey.id };
    const need = (message: string): Problem => ({ code: 'REQUIRED', title: 'Choose who to invite', message });
    if (employees) {
      if (employeeMode === 'team') return teamId ? { ...base, teamId, includeSubTeams } : need('Pick a team.');
      if (employeeMode === 'leader') return leader ? { ...base, leaderId: leader.id } : need('Pick a leader.');
      return people.length ? { ...base, employeeIds: people.map((p) => p.id) } : need('Pick at least one person.');
    }
    if (customerMode === 'segment') return segment.trim() ? { ...base, customerSegment: segment.trim() } : need('Enter a segment.');
    return customers.length ? { ...base, customerIds: customers.map((c) => c.id) } : need('Pick at least one customer.');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = input();
    if ('code' in value) {
      setMissing(value);
      return;
    }
    setMissing(undefined);
    const res = await invite({ input: value });
    if (res.data) {
      setResult(res.data.inviteToSurvey);
      onInvited?.();
    }
  };

  const flash = (what: string) => {
    setCopied(what);
    setTimeout(() => setCopied((c) => (c === what ? null : c)), 2000);
  };

  const namedLinks: NamedLink[] = (result?.created ?? []).filter((c): c is NamedLink => c.token !== null);
  const download = () => {
    if (!result) return;
    const blob = new Blob([linksCsv(namedLinks)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `survey-${survey.id}-links.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const modes: Array<{ key: string; label: string }> = employees
    ? [
        { key: 'team', label: 'A team' },
        { key: 'leader', label: 'Under a leader' },
        { key: 'people', label: 'Picked people' },
      ]
    : [
        { key: 'segment', label: 'A segment' },
        { key: 'customers', label: 'Picked customers' },
      ];
  const fieldProblem = missing ?? fields.teamId ?? fields.leaderId ?? fields.employeeIds ?? fields.customerSegment ?? fields.customerIds;

  return (
    <Card title="Invitations" className="invite-card">
      <p className="card-intro">
        Invite {employees ? 'employees' : 'customers'} to wave {survey.waves[survey.waves.length - 1]?.number ?? 1}. Rapport emails each person their own single-use link (and one reminder); people invited to any
        survey recently are left out (contact budget), and so are people who unsubscribed.
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label="Invite">
        <FormAlert problems={[...general, ...(fields.surveyId ? [fields.surveyId] : [])]} />
        <div className="segmented" role="radiogroup" aria-label="Who to invite">
          {modes.map((m) => (
            <label key={m.key} className={`segment${mode === m.key ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="invite-mode"
                checked={mode === m.key}
                onChange={() => {
                  setMissing(undefined);
                  if (employees) setEmployeeMode(m.key as EmployeeMode);
                  else setCustomerMode(m.key as CustomerMode);
                }}
              />
              {m.label}
            </label>
          ))}
        </div>
        {employees && employeeMode === 'team' && (
          <div className="c-inline-form">
            <Field label="Team" problem={fieldProblem}>
              {(props) => <TeamSelect {...props} value={teamId} emptyLabel="Choose a team…" onChange={setTeamId} />}
            </Field>
            <label className="toolbar-check invite-subteams">
              <input type="checkbox" checked={includeSubTeams} onChange={(e) => setIncludeSubTeams(e.target.checked)} />
              Include sub-teams
            </label>
          </div>
        )}
        {employees && employeeMode === 'leader' && (
          <Field label="Leader" problem={fieldProblem} hint="Everyone who reports to them, at any depth.">
            {(props) => <EmployeePicker {...props} value={leader} onChange={setLeader} />}
          </Field>
        )}
        {employees && employeeMode === 'people' && (
          <Field label="Add a person" problem={fieldProblem}>
            {(props) => <EmployeePicker {...props} value={null} onChange={(p) => p && setPeople((list) => (list.some((x) => x.id === p.id) ? list : [...list, p]))} />}
          </Field>
        )}
        {employees && employeeMode === 'people' && <Chips items={people} label="People to invite" onRemove={(id) => setPeople((l) => l.filter((p) => p.id !== id))} />}
        {!employees && customerMode === 'segment' && (
          <Field label="Segment" problem={fieldProblem} hint="Every active customer of this segment (exact match).">
            {(props) => (
              <>
                <input {...props} list="invite-segments" value={segment} onChange={(e) => setSegment(e.target.value)} placeholder="e.g. enterprise" />
                <datalist id="invite-segments">
                  {segments.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        )}
        {!employees && customerMode === 'customers' && (
          <>
            <Field label="Add a customer" problem={fieldProblem}>
              {(props) => (
                <ReferrerPicker
                  {...props}
                  only="Customer"
                  placeholder="Search customers…"
                  value={null}
                  onChange={(c) => c && setCustomers((list) => (list.some((x) => x.id === c.id) ? list : [...list, { id: c.id, name: c.name }]))}
                />
              )}
            </Field>
            <Chips items={customers} label="Customers to invite" onRemove={(id) => setCustomers((l) => l.filter((p) => p.id !== id))} />
          </>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            Send invitations
          </Button>
        </div>
      </form>

      {result && (
        <div className="invite-result" aria-label="Invitation result" role="region">
          <div className="invite-summary" role="status">
            <strong>{result.created.length}</strong> {result.created.length === 1 ? 'invitation' : 'invitations'} emailed
            {result.throttled.length > 0 && (
              <>
                {' '}
                · <strong>{result.throttled.length}</strong> left out by the contact budget
              </>
            )}
            {result.optedOut.length > 0 && (
              <>
                {' '}
                · <strong>{result.optedOut.length}</strong> unsubscribed or unreachable
              </>
            )}
            {' '}· <strong data-testid="already-invited">{result.alreadyInvited}</strong> already invited to this wave
          </div>
          {survey.anonymous && result.created.length > 0 && (
            <p className="card-intro" data-testid="anonymous-delivery">
              This survey is anonymous: Rapport emails each person their own link and shows the links to nobody else, so no one can tell whose answer is whose. Follow delivery on the Outbox page.
            </p>
          )}
          {namedLinks.length > 0 && (
            <>
              <div className="secret-once">
                <p className="secret-title">Named survey: these links were emailed, and are shown this once</p>
                <p className="secret-hint">Rapport keeps only a fingerprint of each link, so it can’t show them again. Copy them only if you need to reach someone another way.</p>
                <div className="form-actions">
                  <Button
                    size="sm"
                    onClick={async () => {
                      if (await copyText(namedLinks.map((c) => `${c.email}\t${surveyLink(c.token)}`).join('\n'))) flash('all');
                    }}
                  >
                    {copied === 'all' ? 'Copied ✓' : 'Copy all'}
                  </Button>
                  <Button size="sm" onClick={download}>
                    Download CSV
                  </Button>
                </div>
              </div>
              <div className="table-scroll invite-links" tabIndex={0} role="region" aria-label="Invitation links">
                <table className="table table-compact">
                  <caption className="sr-only">New links</caption>
                  <thead>
                    <tr>
                      <th scope="col">Recipient and link</th>
                      <th scope="col">
                        <span className="sr-only">Copy</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {namedLinks.map((c) => {
                      const link = surveyLink(c.token);
                      return (
                        <tr key={c.token}>
                          <td className="invite-link-cell">
                            <span className="invite-email">{c.email}</span>
                            <code className="invite-link" data-link={link} title={link}>
                              {link}
                            </code>
                          </td>
                          <td className="actions-cell">
                            <Button
                              size="sm"
                              variant="ghost"
                              aria-label={`Copy link for ${c.email}`}
                              onClick={async () => {
                                if (await copyText(link)) flash(c.token);
                              }}
                            >
                              {copied === c.token ? 'Copied ✓' : 'Copy'}
                            </Button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {result.throttled.length > 0 && (
            <details className="invite-throttled" open={result.created.length === 0}>
              <summary>
                {result.throttled.length} {result.throttled.length === 1 ? 'person was' : 'people were'} invited to a survey recently and left out
              </summary>
              <ul>
                {result.throttled.map((t) => (
                  <li key={t.email}>
                    {t.email} <span className="muted">· last invited {formatDate(t.lastInvitedAt)}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <Button size="sm" variant="ghost" onClick={() => setResult(null)}>
            {namedLinks.length ? 'Done — hide these links' : 'Done'}
          </Button>
        </div>
      )}
    </Card>
  );
}
