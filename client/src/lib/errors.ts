import type { CombinedError } from 'urql';
import type { ErrorCode } from '../generated/enums.js';
import { t } from '../i18n/index.js';
import { en } from '../i18n/en.js';

/** One problem to show: a short human title, the server's message and its stable code. */
export interface Problem {
  code: string;
  title: string;
  message: string;
  field?: string;
}

/**
 * A short human title for every code the server can send (the schema's `ErrorCode` enum), in the
 * app's language. The catalogues key them by the generated enum (`errors.codes`), so a code added
 * on the server without a title in English and German is a type error.
 */
export function errorTitle(code: ErrorCode, language?: string): string {
  return t(`errors.codes.${code}`, { lng: language });
}

function titleOf(code: string): string {
  return Object.hasOwn(en.errors.codes, code) ? errorTitle(code as ErrorCode) : t('errors.unknown');
}

/** Server fields are dotted paths from the input root; some arrive with an `input.` prefix. */
function normaliseField(field: unknown): string | undefined {
  if (typeof field !== 'string' || !field) return undefined;
  return field.replace(/^input\./, '');
}

export function problemsOf(error: CombinedError | undefined | null): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', title: t('errors.network'), message: t('errors.networkMessage') }];
  }
  return error.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      code,
      title: titleOf(code),
      message: code === 'INTERNAL_SERVER_ERROR' ? t('errors.internalMessage') : e.message,
      field: normaliseField(e.extensions?.field),
    };
  });
}

/**
 * Splits errors into the ones that name a field the form shows (rendered in
 * place next to that field) and the rest (rendered at the top of the form).
 * A nested field ("serviceAgreement.strengths") also matches its first segment.
 */
export function splitProblems(error: CombinedError | undefined | null, formFields: readonly string[]) {
  const fields: Record<string, Problem> = {};
  const general: Problem[] = [];
  for (const problem of problemsOf(error)) {
    const key = problem.field && (formFields.includes(problem.field) ? problem.field : formFields.find((f) => problem.field!.startsWith(`${f}.`)));
    if (key && !fields[key]) fields[key] = problem;
    else general.push(problem);
  }
  return { fields, general };
}
