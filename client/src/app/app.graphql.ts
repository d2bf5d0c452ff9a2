import { gql } from 'urql';

export type Role = 'ADMIN' | 'ANALYST' | 'MONITOR';

export interface Viewer {
  kind: string;
  role: Role;
  label: string;
  /** The employee with the user's work email ("assigned to me"); null for tokens. */
  employee: { id: string; name: string } | null;
}

export const MeQuery = gql<{ me: Viewer }, Record<string, never>>`
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

export type SearchHitKind = 'EMPLOYEE' | 'TEAM' | 'CUSTOMER' | 'COMPLAINT' | 'SURVEY' | 'REFERRAL';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  title: string;
  subtitle: string | null;
}

export const SearchQuery = gql<{ search: SearchHit[] }, { text: string; first?: number }>`
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      kind
      id
      title
      subtitle
    }
  }
`;
