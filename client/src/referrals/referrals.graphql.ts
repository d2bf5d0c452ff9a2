import { graphql } from '../generated/index.js';
import { type PageInfo } from '../people/people.graphql.js';
import type { GenerationStats, TreeStats } from '../customers/customers.graphql.js';

export type { GenerationStats, TreeStats };
export type ReferralKind = 'CUSTOMER' | 'HIRE';
export type ReferralStatus = 'INVITED' | 'ENGAGED' | 'CONVERTED' | 'REJECTED' | 'EXPIRED';
export type RewardStatus = 'PENDING' | 'EARNED' | 'CANCELLED' | 'CLAWED_BACK';
export type RewardStage = 'CONVERSION' | 'RETENTION';

export const REFERRAL_STATUSES: ReferralStatus[] = ['INVITED', 'ENGAGED', 'CONVERTED', 'REJECTED', 'EXPIRED'];
export const REWARD_STATUSES: RewardStatus[] = ['PENDING', 'EARNED', 'CANCELLED', 'CLAWED_BACK'];

export interface ReferrerRef {
  __typename: 'Customer' | 'Employee';
  id: string;
  name: string;
}

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

export interface ReferralRow {
  id: string;
  kind: ReferralKind;
  status: ReferralStatus;
  referredName: string;
  referredEmail: string;
  generation: number;
  flags: string[];
  invitedAt: string;
  referrer: ReferrerRef;
}

export interface ReferralFilter {
  kind?: ReferralKind;
  status?: ReferralStatus[];
  referrerCustomerId?: string;
  referrerEmployeeId?: string;
  rootId?: string;
  invitedFrom?: string;
  invitedTo?: string;
  flagged?: boolean;
  search?: string;
}

export interface ReferralsData {
  referrals: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: ReferralRow }> };
}

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

export interface Reward {
  id: string;
  stage: RewardStage;
  amount: number;
  status: RewardStatus;
  dueAt: string;
  earnedAt: string | null;
  reversedAt: string | null;
  reversalReason: string | null;
}

export interface ReferralDetail extends ReferralRow {
  note: string | null;
  engagedAt: string | null;
  convertedAt: string | null;
  closedAt: string | null;
  parent: { id: string } | null;
  root: { id: string; referredName: string };
  convertedCustomer: { id: string; name: string } | null;
  convertedEmployee: { id: string; name: string } | null;
  ancestors: { totalCount: number; edges: Array<{ depth: number; node: { id: string; referredName: string; status: ReferralStatus } & { referrer: ReferrerRef } }> };
  rewards: Reward[];
}

export const ReferralQuery = graphql(`
  query Referral($id: ID!) {
    referral(id: $id) {
      id
      kind
      status
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
export interface ChainNode {
  id: string;
  referredName: string;
  status: ReferralStatus;
  kind: ReferralKind;
  generation: number;
  engagedAt: string | null;
  parent: { id: string } | null;
}

export interface ChainEdge {
  depth: number;
  node: ChainNode;
}

export interface ChainPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: ChainEdge[];
}

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

export interface ChainVars {
  id: string;
  first: number;
  after?: string | null;
  maxDepth: number;
}

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

export interface Funnel {
  invited: number;
  engaged: number;
  converted: number;
  rejected: number;
  expired: number;
}

export interface LeaderboardEntry {
  rank: number;
  referrer: ReferrerRef;
  referrals: number;
  converted: number;
  downstreamReferrals: number;
  downstreamConverted: number;
}

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
export interface LedgerReward extends Reward {
  referral: { id: string; referredName: string; referrer: ReferrerRef | null };
}

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

export interface ReferrerOption {
  __typename: 'Customer' | 'Employee';
  id: string;
  name: string;
  email: string;
}

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

export interface CreateReferralInput {
  kind: ReferralKind;
  referrerCustomerId?: string;
  referrerEmployeeId?: string;
  referredName: string;
  referredEmail: string;
  note?: string;
}

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

export interface ConvertReferralInput {
  referralId: string;
  customer?: { company?: string; segment?: string; accountOwnerId?: string };
  employee?: { title?: string; teamId?: string; leaderId?: string; hiredAt?: string };
}

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

export interface EmployeeReferrals {
  id: string;
  name: string;
  referredBy: { id: string; referredName: string; referrer: ReferrerRef } | null;
  referralStats: { size: number; depth: number; converted: number };
  teamHireReferrals: { referrals: number; converted: number; referrers: number };
  reports: { totalCount: number };
}

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
