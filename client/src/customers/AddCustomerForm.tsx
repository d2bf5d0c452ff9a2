import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CreateCustomerMutation, type CreateCustomerInput } from './customers.graphql.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { dateInputToIso } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';
import { LanguageOptions } from '../outbox/EmailLanguage.js';
import type { MailLanguage } from '../outbox/language.graphql.js';

const FIELDS = ['name', 'email', 'company', 'segment', 'accountOwnerId', 'customerSince', 'language'] as const;

export function AddCustomerDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [company, setCompany] = useState('');
  const [segment, setSegment] = useState('');
  const [since, setSince] = useState('');
  const [owner, setOwner] = useState<PickedEmployee | null>(null);
  const [language, setLanguage] = useState<'' | MailLanguage>('');
  const [local, setLocal] = useState<Record<string, Problem>>({});
  const [{ fetching, error }, create] = useMutation(CreateCustomerMutation);
  const server = splitProblems(error, FIELDS);
  const fields = { ...server.fields, ...local };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, Problem> = {};
    if (!name.trim()) missing.name = { code: 'REQUIRED', title: t('customer.required'), message: t('customer.nameMissing') };
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) missing.email = { code: 'REQUIRED', title: t('customer.checkValue'), message: t('customer.emailInvalid') };
    setLocal(missing);
    if (Object.keys(missing).length) return;
    const input: CreateCustomerInput = { name: name.trim(), email: email.trim() };
    if (company.trim()) input.company = company.trim();
    if (segment.trim()) input.segment = segment.trim();
    if (owner) input.accountOwnerId = owner.id;
    if (language) input.language = language;
    const customerSince = dateInputToIso(since);
    if (customerSince) input.customerSince = customerSince;
    const result = await create({ input });
    if (result.data) {
      onClose();
      onCreated(result.data.createCustomer.id);
    }
  };

  return (
    <Dialog title={t('customer.add')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('customer.add')}>
        <FormAlert problems={server.general} />
        <Field label={t('customer.name')} problem={fields.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('customer.email')} problem={fields.email}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
        </Field>
        <div className="form-row">
          <Field label={t('customer.company')} optional problem={fields.company}>
            {(props) => <input {...props} value={company} onChange={(e) => setCompany(e.target.value)} />}
          </Field>
          <Field label={t('customer.segment')} optional problem={fields.segment}>
            {(props) => <input {...props} value={segment} onChange={(e) => setSegment(e.target.value)} placeholder="e.g. SMB" />}
          </Field>
        </div>
        <div className="form-row">
          <Field label={t('customer.owner')} optional problem={fields.accountOwnerId}>
            {(props) => <EmployeePicker {...props} value={owner} onChange={setOwner} />}
          </Field>
          <Field label={t('customer.since')} optional hint={t('customer.todayWhenEmpty')} problem={fields.customerSince}>
            {(props) => <input {...props} type="date" value={since} onChange={(e) => setSince(e.target.value)} />}
          </Field>
        </div>
        <Field label={t('customer.emailLanguage')} optional hint={t('customer.emailLanguageHint')} problem={fields.language}>
          {(props) => (
            <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as '' | MailLanguage)}>
              <LanguageOptions />
            </select>
          )}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('customer.addSubmit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('customer.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
