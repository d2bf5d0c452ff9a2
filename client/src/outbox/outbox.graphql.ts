import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type { OutboxStatus } from '../generated/graphql.js';
export type OutboxMessage = ResultOf<typeof OutboxQuery>['outboxMessages']['edges'][number]['node'];
export type MailDelivery = ResultOf<typeof OutboxQuery>['mailDelivery'];

export const OutboxQuery = graphql(`
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
`);

export const ResendOutboxMessageMutation = graphql(`
  mutation ResendOutboxMessage($id: ID!) {
    resendOutboxMessage(id: $id) {
      id
      status
    }
  }
`);

export const OutboxChangedSubscription = graphql(`
  subscription OutboxChanged {
    outboxChanged {
      at
    }
  }
`);
