import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RecordExitMutation, type ExitReason } from './people.graphql.js';
import { splitProblems } from '../lib/errors.js';
import { dateInputToIso, todayInput } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const REASONS: Array<{ value: ExitReason & ('LEFT_FOR_COMPETITOR' | 'RESIGNED' | 'DISMISSED' | 'RETIRED' | 'OTHER') }> = [
  { value: 'LEFT_FOR_COMPETITOR' },
  { value: 'RESIGNED' },
  { value: 'DISMISSED' },
  { value: 'RETIRED' },
  { value: 'OTHER' },
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
    <Dialog title={t('employee.recordExitFor', { name: employee.name })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="form-intro">{t('employee.exitIntro')}</p>
        <FormAlert problems={[...general, ...(fields.employeeId ? [fields.employeeId] : [])]} />
        <Field label={t('employee.reason')} problem={fields.reason}>
          {(props) => (
            <select {...props} value={reason} onChange={(e) => setReason(e.target.value as ExitReason)}>
              {REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {t(`employee.reason${r.value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('employee.lastDay')} optional hint={t('employee.todayWhenEmpty')} problem={fields.exitedAt}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('employee.regrettedLoss')} optional problem={fields.regretted}>
          {(props) => (
            <select {...props} value={regretted} onChange={(e) => setRegretted(e.target.value as '' | 'yes' | 'no')}>
              <option value="">{t('employee.unknown')}</option>
              <option value="yes">{t('employee.yesRegretted')}</option>
              <option value="no">{t('employee.no')}</option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={fetching}>
            {t('employee.recordExit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('employee.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
