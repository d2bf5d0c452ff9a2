import { GraphQLEnumType } from 'graphql';

/**
 * Every code a client can find in `errors[].extensions.code`, with what it means. This is the one
 * list: `DomainError` accepts only these, `formatError` lets only these through, and the schema
 * publishes them as the `ErrorCode` enum so the admin app (and BI clients) can switch on them with
 * generated types. `error-codes.test.ts` fails when a throw site anywhere in the server uses a code
 * missing here.
 */
export const ERROR_CODE_DESCRIPTIONS = {
  BAD_USER_INPUT: 'A value the caller sent is wrong; `extensions.field` names it as a dotted path from the input root.',
  NOT_FOUND: 'The id names nothing (or nothing this viewer may see); `extensions.field` names the argument.',
  UNAUTHENTICATED: 'No valid token or session, or wrong login credentials.',
  FORBIDDEN: "The viewer's role may not use this field or operation.",
  RATE_LIMITED: 'Too many attempts from here; `extensions.retryAfterSeconds` says when to try again.',
  EMAIL_TAKEN: 'Another person already has this email address.',
  TEAM_NAME_TAKEN: 'Another team already has this name.',
  TEAM_CYCLE: 'The move would put a team below itself.',
  SELF_LEADERSHIP: 'Nobody can lead themselves.',
  LEADER_CYCLE: 'The assignment would make a reporting loop.',
  LEADER_EXITED: 'The chosen leader has left the company.',
  MEMBER_EXITED: 'The person has left the company and can no longer be assigned.',
  LEADER_UNCHANGED: 'The person already has this leader.',
  OVERLAPPING_RELATIONSHIP: 'The relationship would overlap another one of the same person in time.',
  RELATIONSHIP_ENDED: 'The leadership relationship has ended; its agreement and check-ins are history.',
  ALREADY_EXITED: 'The person has already left the company.',
  ALREADY_CHURNED: 'The customer has already churned.',
  ADDRESS_BOUNCING: 'The recipient\'s mail server refuses this address; Rapport sends nothing more to it.',
  ADDRESS_UNSUBSCRIBED: 'The recipient unsubscribed from surveys and requests; asks are not sent to them.',
  ALREADY_QUEUED: 'The message is already waiting to be sent.',
  REFERRER_REQUIRED: 'A referral needs a referrer (an employee or a customer).',
  REFERRER_INACTIVE: 'The referrer has left or churned and can no longer refer.',
  SELF_REFERRAL: 'Nobody can refer themselves.',
  REFERRAL_CYCLE: 'The referral would make a loop in the referral chain.',
  ALREADY_REFERRED: 'This person already has a live referral.',
  ALREADY_CUSTOMER: 'This person is already a customer.',
  ALREADY_EMPLOYEE: 'This person already works here.',
  REFERRAL_DEPTH_EXCEEDED: 'The referral chain would grow deeper than the server allows.',
  REFERRAL_LINK_EXPIRED: 'The personal referral link has expired (or its promoter is no longer a customer).',
  REFERRAL_LINK_USED_UP: 'The personal referral link has brought in as many recommendations as it allows.',
  INVALID_TRANSITION: 'Not a possible next status from the current one; `extensions.allowed` lists the possible ones where there are any.',
  REOPEN_WINDOW_PASSED: 'The complaint was resolved or closed too long ago to be reopened (see `Complaint.reopenUntil`).',
  COMPLAINT_NOT_RESOLVED: 'Only a resolved complaint can get a recovery rating.',
  COMPLAINT_CLOSED: 'The complaint is closed; reopen it to continue the conversation.',
  THREAD_LINK_INVALID: 'The complaint link is unknown or was revoked (ask for a new one).',
  RECOVERY_ALREADY_RATED: 'How the complaint was handled has already been rated.',
  SURVEY_NOT_OPEN: 'The survey is not open (not yet opened, or closed).',
  QUESTIONS_LOCKED: 'The survey has opened or has responses; its questions, audience and anonymity can no longer change.',
  ALREADY_RESPONDED: 'This survey link has already been used to answer.',
  WRONG_AUDIENCE: 'The invitees are not of the survey audience (employees vs customers).',
  QUERY_TOO_COMPLEX: 'The document is too deep, too wide or too costly; ask for less in one request.',
  PAGE_SIZE_EXCEEDED: 'A page asked for more rows than the server allows.',
  SERVICE_UNAVAILABLE: 'The database is unreachable right now; retry after `extensions.retryAfterSeconds`.',
  SHUTTING_DOWN: 'This server instance is shutting down; nothing was done, retry.',
  IDEMPOTENCY_KEY_INVALID: 'The Idempotency-Key is not 8–255 visible ASCII characters.',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used for a different operation or variables.',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'The first request with this Idempotency-Key is still running; retry shortly.',
  IDEMPOTENCY_KEY_ANSWER_LOST: 'The request with this Idempotency-Key was carried out but its answer was not kept; read the current state.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; details are logged on the server with the request id, never sent.',
  // Produced before or around resolvers: by graphql-js, Apollo Server and the HTTP layer.
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not match the schema.',
  BAD_REQUEST: 'The HTTP request is malformed (for example a body that is not JSON).',
  PAYLOAD_TOO_LARGE: 'The HTTP request body is larger than the server accepts.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted-query hash is unknown; send the full document.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not supported by this server.',
  OPERATION_RESOLUTION_FAILURE: 'The document has several operations and none was named.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODE_DESCRIPTIONS;
export const ERROR_CODES = Object.keys(ERROR_CODE_DESCRIPTIONS) as ErrorCode[];

/** The codes as a schema enum. Nothing returns it: it documents `extensions.code` and feeds client codegen. */
export const ErrorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'Every value `errors[].extensions.code` can take. Switch on the code, never on the message.',
  values: Object.fromEntries(ERROR_CODES.map((code) => [code, { value: code, description: ERROR_CODE_DESCRIPTIONS[code] }])),
});
