import type { EntityManager } from '@mikro-orm/knex';
import { num } from '../db/raw.js';

/**
 * Hierarchy queries as single recursive SQL statements (`WITH RECURSIVE` runs
 * unchanged on SQLite and PostgreSQL). Cycles are refused on write, and the
 * depth cap is a second guard so a corrupted row can never loop forever.
 */
export const MAX_HIERARCHY_DEPTH = 1000;

/** For each member, the ids of their leaders from the direct one (depth 1) up to the top. */
export async function leaderChains(em: EntityManager, memberIds: readonly number[]): Promise<Map<number, number[]>> {
  const chains = new Map<number, number[]>(memberIds.map((id) => [id, []]));
  if (!memberIds.length) return chains;
  const rows = await em.execute<Array<{ origin: number; leader_id: number; depth: number }>>(
    `with recursive chain (origin, leader_id, depth) as (
       select member_id, leader_id, 1 from leadership_relationship
        where ended_at is null and member_id in (${memberIds.map(() => '?').join(',')})
       union all
       select c.origin, r.leader_id, c.depth + 1 from leadership_relationship r
         join chain c on r.member_id = c.leader_id
        where r.ended_at is null and c.depth < ?
     )
     select origin, leader_id, depth from chain order by origin, depth`,
    [...memberIds, MAX_HIERARCHY_DEPTH],
  );
  for (const row of rows) chains.get(num(row.origin))?.push(num(row.leader_id));
  return chains;
}

export interface ReportRow {
  memberId: number;
  leaderId: number;
  depth: number;
}

const reportTreeCte = `with recursive tree (member_id, leader_id, depth) as (
   select member_id, leader_id, 1 from leadership_relationship where ended_at is null and leader_id = ?
   union all
   select r.member_id, r.leader_id, t.depth + 1 from leadership_relationship r
     join tree t on r.leader_id = t.member_id
    where r.ended_at is null and t.depth < ?
 )`;

/** Everyone who reports to `leaderId` down to `maxDepth`, breadth first, by name within a level. */
export async function reportTree(
  em: EntityManager,
  leaderId: number,
  maxDepth: number,
  window: { offset: number; limit: number },
): Promise<ReportRow[]> {
  const rows = await em.execute<Array<{ member_id: number; leader_id: number; depth: number }>>(
    `${reportTreeCte}
     select t.member_id, t.leader_id, t.depth from tree t join employee e on e.id = t.member_id
      order by t.depth, e.name, e.id limit ? offset ?`,
    [leaderId, maxDepth, window.limit, window.offset],
  );
  return rows.map((r) => ({ memberId: num(r.member_id), leaderId: num(r.leader_id), depth: num(r.depth) }));
}

export async function reportTreeCount(em: EntityManager, leaderId: number, maxDepth: number): Promise<number> {
  const [row] = await em.execute<Array<{ n: number | string }>>(`${reportTreeCte} select count(*) as n from tree`, [
    leaderId,
    maxDepth,
  ]);
  return num(row?.n ?? 0);
}
