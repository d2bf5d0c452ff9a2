import { graphql } from '../generated/index.js';
import { type EmployeeStatus, type PageInfo } from '../people/people.graphql.js';
import { type RuleTitle, type TeamSignalSummary } from '../leadership/leadership.graphql.js';

export interface TeamListItem {
  id: string;
  name: string;
  memberCount: number;
  parent: { id: string } | null;
  /** The open trust-withdrawal signal (batched on the server, so the list stays one request per page). */
  trustSignal: Pick<TeamSignalSummary, 'id' | 'level' | 'score'> | null;
}

export const TeamsQuery = graphql(`
  query Teams($first: Int!, $after: String) {
    teams(first: $first, after: $after) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        node {
          id
          name
          memberCount
          parent {
            id
          }
          trustSignal { id level score }
        }
      }
    }
  }
`);

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
  children: Array<{ id: string; name: string; memberCount: number; trustSignal: TeamListItem['trustSignal'] }>;
  trustSignal: TeamSignalSummary | null;
  members: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: TeamMember }> };
}

export const TeamQuery = graphql(`
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
        trustSignal { id level score }
      }
      trustSignal { ...TeamSignalSummaryFields }
      members(first: $first, after: $after, includeSubTeams: $includeSubTeams) {
        totalCount
        pageInfo { ...PageInfoFields }
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
    trustSignalRules { rule title }
  }
`);

export const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`);
