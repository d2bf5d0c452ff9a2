import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Team } from './team.entity.js';
import { CreateTeamInput, TeamConnection, TeamFilter, TeamType, UpdateTeamInput } from './team.types.js';
import { EmployeeConnection, EmployeeStatus } from '../people/employee.types.js';
import * as service from './team.service.js';
import { listEmployees } from '../people/employee.service.js';
import { READ_ROLES, WRITE_ROLES } from '../auth/auth-checker.js';
import { pageRequest } from '../graphql/connection.js';
import { teamAncestorIds } from './team-tree.js';
import { TrustSignalType } from '../insights/trust-signals.resolver.js';

@Resolver(() => TeamType)
export class TeamResolver {
  @Authorized(READ_ROLES)
  @Query(() => TeamType, { description: 'One team by id; NOT_FOUND when there is none.' })
  team(@Arg('id', () => ID, { description: 'The team id.' }) id: string, @Ctx() ctx: Context): Promise<Team> {
    return service.getTeam(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => TeamConnection, { description: 'Teams by name, a page at a time.' })
  teams(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => TeamFilter, { nullable: true, description: 'Conditions the teams must meet.' }) filter?: TeamFilter,
  ) {
    return service.listTeams(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter);
  }

  @FieldResolver(() => TeamType, { nullable: true, description: 'The team above; null for a top-level team.' })
  parent(@Root() team: Team, @Ctx() ctx: Context): Promise<Team | null> | null {
    return team.parent ? ctx.loaders.team.load(team.parent.id) : null;
  }

  @FieldResolver(() => [TeamType], { description: 'The teams directly below, by name.' })
  children(@Root() team: Team, @Ctx() ctx: Context): Promise<Team[]> {
    return ctx.loaders.childTeams.load(team.id);
  }

  @FieldResolver(() => [TeamType], { description: 'Teams above this one, the parent first and the top last.' })
  async ancestors(@Root() team: Team, @Ctx() ctx: Context): Promise<Team[]> {
    const ids = await teamAncestorIds(ctx.em, team.id);
    return (await ctx.loaders.team.loadMany(ids)).filter((t): t is Team => t instanceof Team);
  }

  @Authorized(READ_ROLES)
  @FieldResolver(() => TrustSignalType, { nullable: true, description: 'The open trust-withdrawal signal of this team (with its sub-teams), or null. Not for kiosk tokens.' })
  trustSignal(@Root() team: Team, @Ctx() ctx: Context) {
    return ctx.loaders.activeSignalByTeam.load(team.id);
  }

  @FieldResolver(() => Int, { description: 'Number of active employees in this team (not counting sub-teams).' })
  memberCount(@Root() team: Team, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountByTeam.load(team.id);
  }

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

  @Authorized(WRITE_ROLES)
  @Mutation(() => TeamType, { description: 'Adds a team. TEAM_NAME_TAKEN when the name is in use.' })
  createTeam(@Arg('input', () => CreateTeamInput, { description: 'What to do; see the input type.' }) input: CreateTeamInput, @Ctx() ctx: Context): Promise<Team> {
    return service.createTeam(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => TeamType, { description: 'Renames or moves a team. TEAM_CYCLE when it would sit below itself.' })
  updateTeam(@Arg('input', () => UpdateTeamInput, { description: 'What to do; see the input type.' }) input: UpdateTeamInput, @Ctx() ctx: Context): Promise<Team> {
    return service.updateTeam(ctx, input);
  }
}
