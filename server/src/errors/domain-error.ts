import { GraphQLError } from 'graphql';

/**
 * Every expected, user-facing failure has a stable code in `extensions.code`.
 * Clients switch on the code, never on the message.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'EMAIL_TAKEN',
  'TEAM_NAME_TAKEN',
  'TEAM_CYCLE',
  'SELF_LEADERSHIP',
  'LEADER_CYCLE',
  'LEADER_EXITED',
  'MEMBER_EXITED',
  'LEADER_UNCHANGED',
  'OVERLAPPING_RELATIONSHIP',
  'RELATIONSHIP_ENDED',
  'ALREADY_EXITED',
  'ALREADY_CHURNED',
  'ADDRESS_BOUNCING',
  'ADDRESS_UNSUBSCRIBED',
  'ALREADY_QUEUED',
  'REFERRER_REQUIRED',
  'REFERRER_INACTIVE',
  'SELF_REFERRAL',
  'REFERRAL_CYCLE',
  'ALREADY_REFERRED',
  'ALREADY_CUSTOMER',
  'ALREADY_EMPLOYEE',
  'REFERRAL_DEPTH_EXCEEDED',
  'INVALID_TRANSITION',
  'REOPEN_WINDOW_PASSED',
  'COMPLAINT_NOT_RESOLVED',
  'COMPLAINT_CLOSED',
  'SURVEY_NOT_OPEN',
  'QUESTIONS_LOCKED',
  'ALREADY_RESPONDED',
  'WRONG_AUDIENCE',
  'QUERY_TOO_COMPLEX',
  'PAGE_SIZE_EXCEEDED',
  'SERVICE_UNAVAILABLE',
  'SHUTTING_DOWN',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_ANSWER_LOST',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: { field?: string; [key: string]: unknown } = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'DomainError';
  }
}

/** A value the caller sent is wrong; `field` names it (dotted path from the input root). */
export function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, { field });
}

export function notFound(what: string, id: string | number): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} was not found`, { id: String(id) });
}
