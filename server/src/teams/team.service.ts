import type { Context } from '../context.js';
import { Team } from './team.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { uniqueOr } from '../errors/db-errors.js';
import { inTransaction } from '../pubsub/events.js';
import { parseId } from '../graphql/ids.js';
import { SortDirection, type PageRequest } from '../graphql/connection.js';
import { keysetConnection } from '../graphql/keyset.js';
import { teamAncestorIds } from './team-tree.js';
import { likePattern } from '../db/raw.js';
import type { CreateTeamInput, TeamFilter, UpdateTeamInput } from './team.types.js';

export async function getTeam(ctx: Context, id: string): Promise<Team> {
  const team = await ctx.loaders.team.load(parseId(id, 'id'));
  if (!team) throw notFound('Team', id);
  return team;
}

export async function listTeams(ctx: Context, page: PageRequest, filter: TeamFilter | undefined) {
  const qb = ctx.em.createQueryBuilder(Team, 't');
  if (filter?.search?.trim()) qb.andWhere(`lower(t.name) like ? escape '!'`, [likePattern(filter.search)]);
  if (filter?.parentId) qb.andWhere({ parent: parseId(filter.parentId, 'filter.parentId') });
  if (filter?.rootsOnly) qb.andWhere({ parent: null });
  const connection = await keysetConnection(qb, page, 'name', SortDirection.ASC);
  for (const { node } of connection.edges) ctx.loaders.team.prime(node.id, node);
  return connection;
}

function teamNameTaken(name: string) {
  return new DomainError('TEAM_NAME_TAKEN', `A team named "${name}" already exists`, { field: 'name' });
}

export async function createTeam(ctx: Context, input: CreateTeamInput): Promise<Team> {
  const name = input.name.trim();
  if (!name) throw badInput('name', '`name` must not be blank');
  return uniqueOr(
    () => inTransaction(ctx, async (em) => {
      if (await em.count(Team, { name })) throw teamNameTaken(name);
      let parent: Team | null = null;
      if (input.parentId) {
        parent = await em.findOne(Team, { id: parseId(input.parentId, 'parentId') });
        if (!parent) throw new DomainError('NOT_FOUND', `Team ${input.parentId} was not found`, { field: 'parentId' });
      }
      const team = em.create(Team, { name, parent, createdAt: ctx.deps.now() });
      await em.flush();
      return team;
    }),
    () => teamNameTaken(name),
  );
}

export async function updateTeam(ctx: Context, input: UpdateTeamInput): Promise<Team> {
  return uniqueOr(
    () => inTransaction(ctx, async (em) => {
      const team = await em.findOne(Team, { id: parseId(input.id, 'id') });
      if (!team) throw notFound('Team', input.id);
      if (input.name !== undefined && input.name !== null) {
        const name = input.name.trim();
        if (!name) throw badInput('name', '`name` must not be blank');
        const clash = await em.findOne(Team, { name, id: { $ne: team.id } });
        if (clash) throw teamNameTaken(name);
        team.name = name;
      }
      if (input.parentId !== undefined) {
        if (input.parentId === null) {
          team.parent = null;
        } else {
          const parentId = parseId(input.parentId, 'parentId');
          const parent = await em.findOne(Team, { id: parentId });
          if (!parent) throw new DomainError('NOT_FOUND', `Team ${input.parentId} was not found`, { field: 'parentId' });
          const above = await teamAncestorIds(em, parentId);
          if (parentId === team.id || above.includes(team.id)) {
            throw new DomainError('TEAM_CYCLE', `"${parent.name}" is below "${team.name}"; a team cannot sit below itself`, {
              field: 'parentId',
            });
          }
          team.parent = parent as never;
        }
      }
      await em.flush();
      return team;
    }),
    () => teamNameTaken(input.name ?? ''),
  );
}
