import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';

export type { PromoterSkipReason } from '../generated/graphql.js';
export type PromoterAskResult = ResultOf<typeof InvitePromotersToReferMutation>['invitePromotersToRefer'];

export const PromoterAsksQuery = graphql(`
  query PromoterAsks($surveyId: ID!) {
    promoterReferralGap(surveyId: $surveyId) {
      promoters
      referred
      referralRate
    }
    referralAsks(surveyId: $surveyId) {
      askedAt
      expiresAt
      uses
      maxUses
      customer {
        id
        name
      }
    }
  }
`);

export const InvitePromotersToReferMutation = graphql(`
  mutation InvitePromotersToRefer($surveyId: ID!) {
    invitePromotersToRefer(surveyId: $surveyId) {
      asked {
        id
        name
      }
      skipped {
        reason
        lastAskedAt
        customer {
          id
          name
        }
      }
    }
  }
`);
