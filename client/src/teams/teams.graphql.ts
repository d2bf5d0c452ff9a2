import { gql } from 'urql';
import type { EmployeeStatus, PageInfo } from '../people/people.graphql.js';

export interface TeamListItem {
  id: string;
  name: string;
  memberCount: number;
  parent: { id: string } | null;
}

export const TeamsQuery = gql<
  { teams: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: TeamListItem }> } },
  { first: number; after?: string | null }
>`
  query Teams($first: Int!, $after: String) {
    teams(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          name
          memberCount
          parent {
            id
          }
        }
      }
    }
  }
`;

export interface TeamMember {
  id: string;
  name: string;
  title: string | null;
  email: string;
  status: EmployeeStatus;
  team: { id: string; name: string } | null;
  leader: { id: string; name: string } | null;
}

export interface TeamDetail {
  id: string;
  name: string;
  createdAt: string;
  memberCount: number;
  parent: { id: string; name: string } | null;
  ancestors: Array<{ id: string; name: string }>;
  children: Array<{ id: string; name: string; memberCount: number }>;
  members: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: TeamMember }> };
}

export const TeamQuery = gql<{ team: TeamDetail }, { id: string; first: number; after?: string | null; includeSubTeams: boolean }>`
  query Team($id: ID!, $first: Int!, $after: String, $includeSubTeams: Boolean!) {
    team(id: $id) {
      id
      name
      createdAt
      memberCount
      parent {
        id
        name
      }
      ancestors {
        id
        name
      }
      children {
        id
        name
        memberCount
      }
      members(first: $first, after: $after, includeSubTeams: $includeSubTeams) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          node {
            id
            name
            title
            email
            status
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
  }
`;

export const CreateTeamMutation = gql<{ createTeam: { id: string; name: string } }, { input: { name: string; parentId?: string } }>`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`;
