import { graphql } from '../generated/index.js';
import { type PageInfo } from '../people/people.graphql.js';

export type ComplaintStatus = 'NEW' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type ComplaintChannel = 'EMAIL' | 'PHONE' | 'WEB' | 'CHAT' | 'IN_PERSON' | 'SURVEY_FOLLOW_UP' | 'OTHER';
export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED' | 'PAUSED' | 'MET';
export type ImprovementStatus = 'PLANNED' | 'IN_PROGRESS' | 'SHIPPED';
export type ComplaintEventKind =
  | 'CUSTOMER_MESSAGE'
  | 'STAFF_MESSAGE'
  | 'INTERNAL_NOTE'
  | 'STATUS_CHANGED'
  | 'ASSIGNED'
  | 'PAUSED'
  | 'RESUMED'
  | 'SLA_BREACHED'
  | 'ESCALATED'
  | 'IMPROVEMENT_LINKED'
  | 'IMPROVEMENT_SHIPPED'
  | 'COMPLAINANT_TOLD'
  | 'RECOVERY_RATED';

export const COMPLAINT_STATUSES: ComplaintStatus[] = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];
export const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const CHANNELS: ComplaintChannel[] = ['EMAIL', 'PHONE', 'WEB', 'CHAT', 'IN_PERSON', 'SURVEY_FOLLOW_UP', 'OTHER'];
export const SLA_STATES: SlaState[] = ['BREACHED', 'AT_RISK', 'ON_TRACK', 'PAUSED'];
/** Categories offered in forms; the server accepts any short text. */
export const CATEGORIES = ['product', 'billing', 'delivery', 'service', 'staff', 'other'];

/**
 * The server's state machine (server/src/complaints/complaint.service.ts TRANSITIONS):
 * IN_PROGRESS from RESOLVED or CLOSED is a reopen.
 */
export const NEXT_STATUSES: Record<ComplaintStatus, ComplaintStatus[]> = {
  NEW: ['ACKNOWLEDGED'],
  ACKNOWLEDGED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: ['IN_PROGRESS'],
};

export interface Sla {
  state: SlaState;
  firstResponseDueAt: string;
  firstResponseAt: string | null;
  firstResponseBreached: boolean;
  resolutionDueAt: string;
  resolutionBreached: boolean;
  remainingSeconds: number | null;
  nextDueAt: string | null;
}

const SlaFields = graphql(`
  fragment SlaFields on ComplaintSla {
    state
    firstResponseDueAt
    firstResponseAt
    firstResponseBreached
    resolutionDueAt
    resolutionBreached
    remainingSeconds
    nextDueAt
    atRiskAt
  }
`);

export interface ComplaintRow {
  id: string;
  number: string;
  subject: string;
  category: string;
  severity: Severity;
  status: ComplaintStatus;
  channel: ComplaintChannel;
  waitingOnCustomer: boolean;
  createdAt: string;
  customer: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  sla: Sla;
}

const ComplaintRowFields = graphql(`
  fragment ComplaintRowFields on Complaint {
  id
  number
  subject
  category
  severity
  status
  channel
  waitingOnCustomer
  createdAt
  customer {
    id
    name
  }
  assignee {
    id
    name
  }
  sla { ...SlaFields }
  }
`);

export interface ComplaintFilter {
  status?: ComplaintStatus[];
  severity?: Severity[];
  assigneeId?: string;
  teamId?: string;
  customerId?: string;
  category?: string;
  slaState?: SlaState;
  search?: string;
}

export interface ComplaintsData {
  complaints: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: ComplaintRow }> };
}

/** Inbox orders the server supports (keyset pagination on one column). */
export type ComplaintSortField = 'CREATED_AT' | 'RESOLUTION_DUE_AT' | 'FIRST_RESPONSE_DUE_AT';
export interface ComplaintSort {
  field: ComplaintSortField;
  direction: 'ASC' | 'DESC';
}

export const ComplaintsQuery = graphql(`
  query Complaints($first: Int!, $after: String, $filter: ComplaintFilter, $sort: ComplaintSort) {
    complaints(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          ...ComplaintRowFields
        }
      }
    }
  }
`);

export interface ComplaintEvent {
  id: string;
  kind: ComplaintEventKind;
  body: string | null;
  fromValue: string | null;
  toValue: string | null;
  actor: string;
  /** The actor by name (employee, customer, "Rapport" for the system). */
  actorName: string;
  createdAt: string;
}

export interface Improvement {
  id: string;
  title: string;
  description: string | null;
  status: ImprovementStatus;
  shippedAt: string | null;
  createdAt: string;
}

const ImprovementFields = graphql(`
  fragment ImprovementFields on Improvement {
  id
  title
  description
  status
  shippedAt
  createdAt
  }
`);

export interface ComplaintDetail extends ComplaintRow {
  description: string;
  resolution: string | null;
  rootCause: string | null;
  reopenCount: number;
  toBeToldSince: string | null;
  complainantToldAt: string | null;
  recoveryRating: number | null;
  recoveryComment: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Until when a resolved or closed complaint can be reopened; null while open. */
  reopenUntil: string | null;
  team: { id: string; name: string } | null;
  escalatedTo: { id: string; name: string } | null;
  improvement: Improvement | null;
  timeline: ComplaintEvent[];
}

const ComplaintDetailFields = graphql(`
  fragment ComplaintDetailFields on Complaint {
  ...ComplaintRowFields
  description
  resolution
  rootCause
  reopenCount
  toBeToldSince
  complainantToldAt
  recoveryRating
  recoveryComment
  resolvedAt
  closedAt
  reopenUntil
  team {
    id
    name
  }
  escalatedTo {
    id
    name
  }
  improvement {
    ...ImprovementFields
  }
  timeline {
    id
    kind
    body
    fromValue
    toValue
    actor
    actorName
    createdAt
  }
  }
`);

export const ComplaintQuery = graphql(`
  query Complaint($id: ID!) {
    complaint(id: $id) {
      ...ComplaintDetailFields
    }
  }
`);

export interface CreateComplaintInput {
  customerId: string;
  subject: string;
  description: string;
  category: string;
  severity: Severity;
  channel: ComplaintChannel;
  assigneeId?: string;
  teamId?: string;
}

export const CreateComplaintMutation = graphql(`
  mutation CreateComplaint($input: CreateComplaintInput!) {
    createComplaint(input: $input) {
      ...ComplaintRowFields
    }
  }
`);

export const ChangeComplaintStatusMutation = graphql(`
  mutation ChangeComplaintStatus($input: ChangeComplaintStatusInput!) {
    changeComplaintStatus(input: $input) {
      ...ComplaintDetailFields
    }
  }
`);

export type MessageKind = 'CUSTOMER_MESSAGE' | 'STAFF_MESSAGE' | 'INTERNAL_NOTE';

export const AddComplaintMessageMutation = graphql(`
  mutation AddComplaintMessage($input: AddComplaintMessageInput!) {
    addComplaintMessage(input: $input) {
      ...ComplaintDetailFields
    }
  }
`);

export const SetWaitingOnCustomerMutation = graphql(`
  mutation SetWaitingOnCustomer($complaintId: ID!, $waiting: Boolean!) {
    setWaitingOnCustomer(complaintId: $complaintId, waiting: $waiting) {
      ...ComplaintDetailFields
    }
  }
`);

export const AssignComplaintMutation = graphql(`
  mutation AssignComplaint($complaintId: ID!, $assigneeId: ID, $teamId: ID) {
    assignComplaint(complaintId: $complaintId, assigneeId: $assigneeId, teamId: $teamId) {
      ...ComplaintDetailFields
    }
  }
`);

export const LinkImprovementMutation = graphql(`
  mutation LinkImprovement($complaintId: ID!, $improvementId: ID) {
    linkImprovement(complaintId: $complaintId, improvementId: $improvementId) {
      ...ComplaintDetailFields
    }
  }
`);

export const MarkComplainantToldMutation = graphql(`
  mutation MarkComplainantTold($complaintId: ID!) {
    markComplainantTold(complaintId: $complaintId) {
      ...ComplaintDetailFields
    }
  }
`);

export const RecordRecoveryMutation = graphql(`
  mutation RecordRecovery($input: RecoveryRatingInput!) {
    recordRecoverySatisfaction(input: $input) {
      ...ComplaintDetailFields
    }
  }
`);

export const ImprovementsQuery = graphql(`
  query Improvements($status: ImprovementStatus) {
    improvements(status: $status) {
      ...ImprovementFields
    }
  }
`);

export const CreateImprovementMutation = graphql(`
  mutation CreateImprovement($input: CreateImprovementInput!) {
    createImprovement(input: $input) {
      ...ImprovementFields
    }
  }
`);

export const SetImprovementStatusMutation = graphql(`
  mutation SetImprovementStatus($improvementId: ID!, $status: ImprovementStatus!) {
    setImprovementStatus(improvementId: $improvementId, status: $status) {
      ...ImprovementFields
    }
  }
`);

export const ComplaintChangedSubscription = graphql(`
  subscription ComplaintChanged($complaintId: ID) {
    complaintChanged(complaintId: $complaintId) {
      kind
      at
      complaint {
        id
      }
    }
  }
`);

export const SubmitComplaintMutation = graphql(`
  mutation SubmitComplaint($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) {
      number
      receivedAt
    }
  }
`);
