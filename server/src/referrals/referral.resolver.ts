import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { Referral, ReferralKind, ReferralReward, ReferralStatus } from './referral.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { CustomerType } from '../customers/customer.types.js';
import { EmployeeType } from '../people/employee.types.js';
import {
  ConvertReferralInput,
  CreateReferralInput,
  HireReferralStats,
  PromoterReferralGap,
  ReferralChangeEvent,
  ReferralChangeKind,
  ReferralConnection,
  ReferralFilter,
  ReferralFunnel,
  ReferralGeneration,
  ReferralLeaderboardEntry,
  ReferralRewardConnection,
  ReferralRewardType,
  ReferralTreeConnection,
  ReferralTreeStats,
  ReferralType,
  ReferrerUnion,
  RewardFilter,
  UpdateReferralStatusInput,
} from './referral.types.js';
import * as service from './referral.service.js';
import {
  MAX_REFERRAL_DEPTH,
  allGenerations,
  ancestorIds,
  descendantGenerations,
  descendantIds,
  leaderboard,
  teamHireReferrals,
  treeGenerations,
  type TreeSeed,
} from './referral.queries.js';
import { READ_ROLES, WRITE_ROLES, authorizedTopic } from '../auth/auth-checker.js';
import { Topic, type ReferralChangedPayload } from '../pubsub/topics.js';
import { offsetConnection, pageRequest, type PageRequest } from '../graphql/connection.js';
import { badInput, notFound } from '../errors/domain-error.js';
import { intInRange, parseId } from '../graphql/ids.js';
import { Survey } from '../surveys/survey.entity.js';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** Most people a leaderboard lists. */
const MAX_LEADERBOARD = 100;

const checkDepth = (maxDepth: number) => intInRange(maxDepth, 'maxDepth', 1, MAX_REFERRAL_DEPTH);

/** A page of a recursive walk: ids with depth from one statement, the referrals through the loader (one more). */
function treePage(
  ctx: Context,
  page: PageRequest,
  fetch: (window: { offset: number; limit: number }) => Promise<Array<{ id: number; depth: number }>>,
  total: () => number | Promise<number>,
) {
  return offsetConnection(
    page,
    fetch,
    async (rows) => (await ctx.loaders.referral.loadMany(rows.map((r) => r.id))) as Referral[],
    total,
    (row) => ({ depth: row.depth }),
  );
}

function descendantsOf(ctx: Context, seed: TreeSeed, maxDepth: number, first?: number, after?: string) {
  const depth = checkDepth(maxDepth);
  const page = pageRequest(first, after, ctx.config.limits.maxPageSize);
  return treePage(
    ctx,
    page,
    (window) => descendantIds(ctx.em, seed, depth, window),
    async () => (await descendantGenerations(ctx.em, seed, depth)).reduce((sum, g) => sum + g.referrals, 0),
  );
}

async function referrerOf(ctx: Context, referral: Referral): Promise<Customer | Employee | null> {
  if (referral.referrerCustomer) return ctx.loaders.customer.load(referral.referrerCustomer.id);
  if (referral.referrerEmployee) return ctx.loaders.employee.load(referral.referrerEmployee.id);
  return null;
}

@Resolver(() => ReferralType)
export class ReferralResolver {
  @Authorized(READ_ROLES)
  @Query(() => ReferralType, { description: 'One referral by id; NOT_FOUND when there is none.' })
  referral(@Arg('id', () => ID, { description: 'The referral id.' }) id: string, @Ctx() ctx: Context) {
    return service.getReferral(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => ReferralConnection, { description: 'Referrals, newest first, a page at a time.' })
  referrals(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => ReferralFilter, { nullable: true, description: 'Conditions the referrals must meet.' }) filter?: ReferralFilter,
  ) {
    return service.listReferrals(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter);
  }

  @Authorized(READ_ROLES)
  @Query(() => ReferralFunnel, { description: 'How many referrals reached each stage (invited → engaged → converted).' })
  referralFunnel(
    @Ctx() ctx: Context,
    @Arg('kind', () => ReferralKind, { nullable: true, description: 'Only this kind.' }) kind?: ReferralKind,
    @Arg('invitedFrom', () => GraphQLDateTimeISO, { nullable: true, description: 'Only referrals made at or after this time.' }) invitedFrom?: Date,
    @Arg('invitedTo', () => GraphQLDateTimeISO, { nullable: true, description: 'Only referrals made before this time.' }) invitedTo?: Date,
  ) {
    return service.funnel(ctx, kind, invitedFrom, invitedTo);
  }

  @Authorized(READ_ROLES)
  @Query(() => [ReferralGeneration], { description: 'Per-generation figures and K-factor over all referral trees.' })
  async referralGenerations(@Ctx() ctx: Context, @Arg('kind', () => ReferralKind, { nullable: true, description: 'Only this kind.' }) kind?: ReferralKind) {
    return service.withRates(await allGenerations(ctx.em, kind));
  }

  @Authorized(READ_ROLES)
  @Query(() => [ReferralLeaderboardEntry], { description: `Top referrers by converted referrals, with their downstream trees (at most ${MAX_LEADERBOARD}).` })
  async referralLeaderboard(
    @Ctx() ctx: Context,
    @Arg('kind', () => ReferralKind, { nullable: true, description: 'Only this kind.' }) kind?: ReferralKind,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many (1–${MAX_LEADERBOARD}).` }) first = 10,
  ) {
    const rows = await leaderboard(ctx.em, kind, intInRange(first, 'first', 1, MAX_LEADERBOARD));
    return Promise.all(
      rows.map(async (row, i) => ({
        ...row,
        rank: i + 1,
        referrer: row.customerId !== null ? await ctx.loaders.customer.load(row.customerId) : await ctx.loaders.employee.load(row.employeeId!),
      })),
    );
  }

  @Authorized(READ_ROLES)
  @Query(() => PromoterReferralGap, {
    description: 'Promoters (9–10) of a named customer NPS survey against those who then referred someone. Anonymous surveys cannot say who the promoters are: BAD_USER_INPUT.',
  })
  async promoterReferralGap(@Arg('surveyId', () => ID, { description: 'A named customer survey.' }) surveyId: string, @Ctx() ctx: Context) {
    const survey = await ctx.em.findOne(Survey, { id: parseId(surveyId, 'surveyId') });
    if (!survey) throw notFound('Survey', surveyId);
    if (survey.anonymous) throw badInput('surveyId', 'An anonymous survey does not know who its promoters are');
    const rows = await ctx.em.execute<Array<{ customer_id: number; referred: unknown }>>(
      `select p.customer_id, case when exists (select 1 from referral f where f.referrer_customer_id = p.customer_id and f.invited_at >= p.answered_at) then 1 else 0 end as referred
         from (select r.customer_id, min(r.submitted_at) as answered_at from survey_response r
                 join survey_wave w on w.id = r.wave_id join survey_answer a on a.response_id = r.id join survey_question q on q.id = a.question_id
                where w.survey_id = ? and q.type = 'NPS' and a.numeric_value >= 9 and r.customer_id is not null
                group by r.customer_id) p`,
      [survey.id],
    );
    const referred = rows.filter((r) => Number(r.referred) === 1).length;
    const toInvite = rows.filter((r) => Number(r.referred) !== 1).slice(0, 100).map((r) => Number(r.customer_id));
    return {
      promoters: rows.length,
      referred,
      referralRate: rows.length ? Math.round((referred / rows.length) * 1000) / 1000 : null,
      toInvite: (await ctx.loaders.customer.loadMany(toInvite)).filter((c): c is Customer => c instanceof Customer),
    };
  }

  @Authorized(READ_ROLES)
  @Query(() => ReferralRewardConnection, { description: 'The reward ledger: every reward stage, newest due first. Due retention rewards are settled first.' })
  referralRewards(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => RewardFilter, { nullable: true, description: 'Conditions the rewards must meet.' }) filter?: RewardFilter,
  ) {
    return service.listRewards(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter);
  }

  @FieldResolver(() => ReferrerUnion, { description: 'Who made the referral.' })
  referrer(@Root() referral: Referral, @Ctx() ctx: Context) {
    return referrerOf(ctx, referral);
  }

  @FieldResolver(() => ReferralType, { nullable: true, description: 'The referral through which the referrer came in; null at the top of a tree.' })
  parent(@Root() referral: Referral, @Ctx() ctx: Context) {
    return referral.parent ? ctx.loaders.referral.load(referral.parent.id) : null;
  }

  @FieldResolver(() => ReferralType, { description: 'The first referral of this tree (itself for a root).' })
  async root(@Root() referral: Referral, @Ctx() ctx: Context) {
    return referral.root ? ctx.loaders.referral.load(referral.root.id) : referral;
  }

  @FieldResolver(() => CustomerType, { nullable: true, description: 'The customer it converted into.' })
  convertedCustomer(@Root() referral: Referral, @Ctx() ctx: Context) {
    return referral.convertedCustomer ? ctx.loaders.customer.load(referral.convertedCustomer.id) : null;
  }

  @FieldResolver(() => EmployeeType, { nullable: true, description: 'The employee it converted into.' })
  convertedEmployee(@Root() referral: Referral, @Ctx() ctx: Context) {
    return referral.convertedEmployee ? ctx.loaders.employee.load(referral.convertedEmployee.id) : null;
  }

  @FieldResolver(() => ReferralTreeConnection, { description: 'Referrals above this one, nearest first, up to the root (one recursive statement).' })
  ancestors(
    @Root() referral: Referral,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    const page = pageRequest(first, after, ctx.config.limits.maxPageSize);
    return treePage(ctx, page, (window) => ancestorIds(ctx.em, referral.id, window), () => referral.generation - 1);
  }

  @FieldResolver(() => ReferralTreeConnection, { description: `Referrals below this one down to \`maxDepth\` (at most ${MAX_REFERRAL_DEPTH}), by generation.` })
  descendants(
    @Root() referral: Referral,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: 'Generations to descend.' }) maxDepth: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    return descendantsOf(ctx, { referralId: referral.id }, maxDepth, first, after);
  }

  @FieldResolver(() => ReferralTreeStats, { description: 'Size, depth and per-generation figures (with K-factor) of the whole tree this referral belongs to.' })
  async tree(@Root() referral: Referral, @Ctx() ctx: Context) {
    return service.treeStats(await treeGenerations(ctx.em, referral.root?.id ?? referral.id));
  }

  @FieldResolver(() => [ReferralStatus], {
    description:
      'The statuses this referral can move to now for this viewer: ENGAGED, REJECTED or EXPIRED through updateReferralStatus, CONVERTED through convertReferral; empty when final or for a role that may not change referrals.',
  })
  allowedNextStatuses(@Root() referral: Referral, @Ctx() ctx: Context): ReferralStatus[] {
    if (!ctx.viewer || !WRITE_ROLES.includes(ctx.viewer.role)) return [];
    return service.nextStatuses(referral.status);
  }

  @FieldResolver(() => [ReferralRewardType], { description: "The referrer's staged rewards for this referral." })
  rewards(@Root() referral: Referral, @Ctx() ctx: Context): Promise<ReferralReward[]> {
    return ctx.loaders.rewardsByReferral.load(referral.id);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ReferralType, {
    description:
      'Records a referral. Refused with REFERRER_REQUIRED, REFERRER_INACTIVE, SELF_REFERRAL, ALREADY_CUSTOMER, ALREADY_EMPLOYEE, ALREADY_REFERRED (the first referrer keeps the credit; `extensions.firstReferralId` names their referral), REFERRAL_CYCLE or REFERRAL_DEPTH_EXCEEDED; suspicious ones are flagged.',
  })
  createReferral(@Arg('input', () => CreateReferralInput, { description: 'What to do; see the input type.' }) input: CreateReferralInput, @Ctx() ctx: Context) {
    return service.createReferral(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ReferralType, { description: 'Moves a referral to ENGAGED, REJECTED or EXPIRED; INVALID_TRANSITION names the allowed moves.' })
  updateReferralStatus(@Arg('input', () => UpdateReferralStatusInput, { description: 'What to do; see the input type.' }) input: UpdateReferralStatusInput, @Ctx() ctx: Context) {
    return service.updateReferralStatus(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ReferralType, { description: 'Converts a referral: creates the customer or employee and starts the staged rewards.' })
  convertReferral(@Arg('input', () => ConvertReferralInput, { description: 'What to do; see the input type.' }) input: ConvertReferralInput, @Ctx() ctx: Context) {
    return service.convertReferral(ctx, input);
  }

  @Subscription(() => ReferralChangeEvent, {
    description: 'Pushes new referrals, status changes, conversions and reversed rewards; `rootId` narrows it to one tree.',
    subscribe: authorizedTopic(Topic.REFERRAL_CHANGED, READ_ROLES, (payload, args) => !args.rootId || String(payload.rootId) === String(args.rootId)),
  })
  async referralChanged(
    @Root() payload: ReferralChangedPayload,
    @Ctx() ctx: Context,
    @Arg('rootId', () => ID, { nullable: true, description: 'Only referrals of this tree.' }) _rootId?: string,
  ) {
    ctx.renew();
    const referral = await ctx.loaders.referral.load(payload.referralId);
    if (!referral) throw notFound('Referral', payload.referralId);
    return { kind: payload.kind as ReferralChangeKind, referral, at: new Date(payload.at) };
  }
}

@Resolver(() => ReferralRewardType)
export class ReferralRewardResolver {
  @FieldResolver(() => ReferralType, { description: 'The referral this reward is for (its referrer is the beneficiary).' })
  async referral(@Root() reward: ReferralReward, @Ctx() ctx: Context) {
    return (await ctx.loaders.referral.load(reward.referral.id))!;
  }
}

/** Referral fields on customers: how they came in and what they set off. */
@Resolver(() => CustomerType)
export class CustomerReferralResolver {
  @FieldResolver(() => ReferralType, { nullable: true, description: 'The referral this customer came in through.' })
  referredBy(@Root() customer: Customer, @Ctx() ctx: Context) {
    return ctx.loaders.referralByConvertedCustomer.load(customer.id);
  }

  @FieldResolver(() => ReferralTreeConnection, { description: 'Everything this customer set off: their referrals (depth 1) and all referrals below them.' })
  referralTree(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: 'Generations to descend.' }) maxDepth: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    return descendantsOf(ctx, { customerId: customer.id }, maxDepth, first, after);
  }

  @FieldResolver(() => ReferralTreeStats, { description: "Per-generation figures of this customer's referral tree (generation 1 = their own referrals)." })
  async referralStats(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: 'Generations to count.' }) maxDepth: number,
  ) {
    return service.treeStats(await descendantGenerations(ctx.em, { customerId: customer.id }, checkDepth(maxDepth)));
  }
}

/** Referral fields on employees: how they came in, what they set off, what their team refers. */
@Resolver(() => EmployeeType)
export class EmployeeReferralResolver {
  @FieldResolver(() => ReferralType, { nullable: true, description: 'The HIRE referral this employee came in through.' })
  referredBy(@Root() employee: Employee, @Ctx() ctx: Context) {
    return ctx.loaders.referralByConvertedEmployee.load(employee.id);
  }

  @FieldResolver(() => ReferralTreeConnection, { description: 'Everything this employee set off: their referrals (depth 1) and all referrals below them.' })
  referralTree(
    @Root() employee: Employee,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: 'Generations to descend.' }) maxDepth: number,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
  ) {
    return descendantsOf(ctx, { employeeId: employee.id }, maxDepth, first, after);
  }

  @FieldResolver(() => ReferralTreeStats, { description: "Per-generation figures of this employee's referral tree (generation 1 = their own referrals)." })
  async referralStats(
    @Root() employee: Employee,
    @Ctx() ctx: Context,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: 'Generations to count.' }) maxDepth: number,
  ) {
    return service.treeStats(await descendantGenerations(ctx.em, { employeeId: employee.id }, checkDepth(maxDepth)));
  }

  @FieldResolver(() => HireReferralStats, { description: "Hire referrals made by this leader's whole team (everyone below them): a trust signal." })
  teamHireReferrals(@Root() employee: Employee, @Ctx() ctx: Context) {
    return teamHireReferrals(ctx.em, employee.id);
  }
}
