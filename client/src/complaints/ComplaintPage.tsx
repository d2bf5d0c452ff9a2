import { t } from '../i18n/index.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import {
  AddComplaintMessageMutation,
  AssignComplaintMutation,
  ChangeComplaintStatusMutation,
  ComplaintQuery,
  CreateImprovementMutation,
  ImprovementsQuery,
  LinkImprovementMutation,
  MarkComplainantToldMutation,
  RecordRecoveryMutation,
  SetWaitingOnCustomerMutation,
  type ComplaintDetail,
  type ComplaintEvent,
  type ComplaintStatus,
  type MessageKind,
  categoryLabel,
} from './complaints.graphql.js';
import { ComplaintMailCard } from './ComplaintMailCard.js';
import { ComplaintStatusBadge, SeverityBadge, SlaCountdown, formatCountdown, noteServerClock, serverNow, useSecondTick } from './sla.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf, splitProblems, type Problem } from '../lib/errors.js';
import { formatDateTime, humanEnum } from '../ui/format.js';
import { useNow } from '../ui/hooks.js';
import { Badge, Button, Card, Dialog, ErrorState, Field, FormAlert, Skeleton } from '../ui/components.js';

export function ComplaintPage({ id }: { id: string }) {
  const [result, reexecute] = useQuery({ query: ComplaintQuery, variables: { id } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (kept.current?.complaint.id === id ? kept.current : undefined);
  useEffect(() => {
    if (result.data && !result.stale) noteServerClock([result.data.complaint]);
  }, [result.data, result.stale]);

  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Breadcrumb name={t('complaint.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('complaint.doesNotExist') : t('complaint.loadFailed')}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data)
    return (
      <div className="page" aria-busy="true" aria-label={t('complaint.loading')}>
        <Skeleton width={160} />
        <div className="profile">
          <div className="profile-main">
            <Skeleton width={320} height={28} />
            <Skeleton width={420} />
          </div>
        </div>
      </div>
    );
  return <ComplaintView complaint={data.complaint} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label={t('complaint.breadcrumb')}>
      <Link to="/complaints">{t('complaints.title')}</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

function ProblemLine({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error status-error" role="alert">
      {problemsOf(error).map((p) => (
        <span key={p.code}>
          <strong>{p.title}.</strong> {p.message} <code className="error-code">{p.code}</code>
        </span>
      ))}
    </p>
  );
}

/** The button for moving from `from` to `to`. */
export function transitionLabel(from: ComplaintStatus, to: ComplaintStatus): string {
  if (to === 'ACKNOWLEDGED') return t('board.acknowledge');
  if (to === 'IN_PROGRESS') return from === 'RESOLVED' || from === 'CLOSED' ? t('board.reopen') : t('board.start');
  if (to === 'RESOLVED') return t('board.resolve');
  return t('board.close');
}

/**
 * The next steps the server offers (`allowedNextStatuses`, which already leaves out a reopen after
 * its window); RESOLVED asks for the resolution first. A reopen also disappears when its deadline
 * passes while the page is open.
 */
export function StatusActions({ complaint }: { complaint: Pick<ComplaintDetail, 'id' | 'status' | 'allowedNextStatuses' | 'reopenUntil'> }) {
  const [resolving, setResolving] = useState(false);
  const [{ fetching, error, operation }, change] = useMutation(ChangeComplaintStatusMutation);
  const pending = fetching ? operation?.variables.input.status : undefined;
  const now = useNow(60_000);
  const reopenOpen = complaint.reopenUntil !== null && new Date(complaint.reopenUntil).getTime() > now.getTime();
  const next = complaint.allowedNextStatuses.filter((to) => transitionLabel(complaint.status, to) !== t('board.reopen') || reopenOpen);
  const canReopen = next.some((to) => transitionLabel(complaint.status, to) === t('board.reopen'));
  const windowNote = complaint.reopenUntil ? (
    <p className="muted small reopen-note">
      {canReopen ? t('complaint.canReopenUntil', { at: formatDateTime(complaint.reopenUntil) }) : t('complaint.reopenEnded', { at: formatDateTime(complaint.reopenUntil) })}
    </p>
  ) : null;
  return (
    <>
      {windowNote}
      <div className="status-actions" role="group" aria-label={t('complaint.nextStep')}>
        {next.map((to) => (
          <Button
            key={to}
            size="sm"
            variant={to === 'IN_PROGRESS' && complaint.status !== 'ACKNOWLEDGED' ? 'secondary' : 'primary'}
            busy={pending === to}
            disabled={fetching}
            onClick={() => (to === 'RESOLVED' ? setResolving(true) : void change({ input: { complaintId: complaint.id, status: to } }))}
          >
            {transitionLabel(complaint.status, to)}
          </Button>
        ))}
      </div>
      {!resolving && <ProblemLine error={error} />}
      {resolving && <ResolveDialog complaintId={complaint.id} onClose={() => setResolving(false)} />}
    </>
  );
}

export function ResolveDialog({ complaintId, onClose, onResolved }: { complaintId: string; onClose: () => void; onResolved?: () => void }) {
  const [resolution, setResolution] = useState('');
  const [rootCause, setRootCause] = useState('');
  const [missing, setMissing] = useState<Problem | undefined>();
  const [{ fetching, error }, change] = useMutation(ChangeComplaintStatusMutation);
  const { fields, general } = splitProblems(error, ['resolution', 'rootCause', 'status']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!resolution.trim()) {
      setMissing({ code: 'REQUIRED', title: t('board.required'), message: t('board.resolutionMissing') });
      return;
    }
    setMissing(undefined);
    const result = await change({ input: { complaintId, status: 'RESOLVED', resolution: resolution.trim(), ...(rootCause.trim() ? { rootCause: rootCause.trim() } : {}) } });
    if (result.data) {
      onClose();
      onResolved?.();
    }
  };
  return (
    <Dialog title={t('board.resolveTitle')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('board.resolveTitle')}>
        <FormAlert problems={[...general, ...(fields.status ? [fields.status] : [])]} />
        <Field label={t('board.resolution')} problem={missing ?? fields.resolution} hint={t('board.resolutionHint')}>
          {(props) => <textarea {...props} rows={4} value={resolution} onChange={(e) => setResolution(e.target.value)} />}
        </Field>
        <Field label={t('board.rootCause')} optional problem={fields.rootCause} hint={t('board.rootCauseHint')}>
          {(props) => <input {...props} value={rootCause} maxLength={60} onChange={(e) => setRootCause(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('board.resolveSubmit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('complaint.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ComplaintView({ complaint: c }: { complaint: ComplaintDetail }) {
  const { isAdmin } = useSession();
  return (
    <div className="page">
      <Breadcrumb name={c.number} />
      <header className="profile complaint-header">
        <div className="profile-main">
          <div className="page-eyebrow mono">{c.number}</div>
          <div className="profile-title">
            <h1>{c.subject}</h1>
            <SeverityBadge severity={c.severity} />
            <ComplaintStatusBadge status={c.status} />
            {c.waitingOnCustomer && <Badge tone="muted">{t('complaint.waitingOnCustomer')}</Badge>}
            {c.reopenCount > 0 && <Badge tone="warning">{t('complaint.reopenedTimes', { count: c.reopenCount })}</Badge>}
          </div>
          <dl className="profile-meta">
            <div>
              <dt>{t('complaint.customer')}</dt>
              <dd>
                <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('complaint.channel')}</dt>
              <dd>{humanEnum(c.channel)}</dd>
            </div>
            <div>
              <dt>{t('complaint.category')}</dt>
              <dd>{categoryLabel(c.category)}</dd>
            </div>
            <div>
              <dt>{t('complaint.assignee')}</dt>
              <dd>{c.assignee ? <Link to={`/people/${c.assignee.id}`}>{c.assignee.name}</Link> : <span className="muted">{t('complaint.unassigned')}</span>}</dd>
            </div>
            <div>
              <dt>{t('complaint.team')}</dt>
              <dd>{c.team ? <Link to={`/teams/${c.team.id}`}>{c.team.name}</Link> : <span className="muted">—</span>}</dd>
            </div>
            {c.escalatedTo && (
              <div>
                <dt>{t('complaint.escalatedTo')}</dt>
                <dd>
                  <Link to={`/people/${c.escalatedTo.id}`}>{c.escalatedTo.name}</Link>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('complaint.received')}</dt>
              <dd>{formatDateTime(c.createdAt)}</dd>
            </div>
          </dl>
        </div>
        <div className="profile-actions">
          <LiveIndicator />
          {isAdmin && <StatusActions complaint={c} />}
        </div>
      </header>

      <div className="thread-grid">
        <div className="stack">
          <Card title={t('complaint.conversation')} className="thread-card">
            {/* The description usually opens the thread as the customer's first message; show it only when it doesn't. */}
            {c.timeline.find((e) => e.kind === 'CUSTOMER_MESSAGE')?.body?.trim() !== c.description.trim() && (
              <div className="thread-description">
                <div className="section-label">{t('complaint.described')}</div>
                <p className="prewrap">{c.description}</p>
              </div>
            )}
            {c.resolution && (
              <div className="thread-resolution">
                <div className="section-label">{t('complaint.resolution')}{c.rootCause ? t('complaint.rootCauseSuffix', { cause: c.rootCause }) : ''}</div>
                <p className="prewrap">{c.resolution}</p>
              </div>
            )}
            <Timeline events={c.timeline} customerName={c.customer.name} />
            {isAdmin && <Composer complaint={c} />}
          </Card>
        </div>
        <div className="stack">
          <SlaCard complaint={c} />
          {isAdmin && <HandlingCard complaint={c} />}
          {isAdmin && <ImprovementCard complaint={c} />}
          {isAdmin && <ComplaintMailCard complaintId={c.id} />}
          {(c.status === 'RESOLVED' || c.status === 'CLOSED') && <RecoveryCard complaint={c} canEdit={isAdmin} />}
        </div>
      </div>
    </div>
  );
}

function ClockRow({ clock, label, dueAt, doneAt, breached, paused }: { clock: string; label: string; dueAt: string; doneAt: string | null; breached: boolean; paused?: boolean }) {
  useSecondTick();
  let state: 'met' | 'breached' | 'paused' | 'risk' | 'ok';
  let text: string;
  const left = new Date(dueAt).getTime() - serverNow();
  if (doneAt) {
    state = breached ? 'breached' : 'met';
    text = breached ? t('complaint.late', { at: formatDateTime(doneAt) }) : t('complaint.met', { at: formatDateTime(doneAt) });
  } else if (paused) {
    state = 'paused';
    text = t('complaint.pausedWaiting');
  } else if (breached || left < 0) {
    state = 'breached';
    text = t('complaint.breachedOver', { time: formatCountdown(left) });
  } else {
    state = left < 15 * 60_000 ? 'risk' : 'ok';
    text = t('complaint.left', { time: formatCountdown(left) });
  }
  return (
    <div className={`clock clock-${state}`} data-clock={clock}>
      <div className="clock-label">{label}</div>
      <div className="clock-value">{text}</div>
      <div className="clock-due">{t('complaint.due', { at: formatDateTime(dueAt) })}</div>
    </div>
  );
}

function SlaCard({ complaint: c }: { complaint: ComplaintDetail }) {
  const resolvedAt = c.status === 'RESOLVED' || c.status === 'CLOSED' ? (c.resolvedAt ?? c.closedAt ?? c.createdAt) : null;
  return (
    <Card title="SLA" actions={<SlaCountdown sla={c.sla} />}>
      <ClockRow clock="First response" label={t('complaint.firstResponse')} dueAt={c.sla.firstResponseDueAt} doneAt={c.sla.firstResponseAt} breached={c.sla.firstResponseBreached} />
      <ClockRow clock="Resolution" label={t('complaint.resolution')} dueAt={c.sla.resolutionDueAt} doneAt={resolvedAt} breached={c.sla.resolutionBreached} paused={c.waitingOnCustomer} />
    </Card>
  );
}

function systemText(e: ComplaintEvent): string {
  const h = (v: string | null) => (v ? humanEnum(v) : '—');
  switch (e.kind) {
    case 'STATUS_CHANGED':
      return t(e.body === 'Reopened' ? 'complaint.evReopened' : 'complaint.evMoved', { from: h(e.fromValue), to: h(e.toValue) });
    case 'ASSIGNED':
      return t('complaint.evAssigned', { from: e.fromValue ?? t('complaint.nobody'), to: e.toValue ?? t('complaint.nobody') });
    case 'PAUSED':
      return t('complaint.evPaused');
    case 'RESUMED':
      return t('complaint.evResumed');
    case 'SLA_BREACHED':
      return t('complaint.evBreached', { target: h(e.toValue) });
    case 'ESCALATED':
      return t('complaint.evEscalated', { name: e.toValue ?? t('complaint.assigneesLeader') });
    case 'IMPROVEMENT_LINKED':
      return e.toValue ? t('complaint.evLinked', { title: e.body ?? e.toValue }) : t('complaint.evUnlinked');
    case 'IMPROVEMENT_SHIPPED':
      return e.body ? t('complaint.evShippedNamed', { title: e.body }) : t('complaint.evShipped');
    case 'COMPLAINANT_TOLD':
      return t('complaint.evTold');
    case 'RECOVERY_RATED':
      return e.body ? t('complaint.evRatedComment', { rating: e.toValue ?? '?', comment: e.body }) : t('complaint.evRated', { rating: e.toValue ?? '?' });
    default:
      return humanEnum(e.kind);
  }
}

export function Timeline({ events, customerName }: { events: ComplaintEvent[]; customerName?: string }) {
  if (events.length === 0) return <p className="muted small">{t('complaint.noMessages')}</p>;
  return (
    <ol className="thread" aria-label={t('complaint.timeline')}>
      {events.map((e) => {
        if (e.kind === 'CUSTOMER_MESSAGE' || e.kind === 'STAFF_MESSAGE' || e.kind === 'INTERNAL_NOTE') {
          const side = e.kind === 'CUSTOMER_MESSAGE' ? 'left' : 'right';
          return (
            <li key={e.id} className={`thread-msg thread-${side} msg-${e.kind.toLowerCase().replace('_', '-')}`} data-kind={e.kind}>
              <div className="msg-meta">
                {e.kind === 'INTERNAL_NOTE' && <span className="internal-tag">{t('complaint.internal')}</span>}
                {/* A customer's message is theirs even when staff logged it (phone, email): say who logged it. */}
                <span className="msg-actor" title={e.actorName !== e.actor ? e.actor : undefined}>
                  {e.kind === 'CUSTOMER_MESSAGE' ? (customerName ?? t('complaint.customer')) : e.actorName}
                </span>
                {e.kind === 'CUSTOMER_MESSAGE' && e.actor !== 'customer' && <span>{t('complaint.loggedBy', { name: e.actorName })}</span>}
                <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
              </div>
              <div className="msg-body prewrap">{e.body}</div>
            </li>
          );
        }
        return (
          <li key={e.id} className={`thread-event event-${e.kind.toLowerCase()}`} data-kind={e.kind}>
            <span className="event-actor">{e.actorName}</span> {systemText(e)} · <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
          </li>
        );
      })}
    </ol>
  );
}

const MODES: Array<{ kind: MessageKind; readonly label: string; readonly button: string; readonly placeholder: string }> = [
  { kind: 'STAFF_MESSAGE', get label() { return t('complaint.modeReply'); }, get button() { return t('complaint.modeReplyButton'); }, get placeholder() { return t('complaint.modeReplyPlaceholder'); } },
  { kind: 'INTERNAL_NOTE', get label() { return t('complaint.modeNote'); }, get button() { return t('complaint.modeNoteButton'); }, get placeholder() { return t('complaint.modeNotePlaceholder'); } },
  { kind: 'CUSTOMER_MESSAGE', get label() { return t('complaint.modeLog'); }, get button() { return t('complaint.modeLogButton'); }, get placeholder() { return t('complaint.modeLogPlaceholder'); } },
];

function Composer({ complaint }: { complaint: ComplaintDetail }) {
  const [mode, setMode] = useState<MessageKind>('STAFF_MESSAGE');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<Problem | undefined>();
  const [{ fetching, error }, add] = useMutation(AddComplaintMessageMutation);
  const { fields, general } = splitProblems(error, ['body']);
  const current = MODES.find((m) => m.kind === mode)!;
  const closed = complaint.status === 'CLOSED' && mode !== 'INTERNAL_NOTE';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setMissing({ code: 'REQUIRED', title: t('complaint.required'), message: t('complaint.writeFirst') });
      return;
    }
    setMissing(undefined);
    const result = await add({ input: { complaintId: complaint.id, kind: mode, body: body.trim() } });
    if (result.data) setBody('');
  };
  return (
    <form className={`composer composer-${mode.toLowerCase().replace('_', '-')}`} onSubmit={submit} noValidate aria-label={t('complaint.composer')}>
      <div className="segmented" role="radiogroup" aria-label={t('complaint.messageKind')}>
        {MODES.map((m) => (
          <label key={m.kind} className={`segment${mode === m.kind ? ' is-on' : ''}`}>
            <input type="radio" name="composer-mode" checked={mode === m.kind} onChange={() => setMode(m.kind)} />
            {m.label}
          </label>
        ))}
      </div>
      <FormAlert problems={general} />
      <Field label={current.label} problem={missing ?? fields.body}>
        {(props) => <textarea {...props} rows={3} value={body} placeholder={current.placeholder} onChange={(e) => setBody(e.target.value)} disabled={closed} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant={mode === 'INTERNAL_NOTE' ? 'secondary' : 'primary'} busy={fetching} disabled={closed}>
          {current.button}
        </Button>
        {closed && <span className="muted small">{t('complaint.closedComposer')}</span>}
      </div>
    </form>
  );
}

function HandlingCard({ complaint: c }: { complaint: ComplaintDetail }) {
  const [{ fetching: waitingBusy, error: waitingError }, setWaiting] = useMutation(SetWaitingOnCustomerMutation);
  const [{ fetching: assignBusy, error: assignError }, assign] = useMutation(AssignComplaintMutation);
  const [{ fetching: toldBusy, error: toldError }, markTold] = useMutation(MarkComplainantToldMutation);
  const [assignee, setAssignee] = useState<PickedEmployee | null>(c.assignee);
  useEffect(() => setAssignee(c.assignee), [c.assignee?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const canWait = c.status === 'ACKNOWLEDGED' || c.status === 'IN_PROGRESS';
  const assignProblems = splitProblems(assignError, ['assigneeId']);
  return (
    <Card title={t('complaint.handling')}>
      {c.toBeToldSince && !c.complainantToldAt && (
        <div className="tell-banner" role="status">
          <p>
            {t('complaint.shippedTell', { at: formatDateTime(c.toBeToldSince) })}
          </p>
          <Button size="sm" variant="primary" busy={toldBusy} onClick={() => void markTold({ complaintId: c.id })}>
            {t('complaint.toldCustomer')}
          </Button>
          <ProblemLine error={toldError} />
        </div>
      )}
      {c.complainantToldAt && (
        <p className="small muted">
          {t('complaint.customerTold', { at: formatDateTime(c.complainantToldAt) })} <a href="#complainant-told">{t('complaint.how')}</a>.
        </p>
      )}
      <label className={`switch${canWait ? '' : ' is-disabled'}`}>
        <input
          type="checkbox"
          role="switch"
          checked={c.waitingOnCustomer}
          disabled={!canWait || waitingBusy}
          onChange={(e) => void setWaiting({ complaintId: c.id, waiting: e.target.checked })}
        />
        <span className="switch-track" aria-hidden="true" />
        {t('complaint.waitingOnCustomer')}
        <span className="muted small">{canWait ? t('complaint.pausesClock') : t('complaint.onlyActive')}</span>
      </label>
      <ProblemLine error={waitingError} />
      <div className="c-inline-form">
        <Field label={t('complaint.assignee')} problem={assignProblems.fields.assigneeId}>
          {(props) => <EmployeePicker {...props} value={assignee} onChange={setAssignee} placeholder={t('complaint.unassigned')} />}
        </Field>
        <Button
          size="sm"
          busy={assignBusy}
          disabled={(assignee?.id ?? null) === (c.assignee?.id ?? null)}
          onClick={() => void assign({ complaintId: c.id, assigneeId: assignee?.id ?? null })}
        >
          {assignee ? t('complaint.assign') : t('complaint.unassign')}
        </Button>
      </div>
      <FormAlert problems={assignProblems.general} />
    </Card>
  );
}

function ImprovementCard({ complaint: c }: { complaint: ComplaintDetail }) {
  const [{ data }] = useQuery({ query: ImprovementsQuery, variables: {} });
  const [{ fetching: linking, error: linkError }, link] = useMutation(LinkImprovementMutation);
  const [{ fetching: creating, error: createError }, create] = useMutation(CreateImprovementMutation);
  const [choice, setChoice] = useState(c.improvement?.id ?? '');
  const [newTitle, setNewTitle] = useState('');
  useEffect(() => setChoice(c.improvement?.id ?? ''), [c.improvement?.id]);
  const createProblems = splitProblems(createError, ['title']);
  const createAndLink = async (e: FormEvent) => {
    e.preventDefault();
    if (!newTitle.trim()) return;
    const result = await create({ input: { title: newTitle.trim() } });
    if (result.data) {
      setNewTitle('');
      await link({ complaintId: c.id, improvementId: result.data.createImprovement.id });
    }
  };
  return (
    <Card title={t('complaint.improvement')}>
      {c.improvement ? (
        <p>
          <strong>{c.improvement.title}</strong> <Badge tone={c.improvement.status === 'SHIPPED' ? 'success' : c.improvement.status === 'IN_PROGRESS' ? 'accent' : 'neutral'}>{humanEnum(c.improvement.status)}</Badge>
        </p>
      ) : (
        <p className="muted small">{t('complaint.whatChange')}</p>
      )}
      <div className="c-inline-form">
        <div className="field">
          <label className="field-label" htmlFor={`improvement-${c.id}`}>
            {t('complaint.linkTo')}
          </label>
          <select id={`improvement-${c.id}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('complaint.noImprovement')}</option>
            {data?.improvements.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title} ({humanEnum(i.status)})
              </option>
            ))}
          </select>
        </div>
        <Button size="sm" busy={linking} disabled={choice === (c.improvement?.id ?? '')} onClick={() => void link({ complaintId: c.id, improvementId: choice || null })}>
          {choice ? t('complaint.link') : t('complaint.unlink')}
        </Button>
      </div>
      <ProblemLine error={linkError} />
      <form className="c-inline-form" onSubmit={createAndLink} noValidate>
        <Field label={t('complaint.createNew')} problem={createProblems.fields.title}>
          {(props) => <input {...props} value={newTitle} maxLength={200} placeholder={t('complaint.createPlaceholder')} onChange={(e) => setNewTitle(e.target.value)} />}
        </Field>
        <Button size="sm" type="submit" busy={creating || linking} disabled={!newTitle.trim()}>
          {t('complaint.createLink')}
        </Button>
      </form>
      <FormAlert problems={createProblems.general} />
    </Card>
  );
}

function Stars({ value, onChange, readOnly }: { value: number; onChange?: (n: number) => void; readOnly?: boolean }) {
  return (
    <span className="stars" role={readOnly ? 'img' : 'radiogroup'} aria-label={readOnly ? t('complaint.starsOf', { value }) : t('complaint.rating')}>
      {[1, 2, 3, 4, 5].map((n) =>
        readOnly ? (
          <span key={n} className={`star${n <= value ? ' is-on' : ''}`} aria-hidden="true">
            ★
          </span>
        ) : (
          <button key={n} type="button" role="radio" aria-checked={n === value} aria-label={t('complaint.star', { count: n })} className={`star${n <= value ? ' is-on' : ''}`} onClick={() => onChange?.(n)}>
            ★
          </button>
        ),
      )}
    </span>
  );
}

function RecoveryCard({ complaint: c, canEdit }: { complaint: ComplaintDetail; canEdit: boolean }) {
  const [rating, setRating] = useState(c.recoveryRating ?? 0);
  const [comment, setComment] = useState(c.recoveryComment ?? '');
  const [editing, setEditing] = useState(c.recoveryRating === null);
  // A rating that arrives live (the customer rated on their thread page) is shown, not left under an open form.
  useEffect(() => {
    if (c.recoveryRating === null) return;
    setRating(c.recoveryRating);
    setComment(c.recoveryComment ?? '');
    setEditing(false);
  }, [c.recoveryRating, c.recoveryComment]);
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, record] = useMutation(RecordRecoveryMutation);
  const { fields, general } = splitProblems(error, ['rating', 'comment']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await record({ input: { complaintId: c.id, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
    if (result.data) setEditing(false);
  };
  return (
    <Card title={t('complaint.recovery')} actions={!editing && canEdit ? <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>{t('complaint.change')}</Button> : undefined}>
      {!editing || !canEdit ? (
        c.recoveryRating !== null ? (
          <div>
            <Stars value={c.recoveryRating} readOnly />
            {c.recoveryComment && <p className="prewrap">“{c.recoveryComment}”</p>}
          </div>
        ) : (
          <p className="muted small">{t('complaint.notRated')}</p>
        )
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label={t('complaint.recoveryRating')}>
          <p className="card-intro">{t('complaint.howFelt')}</p>
          <FormAlert problems={general} />
          <Stars value={rating} onChange={setRating} />
          {(missing || fields.rating) && (
            <p className="field-error" role="alert">
              {missing ? t('complaint.chooseStars') : fields.rating?.message}
            </p>
          )}
          <Field label={t('complaint.comment')} optional problem={fields.comment}>
            {(props) => <textarea {...props} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <Button type="submit" size="sm" variant="primary" busy={fetching}>
              {t('complaint.saveRating')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
