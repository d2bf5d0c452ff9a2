import { t } from '../i18n/index.js';
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
      setMissing({ code: 'REQUIRED', title: t('employee.chooseLeader'), message: t('employee.chooseLeaderHint') });
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
    <form className="form" onSubmit={submit} noValidate aria-label={t('employee.assignTo', { name: member.name })}>
      <FormAlert problems={top} />
      <Field label={t('employee.newLeader')} problem={missing ?? fields.leaderId}>
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
      <Field label={t('employee.startsOn')} optional hint={t('employee.startsOnHint')} problem={fields.startedAt}>
        {(props) => <input type="date" {...props} value={startDate} max={todayInput()} onChange={(e) => setStartDate(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching} disabled={leader?.id === currentLeaderId && !!leader}>
          {currentLeaderId ? t('employee.changeLeader') : t('employee.assignLeader')}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            {t('employee.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
