import type { EntityManager } from '@mikro-orm/knex';
import { num } from '../db/raw.js';
import { notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { Team } from './team.entity.js';

/**
 * The one home of the team hierarchy: the whole tree in memory (`TeamTree`, for figures that walk
 * it many times), a team's subtree or ancestors as single recursive statements (`WITH RECURSIVE`
 * runs unchanged on SQLite and PostgreSQL), and one level of it as the heatmap and the
 * service-profit chain show it. Cycles are refused on write; the depth cap is a second guard so a
 * corrupted row can never loop forever.
 */
const MAX_TEAM_DEPTH = 1000;

/** Team tree: each team's parent (null for a top-level team). */
export type TeamParents = Map<number, number | null>;

/** The team hierarchy, with each team's subtree worked out once. */
export class TeamTree {
  private readonly children = new Map<number, number[]>();
  private readonly subtrees = new Map<number, Set<number>>();

  constructor(readonly parents: TeamParents) {
    for (const [id, parent] of parents) if (parent !== null) this.children.set(parent, [...(this.children.get(parent) ?? []), id]);
  }

  /** Teams directly below a team. */
  childrenOf(teamId: number): number[] {
    return this.children.get(teamId) ?? [];
  }

  /** Top-level teams. */
  roots(): number[] {
    return [...this.parents].filter(([, parent]) => parent === null).map(([id]) => id);
  }

  has(teamId: number): boolean {
    return this.parents.has(teamId);
  }

  /** The team and every team below it. */
  subtree(teamId: number): Set<number> {
    let result = this.subtrees.get(teamId);
    if (result) return result;
    result = new Set<number>();
    const stack = [teamId];
    while (stack.length) {
      const id = stack.pop()!;
      if (result.has(id)) continue;
      result.add(id);
      stack.push(...this.childrenOf(id));
    }
    this.subtrees.set(teamId, result);
    return result;
  }

  /** The given teams and every team above them. */
  withAncestors(teamIds: number[]): number[] {
    const result = new Set<number>();
    for (const start of teamIds) {
      let id: number | null | undefined = start;
      while (id !== null && id !== undefined && !result.has(id)) {
        result.add(id);
        id = this.parents.get(id);
      }
    }
    return [...result];
  }
}

/** Today's team tree, from one statement. */
export async function teamParents(em: EntityManager): Promise<TeamParents> {
  const rows = await em.execute<Array<{ id: number; parent_id: number | null }>>('select id, parent_id from team');
  return new Map(rows.map((r) => [num(r.id), r.parent_id == null ? null : num(r.parent_id)]));
}

/** A team's own id and the ids of all teams below it, in one statement. */
export async function teamSubtreeIds(em: EntityManager, teamId: number): Promise<number[]> {
  const rows = await em.execute<Array<{ id: number }>>(
    `with recursive sub (id, depth) as (
       select id, 0 from team where id = ?
       union all
       select t.id, s.depth + 1 from team t join sub s on t.parent_id = s.id where s.depth < ?
     ) select id from sub`,
    [teamId, MAX_TEAM_DEPTH],
  );
  return rows.map((r) => num(r.id));
}

/** The ids of a team's ancestors, nearest first, in one statement. */
export async function teamAncestorIds(em: EntityManager, teamId: number): Promise<number[]> {
  const rows = await em.execute<Array<{ id: number }>>(
    `with recursive up (id, parent_id, depth) as (
       select id, parent_id, 0 from team where id = ?
       union all
       select t.id, t.parent_id, u.depth + 1 from team t join up u on t.id = u.parent_id where u.depth < ?
     ) select id from up where depth > 0 order by depth`,
    [teamId, MAX_TEAM_DEPTH],
  );
  return rows.map((r) => num(r.id));
}

/** Where one level of the team tree sits: its parent (null at the top) and the parent's whole subtree. */
export interface LevelPlace {
  parentId: number | null;
  /** The parent and every team below it, to load only what the level needs; null at the top. */
  subtreeIds: number[] | null;
}

/** The level below `parentTeamIdInput` in today's tree; NOT_FOUND for a team the tree does not hold. */
export function levelPlace(tree: TeamTree, parentTeamIdInput?: string | null): LevelPlace {
  if (!parentTeamIdInput) return { parentId: null, subtreeIds: null };
  const parentId = parseId(parentTeamIdInput, 'parentTeamId');
  if (!tree.has(parentId)) throw notFound('Team', parentTeamIdInput);
  return { parentId, subtreeIds: [...tree.subtree(parentId)] };
}

/**
 * One level of the team tree, as the heatmap and the service-profit chain
 * show it: the parent (null at the top), its child teams by name with how
 * many sub-teams each has, and the path from the top down to the parent.
 * Today's tree (`teamParents`, one statement of ids) answers the structure in
 * memory; the teams shown — children, parent and its ancestors — come from
 * one find (the tree's recursive statements and separate finds were six
 * statements on as many pooled connections).
 */
export async function teamLevel(em: EntityManager, tree: TeamTree, place: LevelPlace) {
  const { parentId } = place;
  // withAncestors starts with the parent itself, then goes up: nearest ancestor first.
  const ancestorIds = parentId === null ? [] : tree.withAncestors([parentId]).slice(1);
  const teams = await em.find(Team, parentId === null ? { parent: null } : { $or: [{ parent: parentId }, { id: { $in: [parentId, ...ancestorIds] } }] }, {
    orderBy: { name: 'asc', id: 'asc' },
  });
  const byId = new Map(teams.map((team) => [team.id, team]));
  const parent = parentId === null ? null : (byId.get(parentId) ?? null);
  // Removed since the tree was read.
  if (parentId !== null && !parent) throw notFound('Team', String(parentId));
  const children = teams.filter((team) => (team.parent?.id ?? null) === parentId);
  return {
    parent,
    children,
    childTeamsOf: (team: Team) => (team === parent ? children.length : tree.childrenOf(team.id).length),
    // Root first: the ancestors come nearest first.
    breadcrumb: parent ? [...[...ancestorIds].reverse().flatMap((id) => byId.get(id) ?? []), parent] : [],
    /** The rows of the level: the parent (whole) first when drilling down, then each child. */
    rows: [...(parent ? [{ team: parent, isParent: true }] : []), ...children.map((team) => ({ team, isParent: false }))],
  };
}
