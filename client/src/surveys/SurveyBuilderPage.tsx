import { t } from '../i18n/index.js';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import {
  CreateSurveyMutation,
  PURPOSES,
  QUESTION_TYPES,
  questionTypeLabel,
  SetSurveyQuestionsMutation,
  SurveyQuery,
  type QuestionType,
  type SurveyAudience,
  type SurveyDetail,
  type SurveyPurpose,
} from './surveys.graphql.js';
import { changeType, checkDraft, fromSurveyQuestion, isChoice, moveQuestion, newQuestion, toQuestionInput, type DraftQuestion } from './builder.js';
import { RespondentForm, missingAnswers, type Answer } from './RespondentForm.js';
import { SurveyStatusBadge, purposeLabel } from './badges.js';
import { Link, useRouter } from '../lib/router.js';
import { problemsOf, type Problem } from '../lib/errors.js';
import { humanEnum } from '../ui/format.js';
import { Badge, Button, Card, ErrorState, Field, FormAlert, PageHeader, Skeleton } from '../ui/components.js';

const SETTINGS_FIELDS = ['title', 'description', 'audience', 'purpose', 'anonymous', 'recurring'] as const;

function localProblem(message: string): Problem {
  return { code: 'REQUIRED', title: t('builder.checkValue'), message };
}

/** Server problems by place: settings fields, `questions.<i>.<sub>`, the rest. */
function placeProblems(error: CombinedError | undefined) {
  const fields: Record<string, Problem> = {};
  const questions: Record<string, Problem> = {};
  const general: Problem[] = [];
  let locked: Problem | undefined;
  for (const p of problemsOf(error)) {
    if (p.code === 'QUESTIONS_LOCKED') {
      locked = p;
      continue;
    }
    const q = p.field && /^questions\.(\d+)(?:\.(\w+))?/.exec(p.field);
    if (q) {
      const key = `questions.${q[1]}.${q[2] && ['prompt', 'options', 'scaleMax', 'type'].includes(q[2]) ? q[2] : 'question'}`;
      if (!questions[key]) questions[key] = p;
    } else if (p.field && (SETTINGS_FIELDS as readonly string[]).includes(p.field) && !fields[p.field]) fields[p.field] = p;
    else general.push(p);
  }
  return { fields, questions, general, locked };
}

export function SurveyBuilderPage({ id }: { id?: string }) {
  if (!id) return <SurveyBuilder />;
  return <EditSurveyLoader id={id} />;
}

function EditSurveyLoader({ id }: { id: string }) {
  const [{ data, error }, reexecute] = useQuery({ query: SurveyQuery, variables: { id } });
  if (error && !data) return <ErrorState problems={problemsOf(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data)
    return (
      <div className="page" aria-busy="true">
        <Skeleton width={320} height={28} />
      </div>
    );
  return <SurveyBuilder key={data.survey.id} survey={data.survey} />;
}

function Switch({ checked, onChange, label, hint, disabled }: { checked: boolean; onChange: (v: boolean) => void; label: string; hint?: ReactNode; disabled?: boolean }) {
  return (
    <label className={`switch${disabled ? ' is-disabled' : ''}`}>
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="switch-track" aria-hidden="true" />
      {label}
      {hint && <span className="muted small">{hint}</span>}
    </label>
  );
}

/**
 * Writes a survey: the settings (new surveys only: the API changes only the
 * questions afterwards), the questions, and beside them a live preview that is
 * the respondent page's own form.
 */
export function SurveyBuilder({ survey }: { survey?: SurveyDetail }) {
  const { navigate } = useRouter();
  const editing = Boolean(survey);
  const [title, setTitle] = useState(survey?.title ?? '');
  const [description, setDescription] = useState(survey?.description ?? '');
  const [audience, setAudience] = useState<SurveyAudience>(survey?.audience ?? 'EMPLOYEES');
  const [purpose, setPurpose] = useState<SurveyPurpose>(survey?.purpose ?? 'ENGAGEMENT');
  const [anonymous, setAnonymous] = useState(survey?.anonymous ?? true);
  const [recurring, setRecurring] = useState(survey?.recurring ?? false);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => (survey ? survey.questions.map(fromSurveyQuestion) : [newQuestion('NPS')]));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [createState, create] = useMutation(CreateSurveyMutation);
  const [setState, save] = useMutation(SetSurveyQuestionsMutation);
  const error = editing ? setState.error : createState.error;
  const busy = createState.fetching || setState.fetching;
  const server = useMemo(() => placeProblems(error), [error]);
  const lockedUpFront = survey && (survey.status === 'CLOSED' || (survey.status === 'OPEN' && survey.responseCount > 0));

  // Preview answers live only here.
  const [previewAnswers, setPreviewAnswers] = useState<Record<string, Answer>>({});
  const [previewProblems, setPreviewProblems] = useState<Record<string, Problem>>({});
  const previewQuestions = questions.map((q) => ({ id: q.key, ...toQuestionInput(q), prompt: q.prompt, scaleMax: q.type === 'RATING' ? q.scaleMax : null, options: isChoice(q.type) ? q.options : [], required: q.required }));

  const update = (index: number, change: Partial<DraftQuestion>) => setQuestions((list) => list.map((q, i) => (i === index ? { ...q, ...change } : q)));
  const problemAt = (key: string): Problem | undefined => (local[key] ? localProblem(local[key]!) : server.questions[key]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = checkDraft(questions);
    if (!editing && !title.trim()) problems.title = t('builder.giveTitle');
    if (questions.length === 0) problems.questions = t('builder.addOne');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const inputs = questions.map(toQuestionInput);
    if (survey) {
      const result = await save({ surveyId: survey.id, questions: inputs });
      if (result.data) navigate(`/surveys/${survey.id}`);
    } else {
      const result = await create({
        input: { title: title.trim(), description: description.trim() || null, audience, purpose, anonymous, recurring, questions: inputs },
      });
      if (result.data) navigate(`/surveys/${result.data.createSurvey.id}`);
    }
  };

  const lockedNotice = (server.locked || lockedUpFront) && (
    <div className="notice notice-warning" role={server.locked ? 'alert' : undefined}>
      <p>
        <strong>{t('builder.lockedLead')}</strong>{' '}
        {survey?.status === 'CLOSED'
          ? t('builder.lockedClosed')
          : t('builder.lockedResponses')}{' '}
        {t('builder.lockedHint')}
      </p>
      {server.locked && <code className="error-code">QUESTIONS_LOCKED</code>}
    </div>
  );

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('builder.breadcrumb')}>
        <Link to="/surveys">{t('surveys.title')}</Link>
        <span aria-hidden="true">/</span>
        {survey && (
          <>
            <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
            <span aria-hidden="true">/</span>
          </>
        )}
        <span aria-current="page">{survey ? t('builder.editQuestions') : t('builder.newSurvey')}</span>
      </nav>
      <PageHeader
        title={survey ? t('builder.editTitle', { title: survey.title }) : t('builder.newSurvey')}
        subtitle={survey ? <>{t('builder.editSubtitle')}</> : t('builder.newSubtitle')}
        actions={survey && <SurveyStatusBadge status={survey.status} />}
      />
      <div className="builder-grid">
        <form className="stack" onSubmit={onSubmit} noValidate aria-label={t('builder.form')}>
          <FormAlert problems={server.general} />
          {lockedNotice}
          <Card title={t('builder.survey')}>
            {survey ? (
              <dl className="profile-meta">
                <div>
                  <dt>{t('builder.audience')}</dt>
                  <dd>{humanEnum(survey.audience)}</dd>
                </div>
                <div>
                  <dt>{t('builder.purpose')}</dt>
                  <dd>{purposeLabel(survey.purpose)}</dd>
                </div>
                <div>
                  <dt>{t('builder.responses')}</dt>
                  <dd>{survey.anonymous ? t('builder.anonymous') : t('builder.named')}</dd>
                </div>
                <div>
                  <dt>{t('builder.waves')}</dt>
                  <dd>{survey.recurring ? t('builder.recurring') : t('builder.oneOff')}</dd>
                </div>
              </dl>
            ) : (
              <>
                <Field label={t('builder.title')} problem={local.title ? localProblem(local.title) : server.fields.title}>
                  {(props) => <input {...props} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Quarterly engagement pulse" />}
                </Field>
                <Field label={t('builder.description')} optional problem={server.fields.description} hint={t('builder.descriptionHint')}>
                  {(props) => <textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
                </Field>
                <div className="form-row">
                  <Field label={t('builder.audience')} problem={server.fields.audience}>
                    {(props) => (
                      <select
                        {...props}
                        value={audience}
                        onChange={(e) => {
                          const next = e.target.value as SurveyAudience;
                          setAudience(next);
                          if (!PURPOSES[next].includes(purpose)) setPurpose(PURPOSES[next][0]!);
                        }}
                      >
                        <option value="EMPLOYEES">{t('builder.employees')}</option>
                        <option value="CUSTOMERS">{t('builder.customers')}</option>
                      </select>
                    )}
                  </Field>
                  <Field label={t('builder.purpose')} problem={server.fields.purpose}>
                    {(props) => (
                      <select {...props} value={purpose} onChange={(e) => setPurpose(e.target.value as SurveyPurpose)}>
                        {PURPOSES[audience].map((p) => (
                          <option key={p} value={p}>
                            {purposeLabel(p)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                <Switch checked={anonymous} onChange={setAnonymous} label={t('builder.anonymousSwitch')} hint={t('builder.anonymousHint')} />
                <Switch checked={recurring} onChange={setRecurring} label={t('builder.recurring')} hint={t('builder.recurringHint')} />
              </>
            )}
          </Card>

          <section className="builder-questions" aria-label={t('builder.questions')}>
            <div className="builder-questions-head">
              <h2>{t('builder.questions')}</h2>
              <span className="muted small">{t('builder.questionCount', { count: questions.length })}</span>
            </div>
            {local.questions && (
              <p className="field-error" role="alert">
                {local.questions}
              </p>
            )}
            <ol className="builder-list">
              {questions.map((q, i) => (
                <QuestionEditor
                  key={q.key}
                  question={q}
                  index={i}
                  count={questions.length}
                  disabled={Boolean(lockedUpFront)}
                  onChange={(change) => update(i, change)}
                  onType={(type) => setQuestions((list) => list.map((x, j) => (j === i ? changeType(x, type) : x)))}
                  onMove={(delta) => setQuestions((list) => moveQuestion(list, i, delta))}
                  onDelete={() => setQuestions((list) => list.filter((_, j) => j !== i))}
                  problemAt={(sub) => problemAt(`questions.${i}.${sub}`)}
                />
              ))}
            </ol>
            {!lockedUpFront && (
              <div className="builder-add" role="group" aria-label={t('builder.addQuestion')}>
                <span className="muted small">{t('builder.addAQuestion')}</span>
                {QUESTION_TYPES.map((type) => (
                  <Button key={type} size="sm" onClick={() => setQuestions((list) => [...list, newQuestion(type)])}>
                    + {questionTypeLabel(type)}
                  </Button>
                ))}
              </div>
            )}
          </section>

          <div className="form-actions builder-actions">
            <Button type="submit" variant="primary" busy={busy} disabled={Boolean(lockedUpFront)}>
              {survey ? t('builder.saveQuestions') : t('builder.createDraft')}
            </Button>
            <Button variant="ghost" onClick={() => navigate(survey ? `/surveys/${survey.id}` : '/surveys')}>
              {t('builder.cancel')}
            </Button>
          </div>
        </form>

        <aside className="builder-preview" aria-label={t('builder.preview')}>
          <div className="builder-preview-head">
            <h2>{t('builder.preview')}</h2>
            <span className="muted small">{t('builder.previewHint')}</span>
          </div>
          <div className="phone-frame">
            <RespondentForm
              title={survey?.title ?? title}
              description={null}
              anonymous={survey?.anonymous ?? anonymous}
              questions={previewQuestions}
              answers={previewAnswers}
              onAnswer={(qid, a) => {
                setPreviewAnswers((all) => ({ ...all, [qid]: a }));
                setPreviewProblems(({ [qid]: _, ...rest }) => rest);
              }}
              problems={previewProblems}
              onSubmit={() => setPreviewProblems(missingAnswers(previewQuestions, previewAnswers))}
              note={<p className="muted small center">{t('builder.previewOnly')}</p>}
            />
          </div>
        </aside>
      </div>
    </div>
  );
}

function QuestionEditor({
  question: q,
  index,
  count,
  disabled,
  onChange,
  onType,
  onMove,
  onDelete,
  problemAt,
}: {
  question: DraftQuestion;
  index: number;
  count: number;
  disabled: boolean;
  onChange: (change: Partial<DraftQuestion>) => void;
  onType: (type: QuestionType) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  problemAt: (sub: string) => Problem | undefined;
}) {
  const n = index + 1;
  const optionsProblem = problemAt('options');
  const whole = [problemAt('question'), problemAt('type'), problemAt('scaleMax')].filter((p): p is Problem => Boolean(p));
  return (
    <li className={`builder-q${whole.length || optionsProblem || problemAt('prompt') ? ' is-invalid' : ''}`} data-builder-question={n} aria-label={t('builder.questionN', { n })}>
      <div className="builder-q-head">
        <span className="builder-q-number">{n}</span>
        <select aria-label={t('builder.typeOf', { n })} value={q.type} disabled={disabled} onChange={(e) => onType(e.target.value as QuestionType)}>
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {questionTypeLabel(type)}
            </option>
          ))}
        </select>
        <div className="builder-q-tools">
          <Button size="sm" variant="ghost" className="btn-icon" aria-label={t('builder.moveUp', { n })} title={t('builder.moveUpTitle')} disabled={disabled || index === 0} onClick={() => onMove(-1)}>
            ↑
          </Button>
          <Button size="sm" variant="ghost" className="btn-icon" aria-label={t('builder.moveDown', { n })} title={t('builder.moveDownTitle')} disabled={disabled || index === count - 1} onClick={() => onMove(1)}>
            ↓
          </Button>
          <Button size="sm" variant="ghost" className="btn-icon" aria-label={t('builder.delete', { n })} title={t('builder.deleteTitle')} disabled={disabled} onClick={onDelete}>
            ✕
          </Button>
        </div>
      </div>
      <FormAlert problems={whole} />
      <Field label={t('builder.questionText', { n })} problem={problemAt('prompt')}>
        {(props) => <textarea {...props} rows={2} maxLength={500} disabled={disabled} value={q.prompt} onChange={(e) => onChange({ prompt: e.target.value })} />}
      </Field>
      <div className="builder-q-row">
        <Switch checked={q.required} disabled={disabled} onChange={(required) => onChange({ required })} label={t('builder.required')} />
        {q.type === 'RATING' && (
          <label className="builder-inline">
            {t('builder.scale')}
            <select aria-label={t('builder.scaleOf', { n })} value={q.scaleMax} disabled={disabled} onChange={(e) => onChange({ scaleMax: Number(e.target.value) === 7 ? 7 : 5 })}>
              <option value={5}>1–5</option>
              <option value={7}>1–7</option>
            </select>
          </label>
        )}
        {q.type === 'NPS' && <span className="muted small">{t('builder.npsHint')}</span>}
      </div>
      {isChoice(q.type) && (
        <fieldset className={`builder-options${optionsProblem ? ' field-invalid' : ''}`}>
          <legend className="field-label">{t('builder.options')}</legend>
          {q.options.map((option, i) => (
            <div key={i} className="input-group">
              <input
                aria-label={t('builder.optionN', { n, i: i + 1 })}
                value={option}
                maxLength={200}
                disabled={disabled}
                aria-invalid={optionsProblem ? true : undefined}
                onChange={(e) => onChange({ options: q.options.map((o, j) => (j === i ? e.target.value : o)) })}
              />
              <Button size="sm" variant="ghost" aria-label={t('builder.removeOption', { i: i + 1, n })} disabled={disabled} onClick={() => onChange({ options: q.options.filter((_, j) => j !== i) })}>
                ✕
              </Button>
            </div>
          ))}
          {!disabled && q.options.length < 20 && (
            <Button size="sm" variant="ghost" className="builder-add-option" onClick={() => onChange({ options: [...q.options, ''] })}>
              {t('builder.addOption')}
            </Button>
          )}
          {optionsProblem && (
            <p className="field-error" role="alert">
              <strong>{optionsProblem.title}.</strong> {optionsProblem.message} {optionsProblem.code !== 'REQUIRED' && <code className="error-code">{optionsProblem.code}</code>}
            </p>
          )}
        </fieldset>
      )}
      {q.type === 'FREE_TEXT' && <p className="muted small">{t('builder.commentsHint')}</p>}
      {q.type === 'MULTIPLE_CHOICE' && <Badge tone="muted">{t('builder.several')}</Badge>}
    </li>
  );
}
