import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { UpdateServiceAgreementMutation, type AgreementVersion, type ServiceAgreement } from './people.graphql.js';
import { splitProblems } from '../lib/errors.js';
import { formatDateTime } from '../ui/format.js';
import { Button, Card, Field, FormAlert } from '../ui/components.js';
import { TagInput, Tags } from '../ui/TagInput.js';

const FIELDS = ['serviceAgreement.strengths', 'serviceAgreement.needs', 'serviceAgreement.goals', 'serviceAgreement.preferredStyle', 'relationshipId'] as const;

/** The member's terms for the leadership they receive; view, and edit for admins. */
export function ServiceAgreementCard({
  relationshipId,
  agreement,
  leaderName,
  canEdit,
  history = [],
}: {
  relationshipId: string;
  agreement: ServiceAgreement;
  leaderName: string;
  canEdit: boolean;
  /** Earlier versions, newest first. */
  history?: AgreementVersion[];
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title="Service agreement"
      actions={
        canEdit && !editing ? (
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : undefined
      }
    >
      <p className="card-intro">What this person needs from {leaderName} to succeed on their own terms.</p>
      {editing ? (
        <AgreementForm relationshipId={relationshipId} agreement={agreement} onDone={() => setEditing(false)} />
      ) : (
        <AgreementTerms agreement={agreement} />
      )}
      {history.length > 0 && (
        <details className="agreement-history">
          <summary>
            Earlier versions ({history.length})
          </summary>
          <ol className="timeline" aria-label="Earlier versions of the service agreement">
            {history.map((v, i) => (
              <li key={`${v.replacedAt}-${i}`} className="timeline-item">
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-content agreement-version">
                  <div className="timeline-dates">
                    Replaced {formatDateTime(v.replacedAt)} by {v.replacedBy}
                  </div>
                  <AgreementTerms agreement={v} />
                </div>
              </li>
            ))}
          </ol>
        </details>
      )}
    </Card>
  );
}

function AgreementTerms({ agreement }: { agreement: ServiceAgreement }) {
  return (
    <dl className="agreement">
      <div>
        <dt>Strengths</dt>
        <dd>
          <Tags tags={agreement.strengths} empty="No strengths recorded yet" />
        </dd>
      </div>
      <div>
        <dt>Needs</dt>
        <dd>{agreement.needs || <span className="muted">Not written yet</span>}</dd>
      </div>
      <div>
        <dt>Goals</dt>
        <dd>{agreement.goals || <span className="muted">Not written yet</span>}</dd>
      </div>
      <div>
        <dt>Preferred leadership style</dt>
        <dd>{agreement.preferredStyle || <span className="muted">Not written yet</span>}</dd>
      </div>
    </dl>
  );
}

function AgreementForm({ relationshipId, agreement, onDone }: { relationshipId: string; agreement: ServiceAgreement; onDone: () => void }) {
  const [strengths, setStrengths] = useState(agreement.strengths);
  const [needs, setNeeds] = useState(agreement.needs ?? '');
  const [goals, setGoals] = useState(agreement.goals ?? '');
  const [preferredStyle, setPreferredStyle] = useState(agreement.preferredStyle ?? '');
  const [{ fetching, error }, save] = useMutation(UpdateServiceAgreementMutation);
  const { fields, general } = splitProblems(error, FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await save({
      input: {
        relationshipId,
        serviceAgreement: { strengths, needs: needs.trim() || null, goals: goals.trim() || null, preferredStyle: preferredStyle.trim() || null },
      },
    });
    if (!result.error) onDone();
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Edit service agreement">
      <FormAlert problems={[...general, ...(fields.relationshipId ? [fields.relationshipId] : [])]} />
      <Field label="Strengths" hint="Press Enter or comma after each tag (up to 20)." problem={fields['serviceAgreement.strengths']}>
        {(props) => <TagInput {...props} value={strengths} onChange={setStrengths} placeholder="e.g. mentoring, SQL, customer calls" />}
      </Field>
      <Field label="Needs" problem={fields['serviceAgreement.needs']}>
        {(props) => <textarea {...props} rows={3} value={needs} maxLength={2000} onChange={(e) => setNeeds(e.target.value)} />}
      </Field>
      <Field label="Goals" problem={fields['serviceAgreement.goals']}>
        {(props) => <textarea {...props} rows={3} value={goals} maxLength={2000} onChange={(e) => setGoals(e.target.value)} />}
      </Field>
      <Field label="Preferred leadership style" problem={fields['serviceAgreement.preferredStyle']}>
        {(props) => <textarea {...props} rows={2} value={preferredStyle} maxLength={2000} onChange={(e) => setPreferredStyle(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching}>
          Save agreement
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
