import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CreateEmployeeMutation, type CreateEmployeeInput } from './people.graphql.js';
import { EmployeePicker, type PickedEmployee } from './EmployeePicker.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { dateInputToIso } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';
import { LanguageOptions } from '../outbox/EmailLanguage.js';
import type { MailLanguage } from '../outbox/language.graphql.js';

const FIELDS = ['name', 'email', 'title', 'teamId', 'hiredAt', 'leaderId', 'language'] as const;

export function AddEmployeeDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [teamId, setTeamId] = useState('');
  const [hiredAt, setHiredAt] = useState('');
  const [leader, setLeader] = useState<PickedEmployee | null>(null);
  const [language, setLanguage] = useState<'' | MailLanguage>('');
  const [local, setLocal] = useState<Record<string, Problem>>({});
  const [{ fetching, error }, create] = useMutation(CreateEmployeeMutation);
  const server = splitProblems(error, FIELDS);
  const fields = { ...server.fields, ...local };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, Problem> = {};
    if (!name.trim()) missing.name = { code: 'REQUIRED', title: t('addEmployee.required'), message: t('addEmployee.nameMissing') };
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) missing.email = { code: 'REQUIRED', title: t('addEmployee.checkValue'), message: t('addEmployee.emailInvalid') };
    setLocal(missing);
    if (Object.keys(missing).length) return;
    const input: CreateEmployeeInput = { name: name.trim(), email: email.trim() };
    if (title.trim()) input.title = title.trim();
    if (teamId) input.teamId = teamId;
    const hired = dateInputToIso(hiredAt);
    if (hired) input.hiredAt = hired;
    if (leader) input.leaderId = leader.id;
    if (language) input.language = language;
    const result = await create({ input });
    if (result.data) {
      onClose();
      onCreated(result.data.createEmployee.id);
    }
  };

  return (
    <Dialog title={t('addEmployee.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert problems={server.general} />
        <Field label={t('addEmployee.fullName')} problem={fields.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('addEmployee.workEmail')} problem={fields.email}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('addEmployee.jobTitle')} optional problem={fields.title}>
          {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <div className="form-row">
          <Field label={t('addEmployee.team')} optional problem={fields.teamId}>
            {(props) => <TeamSelect {...props} value={teamId} onChange={setTeamId} emptyLabel={t('addEmployee.noTeam')} />}
          </Field>
          <Field label={t('addEmployee.hiredOn')} optional hint={t('addEmployee.todayWhenEmpty')} problem={fields.hiredAt}>
            {(props) => <input {...props} type="date" value={hiredAt} onChange={(e) => setHiredAt(e.target.value)} />}
          </Field>
        </div>
        <div className="form-row">
          <Field label={t('addEmployee.leader')} optional problem={fields.leaderId}>
            {(props) => <EmployeePicker {...props} value={leader} onChange={setLeader} />}
          </Field>
          <Field label={t('addEmployee.emailLanguage')} optional hint={t('addEmployee.emailLanguageHint')} problem={fields.language}>
            {(props) => (
              <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as '' | MailLanguage)}>
                <LanguageOptions />
              </select>
            )}
          </Field>
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('addEmployee.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('addEmployee.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
