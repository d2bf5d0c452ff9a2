import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { badInput } from '../errors/domain-error.js';
import { EmployeeType } from '../people/employee.types.js';
import { HireReferralStats } from '../referrals/referral.types.js';
import { SuppressionReason, SurveyResults } from '../surveys/survey.types.js';
import { TeamExits, TenureCount } from '../leadership/leadership.types.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { intInRange } from '../graphql/ids.js';
import { SortDirection, connectionTypes, pageRequest } from '../graphql/connection.js';
import { listLeaders, type LeaderSort } from './leaders.js';
import { leaderScorecard } from './scorecard.js';

const SCORE_ITEM_KINDS = { NPS: 'NPS', RATING: 'RATING' } as const;
registerEnumType(SCORE_ITEM_KINDS, {
  name: 'ScoreItemKind',
  description: 'How a scorecard item is scored.',
  valuesConfig: { NPS: { description: 'NPS, −100..100.' }, RATING: { description: 'Mean rating, 1..scaleMax.' } },
});

@ObjectType('ScoreItem', { description: 'One upward-feedback item (a number question) for one group and wave.' })
export class ScoreItem {
  @Field(() => ID, { description: 'The question.' })
  questionId!: number;

  @Field(() => String, { description: 'The question prompt.' })
  label!: string;

  @Field(() => SCORE_ITEM_KINDS, { description: 'How it is scored.' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'Highest rating (RATING).' })
  scaleMax!: number | null;

  @Field(() => Float, { nullable: true, description: 'NPS or mean; null when hidden.' })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'Answers behind it; null when hidden.' })
  answered!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is hidden; null when shown.' })
  suppressed!: SuppressionReason | null;
}

@ObjectType('LeaderTrendPoint', { description: "One wave of a leader's trend, judged by the anonymity rules on its own." })
export class LeaderTrendPoint {
  @Field(() => ID, { description: 'The survey.' })
  surveyId!: number;

  @Field(() => String, { description: 'Its title.' })
  surveyTitle!: string;

  @Field(() => ID, { description: 'The wave.' })
  waveId!: number;

  @Field(() => Int, { description: 'Wave number within the survey.' })
  waveNumber!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the wave opened.' })
  openedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it closed; null while running.' })
  closedAt!: Date | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the point is hidden; null when shown.' })
  suppressed!: SuppressionReason | null;

  @Field(() => Int, { nullable: true, description: 'Reports invited (shown even when the figures are hidden).' })
  invited!: number | null;

  @Field(() => Int, { nullable: true, description: 'Responses; null when hidden.' })
  responses!: number | null;

  @Field(() => Float, { nullable: true, description: 'Responses ÷ invited, 0..1.' })
  participation!: number | null;

  @Field(() => Float, { nullable: true, description: "The survey's first NPS question: leader NPS (leadership) or eNPS (engagement)." })
  nps!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of detractors (0–6) on that question, 0..1.' })
  detractorShare!: number | null;

  @Field(() => [ScoreItem], { description: 'Every number question of the survey, each with its own suppression.' })
  items!: ScoreItem[];
}

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
    description: "Upward feedback about this leader from the latest closed wave about them (the running one if none closed) of any leadership survey, or of `surveyId`, with the same suppression as any survey group; null when the leader was never surveyed.",
  })
  upwardFeedback?: unknown;

  @Field(() => SurveyResults, { nullable: true, description: "Their reports' engagement (eNPS) from the latest closed engagement wave about them (else the running one); null when never surveyed." })
  teamEnps?: unknown;

  @Field(() => [LeaderTrendPoint], { description: 'Leadership waves about this leader opened in the period, oldest first.' })
  leaderNpsTrend!: LeaderTrendPoint[];

  @Field(() => [LeaderTrendPoint], { description: "Engagement waves answered by this leader's reports in the period, oldest first." })
  enpsTrend!: LeaderTrendPoint[];
}

const LEADER_SORTS = {
  NAME: 'NAME',
  DIRECT_REPORTS: 'DIRECT_REPORTS',
  LEADER_NPS: 'LEADER_NPS',
  PARTICIPATION: 'PARTICIPATION',
  ENPS: 'ENPS',
  EXITS_TO_COMPETITOR: 'EXITS_TO_COMPETITOR',
  HIRE_REFERRALS: 'HIRE_REFERRALS',
} as const satisfies Record<LeaderSort, LeaderSort>;
registerEnumType(LEADER_SORTS, {
  name: 'LeaderSort',
  description: 'Order of the leaders list; hidden or missing figures sort last either way, ties by name.',
  valuesConfig: {
    NAME: { description: 'By name.' },
    DIRECT_REPORTS: { description: 'By current direct reports.' },
    LEADER_NPS: { description: 'By leader NPS of the latest closed leadership wave.' },
    PARTICIPATION: { description: 'By participation in that wave.' },
    ENPS: { description: "By their reports' eNPS." },
    EXITS_TO_COMPETITOR: { description: 'By people who left them for a competitor in the period.' },
    HIRE_REFERRALS: { description: 'By hires referred by everyone below them.' },
  },
});

@ObjectType('LeaderSummary', { description: "A leader's scorecard headline, for the leaders list." })
export class LeaderSummary {
  @Field(() => EmployeeType, { description: 'The leader.' })
  leader!: unknown;

  @Field(() => Int, { description: 'Current direct reports.' })
  directReports!: number;

  @Field(() => Float, { nullable: true, description: 'Leader NPS of the latest closed leadership wave about them in the period (the running one if none closed); null when hidden or never surveyed.' })
  leaderNps!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the leader NPS (and participation) is hidden.' })
  leaderNpsSuppressed!: SuppressionReason | null;

  @Field(() => Float, { nullable: true, description: 'Share of invited reports who answered that wave, 0..1.' })
  participation!: number | null;

  @Field(() => Float, { nullable: true, description: 'eNPS of their reports in the latest engagement wave.' })
  enps!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the eNPS is hidden.' })
  enpsSuppressed!: SuppressionReason | null;

  @Field(() => Int, { description: 'People they led who left for a competitor in the period.' })
  exitsToCompetitor!: number;

  @Field(() => Int, { description: 'People they led who left in the period, any reason.' })
  exits!: number;

  @Field(() => Int, { description: 'HIRE referrals made by everyone currently below them.' })
  hireReferrals!: number;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When their latest leadership wave opened.' })
  lastSurveyedAt!: Date | null;
}

const { Connection: LeaderSummaryConnection } = connectionTypes(LeaderSummary, 'LeaderSummary', 'leader summary');

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

  @Authorized(READ_ROLES)
  @Query(() => LeaderSummaryConnection, { description: 'Everyone who currently leads someone, with their scorecard headline (survey figures under the anonymity rules).' })
  leaders(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name or email.' }) search?: string | null,
    @Arg('sort', () => LEADER_SORTS, { defaultValue: 'NAME', description: 'Order.' }) sort?: LeaderSort,
    @Arg('direction', () => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction.' }) direction?: SortDirection,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string | null,
    @Arg('days', () => Int, { defaultValue: 365, description: 'Period for surveys and exits, in days (1–3650).' }) days?: number,
  ) {
    if (search && search.length > 200) throw badInput('search', 'At most 200 characters');
    return listLeaders(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), {
      search,
      sort: sort ?? 'NAME',
      direction: direction ?? SortDirection.ASC,
      days: intInRange(days, 'days', 1, 3650),
    });
  }
}
