import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../context.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { SuppressionReason, SurveyType, SurveyWaveType } from '../surveys/survey.types.js';
import { TeamLevelRow, TeamLevelView } from './team-level.types.js';
import { teamHeatmap, type HeatmapColumnKind } from './heatmap.js';

const COLUMN_KINDS = { PARTICIPATION: 'PARTICIPATION', NPS: 'NPS', RATING: 'RATING' } as const satisfies Record<HeatmapColumnKind, HeatmapColumnKind>;
registerEnumType(COLUMN_KINDS, {
  name: 'HeatmapColumnKind',
  description: 'What a heatmap column measures, and so the range of its values.',
  valuesConfig: {
    PARTICIPATION: { description: 'Responses ÷ invitations, 0..1.' },
    NPS: { description: 'NPS of an NPS question, −100..100.' },
    RATING: { description: 'Mean of a rating question, 1..scaleMax.' },
  },
});

@ObjectType('HeatmapColumn', { description: 'One scorecard item of the heatmap.' })
export class HeatmapColumn {
  @Field(() => String, { description: "Key of the item: 'participation' or 'q<questionId>'." })
  key!: string;

  @Field(() => String, { description: 'Label: the question prompt.' })
  label!: string;

  @Field(() => COLUMN_KINDS, { description: 'What the values mean.' })
  kind!: HeatmapColumnKind;

  @Field(() => Int, { nullable: true, description: 'Highest rating (RATING columns).' })
  scaleMax!: number | null;
}

@ObjectType('HeatmapCell', { description: 'One team × item figure; null with `suppressed` when the anonymity rules hide it (never 0).' })
export class HeatmapCell {
  @Field(() => String, { description: 'The column key.' })
  key!: string;

  @Field(() => Float, { nullable: true, description: 'The figure (see the column kind).' })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'Answers behind it.' })
  answered!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is hidden; null when shown.' })
  suppressed!: SuppressionReason | null;
}

@ObjectType('HeatmapRow', { description: 'A team (always with its sub-teams) across the items.' })
export class HeatmapRow extends TeamLevelRow {
  @Field(() => Int, { nullable: true, description: 'People invited in the waves.' })
  invited!: number | null;

  @Field(() => Int, { nullable: true, description: 'Responses; null when hidden.' })
  responses!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the whole row is hidden; null when shown.' })
  suppressed!: SuppressionReason | null;

  @Field(() => [HeatmapCell], { description: 'One cell per column, in column order.' })
  cells!: HeatmapCell[];
}

@ObjectType('TeamHeatmap', { description: 'Teams × scorecard items for one wave or a pooled range of waves, one level of the team tree.' })
export class TeamHeatmap extends TeamLevelView {
  @Field(() => SurveyType, { description: 'The survey.' })
  survey!: unknown;

  @Field(() => [SurveyWaveType], { description: 'The waves pooled, oldest first. A pooled row is shown only when it is shown in each wave.' })
  waves!: unknown[];

  @Field(() => Int, { description: 'The anonymity threshold applied.' })
  threshold!: number;

  @Field(() => [HeatmapColumn], { description: 'Participation, then each NPS and rating question in order.' })
  columns!: HeatmapColumn[];

  @Field(() => [HeatmapRow], { description: 'The parent (when drilling down), then each child team by name.' })
  rows!: HeatmapRow[];
}

@Resolver()
export class HeatmapResolver {
  @Authorized(READ_ROLES)
  @Query(() => TeamHeatmap, { description: 'Team heatmap of an employee survey, under the anonymity rules for every viewer.' })
  teamHeatmap(
    @Arg('surveyId', () => ID, { description: 'An employee survey.' }) surveyId: string,
    @Ctx() ctx: Context,
    @Arg('parentTeamId', () => ID, { nullable: true, description: 'Drill into this team; top-level teams when omitted.' }) parentTeamId?: string | null,
    @Arg('fromWave', () => Int, { nullable: true, description: 'First wave number of a range; the latest closed wave (else the running one) when both are omitted.' }) fromWave?: number | null,
    @Arg('toWave', () => Int, { nullable: true, description: 'Last wave number of a range (inclusive).' }) toWave?: number | null,
  ) {
    return teamHeatmap(ctx, surveyId, parentTeamId, fromWave, toWave);
  }
}
