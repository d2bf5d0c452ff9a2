import { graphql } from '../generated/index.js';

export type EmployeeStatus = 'ACTIVE' | 'EXITED';
export type ExitReason = 'LEFT_FOR_COMPETITOR' | 'RESIGNED' | 'DISMISSED' | 'RETIRED' | 'OTHER';
export type SortField = 'NAME' | 'EMAIL' | 'HIRED_AT' | 'CREATED_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The selection every paged list asks for; matches `PageInfo`. */
export const PageInfoFields = graphql(`
  fragment PageInfoFields on PageInfo {
  hasNextPage hasPreviousPage startCursor endCursor
  }
`);

export interface EmployeeRow {
  id: string;
  name: string;
  email: string;
  title: string | null;
  status: EmployeeStatus;
  hiredAt: string;
  exitedAt: string | null;
  team: { id: string; name: string } | null;
  leader: { id: string; name: string } | null;
}

export interface EmployeesVars {
  first: number;
  after?: string | null;
  filter?: { search?: string; teamId?: string; includeSubTeams?: boolean; leaderId?: string; status?: EmployeeStatus };
  sort?: { field: SortField; direction: SortDirection };
}

export interface EmployeesData {
  employees: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: EmployeeRow }> };
}

export const EmployeesQuery = graphql(`
  query Employees($first: Int!, $after: String, $filter: EmployeeFilter, $sort: EmployeeSort) {
    employees(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          id
          name
          email
          title
          status
          hiredAt
          exitedAt
          team {
            id
            name
          }
          leader {
            id
            name
          }
        }
      }
    }
  }
`);

export interface PickerOption {
  id: string;
  name: string;
  title: string | null;
  email: string;
  team: { id: string; name: string } | null;
}

export const EmployeePickerQuery = graphql(`
  query EmployeePicker($search: String, $status: EmployeeStatus) {
    employees(first: 8, filter: { search: $search, status: $status }) {
      totalCount
      edges {
        node {
          id
          name
          title
          email
          team {
            id
            name
          }
        }
      }
    }
  }
`);

export const EmployeeNameQuery = graphql(`
  query EmployeeName($id: ID!) {
    employee(id: $id) {
      id
      name
    }
  }
`);

export interface ServiceAgreement {
  strengths: string[];
  needs: string | null;
  goals: string | null;
  preferredStyle: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
  title: string | null;
}

export interface RelationshipItem {
  id: string;
  startedAt: string;
  endedAt: string | null;
  endReason: 'REASSIGNED' | 'ENDED' | 'MEMBER_EXITED' | 'LEADER_EXITED' | null;
  active: boolean;
  leader: PersonRef;
}

/** A dated check-in on a relationship (admins only). */
export interface CheckIn {
  id: string;
  heldOn: string;
  notes: string;
  actions: string[];
  recordedBy: string;
}

/** An earlier service agreement, kept when it was replaced (admins only). */
export interface AgreementVersion extends ServiceAgreement {
  replacedAt: string;
  replacedBy: string;
}

export interface EmployeeDetail {
  id: string;
  name: string;
  email: string;
  title: string | null;
  status: EmployeeStatus;
  hiredAt: string;
  exitedAt: string | null;
  exitReason: ExitReason | null;
  exitRegretted: boolean | null;
  updatedAt: string;
  team: { id: string; name: string } | null;
  leader: PersonRef | null;
  leaderChain: PersonRef[];
  currentRelationship: {
    id: string;
    startedAt: string;
    serviceAgreement?: ServiceAgreement;
    checkIns?: CheckIn[];
    agreementHistory?: AgreementVersion[];
  } | null;
  leadershipHistory: RelationshipItem[];
  reports: { totalCount: number };
}

export const EmployeeQuery = graphql(`
  query Employee($id: ID!, $withAgreement: Boolean!) {
    employee(id: $id) {
      id
      name
      email
      title
      status
      hiredAt
      exitedAt
      exitReason
      exitRegretted
      updatedAt
      team {
        id
        name
      }
      leader {
        id
        name
        title
      }
      leaderChain {
        id
        name
        title
      }
      currentRelationship {
        id
        startedAt
        serviceAgreement @include(if: $withAgreement) {
          strengths
          needs
          goals
          preferredStyle
        }
        checkIns @include(if: $withAgreement) {
          id
          heldOn
          notes
          actions
          recordedBy
        }
        agreementHistory @include(if: $withAgreement) {
          strengths
          needs
          goals
          preferredStyle
          replacedAt
          replacedBy
        }
      }
      leadershipHistory {
        id
        startedAt
        endedAt
        endReason
        active
        leader {
          id
          name
          title
        }
      }
      reports(first: 1) {
        totalCount
      }
    }
  }
`);

export interface ReportEdge {
  depth: number;
  leaderId: string;
  node: { id: string; name: string; title: string | null; status: EmployeeStatus; team: { id: string; name: string } | null };
}

export const ReportTreeQuery = graphql(`
  query ReportTree($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    employee(id: $id) {
      id
      allReports(first: $first, after: $after, maxDepth: $maxDepth) {
        totalCount
        pageInfo { ...PageInfoFields }
        edges {
          depth
          leaderId
          node {
            id
            name
            title
            status
            team {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export interface AssignLeaderVars {
  input: {
    memberId: string;
    leaderId: string;
    startedAt?: string;
    serviceAgreement?: ServiceAgreement;
  };
}

export const AssignLeaderMutation = graphql(`
  mutation AssignLeader($input: AssignLeaderInput!) {
    assignLeader(input: $input) {
      id
      startedAt
      leader {
        id
        name
      }
      member {
        id
        name
      }
    }
  }
`);

export const EndLeadershipMutation = graphql(`
  mutation EndLeadership($input: EndLeadershipInput!) {
    endLeadership(input: $input) {
      id
      endedAt
    }
  }
`);

export const UpdateServiceAgreementMutation = graphql(`
  mutation UpdateServiceAgreement($input: UpdateServiceAgreementInput!) {
    updateServiceAgreement(input: $input) {
      id
      serviceAgreement {
        strengths
        needs
        goals
        preferredStyle
      }
    }
  }
`);

export const RecordCheckInMutation = graphql(`
  mutation RecordCheckIn($input: RecordCheckInInput!) {
    recordCheckIn(input: $input) {
      id
      heldOn
      notes
      actions
      recordedBy
    }
  }
`);

export const RecordExitMutation = graphql(`
  mutation RecordExit($input: RecordExitInput!) {
    recordExit(input: $input) {
      id
      status
      exitedAt
      exitReason
      exitRegretted
    }
  }
`);

export interface CreateEmployeeInput {
  name: string;
  email: string;
  title?: string;
  teamId?: string;
  hiredAt?: string;
  leaderId?: string;
}

export const CreateEmployeeMutation = graphql(`
  mutation CreateEmployee($input: CreateEmployeeInput!) {
    createEmployee(input: $input) {
      id
      name
    }
  }
`);

export const EmployeeChangedSubscription = graphql(`
  subscription EmployeeChanged($id: ID) {
    employeeChanged(id: $id) {
      kind
      at
      employee {
        id
      }
    }
  }
`);

export const LeadershipChangedSubscription = graphql(`
  subscription LeadershipChanged($employeeId: ID) {
    leadershipChanged(employeeId: $employeeId) {
      kind
      at
      relationship {
        id
      }
    }
  }
`);
