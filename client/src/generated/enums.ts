/** How a complaint reached us. */
export const ComplaintChannel = {
  /** Chat. */
  CHAT: 'CHAT',
  /** Email. */
  EMAIL: 'EMAIL',
  /** In person. */
  IN_PERSON: 'IN_PERSON',
  /** Anything else. */
  OTHER: 'OTHER',
  /** Phone. */
  PHONE: 'PHONE',
  /** Opened from a detractor answer in a survey. */
  SURVEY_FOLLOW_UP: 'SURVEY_FOLLOW_UP',
  /** The public complaint form. */
  WEB: 'WEB'
} as const;

export type ComplaintChannel = typeof ComplaintChannel[keyof typeof ComplaintChannel];
/** What a thread entry is. */
export const ComplaintEventKind = {
  /** Assignee changed (from → to). */
  ASSIGNED: 'ASSIGNED',
  /** The complainant was told about the shipped improvement. */
  COMPLAINANT_TOLD: 'COMPLAINANT_TOLD',
  /** A message from the customer. */
  CUSTOMER_MESSAGE: 'CUSTOMER_MESSAGE',
  /** Escalated to the assignee's leader after a breach. */
  ESCALATED: 'ESCALATED',
  /** Linked to an improvement. */
  IMPROVEMENT_LINKED: 'IMPROVEMENT_LINKED',
  /** The linked improvement shipped; the complainant is to be told. */
  IMPROVEMENT_SHIPPED: 'IMPROVEMENT_SHIPPED',
  /** A note for staff only; never shown to MONITOR or ANALYST viewers. */
  INTERNAL_NOTE: 'INTERNAL_NOTE',
  /** Waiting on the customer: the resolution clock stopped. */
  PAUSED: 'PAUSED',
  /** The customer rated how the complaint was handled. */
  RECOVERY_RATED: 'RECOVERY_RATED',
  /** No longer waiting on the customer. */
  RESUMED: 'RESUMED',
  /** An SLA target passed (toValue: FIRST_RESPONSE or RESOLUTION). */
  SLA_BREACHED: 'SLA_BREACHED',
  /** A reply to the customer (the first one stops the first-response timer). */
  STAFF_MESSAGE: 'STAFF_MESSAGE',
  /** Status moved (from → to). */
  STATUS_CHANGED: 'STATUS_CHANGED'
} as const;

export type ComplaintEventKind = typeof ComplaintEventKind[keyof typeof ComplaintEventKind];
/** Fields the complaint inbox can be sorted by. */
export const ComplaintSortField = {
  /** When it was received. */
  CREATED_AT: 'CREATED_AT',
  /** When the first response is due. */
  FIRST_RESPONSE_DUE_AT: 'FIRST_RESPONSE_DUE_AT',
  /** When resolution is due (most urgent first with ASC). */
  RESOLUTION_DUE_AT: 'RESOLUTION_DUE_AT'
} as const;

export type ComplaintSortField = typeof ComplaintSortField[keyof typeof ComplaintSortField];
/** NEW → ACKNOWLEDGED → IN_PROGRESS → RESOLVED → CLOSED; RESOLVED or CLOSED can be reopened (to IN_PROGRESS) within the reopen window. */
export const ComplaintStatus = {
  /** Seen and accepted by staff. */
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  /** Done. */
  CLOSED: 'CLOSED',
  /** Being worked on. */
  IN_PROGRESS: 'IN_PROGRESS',
  /** Received, not yet acknowledged. */
  NEW: 'NEW',
  /** Resolved, with a resolution; the customer may still reopen it. */
  RESOLVED: 'RESOLVED'
} as const;

export type ComplaintStatus = typeof ComplaintStatus[keyof typeof ComplaintStatus];
/** What happened to a customer. */
export const CustomerChangeKind = {
  /** The customer left. */
  CHURNED: 'CHURNED',
  /** Added by hand, by import, by a converted referral or by a first public complaint. */
  CREATED: 'CREATED',
  /** Name, email, company, segment or account owner changed. */
  UPDATED: 'UPDATED'
} as const;

export type CustomerChangeKind = typeof CustomerChangeKind[keyof typeof CustomerChangeKind];
/** Fields a customer list can be sorted by. */
export const CustomerSortField = {
  /** When the record was created. */
  CREATED_AT: 'CREATED_AT',
  /** Start of the relationship. */
  CUSTOMER_SINCE: 'CUSTOMER_SINCE',
  /** Name. */
  NAME: 'NAME'
} as const;

export type CustomerSortField = typeof CustomerSortField[keyof typeof CustomerSortField];
/** Whether a customer is still a customer. */
export const CustomerStatus = {
  /** A current customer. */
  ACTIVE: 'ACTIVE',
  /** Has left. */
  CHURNED: 'CHURNED'
} as const;

export type CustomerStatus = typeof CustomerStatus[keyof typeof CustomerStatus];
/** What happened to an employee. */
export const EmployeeChangeKind = {
  /** The employee was added. */
  CREATED: 'CREATED',
  /** The employee left. */
  EXITED: 'EXITED',
  /** Name, email, title, team or hire date changed. */
  UPDATED: 'UPDATED'
} as const;

export type EmployeeChangeKind = typeof EmployeeChangeKind[keyof typeof EmployeeChangeKind];
/** Fields an employee list can be sorted by. */
export const EmployeeSortField = {
  /** When the record was created. */
  CREATED_AT: 'CREATED_AT',
  /** Email address. */
  EMAIL: 'EMAIL',
  /** Start of employment. */
  HIRED_AT: 'HIRED_AT',
  /** Full name. */
  NAME: 'NAME'
} as const;

export type EmployeeSortField = typeof EmployeeSortField[keyof typeof EmployeeSortField];
/** Whether an employee still works here. */
export const EmployeeStatus = {
  /** Employed now. */
  ACTIVE: 'ACTIVE',
  /** Has left the company. */
  EXITED: 'EXITED'
} as const;

export type EmployeeStatus = typeof EmployeeStatus[keyof typeof EmployeeStatus];
/** Every value `errors[].extensions.code` can take. Switch on the code, never on the message. */
export const ErrorCode = {
  /** The recipient's mail server refuses this address; Rapport sends nothing more to it. */
  ADDRESS_BOUNCING: 'ADDRESS_BOUNCING',
  /** The recipient unsubscribed from surveys and requests; asks are not sent to them. */
  ADDRESS_UNSUBSCRIBED: 'ADDRESS_UNSUBSCRIBED',
  /** The customer has already churned. */
  ALREADY_CHURNED: 'ALREADY_CHURNED',
  /** This person is already a customer. */
  ALREADY_CUSTOMER: 'ALREADY_CUSTOMER',
  /** This person already works here. */
  ALREADY_EMPLOYEE: 'ALREADY_EMPLOYEE',
  /** The person has already left the company. */
  ALREADY_EXITED: 'ALREADY_EXITED',
  /** The message is already waiting to be sent. */
  ALREADY_QUEUED: 'ALREADY_QUEUED',
  /** This person already has a live referral. */
  ALREADY_REFERRED: 'ALREADY_REFERRED',
  /** This survey link has already been used to answer. */
  ALREADY_RESPONDED: 'ALREADY_RESPONDED',
  /** The HTTP request is malformed (for example a body that is not JSON). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A value the caller sent is wrong; `extensions.field` names it as a dotted path from the input root. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The complaint is closed; reopen it to continue the conversation. */
  COMPLAINT_CLOSED: 'COMPLAINT_CLOSED',
  /** Only a resolved complaint can get a recovery rating. */
  COMPLAINT_NOT_RESOLVED: 'COMPLAINT_NOT_RESOLVED',
  /** Another person already has this email address. */
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** The viewer's role may not use this field or operation. */
  FORBIDDEN: 'FORBIDDEN',
  /** The document is not valid GraphQL syntax. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not match the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The request with this Idempotency-Key was carried out but its answer was not kept; read the current state. */
  IDEMPOTENCY_KEY_ANSWER_LOST: 'IDEMPOTENCY_KEY_ANSWER_LOST',
  /** The Idempotency-Key is not 8–255 visible ASCII characters. */
  IDEMPOTENCY_KEY_INVALID: 'IDEMPOTENCY_KEY_INVALID',
  /** The first request with this Idempotency-Key is still running; retry shortly. */
  IDEMPOTENCY_KEY_IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
  /** The Idempotency-Key was used for a different operation or variables. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** An unexpected failure; details are logged on the server with the request id, never sent. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Not a possible next status from the current one; `extensions.allowed` lists the possible ones where there are any. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The assignment would make a reporting loop. */
  LEADER_CYCLE: 'LEADER_CYCLE',
  /** The chosen leader has left the company. */
  LEADER_EXITED: 'LEADER_EXITED',
  /** The person already has this leader. */
  LEADER_UNCHANGED: 'LEADER_UNCHANGED',
  /** The person has left the company and can no longer be assigned. */
  MEMBER_EXITED: 'MEMBER_EXITED',
  /** The id names nothing (or nothing this viewer may see); `extensions.field` names the argument. */
  NOT_FOUND: 'NOT_FOUND',
  /** The document has several operations and none was named. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** The relationship would overlap another one of the same person in time. */
  OVERLAPPING_RELATIONSHIP: 'OVERLAPPING_RELATIONSHIP',
  /** A page asked for more rows than the server allows. */
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  /** The HTTP request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The persisted-query hash is unknown; send the full document. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Persisted queries are not supported by this server. */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The document is too deep, too wide or too costly; ask for less in one request. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The survey has opened or has responses; its questions, audience and anonymity can no longer change. */
  QUESTIONS_LOCKED: 'QUESTIONS_LOCKED',
  /** Too many attempts from here; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** How the complaint was handled has already been rated. */
  RECOVERY_ALREADY_RATED: 'RECOVERY_ALREADY_RATED',
  /** The referral would make a loop in the referral chain. */
  REFERRAL_CYCLE: 'REFERRAL_CYCLE',
  /** The referral chain would grow deeper than the server allows. */
  REFERRAL_DEPTH_EXCEEDED: 'REFERRAL_DEPTH_EXCEEDED',
  /** The personal referral link has expired (or its promoter is no longer a customer). */
  REFERRAL_LINK_EXPIRED: 'REFERRAL_LINK_EXPIRED',
  /** The personal referral link has brought in as many recommendations as it allows. */
  REFERRAL_LINK_USED_UP: 'REFERRAL_LINK_USED_UP',
  /** The referrer has left or churned and can no longer refer. */
  REFERRER_INACTIVE: 'REFERRER_INACTIVE',
  /** A referral needs a referrer (an employee or a customer). */
  REFERRER_REQUIRED: 'REFERRER_REQUIRED',
  /** The leadership relationship has ended; its agreement and check-ins are history. */
  RELATIONSHIP_ENDED: 'RELATIONSHIP_ENDED',
  /** The complaint was resolved or closed too long ago to be reopened (see `Complaint.reopenUntil`). */
  REOPEN_WINDOW_PASSED: 'REOPEN_WINDOW_PASSED',
  /** Nobody can lead themselves. */
  SELF_LEADERSHIP: 'SELF_LEADERSHIP',
  /** Nobody can refer themselves. */
  SELF_REFERRAL: 'SELF_REFERRAL',
  /** The database is unreachable right now; retry after `extensions.retryAfterSeconds`. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** This server instance is shutting down; nothing was done, retry. */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** The survey is not open (not yet opened, or closed). */
  SURVEY_NOT_OPEN: 'SURVEY_NOT_OPEN',
  /** The move would put a team below itself. */
  TEAM_CYCLE: 'TEAM_CYCLE',
  /** Another team already has this name. */
  TEAM_NAME_TAKEN: 'TEAM_NAME_TAKEN',
  /** The complaint link is unknown or was revoked (ask for a new one). */
  THREAD_LINK_INVALID: 'THREAD_LINK_INVALID',
  /** No valid token or session, or wrong login credentials. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The invitees are not of the survey audience (employees vs customers). */
  WRONG_AUDIENCE: 'WRONG_AUDIENCE'
} as const;

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];
/** Why an employee left. */
export const ExitReason = {
  /** The company ended the employment. */
  DISMISSED: 'DISMISSED',
  /** Resigned and joined a competitor: the strongest trust-withdrawal signal. */
  LEFT_FOR_COMPETITOR: 'LEFT_FOR_COMPETITOR',
  /** Any other reason. */
  OTHER: 'OTHER',
  /** Resigned for another reason. */
  RESIGNED: 'RESIGNED',
  /** Retired. */
  RETIRED: 'RETIRED'
} as const;

export type ExitReason = typeof ExitReason[keyof typeof ExitReason];
/** What a heatmap column measures, and so the range of its values. */
export const HeatmapColumnKind = {
  /** NPS of an NPS question, −100..100. */
  NPS: 'NPS',
  /** Responses ÷ invitations, 0..1. */
  PARTICIPATION: 'PARTICIPATION',
  /** Mean of a rating question, 1..scaleMax. */
  RATING: 'RATING'
} as const;

export type HeatmapColumnKind = typeof HeatmapColumnKind[keyof typeof HeatmapColumnKind];
/** PLANNED → IN_PROGRESS → SHIPPED. */
export const ImprovementStatus = {
  /** Being built. */
  IN_PROGRESS: 'IN_PROGRESS',
  /** Decided, not started. */
  PLANNED: 'PLANNED',
  /** Shipped; complainants of linked complaints are to be told. */
  SHIPPED: 'SHIPPED'
} as const;

export type ImprovementStatus = typeof ImprovementStatus[keyof typeof ImprovementStatus];
/** What a survey link can do. */
export const InvitationState = {
  /** The survey or its wave is closed. */
  CLOSED: 'CLOSED',
  /** No such link. */
  UNKNOWN: 'UNKNOWN',
  /** Already answered (one response per invitation). */
  USED: 'USED',
  /** Can be answered. */
  VALID: 'VALID'
} as const;

export type InvitationState = typeof InvitationState[keyof typeof InvitationState];
/** Order of the leaders list; hidden or missing figures sort last either way, ties by name. */
export const LeaderSort = {
  /** By current direct reports. */
  DIRECT_REPORTS: 'DIRECT_REPORTS',
  /** By their reports' eNPS. */
  ENPS: 'ENPS',
  /** By people who left them for a competitor in the period. */
  EXITS_TO_COMPETITOR: 'EXITS_TO_COMPETITOR',
  /** By hires referred by everyone below them. */
  HIRE_REFERRALS: 'HIRE_REFERRALS',
  /** By leader NPS of the latest closed leadership wave. */
  LEADER_NPS: 'LEADER_NPS',
  /** By name. */
  NAME: 'NAME',
  /** By participation in that wave. */
  PARTICIPATION: 'PARTICIPATION'
} as const;

export type LeaderSort = typeof LeaderSort[keyof typeof LeaderSort];
/** What happened to a relationship. */
export const LeadershipChangeKind = {
  /** The service agreement changed. */
  AGREEMENT_UPDATED: 'AGREEMENT_UPDATED',
  /** A new relationship started. */
  ASSIGNED: 'ASSIGNED',
  /** A relationship ended (reassignment, exit or by an admin). */
  ENDED: 'ENDED'
} as const;

export type LeadershipChangeKind = typeof LeadershipChangeKind[keyof typeof LeadershipChangeKind];
/** Language of the emails Rapport sends a person (templates exist in German and English). */
export const MailLanguage = {
  /** German. */
  DE: 'DE',
  /** English. */
  EN: 'EN'
} as const;

export type MailLanguage = typeof MailLanguage[keyof typeof MailLanguage];
/** Where an outbound email stands. */
export const OutboxStatus = {
  /** Given up: a permanent SMTP error, or too many transient ones (see lastError). */
  FAILED: 'FAILED',
  /** Waiting to be sent (also while no SMTP server is configured). */
  PENDING: 'PENDING',
  /** Being sent by one instance right now. */
  SENDING: 'SENDING',
  /** Accepted by the SMTP server. */
  SENT: 'SENT',
  /** Not sent on purpose: the address unsubscribed from asks or bounces. */
  SUPPRESSED: 'SUPPRESSED'
} as const;

export type OutboxStatus = typeof OutboxStatus[keyof typeof OutboxStatus];
/** Why a promoter was not asked to refer. */
export const PromoterSkipReason = {
  /** Asked for this survey before (one ask per promoter and survey). */
  ALREADY_ASKED: 'ALREADY_ASKED',
  /** Has referred someone since answering: nothing to ask. */
  ALREADY_REFERRED: 'ALREADY_REFERRED',
  /** Their mail server refuses the address. */
  BOUNCING: 'BOUNCING',
  /** No longer a customer. */
  CHURNED: 'CHURNED',
  /** Asked something else (another survey, a referral ask) within RAPPORT_CONTACT_BUDGET_DAYS. */
  CONTACT_BUDGET: 'CONTACT_BUDGET',
  /** Used one-click unsubscribe: no more surveys or requests. */
  UNSUBSCRIBED: 'UNSUBSCRIBED'
} as const;

export type PromoterSkipReason = typeof PromoterSkipReason[keyof typeof PromoterSkipReason];
/** What a complainant sees in their thread: messages both ways and status changes (never internal notes). */
export const PublicThreadEntryKind = {
  /** A message of the complainant. */
  CUSTOMER_MESSAGE: 'CUSTOMER_MESSAGE',
  /** A reply from staff. */
  STAFF_MESSAGE: 'STAFF_MESSAGE',
  /** The status changed (see `status`). */
  STATUS_CHANGED: 'STATUS_CHANGED'
} as const;

export type PublicThreadEntryKind = typeof PublicThreadEntryKind[keyof typeof PublicThreadEntryKind];
/** Kind of question. */
export const QuestionType = {
  /** Free text. */
  FREE_TEXT: 'FREE_TEXT',
  /** Any of the options. */
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  /** 0–10 "would you recommend". */
  NPS: 'NPS',
  /** 1–5 or 1–7 scale. */
  RATING: 'RATING',
  /** One of the options. */
  SINGLE_CHOICE: 'SINGLE_CHOICE'
} as const;

export type QuestionType = typeof QuestionType[keyof typeof QuestionType];
/** What happened to a referral. */
export const ReferralChangeKind = {
  /** Became a customer or employee. */
  CONVERTED: 'CONVERTED',
  /** A new referral. */
  CREATED: 'CREATED',
  /** The referred person left inside the retention period; the referrer's rewards were reversed. */
  REWARDS_REVERSED: 'REWARDS_REVERSED',
  /** Engaged, rejected or expired. */
  STATUS_CHANGED: 'STATUS_CHANGED'
} as const;

export type ReferralChangeKind = typeof ReferralChangeKind[keyof typeof ReferralChangeKind];
/** What a referral is for. */
export const ReferralKind = {
  /** A new customer. */
  CUSTOMER: 'CUSTOMER',
  /** A new employee. */
  HIRE: 'HIRE'
} as const;

export type ReferralKind = typeof ReferralKind[keyof typeof ReferralKind];
/** Whether a personal referral link can be used. */
export const ReferralLinkState = {
  /** Past its expiry, or its promoter is no longer a customer. */
  EXPIRED: 'EXPIRED',
  /** No such link. */
  UNKNOWN: 'UNKNOWN',
  /** Has brought in as many recommendations as it allows. */
  USED_UP: 'USED_UP',
  /** Usable: the page takes recommendations. */
  VALID: 'VALID'
} as const;

export type ReferralLinkState = typeof ReferralLinkState[keyof typeof ReferralLinkState];
/** Where a referral stands: INVITED → ENGAGED → CONVERTED, or REJECTED / EXPIRED. */
export const ReferralStatus = {
  /** Became a customer or an employee. */
  CONVERTED: 'CONVERTED',
  /** In conversation (a sales call, an interview). */
  ENGAGED: 'ENGAGED',
  /** Went nowhere in time; the person may be referred again. */
  EXPIRED: 'EXPIRED',
  /** Recommended; not yet in conversation. */
  INVITED: 'INVITED',
  /** Declined by either side. */
  REJECTED: 'REJECTED'
} as const;

export type ReferralStatus = typeof ReferralStatus[keyof typeof ReferralStatus];
/** Why a leadership relationship ended. */
export const RelationshipEndReason = {
  /** Ended by an admin without a successor. */
  ENDED: 'ENDED',
  /** The leader left the company. */
  LEADER_EXITED: 'LEADER_EXITED',
  /** The member left the company. */
  MEMBER_EXITED: 'MEMBER_EXITED',
  /** The member got a new leader. */
  REASSIGNED: 'REASSIGNED'
} as const;

export type RelationshipEndReason = typeof RelationshipEndReason[keyof typeof RelationshipEndReason];
/** Which part of a staged referral reward. */
export const RewardStage = {
  /** Paid on conversion. */
  CONVERSION: 'CONVERSION',
  /** Paid when the new customer or hire is still there after the retention period. */
  RETENTION: 'RETENTION'
} as const;

export type RewardStage = typeof RewardStage[keyof typeof RewardStage];
/** State of one reward stage. */
export const RewardStatus = {
  /** Will not be paid: the person left inside the retention period. */
  CANCELLED: 'CANCELLED',
  /** Taken back: the person left inside the retention period. */
  CLAWED_BACK: 'CLAWED_BACK',
  /** Earned by the referrer. */
  EARNED: 'EARNED',
  /** Waiting for its due date. */
  PENDING: 'PENDING'
} as const;

export type RewardStatus = typeof RewardStatus[keyof typeof RewardStatus];
/** What a viewer may do. */
export const Role = {
  /** Everything, including changes and token management. */
  ADMIN: 'ADMIN',
  /** Read-only access for BI tools. */
  ANALYST: 'ANALYST',
  /** Kiosk access: only what a complaint board shows. */
  MONITOR: 'MONITOR'
} as const;

export type Role = typeof Role[keyof typeof Role];
/** How a scorecard item is scored. */
export const ScoreItemKind = {
  /** NPS, −100..100. */
  NPS: 'NPS',
  /** Mean rating, 1..scaleMax. */
  RATING: 'RATING'
} as const;

export type ScoreItemKind = typeof ScoreItemKind[keyof typeof ScoreItemKind];
/** What a search hit points at. */
export const SearchHitKind = {
  /** A complaint (found by subject or number). */
  COMPLAINT: 'COMPLAINT',
  /** A customer (found by name, email or company). */
  CUSTOMER: 'CUSTOMER',
  /** An employee (found by name or work email). */
  EMPLOYEE: 'EMPLOYEE',
  /** A referral (found by the referred person’s name or email). */
  REFERRAL: 'REFERRAL',
  /** A survey (found by title). */
  SURVEY: 'SURVEY',
  /** A team (found by name). */
  TEAM: 'TEAM'
} as const;

export type SearchHitKind = typeof SearchHitKind[keyof typeof SearchHitKind];
/** How urgent a complaint is; each severity has its SLA targets. */
export const Severity = {
  /** Critical. */
  CRITICAL: 'CRITICAL',
  /** High. */
  HIGH: 'HIGH',
  /** Low. */
  LOW: 'LOW',
  /** Medium. */
  MEDIUM: 'MEDIUM'
} as const;

export type Severity = typeof Severity[keyof typeof Severity];
/** Where a complaint stands against its SLA targets. */
export const SlaState = {
  /** A quarter or less of the current target window left. */
  AT_RISK: 'AT_RISK',
  /** A target passed unmet. */
  BREACHED: 'BREACHED',
  /** Resolved within its targets. */
  MET: 'MET',
  /** More than a quarter of the current target window left. */
  ON_TRACK: 'ON_TRACK',
  /** Waiting on the customer; the resolution clock stands still. */
  PAUSED: 'PAUSED'
} as const;

export type SlaState = typeof SlaState[keyof typeof SlaState];
/** Order of a sorted list. */
export const SortDirection = {
  /** Smallest first. */
  ASC: 'ASC',
  /** Largest first. */
  DESC: 'DESC'
} as const;

export type SortDirection = typeof SortDirection[keyof typeof SortDirection];
/** Why a figure is hidden (anonymity is enforced by the server for every client). */
export const SuppressionReason = {
  /** Fewer responses than the anonymity threshold (default 5). */
  BELOW_THRESHOLD: 'BELOW_THRESHOLD',
  /** Free-text comments need more responses (default 8). */
  COMMENTS_BELOW_THRESHOLD: 'COMMENTS_BELOW_THRESHOLD',
  /** Shown beside the other figures of its wave, it would let some sum or difference of shown figures depend on fewer respondents than the threshold. */
  DIFFERENCING: 'DIFFERENCING',
  /** The wave is still running: protected figures appear when it closes (until then only the whole wave's response count, in whole steps of the threshold). */
  WAVE_RUNNING: 'WAVE_RUNNING'
} as const;

export type SuppressionReason = typeof SuppressionReason[keyof typeof SuppressionReason];
/** Who answers a survey. */
export const SurveyAudience = {
  /** Customers (NPS, CSAT, CES). */
  CUSTOMERS: 'CUSTOMERS',
  /** Employees (engagement, leadership). */
  EMPLOYEES: 'EMPLOYEES'
} as const;

export type SurveyAudience = typeof SurveyAudience[keyof typeof SurveyAudience];
/** What kind of group a wave's figures are reported for. */
export const SurveyGroupKind = {
  /** A customer segment. */
  CUSTOMER_SEGMENT: 'CUSTOMER_SEGMENT',
  /** Every respondent of the wave. */
  EVERYONE: 'EVERYONE',
  /** The direct reports of a leader (leader at invitation time). */
  LEADER: 'LEADER',
  /** A team with its sub-teams (as frozen for the wave). */
  TEAM: 'TEAM',
  /** A tenure band. */
  TENURE_BAND: 'TENURE_BAND'
} as const;

export type SurveyGroupKind = typeof SurveyGroupKind[keyof typeof SurveyGroupKind];
/** What a survey measures. */
export const SurveyPurpose = {
  /** Customer effort. */
  CES: 'CES',
  /** Customer satisfaction. */
  CSAT: 'CSAT',
  /** Anything else. */
  CUSTOM: 'CUSTOM',
  /** Employee engagement (eNPS). */
  ENGAGEMENT: 'ENGAGEMENT',
  /** Upward feedback about the leader at invitation time. */
  LEADERSHIP: 'LEADERSHIP',
  /** Customer Net Promoter Score. */
  NPS: 'NPS'
} as const;

export type SurveyPurpose = typeof SurveyPurpose[keyof typeof SurveyPurpose];
/** DRAFT → OPEN → CLOSED; a closed survey accepts nothing. */
export const SurveyStatus = {
  /** Done. */
  CLOSED: 'CLOSED',
  /** Being written. */
  DRAFT: 'DRAFT',
  /** Accepting responses. */
  OPEN: 'OPEN'
} as const;

export type SurveyStatus = typeof SurveyStatus[keyof typeof SurveyStatus];
/** What an evaluation changed about a signal. */
export const TrustSignalChange = {
  /** Someone took it on and said what is being done. */
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  /** No rule fires any more. */
  CLEARED: 'CLEARED',
  /** The score fell; some rules still fire. */
  EASED: 'EASED',
  /** Rules started firing for the team. */
  RAISED: 'RAISED',
  /** The score rose or a new rule fired. */
  WORSENED: 'WORSENED'
} as const;

export type TrustSignalChange = typeof TrustSignalChange[keyof typeof TrustSignalChange];
/** How strong a trust-withdrawal signal is, from its score. */
export const TrustSignalLevel = {
  /** Score 6 or more: several precursors at once; act now. */
  CRITICAL: 'CRITICAL',
  /** Score 4–5: two precursors; talk to the team and its leader. */
  WARNING: 'WARNING',
  /** Score 2–3: one precursor; keep an eye on it. */
  WATCH: 'WATCH'
} as const;

export type TrustSignalLevel = typeof TrustSignalLevel[keyof typeof TrustSignalLevel];
/** A documented trust-withdrawal rule (see `trustSignalRules` for thresholds and evidence). */
export const TrustSignalRule = {
  /** Exits to competitors: At least 2 people of the team, and at least 10 % of its headcount, left for a competitor in the last 90 days. Only for teams of at least the anonymity threshold. */
  COMPETITOR_EXITS: 'COMPETITOR_EXITS',
  /** Detractors rising: The share of detractors (0–6) on the leader NPS or eNPS question rose by 10 percentage points or more from one wave to the next, and by more than one more detractor would make. */
  DETRACTORS_RISING: 'DETRACTORS_RISING',
  /** eNPS falling: The team's eNPS fell at each of the last two steps by 10 points or more in total, or by 20 or more in the last step — and by more than one person's answer could move it. */
  ENPS_FALLING: 'ENPS_FALLING',
  /** Leader NPS falling: The team's leader NPS fell at each of the last two wave-to-wave steps by 10 points or more in total, or by 20 or more in the last step alone — and by more than one person's answer could move it (200 ÷ responses points). Only waves shown under the anonymity rules count. */
  LEADER_NPS_FALLING: 'LEADER_NPS_FALLING',
  /** Participation falling: The team's participation in the latest survey wave is at least 15 % lower than the mean of up to three waves before it (and at least 10 points and more than one person lower), or fell below the anonymity threshold after a shown wave. */
  PARTICIPATION_FALLING: 'PARTICIPATION_FALLING'
} as const;

export type TrustSignalRule = typeof TrustSignalRule[keyof typeof TrustSignalRule];