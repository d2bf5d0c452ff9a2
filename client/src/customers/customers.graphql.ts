import { graphql } from '../generated/index.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import type { TreeStatsFieldsFragment } from '../generated/graphql.js';

export type { CustomerStatus, CustomerSortField, CustomerChangeKind, CreateCustomerInput } from '../generated/graphql.js';


export type CustomerRow = CustomersData['customers']['edges'][number]['node'];

export type CustomersVars = VariablesOf<typeof CustomersQuery>;

export type CustomersData = ResultOf<typeof CustomersQuery>;

export const CustomersQuery = graphql(`
  query Customers($first: Int!, $after: String, $filter: CustomerFilter, $sort: CustomerSort) {
    customers(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          id
          name
          email
          company
          segment
          status
          customerSince
          accountOwner {
            id
            name
          }
          referredBy {
            id
          }
        }
      }
    }
  }
`);

export type GenerationStats = TreeStats['generations'][number];

export type TreeStats = TreeStatsFieldsFragment;

export type CustomerDetail = NonNullable<ResultOf<typeof CustomerQuery>['customer']>;

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      name
      email
      language
      company
      segment
      status
      customerSince
      churnedAt
      churnReason
      createdAt
      accountOwner {
        id
        name
      }
      referredBy {
        id
        status
        invitedAt
        root {
          id
        }
        referrer { ...ReferrerFields }
      }
      referralStats(maxDepth: 50) {
        ...TreeStatsFields
      }
      referralTree(first: 1, maxDepth: 1) {
        totalCount
      }
    }
  }
`);

export const CustomerNameQuery = graphql(`
  query CustomerName($id: ID!) {
    customer(id: $id) {
      id
      name
    }
  }
`);


export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
    }
  }
`);

export const RecordChurnMutation = graphql(`
  mutation RecordChurn($input: RecordChurnInput!) {
    recordChurn(input: $input) {
      id
      status
      churnedAt
      churnReason
    }
  }
`);


export const CustomerChangedSubscription = graphql(`
  subscription CustomerChanged($customerId: ID) {
    customerChanged(customerId: $customerId) {
      kind
      at
      customer {
        id
        status
      }
    }
  }
`);
