import { graphql } from '../generated/index.js';

export type Role = 'ADMIN' | 'ANALYST' | 'MONITOR';

export interface Viewer {
  kind: string;
  role: Role;
  label: string;
}

export const MeQuery = graphql(`
  query Me {
    me {
      kind
      role
      label
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
