import { t } from '../i18n/index.js';
import { useId, type FormEvent, type ReactNode } from 'react';
import type { Problem } from '../lib/errors.js';
import type { AnswerInput, SurveyQuestion } from './surveys.graphql.js';
import { Button, FormAlert } from '../ui/components.js';

/** What a respondent has given for one question so far. */
export interface Answer {
  value?: number;
  option?: number;
  options?: number[];
  text?: string;
}

export type QuestionShape = Pick<SurveyQuestion, 'type' | 'prompt' | 'required' | 'scaleMax' | 'options'> & { id: string };

export function isAnswered(question: QuestionShape, answer: Answer | undefined): boolean {
  if (!answer) return false;
  switch (question.type) {
    case 'NPS':
    case 'RATING':
      return answer.value != null;
    case 'SINGLE_CHOICE':
      return answer.option != null;
    case 'MULTIPLE_CHOICE':
      return (answer.options?.length ?? 0) > 0;
    case 'FREE_TEXT':
      return Boolean(answer.text?.trim());
  }
}

/** Required questions without an answer, as problems by question id. */
export function missingAnswers(questions: readonly QuestionShape[], answers: Record<string, Answer>): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  for (const q of questions) {
    if (q.required && !isAnswered(q, answers[q.id])) out[q.id] = { code: 'REQUIRED', title: t('survey.required'), message: t('survey.pleaseAnswer') };
  }
  return out;
}

/**
 * One entry per question, in question order (blank ones carry only the id), so
 * the server's `answers.<i>.…` field names question i.
 */
export function toAnswerInputs(questions: readonly QuestionShape[], answers: Record<string, Answer>): AnswerInput[] {
  return questions.map((q) => {
    const a = answers[q.id];
    const input: AnswerInput = { questionId: q.id };
    if (!a || !isAnswered(q, a)) return input;
    if (q.type === 'NPS' || q.type === 'RATING') input.value = a.value;
    else if (q.type === 'SINGLE_CHOICE') input.option = a.option;
    else if (q.type === 'MULTIPLE_CHOICE') input.options = [...(a.options ?? [])].sort((x, y) => x - y);
    else input.text = a.text!.trim();
    return input;
  });
}

/** `answers.2.value` → the third question; `answers.question17` → question 17. */
export function questionIdForField(questions: readonly QuestionShape[], field: string | undefined): string | undefined {
  if (!field) return undefined;
  const byIndex = /^answers\.(\d+)(?:\.|$)/.exec(field);
  if (byIndex) return questions[Number(byIndex[1])]?.id;
  const byId = /^answers\.question(.+)$/.exec(field);
  if (byId) return questions.find((q) => q.id === byId[1])?.id;
  return undefined;
}

function ScaleButtons({ from, to, value, onChange, labelledBy, low, high, wide }: { from: number; to: number; value?: number; onChange: (v: number) => void; labelledBy: string; low: string; high: string; wide?: boolean }) {
  const values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <div className="sq-scale-wrap">
      <div className={`sq-scale${wide ? ' sq-scale-nps' : ''}`} role="radiogroup" aria-labelledby={labelledBy}>
        {values.map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={value === v}
            className={`sq-scale-btn${value === v ? ' is-on' : ''}`}
            onClick={() => onChange(v)}
          >
            {v}
          </button>
        ))}
      </div>
      <div className="sq-scale-ends" aria-hidden="true">
        <span>{low}</span>
        <span>{high}</span>
      </div>
    </div>
  );
}

/** One question as a respondent sees it: big touch targets, its problem right below. */
export function QuestionField({ question: q, index, answer, onChange, problem }: { question: QuestionShape; index: number; answer: Answer | undefined; onChange: (a: Answer) => void; problem?: Problem }) {
  const id = useId();
  const promptId = `${id}-prompt`;
  const errorId = `${id}-error`;
  let control: ReactNode;
  switch (q.type) {
    case 'NPS':
      control = <ScaleButtons from={0} to={10} wide value={answer?.value} onChange={(v) => onChange({ value: v })} labelledBy={promptId} low={t('survey.npsLow')} high={t('survey.npsHigh')} />;
      break;
    case 'RATING':
      control = <ScaleButtons from={1} to={q.scaleMax ?? 5} value={answer?.value} onChange={(v) => onChange({ value: v })} labelledBy={promptId} low={t('survey.ratingLow')} high={t('survey.ratingHigh', { max: q.scaleMax ?? 5 })} />;
      break;
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const multi = q.type === 'MULTIPLE_CHOICE';
      control = (
        <div className="sq-choices" role={multi ? 'group' : 'radiogroup'} aria-labelledby={promptId}>
          {q.options.map((option, i) => {
            const checked = multi ? Boolean(answer?.options?.includes(i)) : answer?.option === i;
            return (
              <label key={i} className={`sq-choice${checked ? ' is-on' : ''}`}>
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={`${id}-choice`}
                  checked={checked}
                  onChange={() => {
                    if (!multi) onChange({ option: i });
                    else {
                      const current = answer?.options ?? [];
                      onChange({ options: current.includes(i) ? current.filter((x) => x !== i) : [...current, i] });
                    }
                  }}
                />
                <span>{option || <span className="muted">{t('survey.emptyOption')}</span>}</span>
              </label>
            );
          })}
          {multi && <p className="sq-hint">{t('survey.chooseAll')}</p>}
        </div>
      );
      break;
    }
    case 'FREE_TEXT':
      control = <textarea aria-labelledby={promptId} rows={4} maxLength={5000} value={answer?.text ?? ''} onChange={(e) => onChange({ text: e.target.value })} aria-invalid={problem ? true : undefined} aria-describedby={problem ? errorId : undefined} />;
      break;
  }
  return (
    <div className={`sq${problem ? ' sq-invalid' : ''}`} data-question={index + 1} role="group" aria-labelledby={promptId} aria-describedby={problem ? errorId : undefined}>
      <p className="sq-prompt" id={promptId}>
        <span className="sq-number">{index + 1}.</span> {q.prompt || <span className="muted">{t('survey.noPrompt')}</span>}
        {!q.required && <span className="field-optional"> {t('common.optional')}</span>}
      </p>
      {control}
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem.code === 'REQUIRED' ? problem.message : <><strong>{problem.title}.</strong> {problem.message}</>}
        </p>
      )}
    </div>
  );
}

export function anonymityPromise(anonymous: boolean | null | undefined): ReactNode {
  if (!anonymous) return <>{t('survey.linked')}</>;
  return (
    <>
      <strong>{t('survey.anonymousLead')}</strong> {t('survey.anonymousText')}
    </>
  );
}

/** The whole survey as respondents see it; the builder's preview renders the same component. */
export function RespondentForm({
  title,
  description,
  anonymous,
  questions,
  answers,
  onAnswer,
  problems,
  general = [],
  onSubmit,
  busy,
  submitLabel = t('survey.send'),
  note,
}: {
  title: string;
  description: string | null | undefined;
  anonymous: boolean | null | undefined;
  questions: readonly QuestionShape[];
  answers: Record<string, Answer>;
  onAnswer: (questionId: string, answer: Answer) => void;
  problems: Record<string, Problem | undefined>;
  general?: Problem[];
  onSubmit: () => void;
  busy?: boolean;
  submitLabel?: string;
  note?: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const count = Object.values(problems).filter(Boolean).length;
  return (
    <div className="respondent">
      <h1>{title || <span className="muted">{t('survey.untitled')}</span>}</h1>
      {description && <p className="respondent-intro prewrap">{description}</p>}
      <p className={`respondent-promise${anonymous ? ' is-anonymous' : ''}`}>{anonymityPromise(anonymous)}</p>
      <FormAlert problems={general} />
      <form className="respondent-form" onSubmit={submit} noValidate aria-label={t('survey.form')}>
        {questions.map((q, i) => (
          <QuestionField key={q.id} question={q} index={i} answer={answers[q.id]} onChange={(a) => onAnswer(q.id, a)} problem={problems[q.id]} />
        ))}
        {questions.length === 0 && <p className="muted">{t('survey.noQuestions')}</p>}
        {count > 0 && (
          <p className="field-error" role="status">
            {t('survey.attention', { count })}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} className="btn-block btn-lg">
          {submitLabel}
        </Button>
        {note}
      </form>
    </div>
  );
}
