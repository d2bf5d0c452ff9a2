import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type ComplainantMails = ResultOf<typeof ComplainantMailsQuery>['complaint'];
export type ComplainantMail = ComplainantMails['complainantMails'][number];

/** Mail to the complainants of one complaint, with its outbox status (ADMIN). */
export const ComplainantMailsQuery = graphql(`
  query ComplainantMails($id: ID!) {
    complaint(id: $id) {
      id
      customer {
        id
        email
      }
      improvement {
        id
        title
      }
      complainantToldAt
      complainantToldMessage {
        id
      }
      recoveryAskedAt
      threadLinks {
        id
        email
        name
        createdBy
        createdAt
        revokedAt
        lastOpenedAt
      }
      complainantMails {
        id
        template
        recipientEmail
        status
        lastError
        eventCount
        createdAt
        sentAt
        preview {
          subject
          text
        }
      }
    }
  }
`);

export const SendComplaintThreadLinkMutation = graphql(`
  mutation SendComplaintThreadLink($input: SendComplaintThreadLinkInput!) {
    sendComplaintThreadLink(input: $input) {
      id
      email
    }
  }
`);

export const RevokeComplaintThreadLinkMutation = graphql(`
  mutation RevokeComplaintThreadLink($linkId: ID!) {
    revokeComplaintThreadLink(linkId: $linkId) {
      id
      revokedAt
    }
  }
`);
