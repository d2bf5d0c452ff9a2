import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { READ_ROLES, WRITE_ROLES } from '../auth/auth-checker.js';
import { CustomerType } from '../customers/customer.types.js';
import { ReferralAsk } from './referral-ask.entity.js';
import { PromoterAskResult, PublicReferralInput, PublicReferralReceipt, ReferralAskType, ReferralLinkInfo } from './referral-ask.types.js';
import { invitePromotersToRefer, referralAsksOf, referralLink, submitPublicReferral } from './referral-asks.js';

/** Promoter → referrer: admins ask a survey's promoters to refer; the public page takes the recommendations. */
@Resolver(() => ReferralAskType)
export class ReferralAskResolver {
  @Authorized(WRITE_ROLES)
  @Mutation(() => PromoterAskResult, {
    description:
      'Asks every promoter (NPS 9–10) of a named customer survey to refer, one email each with a personal referral link (ADMIN). Honours unsubscribe, bouncing addresses and the contact budget; everyone left out is reported with the reason.',
  })
  invitePromotersToRefer(@Arg('surveyId', () => ID, { description: 'A named customer survey with an NPS question.' }) surveyId: string, @Ctx() ctx: Context) {
    return invitePromotersToRefer(ctx, surveyId);
  }

  @Authorized(READ_ROLES)
  @Query(() => [ReferralAskType], { description: 'Promoters of a survey asked to refer, newest first.' })
  referralAsks(@Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string, @Ctx() ctx: Context) {
    return referralAsksOf(ctx, surveyId);
  }

  @FieldResolver(() => CustomerType, { description: 'The promoter.' })
  customer(@Root() ask: ReferralAsk, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(ask.customer.id);
  }

  @Query(() => ReferralLinkInfo, { description: 'The public referral page: whether a personal referral link works (no login).' })
  referralLink(@Arg('token', () => String, { description: 'The link’s token.' }) token: string, @Ctx() ctx: Context) {
    return referralLink(ctx, token);
  }

  @Mutation(() => PublicReferralReceipt, {
    description:
      'The public referral page (no login; rate-limited per address): the person recommended leaves their name and email, which records a customer referral by the promoter under every referral guard.',
  })
  submitPublicReferral(@Arg('input', () => PublicReferralInput, { description: 'The recommendation.' }) input: PublicReferralInput, @Ctx() ctx: Context) {
    return submitPublicReferral(ctx, input);
  }
}
