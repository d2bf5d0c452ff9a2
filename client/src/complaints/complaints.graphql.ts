import { t } from '../i18n/index.js';
import { graphql } from '../generated/index.js';
import { humanEnum } from '../ui/format.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import type {
  ComplaintChannel,
  ComplaintDetailFieldsFragment,
  ComplaintEventKind,
  ComplaintRowFieldsFragment,
  ComplaintStatus,
  ImprovementFieldsFragment,
  Severity,
  SlaFieldsFragment,
  SlaState,
} from '../generated/graphql.js';

export type {
  ComplaintStatus,
  Severity,
  ComplaintChannel,
  SlaState,
  ImprovementStatus,
  ComplaintEventKind,
  ComplaintFilter,
  ComplaintSort,
  ComplaintSortField,
  CreateComplaintInput,
} from '../generated/graphql.js';


export const COMPLAINT_STATUSES: ComplaintStatus[] = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];
export const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const CHANNELS: ComplaintChannel[] = ['EMAIL', 'PHONE', 'WEB', 'CHAT', 'IN_PERSON', 'SURVEY_FOLLOW_UP', 'OTHER'];
export const SLA_STATES: SlaState[] = ['BREACHED', 'AT_RISK', 'ON_TRACK', 'PAUSED'];
/** Categories offered in forms; the server accepts any short text. */
export const CATEGORIES = ['product', 'billing', 'delivery', 'service', 'staff', 'other'];

/** A category in the app's language; a category the app does not know, as typed. */
export function categoryLabel(category: string | null | undefined): string {
  if (!category) return '—';
  return (CATEGORIES as readonly string[]).includes(category) ? t(`category.${category as 'product'}`) : humanEnum(category);
}

export type Sla = SlaFieldsFragment;

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

export type ComplaintRow = ComplaintRowFieldsFragment;

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


export type ComplaintsData = ResultOf<typeof ComplaintsQuery>;


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

export type ComplaintEvent = ComplaintDetail['timeline'][number];

export type Improvement = ImprovementFieldsFragment;

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

export type ComplaintDetail = ComplaintDetailFieldsFragment;

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
  allowedNextStatuses
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

export type MessageKind = Extract<ComplaintEventKind, 'CUSTOMER_MESSAGE' | 'STAFF_MESSAGE' | 'INTERNAL_NOTE'>;

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

export const AssignComplaintsMutation = graphql(`
  mutation AssignComplaints($complaintIds: [ID!]!, $assigneeId: ID) {
    assignComplaints(complaintIds: $complaintIds, assigneeId: $assigneeId) {
      ...ComplaintRowFields
    }
  }
`);

export const AcknowledgeComplaintsMutation = graphql(`
  mutation AcknowledgeComplaints($complaintIds: [ID!]!) {
    acknowledgeComplaints(complaintIds: $complaintIds) {
      ...ComplaintRowFields
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
