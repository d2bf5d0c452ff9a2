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

/**
 * The rules evaluated for one wave's cells. Cells are indexed by team,
 * leader, band and segment, and group sizes and the complement rule's hidden
 * parts are worked out once per wave, so judging every team and leader of a
 * heatmap, a leaders list or a signal run stays close to linear in the number
 * of groups instead of scanning every cell for every group.
 */
export class WaveAnonymity {
  readonly tree: TeamTree;
  private readonly byTeam = new Map<number, Cell[]>();
  private readonly byLeader = new Map<number, Cell[]>();
  private readonly byBand = new Map<string, Cell[]>();
  private readonly bySegment = new Map<string, Cell[]>();
  private readonly tests = new Map<string, (cell: Cell) => boolean>();
  private readonly sizes = new Map<string, number>();
  private familyCache: Group[] | undefined;
  private complementHidden: Set<string> | undefined;

  constructor(
    private readonly cells: Cell[],
    teams: TeamParents | TeamTree,
    private readonly k: number,
  ) {
    this.tree = teams instanceof TeamTree ? teams : new TeamTree(teams);
    for (const cell of cells) {
      if (cell.teamId !== null) push(this.byTeam, cell.teamId, cell);
      if (cell.leaderId !== null) push(this.byLeader, cell.leaderId, cell);
      if (cell.band !== null) push(this.byBand, cell.band, cell);
      if (cell.segment !== null) push(this.bySegment, cell.segment, cell);
    }
  }

  /** Why `group` must be hidden in this wave, or null when it may be shown. */
  suppressionOf(group: Group): Suppression | null {
    const n = this.size(group);
    if (n < this.k) return 'BELOW_THRESHOLD';
    const key = groupKey(group);

    // Rule 2: nested differences — hide the finer group when a coarser one differs from it by 1..k−1.
    let inGroup: Cell[] | undefined;
    for (const other of this.family()) {
      const m = this.size(other);
      if (m < this.k || m - n <= 0 || m - n >= this.k) continue; // a hidden group cannot be subtracted
      if (groupKey(other) === key) continue;
      inGroup ??= this.cellsOf(group);
      const inOther = this.memberTest(other);
      if (count(inGroup, inOther) === n) return 'DIFFERENCING';
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
      n = this.cellsOf(group).reduce((sum, cell) => sum + cell.n, 0);
      this.sizes.set(key, n);
    }
    return n;
  }

  /** The cells of a group, from the indexes. */
  private cellsOf(group: Group): Cell[] {
    switch (group.kind) {
      case 'ALL':
        return this.cells;
      case 'TEAM':
        return [...this.tree.subtree(group.teamId)].flatMap((id) => this.byTeam.get(id) ?? []);
      case 'LEADER':
        return this.byLeader.get(group.leaderId) ?? [];
      case 'BAND':
        return this.byBand.get(group.band) ?? [];
      case 'SEGMENT':
        return this.bySegment.get(group.segment) ?? [];
    }
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
        const teams = this.tree.subtree(group.teamId);
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

  /** Every group the API could report for these cells. */
  private family(): Group[] {
    if (this.familyCache) return this.familyCache;
    const groups: Group[] = [{ kind: 'ALL' }];
    for (const teamId of this.tree.parents.keys()) groups.push({ kind: 'TEAM', teamId });
    for (const leaderId of this.byLeader.keys()) groups.push({ kind: 'LEADER', leaderId });
    for (const band of this.byBand.keys()) groups.push({ kind: 'BAND', band });
    for (const segment of this.bySegment.keys()) groups.push({ kind: 'SEGMENT', segment });
    return (this.familyCache = groups);
  }

  /** The partitions checked by the complement rule: a parent size and its parts. */
  private partitions(): Array<{ total: number; parts: Group[] }> {
    const all = this.size({ kind: 'ALL' });
    const groups = this.family();
    const result = (['LEADER', 'BAND', 'SEGMENT'] as const).map((kind) => ({ total: all, parts: groups.filter((g) => g.kind === kind) }));
    result.push({ total: all, parts: this.tree.roots().map((id): Group => ({ kind: 'TEAM', teamId: id })) });
    for (const teamId of this.tree.parents.keys()) {
      const children = this.tree.childrenOf(teamId);
      if (children.length) result.push({ total: this.size({ kind: 'TEAM', teamId }), parts: children.map((id): Group => ({ kind: 'TEAM', teamId: id })) });
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function count(cells: Cell[], test: (cell: Cell) => boolean): number {
  return cells.reduce((sum, cell) => sum + (test(cell) ? cell.n : 0), 0);
}

/** Why `group` must be hidden in this wave, or null when it may be shown. */
export function suppressionOf(group: Group, cells: Cell[], parents: TeamParents, k: number): Suppression | null {
  return new WaveAnonymity(cells, parents, k).suppressionOf(group);
}
