import { t } from '../i18n/index.js';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ConvertReferralMutation, type ConvertReferralInput, type ReferralKind } from './referrals.graphql.js';
import { EmployeePicker, type PickedEmployee } from '../people/EmployeePicker.js';
import { TeamSelect } from '../teams/TeamSelect.js';
import { problemsOf, type Problem } from '../lib/errors.js';
import { dateInputToIso } from '../ui/format.js';
import { Button, Dialog, Field, FormAlert } from '../ui/components.js';

const FIELDS = ['company', 'segment', 'accountOwnerId', 'title', 'teamId', 'leaderId', 'hiredAt'];

/** Server fields arrive as `customer.company`, `input.employee.teamId` or plain; the form keys them plainly. */
export function splitConvertProblems(problems: Problem[]) {
  const fields: Record<string, Problem> = {};
  const general: Problem[] = [];
  for (const p of problems) {
    const key = p.field?.replace(/^(input\.)?(customer|employee)\./, '');
    if (key && FIELDS.includes(key) && !fields[key]) fields[key] = p;
    else general.push(p);
  }
  return { fields, general };
}

export function ConvertReferralDialog({
  referral,
  onClose,
  onConverted,
}: {
  referral: { id: string; kind: ReferralKind; referredName: string };
  onClose: () => void;
  onConverted?: () => void;
}) {
  const [company, setCompany] = useState('');
  const [segment, setSegment] = useState('');
  const [owner, setOwner] = useState<PickedEmployee | null>(null);
  const [title, setTitle] = useState('');
  const [teamId, setTeamId] = useState('');
  const [leader, setLeader] = useState<PickedEmployee | null>(null);
  const [startDate, setStartDate] = useState('');
  const [{ fetching, error }, convert] = useMutation(ConvertReferralMutation);
  const { fields, general } = splitConvertProblems(problemsOf(error));
  const hire = referral.kind === 'HIRE';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input: ConvertReferralInput = { referralId: referral.id };
    if (hire) {
      const employee: NonNullable<ConvertReferralInput['employee']> = {};
      if (title.trim()) employee.title = title.trim();
      if (teamId) employee.teamId = teamId;
      if (leader) employee.leaderId = leader.id;
      const hiredAt = dateInputToIso(startDate);
      if (hiredAt) employee.hiredAt = hiredAt;
      input.employee = employee;
    } else {
      const customer: NonNullable<ConvertReferralInput['customer']> = {};
      if (company.trim()) customer.company = company.trim();
      if (segment.trim()) customer.segment = segment.trim();
      if (owner) customer.accountOwnerId = owner.id;
      input.customer = customer;
    }
    const result = await convert({ input });
    if (!result.error) {
      onClose();
      onConverted?.();
    }
  };

  return (
    <Dialog title={t('referral.convertTitle', { name: referral.referredName })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('referral.convertLabel')}>
        <p className="form-intro">
          {hire
            ? t('referral.becomesEmployee', { name: referral.referredName })
            : t('referral.becomesCustomer', { name: referral.referredName })}
        </p>
        <FormAlert problems={general} />
        {hire ? (
          <>
            <Field label={t('referral.jobTitle')} optional problem={fields.title}>
              {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
            <div className="form-row">
              <Field label={t('referral.team')} optional problem={fields.teamId}>
                {(props) => <TeamSelect {...props} value={teamId} onChange={setTeamId} emptyLabel={t('referral.noTeam')} />}
              </Field>
              <Field label={t('referral.startDate')} optional hint={t('referral.todayWhenEmpty')} problem={fields.hiredAt}>
                {(props) => <input {...props} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
              </Field>
            </div>
            <Field label={t('referral.leader')} optional problem={fields.leaderId}>
              {(props) => <EmployeePicker {...props} value={leader} onChange={setLeader} />}
            </Field>
          </>
        ) : (
          <>
            <div className="form-row">
              <Field label={t('referral.company')} optional problem={fields.company}>
                {(props) => <input {...props} value={company} onChange={(e) => setCompany(e.target.value)} />}
              </Field>
              <Field label={t('referral.segment')} optional problem={fields.segment}>
                {(props) => <input {...props} value={segment} onChange={(e) => setSegment(e.target.value)} placeholder="e.g. SMB" />}
              </Field>
            </div>
            <Field label={t('referral.owner')} optional problem={fields.accountOwnerId}>
              {(props) => <EmployeePicker {...props} value={owner} onChange={setOwner} />}
            </Field>
          </>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {hire ? t('referral.toEmployee') : t('referral.toCustomer')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('referral.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
