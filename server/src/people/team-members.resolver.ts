import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { pageRequest } from '../graphql/connection.js';
import { Team } from '../teams/team.entity.js';
import { TeamType } from '../teams/team.types.js';
import { listEmployees } from './employee.service.js';
import { EmployeeConnection, EmployeeStatus } from './employee.types.js';

/** `Team.members`: people adds the field to the team type, since teams/ sits below people/ and knows no employee. */
@Resolver(() => TeamType)
export class TeamMembersResolver {
  @FieldResolver(() => EmployeeConnection, { description: 'The team\'s active members by name; with `includeSubTeams`, also those of teams below.' })
  members(
    @Root() team: Team,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('includeSubTeams', () => Boolean, { defaultValue: false, description: 'Also list members of teams below.' }) includeSubTeams?: boolean,
  ) {
    return listEmployees(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), {
      teamId: String(team.id),
      includeSubTeams,
      status: EmployeeStatus.ACTIVE,
    }, undefined);
  }
}
