import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RecordExitMutation, type ExitReason } from './people.graphql.js';
import { splitProblems } from '../lib/errors.js';
import { dateInputToIso, todayInput } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const REASONS: Array<{ value: ExitReason; label: string }> = [
  { value: 'LEFT_FOR_COMPETITOR', label: 'Left for a competitor' },
  { value: 'RESIGNED', label: 'Resigned (other reason)' },
  { value: 'DISMISSED', label: 'Dismissed' },
  { value: 'RETIRED', label: 'Retired' },
  { value: 'OTHER', label: 'Other' },
];

const FIELDS = ['reason', 'exitedAt', 'regretted', 'employeeId'] as const;

export function RecordExitDialog({ employee, onClose }: { employee: { id: string; name: string }; onClose: () => void }) {
  const [reason, setReason] = useState<ExitReason>('RESIGNED');
  const [date, setDate] = useState('');
  const [regretted, setRegretted] = useState<'' | 'yes' | 'no'>('');
  const [{ fetching, error }, recordExit] = useMutation(RecordExitMutation);
  const { fields, general } = splitProblems(error, FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const exitedAt = date && date !== todayInput() ? dateInputToIso(date) : undefined;
    const result = await recordExit({
      input: { employeeId: employee.id, reason, ...(exitedAt ? { exitedAt } : {}), ...(regretted ? { regretted: regretted === 'yes' } : {}) },
    });
    if (!result.error) onClose();
  };

  return (
    <Dialog title={`Record exit — ${employee.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="form-intro">Their leadership relationships, as member and as leader, end on this date. History is kept.</p>
        <FormAlert problems={[...general, ...(fields.employeeId ? [fields.employeeId] : [])]} />
        <Field label="Reason" problem={fields.reason}>
          {(props) => (
            <select {...props} value={reason} onChange={(e) => setReason(e.target.value as ExitReason)}>
              {REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Last day" optional hint="Today when empty." problem={fields.exitedAt}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label="Regretted loss?" optional problem={fields.regretted}>
          {(props) => (
            <select {...props} value={regretted} onChange={(e) => setRegretted(e.target.value as '' | 'yes' | 'no')}>
              <option value="">Unknown</option>
              <option value="yes">Yes, regretted</option>
              <option value="no">No</option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={fetching}>
            Record exit
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
