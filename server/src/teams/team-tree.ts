import type { EntityManager } from '@mikro-orm/knex';
import { num } from '../db/raw.js';

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
