import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CreateReferralMutation, type CreateReferralInput, type ReferralKind } from './referrals.graphql.js';
import { ReferrerPicker, type PickedReferrer } from './ReferrerPicker.js';
import { splitProblems, type Problem } from '../lib/errors.js';
import { Link } from '../lib/router.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['kind', 'referrerCustomerId', 'referrerEmployeeId', 'referredName', 'referredEmail', 'note'] as const;

export function NewReferralDialog({
  onClose,
  onCreated,
  initialReferrer = null,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
  initialReferrer?: PickedReferrer | null;
}) {
  const [kind, setKind] = useState<ReferralKind>('CUSTOMER');
  const [referrer, setReferrer] = useState<PickedReferrer | null>(initialReferrer);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, Problem>>({});
  const [{ fetching, error }, create] = useMutation(CreateReferralMutation);
  const server = splitProblems(error, FIELDS);
  const fields: Record<string, Problem | undefined> = {
    ...server.fields,
    referrer: server.fields.referrerCustomerId ?? server.fields.referrerEmployeeId,
    ...local,
  };
  // ALREADY_REFERRED names the first referral: offer a way there.
  const firstReferralId = error?.graphQLErrors.find((e) => e.extensions?.code === 'ALREADY_REFERRED')?.extensions?.firstReferralId as string | undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, Problem> = {};
    if (!referrer) missing.referrer = { code: 'REQUIRED', title: t('referral.required'), message: t('referral.referrerMissing') };
    if (!name.trim()) missing.referredName = { code: 'REQUIRED', title: t('referral.required'), message: t('referral.nameMissing') };
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) missing.referredEmail = { code: 'REQUIRED', title: t('referral.checkValue'), message: t('referral.emailInvalid') };
    setLocal(missing);
    if (Object.keys(missing).length) return;
    const input: CreateReferralInput = { kind, referredName: name.trim(), referredEmail: email.trim() };
    if (referrer!.type === 'Customer') input.referrerCustomerId = referrer!.id;
    else input.referrerEmployeeId = referrer!.id;
    if (note.trim()) input.note = note.trim();
    const result = await create({ input });
    if (result.data) {
      onClose();
      onCreated(result.data.createReferral.id);
    }
  };

  return (
    <Dialog title={t('referral.new')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('referral.new')}>
        <FormAlert problems={server.general} />
        <div className="form-row">
          <Field label={t('referral.kind')} problem={fields.kind}>
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ReferralKind)}>
                <option value="CUSTOMER">{t('referral.newCustomer')}</option>
                <option value="HIRE">{t('referral.newHire')}</option>
              </select>
            )}
          </Field>
        </div>
        <Field label={t('referral.referredByField')} problem={fields.referrer} hint={t('referral.referredByHint')}>
          {(props) => <ReferrerPicker {...props} value={referrer} onChange={setReferrer} />}
        </Field>
        <Field label={t('referral.referredName')} problem={fields.referredName}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('referral.theirEmail')} problem={fields.referredEmail}>
          {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
        </Field>
        {firstReferralId && fields.referredEmail?.code === 'ALREADY_REFERRED' && (
          <p className="field-hint field-followup">
            <Link to={`/referrals/${firstReferralId}`} onClick={onClose}>
              {t('referral.openFirst')}
            </Link>
          </p>
        )}
        <Field label={t('referral.note')} optional problem={fields.note}>
          {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('referral.record')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('referral.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
