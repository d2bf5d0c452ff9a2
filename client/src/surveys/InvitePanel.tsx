import { t } from '../i18n/index.js';
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
    const need = (message: string): Problem => ({ code: 'REQUIRED', title: t('invite.chooseWho'), message });
    if (employees) {
      if (employeeMode === 'team') return teamId ? { ...base, teamId, includeSubTeams } : need(t('invite.pickTeam'));
      if (employeeMode === 'leader') return leader ? { ...base, leaderId: leader.id } : need(t('invite.pickLeader'));
      return people.length ? { ...base, employeeIds: people.map((p) => p.id) } : need(t('invite.pickPerson'));
    }
    if (customerMode === 'segment') return segment.trim() ? { ...base, customerSegment: segment.trim() } : need(t('invite.enterSegment'));
    return customers.length ? { ...base, customerIds: customers.map((c) => c.id) } : need(t('invite.pickCustomer'));
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
        { key: 'team', label: t('invite.aTeam') },
        { key: 'leader', label: t('invite.underLeader') },
        { key: 'people', label: t('invite.pickedPeople') },
      ]
    : [
        { key: 'segment', label: t('invite.aSegment') },
        { key: 'customers', label: t('invite.pickedCustomers') },
      ];
  const fieldProblem = missing ?? fields.teamId ?? fields.leaderId ?? fields.employeeIds ?? fields.customerSegment ?? fields.customerIds;

  return (
    <Card title={t('invite.title')} className="invite-card">
      <p className="card-intro">
        {t(employees ? 'invite.introEmployees' : 'invite.introCustomers', { wave: survey.waves[survey.waves.length - 1]?.number ?? 1 })}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('invite.form')}>
        <FormAlert problems={[...general, ...(fields.surveyId ? [fields.surveyId] : [])]} />
        <div className="segmented" role="radiogroup" aria-label={t('invite.whoToInvite')}>
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
            <Field label={t('invite.team')} problem={fieldProblem}>
              {(props) => <TeamSelect {...props} value={teamId} emptyLabel={t('invite.chooseTeam')} onChange={setTeamId} />}
            </Field>
            <label className="toolbar-check invite-subteams">
              <input type="checkbox" checked={includeSubTeams} onChange={(e) => setIncludeSubTeams(e.target.checked)} />
              {t('invite.includeSubTeams')}
            </label>
          </div>
        )}
        {employees && employeeMode === 'leader' && (
          <Field label={t('invite.leader')} problem={fieldProblem} hint={t('invite.leaderHint')}>
            {(props) => <EmployeePicker {...props} value={leader} onChange={setLeader} />}
          </Field>
        )}
        {employees && employeeMode === 'people' && (
          <Field label={t('invite.addPerson')} problem={fieldProblem}>
            {(props) => <EmployeePicker {...props} value={null} onChange={(p) => p && setPeople((list) => (list.some((x) => x.id === p.id) ? list : [...list, p]))} />}
          </Field>
        )}
        {employees && employeeMode === 'people' && <Chips items={people} label={t('invite.peopleToInvite')} onRemove={(id) => setPeople((l) => l.filter((p) => p.id !== id))} />}
        {!employees && customerMode === 'segment' && (
          <Field label={t('invite.segment')} problem={fieldProblem} hint={t('invite.segmentHint')}>
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
            <Field label={t('invite.addCustomer')} problem={fieldProblem}>
              {(props) => (
                <ReferrerPicker
                  {...props}
                  only="Customer"
                  placeholder={t('invite.searchCustomers')}
                  value={null}
                  onChange={(c) => c && setCustomers((list) => (list.some((x) => x.id === c.id) ? list : [...list, { id: c.id, name: c.name }]))}
                />
              )}
            </Field>
            <Chips items={customers} label={t('invite.customersToInvite')} onRemove={(id) => setCustomers((l) => l.filter((p) => p.id !== id))} />
          </>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('invite.send')}
          </Button>
        </div>
      </form>

      {result && (
        <div className="invite-result" aria-label={t('invite.result')} role="region">
          <div className="invite-summary" role="status">
            <strong>{result.created.length}</strong> {t('invite.emailed', { count: result.created.length })}
            {result.throttled.length > 0 && (
              <>
                {' '}
                · <strong>{result.throttled.length}</strong> {t('invite.budget')}
              </>
            )}
            {result.optedOut.length > 0 && (
              <>
                {' '}
                · <strong>{result.optedOut.length}</strong> {t('invite.unsubscribed')}
              </>
            )}
            {' '}· <strong data-testid="already-invited">{result.alreadyInvited}</strong> {t('invite.alreadyInvited')}
          </div>
          {survey.anonymous && result.created.length > 0 && (
            <p className="card-intro" data-testid="anonymous-delivery">
              {t('invite.anonymousDelivery')}
            </p>
          )}
          {namedLinks.length > 0 && (
            <>
              <div className="secret-once">
                <p className="secret-title">{t('invite.namedTitle')}</p>
                <p className="secret-hint">{t('invite.namedHint')}</p>
                <div className="form-actions">
                  <Button
                    size="sm"
                    onClick={async () => {
                      if (await copyText(namedLinks.map((c) => `${c.email}\t${surveyLink(c.token)}`).join('\n'))) flash('all');
                    }}
                  >
                    {copied === 'all' ? t('invite.copied') : t('invite.copyAll')}
                  </Button>
                  <Button size="sm" onClick={download}>
                    Download CSV
                  </Button>
                </div>
              </div>
              <div className="table-scroll invite-links" tabIndex={0} role="region" aria-label={t('invite.links')}>
                <table className="table table-compact">
                  <caption className="sr-only">{t('invite.newLinks')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('invite.recipientAndLink')}</th>
                      <th scope="col">
                        <span className="sr-only">{t('invite.copy')}</span>
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
                              aria-label={t('invite.copyFor', { email: c.email })}
                              onClick={async () => {
                                if (await copyText(link)) flash(c.token);
                              }}
                            >
                              {copied === c.token ? t('invite.copied') : t('invite.copy')}
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
                {t('invite.throttled', { count: result.throttled.length })}
              </summary>
              <ul>
                {result.throttled.map((th) => (
                  <li key={th.email}>
                    {th.email} <span className="muted">{t('invite.lastInvited', { date: formatDate(th.lastInvitedAt) })}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <Button size="sm" variant="ghost" onClick={() => setResult(null)}>
            {namedLinks.length ? t('invite.doneHide') : t('invite.done')}
          </Button>
        </div>
      )}
    </Card>
  );
}
