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
    <Dialog title={`Convert — ${referral.referredName}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label="Convert referral">
        <p className="form-intro">
          {hire
            ? `${referral.referredName} becomes an employee. The referrer’s staged rewards start now.`
            : `${referral.referredName} becomes a customer and can refer others. The referrer’s staged rewards start now.`}
        </p>
        <FormAlert problems={general} />
        {hire ? (
          <>
            <Field label="Job title" optional problem={fields.title}>
              {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
            <div className="form-row">
              <Field label="Team" optional problem={fields.teamId}>
                {(props) => <TeamSelect {...props} value={teamId} onChange={setTeamId} emptyLabel="No team" />}
              </Field>
              <Field label="Start date" optional hint="Today when empty." problem={fields.hiredAt}>
                {(props) => <input {...props} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
              </Field>
            </div>
            <Field label="Leader" optional problem={fields.leaderId}>
              {(props) => <EmployeePicker {...props} value={leader} onChange={setLeader} />}
            </Field>
          </>
        ) : (
          <>
            <div className="form-row">
              <Field label="Company" optional problem={fields.company}>
                {(props) => <input {...props} value={company} onChange={(e) => setCompany(e.target.value)} />}
              </Field>
              <Field label="Segment" optional problem={fields.segment}>
                {(props) => <input {...props} value={segment} onChange={(e) => setSegment(e.target.value)} placeholder="e.g. SMB" />}
              </Field>
            </div>
            <Field label="Account owner" optional problem={fields.accountOwnerId}>
              {(props) => <EmployeePicker {...props} value={owner} onChange={setOwner} />}
            </Field>
          </>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={fetching}>
            {hire ? 'Convert to employee' : 'Convert to customer'}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
