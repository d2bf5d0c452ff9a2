import { t } from '../i18n/index.js';
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
      title={t('agreement.title')}
      actions={
        canEdit && !editing ? (
          <Button size="sm" onClick={() => setEditing(true)}>
            {t('agreement.edit')}
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
            {t('agreement.earlier', { count: history.length })}
          </summary>
          <ol className="timeline" aria-label={t('agreement.earlierLabel')}>
            {history.map((v, i) => (
              <li key={`${v.replacedAt}-${i}`} className="timeline-item">
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-content agreement-version">
                  <div className="timeline-dates">
                    {t('agreement2.replaced', { at: formatDateTime(v.replacedAt), name: v.replacedBy })}
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
        <dt>{t('agreement.strengths')}</dt>
        <dd>
          <Tags tags={agreement.strengths} empty={t('agreement.noStrengths')} />
        </dd>
      </div>
      <div>
        <dt>{t('agreement.needs')}</dt>
        <dd>{agreement.needs || <span className="muted">{t('agreement.notWritten')}</span>}</dd>
      </div>
      <div>
        <dt>{t('agreement.goals')}</dt>
        <dd>{agreement.goals || <span className="muted">{t('agreement.notWritten')}</span>}</dd>
      </div>
      <div>
        <dt>{t('agreement.style')}</dt>
        <dd>{agreement.preferredStyle || <span className="muted">{t('agreement.notWritten')}</span>}</dd>
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
    <form className="form" onSubmit={submit} noValidate aria-label={t('agreement.editLabel')}>
      <FormAlert problems={[...general, ...(fields.relationshipId ? [fields.relationshipId] : [])]} />
      <Field label={t('agreement.strengths')} hint={t('agreement.strengthsHint')} problem={fields['serviceAgreement.strengths']}>
        {(props) => <TagInput {...props} value={strengths} onChange={setStrengths} placeholder="e.g. mentoring, SQL, customer calls" />}
      </Field>
      <Field label={t('agreement.needs')} problem={fields['serviceAgreement.needs']}>
        {(props) => <textarea {...props} rows={3} value={needs} maxLength={2000} onChange={(e) => setNeeds(e.target.value)} />}
      </Field>
      <Field label={t('agreement.goals')} problem={fields['serviceAgreement.goals']}>
        {(props) => <textarea {...props} rows={3} value={goals} maxLength={2000} onChange={(e) => setGoals(e.target.value)} />}
      </Field>
      <Field label={t('agreement.style')} problem={fields['serviceAgreement.preferredStyle']}>
        {(props) => <textarea {...props} rows={2} value={preferredStyle} maxLength={2000} onChange={(e) => setPreferredStyle(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={fetching}>
          {t('agreement.save')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('agreement.cancel')}
        </Button>
      </div>
    </form>
  );
}
