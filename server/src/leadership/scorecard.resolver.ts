import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { EmployeeType } from '../people/employee.types.js';
import { HireReferralStats } from '../referrals/referral.types.js';
import { SurveyResults } from '../surveys/survey.types.js';
import { TeamExits, TenureCount } from './leadership.types.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { intInRange } from '../graphql/ids.js';
import { leaderScorecard } from './scorecard.js';

@ObjectType('LeaderScorecard', {
  description: "Whether a leader's service is being \"bought\": upward feedback under the anonymity rules, team, exits and referrals.",
})
export class LeaderScorecard {
  @Field(() => EmployeeType, { description: 'The leader.' })
  leader!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'Start of the period exits are counted from.' })
  since!: Date;

  @Field(() => Int, { description: 'Current direct reports.' })
  directReports!: number;

  @Field(() => Int, { description: 'Everyone below, any depth (up to 50 levels).' })
  allReports!: number;

  @Field(() => [TenureCount], { description: 'Direct reports per tenure band.' })
  tenureMix!: TenureCount[];

  @Field(() => TeamExits, { description: 'Exits of people this leader led, in the period.' })
  exits!: TeamExits;

  @Field(() => HireReferralStats, { description: 'Hires referred by the whole team below.' })
  hireReferrals!: HireReferralStats;

  @Field(() => SurveyResults, {
    nullable: true,
    description: "Upward feedback about this leader (the latest leadership survey, or `surveyId`), with the same suppression as any survey group; null when the leader was never surveyed.",
  })
  upwardFeedback?: unknown;
}

@Resolver()
export class ScorecardResolver {
  @Authorized(READ_ROLES)
  @Query(() => LeaderScorecard, { description: 'A leader\'s scorecard. Survey figures follow the anonymity rules for every viewer.' })
  leaderScorecard(
    @Arg('leaderId', () => ID, { description: 'The leader.' }) leaderId: string,
    @Ctx() ctx: Context,
    @Arg('surveyId', () => ID, { nullable: true, description: 'A leadership survey; the latest one about this leader when omitted.' }) surveyId?: string,
    @Arg('days', () => Int, { defaultValue: 365, description: 'Period for exits, in days (1–3650).' }) days?: number,
  ) {
    return leaderScorecard(ctx, leaderId, surveyId, intInRange(days, 'days', 1, 3650));
  }
}
