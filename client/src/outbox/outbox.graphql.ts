import { gql } from 'urql';

export type OutboxStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'SUPPRESSED';

export interface OutboxMessage {
  id: string;
  template: string;
  recipientEmail: string;
  recipientName: string | null;
  language: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  isAsk: boolean;
  eventCount: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  preview: { subject: string; text: string; html: string };
}

export interface MailDelivery {
  configured: boolean;
  from: string;
  waiting: number;
  failed: number;
  sent: number;
  suppressed: number;
}

export const OutboxQuery = gql<
  { mailDelivery: MailDelivery; outboxMessages: { totalCount: number; edges: Array<{ node: OutboxMessage }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first?: number; after?: string | null; status?: OutboxStatus[] | null; customerId?: string | null; employeeId?: string | null }
>`
  query Outbox($first: Int, $after: String, $status: [OutboxStatus!], $customerId: ID, $employeeId: ID) {
    mailDelivery {
      configured
      from
      waiting
      failed
      sent
      suppressed
    }
    outboxMessages(first: $first, after: $after, filter: { status: $status, customerId: $customerId, employeeId: $employeeId }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          template
          recipientEmail
          recipientName
          language
          status
          attempts
          lastError
          isAsk
          eventCount
          createdAt
          nextAttemptAt
          sentAt
          preview {
            subject
            text
            html
          }
        }
      }
    }
  }
`;

export const ResendOutboxMessageMutation = gql<{ resendOutboxMessage: { id: string; status: OutboxStatus } }, { id: string }>`
  mutation ResendOutboxMessage($id: ID!) {
    resendOutboxMessage(id: $id) {
      id
      status
    }
  }
`;

export const OutboxChangedSubscription = gql<{ outboxChanged: { at: string } }, Record<string, never>>`
  subscription OutboxChanged {
    outboxChanged {
      at
    }
  }
`;
