import type { CombinedError } from 'urql';

/** One problem to show: a short human title, the server's message and its stable code. */
export interface Problem {
  code: string;
  title: string;
  message: string;
  field?: string;
}

const TITLES: Record<string, string> = {
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
  PAGE_SIZE_EXCEEDED: 'Page too large',
  REFERRER_REQUIRED: 'Choose who refers',
  REFERRER_INACTIVE: 'This referrer is no longer active',
  SELF_REFERRAL: 'Nobody can refer themselves',
  ALREADY_CUSTOMER: 'Already a customer',
  ALREADY_EMPLOYEE: 'Already works here',
  ALREADY_REFERRED: 'Already referred',
  REFERRAL_CYCLE: 'That would make a referral loop',
  REFERRAL_DEPTH_EXCEEDED: 'Referral chain too deep',
  INVALID_TRANSITION: 'Not a possible next step',
  ALREADY_CHURNED: 'Already churned',
  NETWORK: 'Can’t reach the server',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server',
};

/** Server fields are dotted paths from the input root; some arrive with an `input.` prefix. */
function normaliseField(field: unknown): string | undefined {
  if (typeof field !== 'string' || !field) return undefined;
  return field.replace(/^input\./, '');
}

export function problemsOf(error: CombinedError | undefined | null): Problem[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK', title: TITLES.NETWORK, message: 'Check your connection and try again.' }];
  }
  return error.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      code,
      title: TITLES[code] ?? 'Something went wrong',
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
