import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { intInRange } from '../graphql/ids.js';
import { SuppressionReason } from '../surveys/survey.types.js';
import { TeamLevelRow, TeamLevelView } from './team-level.types.js';
import { serviceProfitChain } from './service-chain.js';

@ObjectType('ChainQuarterInfo', { description: 'A calendar quarter (UTC).' })
export class ChainQuarterInfo {
  @Field(() => String, { description: 'E.g. "2026 Q3".' })
  label!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'First instant.' })
  start!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'First instant of the next quarter.' })
  end!: Date;
}

@ObjectType('ChainFigure', { description: 'An NPS figure of one link of the chain; null without `suppressed` when there is no data.' })
export class ChainFigure {
  @Field(() => Float, { nullable: true, description: 'NPS, −100..100; null when hidden or without data.' })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'Answers behind it; null when hidden.' })
  basis!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is hidden (anonymity rules); null when shown or without data.' })
  suppressed!: SuppressionReason | null;

  @Field(() => String, { nullable: true, description: 'Where it comes from (a survey wave, or the customer surveys).' })
  source!: string | null;
}

@ObjectType('ChainQuarter', { description: "One quarter of a team's chain." })
export class ChainQuarter {
  @Field(() => ChainFigure, { description: "Leader NPS: the team's last closed leadership wave opened in the quarter." })
  leaderNps!: ChainFigure;

  @Field(() => ChainFigure, { description: "eNPS: the team's last closed engagement wave opened in the quarter." })
  enps!: ChainFigure;

  @Field(() => ChainFigure, { description: "NPS of the team's customers: their named answers to customer NPS surveys in the quarter." })
  customerNps!: ChainFigure;

  @Field(() => Float, { nullable: true, description: "Referrals made by the team's customers in the quarter ÷ the team's customers; null without customers." })
  referralRate!: number | null;

  @Field(() => Int, { description: "Referrals made by the team's customers in the quarter." })
  referrals!: number;

  @Field(() => Int, { description: 'Of those, converted.' })
  convertedReferrals!: number;

  @Field(() => Int, { description: 'Complaints opened for the team in the quarter.' })
  complaints!: number;

  @Field(() => Int, { description: 'Of those, with a breached SLA.' })
  complaintsBreached!: number;
}

@ObjectType('ChainRow', { description: 'A team (with its sub-teams) along the chain, quarter by quarter.' })
export class ChainRow extends TeamLevelRow {
  @Field(() => Int, { description: 'Active customers whose account owner works in the team now.' })
  customers!: number;

  @Field(() => [ChainQuarter], { description: 'One per quarter, aligned with `ServiceProfitChain.quarters`.' })
  quarters!: ChainQuarter[];
}

@ObjectType('ServiceProfitChain', {
  description: 'Leadership that serves → engaged teams → satisfied customers → referrals: each link per team and quarter, employee figures under the anonymity rules.',
})
export class ServiceProfitChain extends TeamLevelView {
  @Field(() => [ChainQuarterInfo], { description: 'The quarters, oldest first.' })
  quarters!: ChainQuarterInfo[];

  @Field(() => Int, { description: 'The anonymity threshold applied to employee figures.' })
  threshold!: number;

  @Field(() => [ChainRow], { description: 'The parent (when drilling down), then each child team by name.' })
  rows!: ChainRow[];
}

@Resolver()
export class ServiceChainResolver {
  @Authorized(READ_ROLES)
  @Query(() => ServiceProfitChain, { description: 'The service-profit chain of one level of the team tree, per calendar quarter.' })
  serviceProfitChain(
    @Ctx() ctx: Context,
    @Arg('parentTeamId', () => ID, { nullable: true, description: 'Drill into this team; top-level teams when omitted.' }) parentTeamId?: string | null,
    @Arg('quarters', () => Int, { defaultValue: 4, description: 'How many quarters up to the current one (1–8).' }) quarters?: number,
  ) {
    return serviceProfitChain(ctx, parentTeamId, intInRange(quarters, 'quarters', 1, 8));
  }
}
