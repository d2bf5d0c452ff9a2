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
      title="Check-ins"
      actions={
        !recording ? (
          <Button size="sm" onClick={() => setRecording(true)}>
            Record check-in
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
        !recording && <p className="muted">No check-ins with {leaderName} yet. Record the first after your next one-to-one.</p>
      ) : (
        <ol className="checkins" aria-label="Check-ins, newest first">
          {checkIns.map((c) => (
            <li key={c.id} className="checkin">
              <div className="checkin-head">
                <time dateTime={c.heldOn} className="strong">
                  {formatDate(c.heldOn)}
                </time>
                <span className="muted small">recorded by {c.recordedBy}</span>
              </div>
              <p className="prewrap">{c.notes}</p>
              {c.actions.length > 0 && (
                <div>
                  <p className="checkin-label">Agreed actions</p>
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
    if (!day) problems.heldOn = { code: 'BAD_USER_INPUT', title: 'Choose a date', message: 'When did the check-in take place?' };
    else if (day > today) problems.heldOn = { code: 'BAD_USER_INPUT', title: 'Check this value', message: 'A check-in cannot be in the future.' };
    else if (day < startDay) problems.heldOn = { code: 'BAD_USER_INPUT', title: 'Check this value', message: `The relationship started on ${formatDate(startedAt)}; pick that day or later.` };
    if (!notes.trim()) problems.notes = { code: 'BAD_USER_INPUT', title: 'Write a note', message: 'What did you talk about?' };
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
    <form className="form inline-form checkin-form" onSubmit={submit} noValidate aria-label="Record a check-in">
      <FormAlert problems={[...general, ...(fields.relationshipId ? [fields.relationshipId] : [])]} />
      <Field label="Held on" problem={local.heldOn ?? fields.heldOn}>
        {(props) => <input type="date" {...props} value={day} min={startDay} max={today} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      <Field label="Notes" problem={local.notes ?? fields.notes}>
        {(props) => <textarea {...props} rows={3} value={notes} maxLength={5000} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <Field label="Agreed actions" optional hint="One per line (up to 20)." problem={fields.actions}>
        {(props) => <textarea {...props} rows={2} value={actions} onChange={(e) => setActions(e.target.value)} placeholder={'e.g. Pair on the Q3 roadmap\nMove the weekly 1:1 to Tuesdays'} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching}>
          Save check-in
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
