import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type TeamListItem = ResultOf<typeof TeamsQuery>['teams']['edges'][number]['node'];

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

export type TeamMember = TeamDetail['members']['edges'][number]['node'];

export type TeamDetail = NonNullable<ResultOf<typeof TeamQuery>['team']>;

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

