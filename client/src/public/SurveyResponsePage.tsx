import { t } from '../i18n/index.js';
import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { SubmitSurveyResponseMutation, SurveyInvitationQuery, type InvitationState } from '../surveys/surveys.graphql.js';
import { RespondentForm, missingAnswers, questionIdForField, toAnswerInputs, type Answer } from '../surveys/RespondentForm.js';
import { problemsOf, type Problem } from '../lib/errors.js';
import { Button, Spinner } from '../ui/components.js';
import { useTitleFromHeading } from '../ui/title.js';

const DONE: Record<Exclude<InvitationState, 'VALID'>, { title: () => string; text: () => string }> = {
  USED: { title: () => t('survey.usedTitle'), text: () => t('survey.usedText') },
  CLOSED: { title: () => t('survey.closedTitle'), text: () => t('survey.closedText') },
  UNKNOWN: { title: () => t('survey.unknownTitle'), text: () => t('survey.unknownText') },
};

function Brand() {
  return (
    <div className="login-brand">
      <span className="brand-mark" aria-hidden="true">
        R
      </span>
      Rapport
    </div>
  );
}

/**
 * The respondent page (/s/<token>): no login, phone-friendly. Required
 * questions are checked in place before anything is sent; a server refusal
 * naming an answer (`answers.2.value`, `answers.question17`) is shown next to
 * that question.
 */
export function SurveyResponsePage({ token }: { token: string }) {
  const main = useRef<HTMLElement>(null);
  useTitleFromHeading(main);
  const [{ data, fetching, error }, reload] = useQuery({ query: SurveyInvitationQuery, variables: { token } });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [local, setLocal] = useState<Record<string, Problem>>({});
  const [server, setServer] = useState<{ fields: Record<string, Problem>; general: Problem[] }>({ fields: {}, general: [] });
  const [finished, setFinished] = useState<'THANKS' | InvitationState | null>(null);
  const [{ fetching: sending }, submit] = useMutation(SubmitSurveyResponseMutation);
  const survey = data?.surveyInvitation;

  const onAnswer = (questionId: string, answer: Answer) => {
    setAnswers((a) => ({ ...a, [questionId]: answer }));
    setLocal(({ [questionId]: _, ...rest }) => rest);
    setServer((s) => {
      if (!s.fields[questionId]) return s;
      const { [questionId]: __, ...fields } = s.fields;
      return { ...s, fields };
    });
  };

  const send = async () => {
    if (!survey) return;
    const missing = missingAnswers(survey.questions, answers);
    setLocal(missing);
    if (Object.keys(missing).length) {
      const first = survey.questions.findIndex((q) => missing[q.id]);
      document.querySelector(`[data-question="${first + 1}"]`)?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
      return;
    }
    const result = await submit({ token, answers: toAnswerInputs(survey.questions, answers) });
    if (result.data?.submitSurveyResponse) {
      setFinished('THANKS');
      window.scrollTo?.(0, 0);
      return;
    }
    const fields: Record<string, Problem> = {};
    const general: Problem[] = [];
    for (const p of problemsOf(result.error)) {
      if (p.code === 'ALREADY_RESPONDED') return setFinished('USED');
      if (p.code === 'SURVEY_NOT_OPEN') return setFinished('CLOSED');
      if (p.code === 'NOT_FOUND' && p.field === 'token') return setFinished('UNKNOWN');
      const questionId = questionIdForField(survey.questions, p.field);
      if (questionId && !fields[questionId]) fields[questionId] = p;
      else general.push(p);
    }
    setServer({ fields, general });
  };

  let body;
  if (!survey && fetching) {
    body = (
      <div className="receipt">
        <Spinner label={t('survey.loading')} />
      </div>
    );
  } else if (!survey) {
    body = (
      <div className="receipt" role="alert">
        <h1>{t('survey.loadFailed')}</h1>
        <p className="muted">{problemsOf(error)[0]?.message ?? t('survey.pleaseTryAgain')}</p>
        <Button onClick={() => reload({ requestPolicy: 'network-only' })}>{t('common.tryAgain')}</Button>
      </div>
    );
  } else if (finished === 'THANKS') {
    body = (
      <div className="receipt" role="status">
        <div className="thanks-mark" aria-hidden="true">
          ✓
        </div>
        <h1>{t('survey.thanks')}</h1>
        <p>{survey.anonymous ? t('survey.receivedAnonymously') : t('survey.received')}</p>
        <p className="muted">{t('survey.canClose')}</p>
      </div>
    );
  } else if (finished || survey.state !== 'VALID') {
    const state = (finished ?? survey.state) as Exclude<InvitationState, 'VALID'>;
    body = (
      <div className="receipt" role="status" data-state={state}>
        {survey.title && <p className="muted">{survey.title}</p>}
        <h1>{DONE[state].title()}</h1>
        <p className="muted">{DONE[state].text()}</p>
      </div>
    );
  } else {
    body = (
      <RespondentForm
        title={survey.title ?? ''}
        // The survey's description is written for admins (what it measures, for whom): customers and
        // employees see the title, the anonymity note and the questions.
        description={null}
        anonymous={survey.anonymous}
        questions={survey.questions}
        answers={answers}
        onAnswer={onAnswer}
        problems={{ ...server.fields, ...local }}
        general={server.general}
        onSubmit={() => void send()}
        busy={sending}
      />
    );
  }

  return (
    <main className="public" ref={main}>
      <div className="public-panel public-survey">
        <Brand />
        {body}
      </div>
    </main>
  );
}
