import { graphql } from '../generated/index.js';
import { type PageInfo, type SortDirection } from '../people/people.graphql.js';

export type CustomerStatus = 'ACTIVE' | 'CHURNED';
export type CustomerSortField = 'NAME' | 'CUSTOMER_SINCE' | 'CREATED_AT';

export interface CustomerRow {
  id: string;
  name: string;
  email: string;
  company: string | null;
  segment: string | null;
  status: CustomerStatus;
  customerSince: string;
  accountOwner: { id: string; name: string } | null;
  referredBy: { id: string } | null;
}

export interface CustomersVars {
  first: number;
  after?: string | null;
  filter?: { search?: string; segment?: string; accountOwnerId?: string; status?: CustomerStatus };
  sort?: { field: CustomerSortField; direction: SortDirection };
}

export interface CustomersData {
  customers: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: CustomerRow }> };
}

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

export interface GenerationStats {
  generation: number;
  referrals: number;
  engaged: number;
  converted: number;
  referrers: number;
  conversionRate: number;
  invitesPerReferrer: number;
  kFactor: number;
}

export interface TreeStats {
  size: number;
  depth: number;
  converted: number;
  generations: GenerationStats[];
}

export interface CustomerDetail extends CustomerRow {
  churnedAt: string | null;
  churnReason: string | null;
  createdAt: string;
  referredBy: {
    id: string;
    status: string;
    invitedAt: string;
    root: { id: string };
    referrer: { __typename: 'Customer' | 'Employee'; id: string; name: string };
  } | null;
  referralStats: TreeStats;
  referralTree: { totalCount: number };
}

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      name
      email
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
        referrer {
          __typename
          ... on Customer {
            id
            name
          }
          ... on Employee {
            id
            name
          }
        }
      }
      referralStats(maxDepth: 50) {
        size
        depth
        converted
        generations {
          generation
          referrals
          engaged
          converted
          referrers
          conversionRate
          invitesPerReferrer
          kFactor
        }
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

export interface CreateCustomerInput {
  name: string;
  email: string;
  company?: string;
  segment?: string;
  accountOwnerId?: string;
  customerSince?: string;
}

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

export type CustomerChangeKind = 'CREATED' | 'UPDATED' | 'CHURNED';

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
