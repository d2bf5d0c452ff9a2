import type { CombinedError } from 'urql';
import type { ErrorCode } from '../generated/enums.js';

/** One problem to show: a short human title, the server's message and its stable code. */
export interface Problem {
  code: string;
  title: string;
  message: string;
  field?: string;
}

/**
 * A short human title for every code the server can send (the schema's `ErrorCode` enum). Keyed by
 * the generated enum, so a code added on the server without a title here is a type error.
 */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'Check this value',
  NOT_FOUND: 'Not found',
  UNAUTHENTICATED: 'Please sign in',
  FORBIDDEN: 'Not allowed for your role',
  RATE_LIMITED: 'Too many attempts',
  EMAIL_TAKEN: 'Email already in use',
  TEAM_NAME_TAKEN: 'Team name already in use',
  TEAM_CYCLE: 'A team cannot sit below itself',
  SELF_LEADERSHIP: 'Nobody can lead themselves',
  LEADER_CYCLE: 'That would make a reporting loop',
  LEADER_EXITED: 'This leader has left',
  MEMBER_EXITED: 'This person has left',
  LEADER_UNCHANGED: 'Already the leader',
  OVERLAPPING_RELATIONSHIP: 'Overlaps another relationship',
  RELATIONSHIP_ENDED: 'This relationship has ended',
  ALREADY_EXITED: 'Already left',
  ALREADY_CHURNED: 'Already churned',
  ADDRESS_BOUNCING: 'Address refused by its mail server',
  ADDRESS_UNSUBSCRIBED: 'Recipient unsubscribed',
  ALREADY_QUEUED: 'Already waiting to be sent',
  REFERRER_REQUIRED: 'Choose who refers',
  REFERRER_INACTIVE: 'This referrer is no longer active',
  SELF_REFERRAL: 'Nobody can refer themselves',
  REFERRAL_CYCLE: 'That would make a referral loop',
  REFERRAL_LINK_EXPIRED: 'This referral link has expired',
  REFERRAL_LINK_USED_UP: 'This referral link is used up',
  ALREADY_REFERRED: 'Already referred',
  ALREADY_CUSTOMER: 'Already a customer',
  ALREADY_EMPLOYEE: 'Already works here',
  REFERRAL_DEPTH_EXCEEDED: 'Referral chain too deep',
  INVALID_TRANSITION: 'Not a possible next step',
  REOPEN_WINDOW_PASSED: 'Too late to reopen',
  COMPLAINT_NOT_RESOLVED: 'Not resolved yet',
  COMPLAINT_CLOSED: 'This complaint is closed',
  THREAD_LINK_INVALID: 'This link doesn’t work',
  RECOVERY_ALREADY_RATED: 'Already rated',
  SURVEY_NOT_OPEN: 'This survey is not open',
  QUESTIONS_LOCKED: 'The questions can no longer change',
  ALREADY_RESPONDED: 'Already answered',
  WRONG_AUDIENCE: 'Not the survey’s audience',
  QUERY_TOO_COMPLEX: 'That asks for too much at once',
  PAGE_SIZE_EXCEEDED: 'Page too large',
  SERVICE_UNAVAILABLE: 'The server can’t reach its database',
  SHUTTING_DOWN: 'The server is restarting',
  IDEMPOTENCY_KEY_INVALID: 'Invalid retry key',
  IDEMPOTENCY_KEY_REUSED: 'Retry key already used',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'Still working on it',
  IDEMPOTENCY_KEY_ANSWER_LOST: 'Done, but the answer was lost',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server',
  GRAPHQL_PARSE_FAILED: 'The app sent a malformed request',
  GRAPHQL_VALIDATION_FAILED: 'The app and the server disagree',
  BAD_REQUEST: 'The app sent a malformed request',
  PAYLOAD_TOO_LARGE: 'Too much data at once',
  PERSISTED_QUERY_NOT_FOUND: 'The app sent an unknown request',
  PERSISTED_QUERY_NOT_SUPPORTED: 'The app sent an unknown request',
  OPERATION_RESOLUTION_FAILURE: 'The app sent an ambiguous request',
};

/** A code only the app produces: the request never reached the server. */
const NETWORK_TITLE = 'Can’t reach the server';
/** A code from a newer server than this build of the app knows. */
const UNKNOWN_TITLE = 'Something went wrong';

function titleOf(code: string): string {
  return Object.hasOwn(ERROR_TITLES, code) ? ERROR_TITLES[code as ErrorCode] : UNKNOWN_TITLE;
}

/** Server fields are dotted paths from the input root; some arrive with an `input.` prefix. */
function normaliseField(field: unknown): string | undefined {
  if (typeof field !== 'string' || !field) return undefined;
  return field.replace(/^input\./, '');
}

export function problemsOf(error: CombinedError | undefined | null): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', title: NETWORK_TITLE, message: 'Check your connection and try again.' }];
  }
  return error.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      code,
      title: titleOf(code),
      message: code === 'INTERNAL_SERVER_ERROR' ? 'Please try again; if it keeps happening, tell an administrator.' : e.message,
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
