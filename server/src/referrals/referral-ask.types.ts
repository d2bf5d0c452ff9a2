import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { CustomerType } from '../customers/customer.types.js';
import { PromoterSkipReason, ReferralLinkState } from './referral-asks.js';

registerEnumType(PromoterSkipReason, {
  name: 'PromoterSkipReason',
  description: 'Why a promoter was not asked to refer.',
  valuesConfig: {
    ALREADY_ASKED: { description: 'Asked for this survey before (one ask per promoter and survey).' },
    ALREADY_REFERRED: { description: 'Has referred someone since answering: nothing to ask.' },
    CHURNED: { description: 'No longer a customer.' },
    UNSUBSCRIBED: { description: 'Used one-click unsubscribe: no more surveys or requests.' },
    BOUNCING: { description: 'Their mail server refuses the address.' },
    CONTACT_BUDGET: { description: 'Asked something else (another survey, a referral ask) within RAPPORT_CONTACT_BUDGET_DAYS.' },
  },
});

registerEnumType(ReferralLinkState, {
  name: 'ReferralLinkState',
  description: 'Whether a personal referral link can be used.',
  valuesConfig: {
    VALID: { description: 'Usable: the page takes recommendations.' },
    EXPIRED: { description: 'Past its expiry, or its promoter is no longer a customer.' },
    USED_UP: { description: 'Has brought in as many recommendations as it allows.' },
    UNKNOWN: { description: 'No such link.' },
  },
});

@ObjectType('PromoterAskSkip', { description: 'A promoter who was not asked, and why.' })
export class PromoterAskSkip {
  @Field(() => CustomerType, { description: 'The promoter.' })
  customer!: unknown;

  @Field(() => PromoterSkipReason, { description: 'Why not.' })
  reason!: PromoterSkipReason;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'CONTACT_BUDGET: when they were last asked something.' })
  lastAskedAt?: Date | null;
}

@ObjectType('PromoterAskResult', { description: 'What inviting the promoters of a survey to refer did.' })
export class PromoterAskResult {
  @Field(() => [CustomerType], { description: 'Promoters asked now: each gets one email with a personal referral link.' })
  asked!: unknown[];

  @Field(() => [PromoterAskSkip], { description: 'Promoters left out, each with the reason.' })
  skipped!: PromoterAskSkip[];
}

@ObjectType('ReferralAsk', { description: 'A promoter asked to refer, with their personal link’s limits (the link itself reaches only them).' })
export class ReferralAskType {
  @Field(() => CustomerType, { description: 'The promoter.' })
  customer!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When they were asked.' })
  askedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => Int, { description: 'Recommendations made through the link so far.' })
  uses!: number;

  @Field(() => Int, { description: 'Most recommendations the link takes.' })
  maxUses!: number;
}

@ObjectType('ReferralLink', { description: 'The public referral page’s view of a personal referral link.' })
export class ReferralLinkInfo {
  @Field(() => ReferralLinkState, { description: 'Whether it can be used.' })
  state!: ReferralLinkState;

  @Field(() => String, { nullable: true, description: 'First name of the customer who sent it (only while VALID).' })
  referrerFirstName?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until when it works (only while VALID).' })
  expiresAt?: Date | null;
}

@InputType({ description: 'A recommendation left on the public referral page by the person recommended.' })
export class PublicReferralInput {
  @Field(() => String, { description: 'The personal referral link’s token (`rrf_…`).' })
  @MaxLength(200)
  token!: string;

  @Field(() => String, { description: 'Name of the person recommended (1–200 characters).' })
  @MaxLength(400)
  name!: string;

  @Field(() => String, { description: 'Their email; refused with the field named when it is not an address.' })
  @MaxLength(400)
  email!: string;

  @Field(() => Boolean, { description: 'They agree to be contacted about it; must be true.' })
  consent!: boolean;
}

@ObjectType('PublicReferralReceipt', { description: 'The recommendation was recorded.' })
export class PublicReferralReceipt {
  @Field(() => Int, { description: 'How many more recommendations the link takes.' })
  remainingUses!: number;
}
