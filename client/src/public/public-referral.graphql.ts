import { graphql } from '../generated/index.js';

export type { ReferralLinkState } from '../generated/graphql.js';

export const ReferralLinkQuery = graphql(`
  query ReferralLink($token: String!) {
    referralLink(token: $token) {
      state
      referrerFirstName
      expiresAt
    }
  }
`);

export const SubmitPublicReferralMutation = graphql(`
  mutation SubmitPublicReferral($input: PublicReferralInput!) {
    submitPublicReferral(input: $input) {
      remainingUses
    }
  }
`);
