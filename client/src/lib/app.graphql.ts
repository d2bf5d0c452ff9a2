import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type { Role } from '../generated/graphql.js';

export type Viewer = ResultOf<typeof MeQuery>['me'];

export const MeQuery = graphql(`
  query Me {
    me {
      kind
      role
      label
      employee {
        id
        name
      }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export type { SearchHitKind } from '../generated/graphql.js';
export type SearchHit = ResultOf<typeof SearchQuery>['search'][number];

export const SearchQuery = graphql(`
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      kind
      id
      title
      subtitle
    }
  }
`);
