import { t } from '../i18n/index.js';
import { useId } from 'react';
import { useMutation } from 'urql';
import { SetCustomerLanguageMutation, SetEmployeeLanguageMutation, type MailLanguage } from './language.graphql.js';
import { problemsOf } from '../lib/errors.js';

/** The choices of every language select: the deployment default, German or English. */
export const LANGUAGE_CHOICES: Array<{ value: '' | MailLanguage; readonly label: string }> = [
  { value: '', get label() { return t('emailLanguage.default'); } },
  { value: 'DE', get label() { return t('emailLanguage.german'); } },
  { value: 'EN', get label() { return t('emailLanguage.english'); } },
];

export function languageLabel(language: MailLanguage | null | undefined): string {
  return LANGUAGE_CHOICES.find((c) => c.value === (language ?? ''))!.label;
}

/** A `<select>` of the email language for the add forms ('' = the deployment default). */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGE_CHOICES.map((c) => (
        <option key={c.value} value={c.value}>
          {c.value ? c.label : t('emailLanguage.defaultForRapport')}
        </option>
      ))}
    </>
  );
}

/**
 * The language of a person's emails, changeable in place by admins (templates are German and
 * English; every message is written in the recipient's language).
 */
export function EmailLanguageControl({ kind, id, language, canEdit }: { kind: 'customer' | 'employee'; id: string; language: MailLanguage | null | undefined; canEdit: boolean }) {
  const selectId = useId();
  const [customerState, setCustomer] = useMutation(SetCustomerLanguageMutation);
  const [employeeState, setEmployee] = useMutation(SetEmployeeLanguageMutation);
  const state = kind === 'customer' ? customerState : employeeState;
  if (!canEdit) return <>{languageLabel(language)}</>;
  const change = (value: string) => {
    const variables = { id, language: (value || null) as MailLanguage | null };
    void (kind === 'customer' ? setCustomer(variables) : setEmployee(variables));
  };
  const problem = state.error ? problemsOf(state.error)[0] : undefined;
  return (
    <span className="inline-select">
      <label htmlFor={selectId} className="sr-only">
        {t('trend.emailLanguage')}
      </label>
      <select id={selectId} value={language ?? ''} disabled={state.fetching} onChange={(e) => change(e.target.value)} aria-invalid={problem ? true : undefined}>
        {LANGUAGE_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {problem && (
        <span role="alert" className="field-error">
          {problem.message}
        </span>
      )}
    </span>
  );
}
