import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Team } from './team.entity.js';
import { CreateTeamInput, TeamConnection, TeamFilter, TeamType, UpdateTeamInput } from './team.types.js';
import * as service from './team.service.js';
import { READ_ROLES, WRITE_ROLES } from '../auth/auth-checker.js';
import { pageRequest } from '../graphql/connection.js';
import { teamAncestorIds } from './team-tree.js';

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

  @FieldResolver(() => Int, { description: 'Number of active employees in this team (not counting sub-teams).' })
  memberCount(@Root() team: Team, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.memberCountByTeam.load(team.id);
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
