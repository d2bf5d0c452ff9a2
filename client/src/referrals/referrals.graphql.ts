import { gql } from 'urql';
import { PAGE_INFO, type PageInfo } from '../people/people.graphql.js';
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

const REFERRER = `
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
`;

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

export const ReferralsQuery = gql<ReferralsData, { first: number; after?: string | null; filter?: ReferralFilter }>`
  query Referrals($first: Int!, $after: String, $filter: ReferralFilter) {
    referrals(first: $first, after: $after, filter: $filter) {
      totalCount
      ${PAGE_INFO}
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
          ${REFERRER}
        }
      }
    }
  }
`;

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

export const ReferralQuery = gql<{ referral: ReferralDetail }, { id: string }>`
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
      ${REFERRER}
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
            ${REFERRER}
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
`;

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

const CHAIN_NODE = `
  id
  referredName
  status
  kind
  generation
  engagedAt
  parent {
    id
  }
`;

const STATS = `
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
`;

export interface ChainVars {
  id: string;
  first: number;
  after?: string | null;
  maxDepth: number;
}

/** A whole referral tree: its root, a page of descendants, and the tree's figures. */
export const ReferralChainQuery = gql<{ referral: ChainNode & { root: ChainNode & { tree: TreeStats; descendants: ChainPage } } }, ChainVars>`
  query ReferralChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    referral(id: $id) {
      ${CHAIN_NODE}
      root {
        ${CHAIN_NODE}
        tree {
          ${STATS}
        }
        descendants(maxDepth: $maxDepth, first: $first, after: $after) {
          totalCount
          ${PAGE_INFO}
          edges {
            depth
            node {
              ${CHAIN_NODE}
            }
          }
        }
      }
    }
  }
`;

/** Everything one customer set off (their referrals and all below). */
export const CustomerChainQuery = gql<{ customer: { id: string; name: string; referralStats: TreeStats; referralTree: ChainPage } }, ChainVars>`
  query CustomerChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    customer(id: $id) {
      id
      name
      referralStats(maxDepth: $maxDepth) {
        ${STATS}
      }
      referralTree(maxDepth: $maxDepth, first: $first, after: $after) {
        totalCount
        ${PAGE_INFO}
        edges {
          depth
          node {
            ${CHAIN_NODE}
          }
        }
      }
    }
  }
`;

/** Everything one employee set off. */
export const EmployeeChainQuery = gql<{ employee: { id: string; name: string; referralStats: TreeStats; referralTree: ChainPage } }, ChainVars>`
  query EmployeeChain($id: ID!, $first: Int!, $after: String, $maxDepth: Int!) {
    employee(id: $id) {
      id
      name
      referralStats(maxDepth: $maxDepth) {
        ${STATS}
      }
      referralTree(maxDepth: $maxDepth, first: $first, after: $after) {
        totalCount
        ${PAGE_INFO}
        edges {
          depth
          node {
            ${CHAIN_NODE}
          }
        }
      }
    }
  }
`;

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

export const ReferralOverviewQuery = gql<
  { referralFunnel: Funnel; referralGenerations: GenerationStats[]; referralLeaderboard: LeaderboardEntry[] },
  { kind?: ReferralKind; invitedFrom?: string; invitedTo?: string }
>`
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
      ${REFERRER}
    }
  }
`;

/** A ledger line: the reward and the referral it pays for. */
export interface LedgerReward extends Reward {
  referral: { id: string; referredName: string; referrer: ReferrerRef | null };
}

export const ReferralRewardsQuery = gql<
  { referralRewards: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: LedgerReward }> } },
  { first: number; after?: string | null; filter?: { status?: RewardStatus[] } }
>`
  query ReferralRewards($first: Int!, $after: String, $filter: RewardFilter) {
    referralRewards(first: $first, after: $after, filter: $filter) {
      totalCount
      ${PAGE_INFO}
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
            ${REFERRER}
          }
        }
      }
    }
  }
`;

export interface ReferrerOption {
  __typename: 'Customer' | 'Employee';
  id: string;
  name: string;
  email: string;
}

export const ReferrerSearchQuery = gql<
  { customers: { edges: Array<{ node: ReferrerOption & { company: string | null } }> }; employees: { edges: Array<{ node: ReferrerOption & { title: string | null } }> } },
  { search: string }
>`
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
`;

export interface CreateReferralInput {
  kind: ReferralKind;
  referrerCustomerId?: string;
  referrerEmployeeId?: string;
  referredName: string;
  referredEmail: string;
  note?: string;
}

export const CreateReferralMutation = gql<{ createReferral: { id: string; flags: string[] } }, { input: CreateReferralInput }>`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      flags
    }
  }
`;

export const UpdateReferralStatusMutation = gql<
  { updateReferralStatus: { id: string; status: ReferralStatus } },
  { input: { referralId: string; status: 'ENGAGED' | 'REJECTED' | 'EXPIRED' } }
>`
  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {
    updateReferralStatus(input: $input) {
      id
      status
      engagedAt
      closedAt
    }
  }
`;

export interface ConvertReferralInput {
  referralId: string;
  customer?: { company?: string; segment?: string; accountOwnerId?: string };
  employee?: { title?: string; teamId?: string; leaderId?: string; hiredAt?: string };
}

export const ConvertReferralMutation = gql<
  { convertReferral: { id: string; status: ReferralStatus; convertedCustomer: { id: string } | null; convertedEmployee: { id: string } | null } },
  { input: ConvertReferralInput }
>`
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
`;

export const ReferralChangedSubscription = gql<
  { referralChanged: { kind: string; at: string; referral: { id: string; status: ReferralStatus } } },
  { rootId?: string }
>`
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
`;

export interface EmployeeReferrals {
  id: string;
  name: string;
  referredBy: { id: string; referredName: string; referrer: ReferrerRef } | null;
  referralStats: { size: number; depth: number; converted: number };
  teamHireReferrals: { referrals: number; converted: number; referrers: number };
  reports: { totalCount: number };
}

export const EmployeeReferralsQuery = gql<{ employee: EmployeeReferrals }, { id: string }>`
  query EmployeeReferrals($id: ID!) {
    employee(id: $id) {
      id
      name
      referredBy {
        id
        referredName
        ${REFERRER}
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
`;
