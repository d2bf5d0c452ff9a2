import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type PublicThread = ResultOf<typeof ComplaintThreadQuery>['complaintThread'];

const PublicThreadFields = graphql(`
  fragment PublicThreadFields on PublicComplaintThread {
    number
    subject
    status
    receivedAt
    resolution
    canReply
    canRateRecovery
    recoveryRating
    language
    improvement {
      title
      description
      shippedAt
    }
    entries {
      id
      kind
      body
      status
      author
      at
    }
  }
`);

export const ComplaintThreadQuery = graphql(`
  query ComplaintThread($token: String!) {
    complaintThread(token: $token) {
      ...PublicThreadFields
    }
  }
`);

export const ReplyToComplaintThreadMutation = graphql(`
  mutation ReplyToComplaintThread($token: String!, $body: String!) {
    replyToComplaintThread(token: $token, body: $body) {
      ...PublicThreadFields
    }
  }
`);

export const RateComplaintRecoveryMutation = graphql(`
  mutation RateComplaintRecovery($token: String!, $rating: Int!, $comment: String) {
    rateComplaintRecovery(token: $token, rating: $rating, comment: $comment) {
      ...PublicThreadFields
    }
  }
`);

void PublicThreadFields;
