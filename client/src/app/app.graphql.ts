import { gql } from 'urql';

export type Role = 'ADMIN' | 'ANALYST' | 'MONITOR';

export interface Viewer {
  kind: string;
  role: Role;
  label: string;
}

export const MeQuery = gql<{ me: Viewer }, Record<string, never>>`
  query Me {
    me {
      kind
      role
      label
    }
  }
`;

export const LoginMutation = gql<
  { login: { expiresAt: string; user: { id: string; email: string; role: Role } } },
  { email: string; password: string }
>`
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
`;

export const LogoutMutation = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;
