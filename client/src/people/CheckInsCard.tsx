import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RecordCheckInMutation, type CheckIn } from './people.graphql.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { dateInputToIso, formatDate, todayInput } from '../ui/format.js';
import { Button, Card, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['heldOn', 'notes', 'actions', 'relationshipId'] as const;

/** The local calendar day of an ISO time, as a date input's value. */
function dayOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Dated check-ins on the current relationship, newest first, and (for admins) a form to record one. */
export function CheckInsCard({
  relationshipId,
  startedAt,
  checkIns,
  leaderName,
  onRecorded,
}: {
  relationshipId: string;
  startedAt: string;
  checkIns: CheckIn[];
  leaderName: string;
  onRecorded: () => void;
}) {
  const [recording, setRecording] = useState(false);
  return (
    <Card
      title={t('agreement.checkIns')}
      actions={
        !recording ? (
          <Button size="sm" onClick={() => setRecording(true)}>
            {t('agreement.recordCheckIn')}
          </Button>
        ) : undefined
      }
    >
      {recording && (
        <CheckInForm
          relationshipId={relationshipId}
          startedAt={startedAt}
          onDone={() => {
            setRecording(false);
            onRecorded();
          }}
          onCancel={() => setRecording(false)}
        />
      )}
      {checkIns.length === 0 ? (
        !recording && <p className="muted">{t('agreement.noCheckIns', { name: leaderName })}</p>
      ) : (
        <ol className="checkins" aria-label={t('agreement.checkInsNewest')}>
          {checkIns.map((c) => (
            <li key={c.id} className="checkin">
              <div className="checkin-head">
                <time dateTime={c.heldOn} className="strong">
                  {formatDate(c.heldOn)}
                </time>
                <span className="muted small">{t('agreement.recordedBy', { name: c.recordedBy })}</span>
              </div>
              <p className="prewrap">{c.notes}</p>
              {c.actions.length > 0 && (
                <div>
                  <p className="checkin-label">{t('agreement.agreedActions')}</p>
                  <ul className="checkin-actions">
                    {c.actions.map((a, i) => (
                      <li key={i}>{a}</li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function CheckInForm({ relationshipId, startedAt, onDone, onCancel }: { relationshipId: string; startedAt: string; onDone: () => void; onCancel: () => void }) {
  const [day, setDay] = useState(todayInput());
  const [notes, setNotes] = useState('');
  const [actions, setActions] = useState('');
  const [local, setLocal] = useState<Partial<Record<'heldOn' | 'notes', Problem>>>({});
  const [{ fetching, error }, record] = useMutation(RecordCheckInMutation);
  const { fields, general } = splitProblems(error, FIELDS);
  const startDay = dayOf(startedAt);
  const today = todayInput();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof local = {};
    if (!day) problems.heldOn = { code: 'BAD_USER_INPUT', title: t('agreement.chooseDate'), message: t('agreement.whenHeld') };
    else if (day > today) problems.heldOn = { code: 'BAD_USER_INPUT', title: t('agreement.checkValue'), message: t('agreement.notFuture') };
    else if (day < startDay) problems.heldOn = { code: 'BAD_USER_INPUT', title: t('agreement.checkValue'), message: t('agreement.afterStart', { date: formatDate(startedAt) }) };
    if (!notes.trim()) problems.notes = { code: 'BAD_USER_INPUT', title: t('agreement.writeNote'), message: t('agreement.whatTalked') };
    setLocal(problems);
    if (Object.keys(problems).length) return;
    // Today means "now"; the first day of the relationship means its start (midnight would fall before it).
    const heldOn = day === today ? undefined : day === startDay ? startedAt : dateInputToIso(day);
    const result = await record({
      input: {
        relationshipId,
        ...(heldOn ? { heldOn } : {}),
        notes: notes.trim(),
        actions: actions
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
      },
    });
    if (!result.error) onDone();
  };

  return (
    <form className="form inline-form checkin-form" onSubmit={submit} noValidate aria-label={t('agreement.recordLabel')}>
      <FormAlert problems={[...general, ...(fields.relationshipId ? [fields.relationshipId] : [])]} />
      <Field label={t('agreement.heldOn')} problem={local.heldOn ?? fields.heldOn}>
        {(props) => <input type="date" {...props} value={day} min={startDay} max={today} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      <Field label={t('agreement.notes')} problem={local.notes ?? fields.notes}>
        {(props) => <textarea {...props} rows={3} value={notes} maxLength={5000} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <Field label={t('agreement.agreedActions')} optional hint={t('agreement.actionsHint')} problem={fields.actions}>
        {(props) => <textarea {...props} rows={2} value={actions} onChange={(e) => setActions(e.target.value)} placeholder={'e.g. Pair on the Q3 roadmap\nMove the weekly 1:1 to Tuesdays'} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching}>
          {t('agreement.saveCheckIn')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('agreement.cancel')}
        </Button>
      </div>
    </form>
  );
}
