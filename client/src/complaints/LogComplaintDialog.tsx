import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CATEGORIES, categoryLabel, CHANNELS, CreateComplaintMutation, SEVERITIES, type ComplaintChannel, type CreateComplaintInput, type Severity } from './complaints.graphql.js';
import { ReferrerPicker, type PickedReferrer } from '../referrals/ReferrerPicker.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { humanEnum } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['customerId', 'subject', 'description', 'category', 'severity', 'channel', 'assigneeId', 'teamId'] as const;

/** Staff log a complaint that reached them by any channel; errors show next to their field. */
export function LogComplaintDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [customer, setCustomer] = useState<PickedReferrer | null>(null);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('product');
  const [severity, setSeverity] = useState<Severity>('MEDIUM');
  const [channel, setChannel] = useState<ComplaintChannel>('EMAIL');
  const [assignee, setAssignee] = useState<PickedEmployee | null>(null);
  const [local, setLocal] = useState<Record<string, Problem>>({});
  const [{ fetching, error }, create] = useMutation(CreateComplaintMutation);
  const server = splitProblems(error, FIELDS);
  const fields: Record<string, Problem | undefined> = { ...server.fields, ...local };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, Problem> = {};
    if (!customer) missing.customerId = { code: 'REQUIRED', title: t('logComplaint.required'), message: t('logComplaint.customerMissing') };
    if (!subject.trim()) missing.subject = { code: 'REQUIRED', title: t('logComplaint.required'), message: t('logComplaint.subjectMissing') };
    if (!description.trim()) missing.description = { code: 'REQUIRED', title: t('logComplaint.required'), message: t('logComplaint.descriptionMissing') };
    setLocal(missing);
    if (Object.keys(missing).length) return;
    const input: CreateComplaintInput = { customerId: customer!.id, subject: subject.trim(), description: description.trim(), category, severity, channel };
    if (assignee) input.assigneeId = assignee.id;
    const result = await create({ input });
    if (result.data) {
      onClose();
      onCreated(result.data.createComplaint.id);
    }
  };

  return (
    <Dialog title={t('logComplaint.title')} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate aria-label={t('logComplaint.title')}>
        <FormAlert problems={server.general} />
        <Field label={t('logComplaint.customer')} problem={fields.customerId}>
          {(props) => <ReferrerPicker {...props} only="Customer" value={customer} onChange={setCustomer} placeholder={t('logComplaint.searchCustomers')} />}
        </Field>
        <Field label={t('logComplaint.subject')} problem={fields.subject}>
          {(props) => <input {...props} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} placeholder="e.g. Invoice charged twice" />}
        </Field>
        <Field label={t('logComplaint.description')} problem={fields.description}>
          {(props) => <textarea {...props} rows={4} value={description} maxLength={10_000} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="form-row">
          <Field label={t('logComplaint.category')} problem={fields.category}>
            {(props) => (
              <select {...props} value={category} onChange={(e) => setCategory(e.target.value)}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {categoryLabel(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('logComplaint.severity')} problem={fields.severity}>
            {(props) => (
              <select {...props} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {humanEnum(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('logComplaint.channel')} problem={fields.channel}>
            {(props) => (
              <select {...props} value={channel} onChange={(e) => setChannel(e.target.value as ComplaintChannel)}>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {humanEnum(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('logComplaint.assignee')} optional problem={fields.assigneeId}>
          {(props) => <EmployeePicker {...props} value={assignee} onChange={setAssignee} />}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('logComplaint.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('logComplaint.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
