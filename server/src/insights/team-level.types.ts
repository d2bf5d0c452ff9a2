import { Field, Int, ObjectType } from 'type-graphql';
import { TeamType } from '../teams/team.types.js';

/** A row of one level of the team tree (heatmap, service-profit chain): a team with its sub-teams. */
@ObjectType()
export abstract class TeamLevelRow {
  @Field(() => TeamType, { description: 'The team (always with its sub-teams).' })
  team!: unknown;

  @Field(() => Boolean, { description: 'True for the parent team itself (first row when drilling down).' })
  isParent!: boolean;

  @Field(() => Int, { description: 'Its sub-teams: drill down when more than 0.' })
  childTeams!: number;
}

/** One level of the team tree: where it sits. */
@ObjectType()
export abstract class TeamLevelView {
  @Field(() => TeamType, { nullable: true, description: 'The team drilled into; null at the top level.' })
  parent!: unknown;

  @Field(() => [TeamType], { description: 'From the top-level team down to the parent.' })
  breadcrumb!: unknown[];
}
