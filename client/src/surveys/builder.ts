import { t } from '../i18n/index.js';
import type { QuestionInput, QuestionType, SurveyQuestion } from './surveys.graphql.js';

/** A question while it is being edited; `key` keeps React rows stable across moves. */
export interface DraftQuestion {
  key: string;
  type: QuestionType;
  prompt: string;
  required: boolean;
  scaleMax: 5 | 7;
  options: string[];
}

let counter = 0;
const nextKey = () => `q${++counter}`;

export const isChoice = (type: QuestionType) => type === 'SINGLE_CHOICE' || type === 'MULTIPLE_CHOICE';

export function newQuestion(type: QuestionType): DraftQuestion {
  return {
    key: nextKey(),
    type,
    prompt: type === 'NPS' ? t('builder.npsPrompt') : '',
    required: type !== 'FREE_TEXT',
    scaleMax: 5,
    options: isChoice(type) ? ['', ''] : [],
  };
}

export function fromSurveyQuestion(q: SurveyQuestion): DraftQuestion {
  return { key: nextKey(), type: q.type, prompt: q.prompt, required: q.required, scaleMax: q.scaleMax === 7 ? 7 : 5, options: isChoice(q.type) ? [...q.options] : [] };
}

/** Changing the type keeps the prompt and gives choice questions two empty options to start from. */
export function changeType(q: DraftQuestion, type: QuestionType): DraftQuestion {
  const options = isChoice(type) ? (q.options.length >= 2 ? q.options : [...q.options, '', ''].slice(0, Math.max(2, q.options.length))) : q.options;
  return { ...q, type, options };
}

export function moveQuestion<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}

/** What the API takes: a scale only for ratings, options only for choices (trimmed, blanks dropped). */
export function toQuestionInput(q: DraftQuestion): QuestionInput {
  const input: QuestionInput = { type: q.type, prompt: q.prompt.trim(), required: q.required };
  if (q.type === 'RATING') input.scaleMax = q.scaleMax;
  if (isChoice(q.type)) input.options = q.options.map((o) => o.trim()).filter(Boolean);
  return input;
}

/** Checks the API would refuse anyway, shown in place before saving: `questions.<i>.<field>` → message. */
export function checkDraft(questions: readonly DraftQuestion[]): Record<string, string> {
  const out: Record<string, string> = {};
  questions.forEach((q, i) => {
    if (!q.prompt.trim()) out[`questions.${i}.prompt`] = t('builder.writeQuestion');
    else if (q.prompt.trim().length > 500) out[`questions.${i}.prompt`] = t('builder.atMost500');
    if (isChoice(q.type)) {
      const options = q.options.map((o) => o.trim()).filter(Boolean);
      if (options.length < 2) out[`questions.${i}.options`] = t('builder.twoOptions');
      else if (new Set(options).size !== options.length) out[`questions.${i}.options`] = t('builder.optionsDiffer');
    }
  });
  return out;
}
