/**
 * The anonymity rules for survey results, enforced in the server for every
 * client (BI tokens included). Pure functions over "cells": response counts
 * per combination of the segment facts a response keeps (team, subject
 * leader, tenure band, customer segment) in one wave.
 *
 * A result is shown for a group only when
 *  1. THRESHOLD — it has at least k responses (default 5, never below 3);
 *  2. NESTED DIFFERENCE — for every other reportable group H that contains
 *     it, the difference is 0 or at least k (otherwise H − G, e.g. "parent
 *     team minus sub-team" or "everyone minus one tenure band", would reveal
 *     fewer than k people). The contained, finer group is the one hidden, so
 *     top-line figures stay visible and H alone reveals nothing;
 *  3. COMPLEMENT — within every partition (a team's sub-teams beside its own
 *     direct members; the tenure bands, segments and leaders of the whole
 *     wave), what the shown parts leave over is 0 or at least k; otherwise the
 *     smallest shown parts are hidden until it is (classic complementary
 *     suppression), so "parent minus the sum of its children" never isolates
 *     a small group.
 * Only one grouping dimension is allowed per request and results are per
 * wave, so unions and intersections of groups are never reportable: the
 * family checked above is every group the API can return.
 */
export interface Cell {
  teamId: number | null;
  leaderId: number | null;
  band: string | null;
  segment: string | null;
  n: number;
}

export type Group =
  | { kind: 'ALL' }
  | { kind: 'TEAM'; teamId: number }
  | { kind: 'LEADER'; leaderId: number }
  | { kind: 'BAND'; band: string }
  | { kind: 'SEGMENT'; segment: string };

export type Suppression = 'BELOW_THRESHOLD' | 'DIFFERENCING';

/** Team tree: each team's parent (null for a top-level team). */
export type TeamParents = Map<number, number | null>;

export function groupKey(group: Group): string {
  switch (group.kind) {
    case 'ALL':
      return 'ALL';
    case 'TEAM':
      return `TEAM:${group.teamId}`;
    case 'LEADER':
      return `LEADER:${group.leaderId}`;
    case 'BAND':
      return `BAND:${group.band}`;
    case 'SEGMENT':
      return `SEGMENT:${group.segment}`;
  }
}

/**
 * The rules evaluated for one wave's cells. Group sizes, memberships and the
 * complement rule's hidden parts are worked out once per wave and reused, so
 * judging every team and leader of a heatmap or a signal run stays linear in
 * the number of groups rather than quadratic.
 */
export class WaveAnonymity {
  private readonly children = new Map<number, number[]>();
  private readonly tests = new Map<string, (cell: Cell) => boolean>();
  private readonly sizes = new Map<string, number>();
  private familyCache: Group[] | undefined;
  private complementHidden: Set<string> | undefined;

  constructor(
    private readonly cells: Cell[],
    private readonly parents: TeamParents,
    private readonly k: number,
  ) {
    for (const [id, parent] of parents) if (parent !== null) this.children.set(parent, [...(this.children.get(parent) ?? []), id]);
  }

  /** Why `group` must be hidden in this wave, or null when it may be shown. */
  suppressionOf(group: Group): Suppression | null {
    const n = this.size(group);
    if (n < this.k) return 'BELOW_THRESHOLD';
    const key = groupKey(group);

    // Rule 2: nested differences — hide the finer group when a coarser one differs from it by 1..k−1.
    const inGroup = this.cells.filter(this.memberTest(group));
    for (const other of this.family()) {
      if (groupKey(other) === key) continue;
      const m = this.size(other);
      if (m < this.k || m - n <= 0 || m - n >= this.k) continue; // a hidden group cannot be subtracted
      const inOther = this.memberTest(other);
      const containsGroup = count(inGroup, inOther) === n;
      if (containsGroup) return 'DIFFERENCING';
    }

    // Rule 3: complementary suppression inside every partition this group is part of.
    if (this.hiddenByComplement().has(key)) return 'DIFFERENCING';
    return null;
  }

  /** Number of responses in a group. */
  size(group: Group): number {
    const key = groupKey(group);
    let n = this.sizes.get(key);
    if (n === undefined) {
      n = count(this.cells, this.memberTest(group));
      this.sizes.set(key, n);
    }
    return n;
  }

  /** Whether a cell belongs to a group (a team includes its sub-teams). */
  memberTest(group: Group): (cell: Cell) => boolean {
    const key = groupKey(group);
    let test = this.tests.get(key);
    if (!test) {
      test = this.buildTest(group);
      this.tests.set(key, test);
    }
    return test;
  }

  private buildTest(group: Group): (cell: Cell) => boolean {
    switch (group.kind) {
      case 'ALL':
        return () => true;
      case 'TEAM': {
        const teams = this.subtree(group.teamId);
        return (cell) => cell.teamId !== null && teams.has(cell.teamId);
      }
      case 'LEADER':
        return (cell) => cell.leaderId === group.leaderId;
      case 'BAND':
        return (cell) => cell.band === group.band;
      case 'SEGMENT':
        return (cell) => cell.segment === group.segment;
    }
  }

  private subtree(teamId: number): Set<number> {
    const result = new Set<number>();
    const stack = [teamId];
    while (stack.length) {
      const id = stack.pop()!;
      if (result.has(id)) continue;
      result.add(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return result;
  }

  /** Every group the API could report for these cells. */
  private family(): Group[] {
    if (this.familyCache) return this.familyCache;
    const groups: Group[] = [{ kind: 'ALL' }];
    for (const teamId of this.parents.keys()) groups.push({ kind: 'TEAM', teamId });
    for (const leaderId of new Set(this.cells.map((c) => c.leaderId))) if (leaderId !== null) groups.push({ kind: 'LEADER', leaderId });
    for (const band of new Set(this.cells.map((c) => c.band))) if (band !== null) groups.push({ kind: 'BAND', band });
    for (const segment of new Set(this.cells.map((c) => c.segment))) if (segment !== null) groups.push({ kind: 'SEGMENT', segment });
    return (this.familyCache = groups);
  }

  /** The partitions checked by the complement rule: a parent size and its parts. */
  private partitions(): Array<{ total: number; parts: Group[] }> {
    const all = this.size({ kind: 'ALL' });
    const groups = this.family();
    const result = (['LEADER', 'BAND', 'SEGMENT'] as const).map((kind) => ({ total: all, parts: groups.filter((g) => g.kind === kind) }));
    const roots = [...this.parents].filter(([, parent]) => parent === null).map(([id]): Group => ({ kind: 'TEAM', teamId: id }));
    result.push({ total: all, parts: roots });
    for (const [teamId, children] of this.children) {
      result.push({ total: this.size({ kind: 'TEAM', teamId }), parts: children.map((id): Group => ({ kind: 'TEAM', teamId: id })) });
    }
    return result;
  }

  /** Parts hidden by complementary suppression, the smallest shown parts first, until the rest is 0 or ≥ k. */
  private hiddenByComplement(): Set<string> {
    if (this.complementHidden) return this.complementHidden;
    const hidden = new Set<string>();
    for (const { total, parts } of this.partitions()) {
      const sized = parts.map((p) => ({ key: groupKey(p), n: this.size(p) })).filter((p) => p.n >= this.k);
      sized.sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
      let rest = total - sized.reduce((sum, p) => sum + p.n, 0);
      for (const part of sized) {
        if (rest === 0 || rest >= this.k) break;
        hidden.add(part.key);
        rest += part.n;
      }
    }
    return (this.complementHidden = hidden);
  }
}

function count(cells: Cell[], test: (cell: Cell) => boolean): number {
  return cells.reduce((sum, cell) => sum + (test(cell) ? cell.n : 0), 0);
}

/** Why `group` must be hidden in this wave, or null when it may be shown. */
export function suppressionOf(group: Group, cells: Cell[], parents: TeamParents, k: number): Suppression | null {
  return new WaveAnonymity(cells, parents, k).suppressionOf(group);
}
