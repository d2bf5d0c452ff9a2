import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { connectionTypes } from '../graphql/connection.js';

@ObjectType('Team', { description: 'A team; teams form a hierarchy through `parent`.' })
export class TeamType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Unique team name.' })
  name!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the team was created.' })
  createdAt!: Date;
}

export const { Connection: TeamConnection } = connectionTypes(TeamType, 'Team', 'team');

@InputType({ description: 'Narrows a team list.' })
export class TeamFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(120)
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this team.' })
  parentId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only teams without a parent.' })
  rootsOnly?: boolean;
}

@InputType({ description: 'A new team.' })
export class CreateTeamInput {
  @Field(() => String, { description: 'Unique name (1–120 characters).' })
  @Length(1, 120)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent team.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a team; omitted fields stay, `parentId: null` makes it a top-level team.' })
export class UpdateTeamInput {
  @Field(() => ID, { description: 'The team to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New unique name.' })
  @IsOptional()
  @Length(1, 120)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New parent team; a team cannot sit below itself.' })
  parentId?: string | null;
}
