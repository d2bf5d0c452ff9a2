import { gql } from 'urql';
import type { Role } from '../app/app.graphql.js';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const ApiTokensQuery = gql<{ apiTokens: ApiToken[] }, Record<string, never>>`
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
`;

export const CreateApiTokenMutation = gql<
  { createApiToken: { token: string; apiToken: ApiToken } },
  { input: { name: string; role: 'ANALYST' | 'MONITOR' } }
>`
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
`;

export const RevokeApiTokenMutation = gql<{ revokeApiToken: ApiToken }, { id: string }>`
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
`;
