import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RecordChurnMutation } from './customers.graphql.js';
import { splitProblems } from '../lib/errors.js';
import { dateInputToIso, todayInput } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['churnedAt', 'reason', 'customerId'] as const;

export function RecordChurnDialog({ customer, onClose }: { customer: { id: string; name: string }; onClose: () => void }) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [{ fetching, error }, record] = useMutation(RecordChurnMutation);
  const { fields, general } = splitProblems(error, FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const churnedAt = date && date !== todayInput() ? dateInputToIso(date) : undefined;
    const result = await record({ input: { customerId: customer.id, ...(churnedAt ? { churnedAt } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) } });
    if (!result.error) onClose();
  };

  return (
    <Dialog title={t('customer.recordChurnFor', { name: customer.name })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('customer.recordChurn')}>
        <p className="form-intro">{t('customer.churnIntro')}</p>
        <FormAlert problems={[...general, ...(fields.customerId ? [fields.customerId] : [])]} />
        <Field label={t('customer.lastDay')} optional hint={t('customer.todayWhenEmpty')} problem={fields.churnedAt}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('customer.reason')} optional problem={fields.reason}>
          {(props) => <textarea {...props} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. moved to a competitor" />}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={fetching}>
            {t('customer.recordChurn')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('customer.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
