import type { EntityManager } from '@mikro-orm/knex';
import { notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { Team } from '../teams/team.entity.js';
import { teamAncestorIds, teamSubtreeIds } from '../leadership/leadership.queries.js';

/**
 * One level of the team tree, as the heatmap and the service-profit chain
 * show it: the parent (null at the top), its child teams by name with how
 * many sub-teams each has, the path from the top down to the parent, and the
 * parent's whole subtree (to load only what the level needs).
 */
export async function teamLevel(em: EntityManager, parentTeamIdInput?: string | null) {
  const parent = parentTeamIdInput ? await em.findOne(Team, { id: parseId(parentTeamIdInput, 'parentTeamId') }) : null;
  if (parentTeamIdInput && !parent) throw notFound('Team', parentTeamIdInput);
  const children = await em.find(Team, { parent: parent ? parent.id : null }, { orderBy: { name: 'asc', id: 'asc' } });
  const childCounts = new Map<number, number>();
  if (children.length) {
    const rows = await em.execute<Array<{ parent_id: number; n: number | string }>>(
      `select parent_id, count(*) as n from team where parent_id in (${children.map(() => '?').join(',')}) group by parent_id`,
      children.map((t) => t.id),
    );
    for (const r of rows) childCounts.set(Number(r.parent_id), Number(r.n));
  }
  // Root first: the ancestors come nearest first.
  const ancestorIds = parent ? (await teamAncestorIds(em, parent.id)).reverse() : [];
  const ancestors = new Map((await em.find(Team, { id: { $in: ancestorIds } })).map((t) => [t.id, t]));
  return {
    parent,
    children,
    childTeamsOf: (team: Team) => (team === parent ? children.length : (childCounts.get(team.id) ?? 0)),
    breadcrumb: parent ? [...ancestorIds.map((id) => ancestors.get(id)!), parent] : [],
    subtreeIds: parent ? await teamSubtreeIds(em, parent.id) : null,
    /** The rows of the level: the parent (whole) first when drilling down, then each child. */
    rows: [...(parent ? [{ team: parent, isParent: true }] : []), ...children.map((team) => ({ team, isParent: false }))],
  };
}
