import { graphql } from '../generated/index.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import type { ChainNodeFieldsFragment, ReferralStatus, ReferrerFieldsFragment, RewardStatus } from '../generated/graphql.js';
import type { GenerationStats, TreeStats } from '../customers/customers.graphql.js';

export type { GenerationStats, TreeStats };
export type { ReferralKind, ReferralStatus, RewardStatus, RewardStage, ReferralFilter, CreateReferralInput, ConvertReferralInput } from '../generated/graphql.js';

export const REFERRAL_STATUSES: ReferralStatus[] = ['INVITED', 'ENGAGED', 'CONVERTED', 'REJECTED', 'EXPIRED'];
export const REWARD_STATUSES: RewardStatus[] = ['PENDING', 'EARNED', 'CANCELLED', 'CLAWED_BACK'];

export type ReferrerRef = ReferrerFieldsFragment;

/** Where a referrer's own page is. */
export function referrerPath(r: { __typename: 'Customer' | 'Employee'; id: string }): string {
  return r.__typename === 'Customer' ? `/customers/${r.id}` : `/people/${r.id}`;
}

const ReferrerFields = graphql(`
  fragment ReferrerFields on Referrer {
  __typename
  ... on Customer { id name }
  ... on Employee { id name }
  }
`);

export type ReferralRow = ReferralsData['referrals']['edges'][number]['node'];


export type ReferralsData = ResultOf<typeof ReferralsQuery>;

export const ReferralsQuery = graphql(`
  query Referrals($first: Int!, $after: String, $filter: ReferralFilter) {
    referrals(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          id
          kind
          status
          referredName
          referredEmail
          generation
          flags
          invitedAt
          referrer { ...ReferrerFields }
        }
      }
    }
  }
`);

export type Reward = ReferralDetail['rewards'][number];

export type ReferralDetail = NonNullable<ResultOf<typeof ReferralQuery>['referral']>;

export const ReferralQuery = graphql(`
  query Referral($id: ID!) {
    referral(id: $id) {
      id
      kind
      status
      allowedNextStatuses
      referredName
      referredEmail
      generation
      flags
      note
      invitedAt
      engagedAt
      convertedAt
      closedAt
      referrer { ...ReferrerFields }
      parent {
        id
      }
      root {
        id
        referredName
      }
      convertedCustomer {
        id
        name
      }
      convertedEmployee {
        id
        name
      }
      ancestors(first: 100) {
        totalCount
        edges {
          depth
          node {
            id
            referredName
            status
            referrer { ...ReferrerFields }
          }
        }
      }
      rewards {
        id
        stage
        amount
        status
        dueAt
        earnedAt
        reversedAt
        reversalReason
      }
    }
  }
`);

/** One node of a drawn referral tree. */
export type ChainNode = ChainNodeFieldsFragment;

export type ChainEdge = ChainPage['edges'][number];

export type ChainPage = NonNullable<ResultOf<typeof ReferralChainQuery>['referral']>['root']['descendants'];

const ChainNodeFields = graphql(`
  fragment ChainNodeFields on Referral {
  id
  referredName
  status
  kind
  generation
  engagedAt
  parent {
    id
  }
  }
`);

const TreeStatsFields = graphql(`
  fragment TreeStatsFields on ReferralTreeStats {
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
`);

export type ChainVars = VariablesOf<typeof ReferralChainQuery>;

/** A whole referral tree: its root, a page of descendants, and the tree's figures. */
export const ReferralChainQuery = graphql(`
  query ReferralChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    referral(id: $id) {
      ...ChainNodeFields
      root {
        ...ChainNodeFields
        tree {
          ...TreeStatsFields
        }
        descendants(maxDepth: $maxDepth, first: $first, after: $after) {
          totalCount
          pageInfo { ...PageInfoFields }
          edges {
            depth
            node {
              ...ChainNodeFields
            }
          }
        }
      }
    }
  }
`);

/** Everything one customer set off (their referrals and all below). */
export const CustomerChainQuery = graphql(`
  query CustomerChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    customer(id: $id) {
      id
      name
      referralStats(maxDepth: $maxDepth) {
        ...TreeStatsFields
      }
      referralTree(maxDepth: $maxDepth, first: $first, after: $after) {
        totalCount
        pageInfo { ...PageInfoFields }
        edges {
          depth
          node {
            ...ChainNodeFields
          }
        }
      }
    }
  }
`);

/** Everything one employee set off. */
export const EmployeeChainQuery = graphql(`
  query EmployeeChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    employee(id: $id) {
      id
      name
      referralStats(maxDepth: $maxDepth) {
        ...TreeStatsFields
      }
      referralTree(maxDepth: $maxDepth, first: $first, after: $after) {
        totalCount
        pageInfo { ...PageInfoFields }
        edges {
          depth
          node {
            ...ChainNodeFields
          }
        }
      }
    }
  }
`);

export type Funnel = ResultOf<typeof ReferralOverviewQuery>['referralFunnel'];

export type LeaderboardEntry = ResultOf<typeof ReferralOverviewQuery>['referralLeaderboard'][number];

export const ReferralOverviewQuery = graphql(`
  query ReferralOverview($kind: ReferralKind, $invitedFrom: DateTimeISO, $invitedTo: DateTimeISO) {
    referralFunnel(kind: $kind, invitedFrom: $invitedFrom, invitedTo: $invitedTo) {
      invited
      engaged
      converted
      rejected
      expired
    }
    referralGenerations(kind: $kind) {
      generation
      referrals
      engaged
      converted
      referrers
      conversionRate
      invitesPerReferrer
      kFactor
    }
    referralLeaderboard(kind: $kind, first: 10) {
      rank
      referrals
      converted
      downstreamReferrals
      downstreamConverted
      referrer { ...ReferrerFields }
    }
  }
`);

/** A ledger line: the reward and the referral it pays for. */
export type LedgerReward = ResultOf<typeof ReferralRewardsQuery>['referralRewards']['edges'][number]['node'];

export const ReferralRewardsQuery = graphql(`
  query ReferralRewards($first: Int!, $after: String, $filter: RewardFilter) {
    referralRewards(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          id
          stage
          amount
          status
          dueAt
          earnedAt
          reversedAt
          reversalReason
          referral {
            id
            referredName
            referrer { ...ReferrerFields }
          }
        }
      }
    }
  }
`);


export const ReferrerSearchQuery = graphql(`
  query ReferrerSearch($search: String) {
    customers(first: 6, filter: { search: $search, status: ACTIVE }) {
      edges {
        node {
          __typename
          id
          name
          email
          company
        }
      }
    }
    employees(first: 6, filter: { search: $search, status: ACTIVE }) {
      edges {
        node {
          __typename
          id
          name
          email
          title
        }
      }
    }
  }
`);


export const CreateReferralMutation = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      flags
    }
  }
`);

export const UpdateReferralStatusMutation = graphql(`
  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {
    updateReferralStatus(input: $input) {
      id
      status
      engagedAt
      closedAt
    }
  }
`);


export const ConvertReferralMutation = graphql(`
  mutation ConvertReferral($input: ConvertReferralInput!) {
    convertReferral(input: $input) {
      id
      status
      convertedAt
      convertedCustomer {
        id
      }
      convertedEmployee {
        id
      }
    }
  }
`);

export const ReferralChangedSubscription = graphql(`
  subscription ReferralChanged($rootId: ID) {
    referralChanged(rootId: $rootId) {
      kind
      at
      referral {
        id
        status
      }
    }
  }
`);

export type EmployeeReferrals = NonNullable<ResultOf<typeof EmployeeReferralsQuery>['employee']>;

export const EmployeeReferralsQuery = graphql(`
  query EmployeeReferrals($id: ID!) {
    employee(id: $id) {
      id
      name
      referredBy {
        id
        referredName
        referrer { ...ReferrerFields }
      }
      referralStats(maxDepth: 50) {
        size
        depth
        converted
      }
      teamHireReferrals {
        referrals
        converted
        referrers
      }
      reports(first: 1) {
        totalCount
      }
    }
  }
`);
