import { graphql } from '../generated/index.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import type { PageInfoFieldsFragment } from '../generated/graphql.js';

export type { EmployeeStatus, ExitReason, SortDirection, EmployeeSortField as SortField, CreateEmployeeInput } from '../generated/graphql.js';


export type PageInfo = PageInfoFieldsFragment;

/** The selection every paged list asks for; matches `PageInfo`. */
export const PageInfoFields = graphql(`
  fragment PageInfoFields on PageInfo {
  hasNextPage hasPreviousPage startCursor endCursor
  }
`);

export type EmployeeRow = EmployeesData['employees']['edges'][number]['node'];

export type EmployeesVars = VariablesOf<typeof EmployeesQuery>;

export type EmployeesData = ResultOf<typeof EmployeesQuery>;

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

export type PickerOption = ResultOf<typeof EmployeePickerQuery>['employees']['edges'][number]['node'];

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

type CurrentRelationship = NonNullable<EmployeeDetail['currentRelationship']>;
export type ServiceAgreement = NonNullable<CurrentRelationship['serviceAgreement']>;

export type PersonRef = EmployeeDetail['leaderChain'][number];

export type RelationshipItem = EmployeeDetail['leadershipHistory'][number];

/** A dated check-in on a relationship (admins only). */
export type CheckIn = NonNullable<CurrentRelationship['checkIns']>[number];

/** An earlier service agreement, kept when it was replaced (admins only). */
export type AgreementVersion = NonNullable<CurrentRelationship['agreementHistory']>[number];

export type EmployeeDetail = NonNullable<ResultOf<typeof EmployeeQuery>['employee']>;

export const EmployeeQuery = graphql(`
  query Employee($id: ID!, $withAgreement: Boolean!) {
    employee(id: $id) {
      id
      name
      email
      language
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

export type ReportEdge = NonNullable<ResultOf<typeof ReportTreeQuery>['employee']>['allReports']['edges'][number];

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

export type AssignLeaderVars = VariablesOf<typeof AssignLeaderMutation>;

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
