import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AssignLeaderMutation } from './people.graphql.js';
import { EmployeePicker, type PickedEmployee } from './EmployeePicker.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { dateInputToIso, todayInput } from '../ui/format.js';
import { Button, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['leaderId', 'startedAt', 'memberId'] as const;

/**
 * Gives `member` a (new) leader. Server refusals (LEADER_CYCLE, SELF_LEADERSHIP,
 * OVERLAPPING_RELATIONSHIP, …) are shown next to the field they name.
 */
export function AssignLeaderForm({
  member,
  currentLeaderId,
  onDone,
  onCancel,
}: {
  member: { id: string; name: string };
  currentLeaderId?: string | null;
  onDone?: (leader: PickedEmployee) => void;
  onCancel?: () => void;
}) {
  const [leader, setLeader] = useState<PickedEmployee | null>(null);
  const [startDate, setStartDate] = useState('');
  const [missing, setMissing] = useState<Problem | undefined>();
  const [{ fetching, error }, assign] = useMutation(AssignLeaderMutation);
  const { fields, general } = splitProblems(error, FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!leader) {
      setMissing({ code: 'REQUIRED', title: 'Choose a leader', message: 'Search by name or email and pick someone.' });
      return;
    }
    setMissing(undefined);
    // Today means "now": a midnight start could fall before a relationship that began this morning.
    const startedAt = startDate && startDate !== todayInput() ? dateInputToIso(startDate) : undefined;
    const result = await assign({ input: { memberId: member.id, leaderId: leader.id, ...(startedAt ? { startedAt } : {}) } });
    if (!result.error) {
      onDone?.(leader);
      setLeader(null);
      setStartDate('');
    }
  };

  // memberId problems (e.g. MEMBER_EXITED) concern the page's person: show them at the top.
  const top = [...general, ...(fields.memberId ? [fields.memberId] : [])];

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Assign a leader to ${member.name}`}>
      <FormAlert problems={top} />
      <Field label="New leader" problem={missing ?? fields.leaderId}>
        {(props) => (
          <EmployeePicker
            {...props}
            value={leader}
            excludeId={member.id}
            onChange={(picked) => {
              setLeader(picked);
              if (picked) setMissing(undefined);
            }}
          />
        )}
      </Field>
      <Field label="Starts on" optional hint="Leave empty to start now." problem={fields.startedAt}>
        {(props) => <input type="date" {...props} value={startDate} max={todayInput()} onChange={(e) => setStartDate(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching} disabled={leader?.id === currentLeaderId && !!leader}>
          {currentLeaderId ? 'Change leader' : 'Assign leader'}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
