import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import type { Role } from '../lib/app.graphql.js';

export type ApiToken = ResultOf<typeof ApiTokensQuery>['apiTokens'][number];

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      role
      tokenPrefix
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        role
        tokenPrefix
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      name
      role
      tokenPrefix
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);
