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

function subtree(teamId: number, parents: TeamParents): Set<number> {
  const children = new Map<number, number[]>();
  for (const [id, parent] of parents) if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), id]);
  const result = new Set<number>();
  const stack = [teamId];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

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

function memberTest(group: Group, parents: TeamParents): (cell: Cell) => boolean {
  switch (group.kind) {
    case 'ALL':
      return () => true;
    case 'TEAM': {
      const teams = subtree(group.teamId, parents);
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

function count(cells: Cell[], test: (cell: Cell) => boolean): number {
  return cells.reduce((sum, cell) => sum + (test(cell) ? cell.n : 0), 0);
}

/** Every group the API could report for these cells. */
function family(cells: Cell[], parents: TeamParents): Group[] {
  const groups: Group[] = [{ kind: 'ALL' }];
  for (const teamId of parents.keys()) groups.push({ kind: 'TEAM', teamId });
  for (const leaderId of new Set(cells.map((c) => c.leaderId))) if (leaderId !== null) groups.push({ kind: 'LEADER', leaderId });
  for (const band of new Set(cells.map((c) => c.band))) if (band !== null) groups.push({ kind: 'BAND', band });
  for (const segment of new Set(cells.map((c) => c.segment))) if (segment !== null) groups.push({ kind: 'SEGMENT', segment });
  return groups;
}

/** The partitions checked by the complement rule: a parent size and its parts. */
function partitions(cells: Cell[], parents: TeamParents): Array<{ total: number; parts: Group[] }> {
  const all = count(cells, () => true);
  const result: Array<{ total: number; parts: Group[] }> = [];
  const groups = family(cells, parents);
  for (const kind of ['LEADER', 'BAND', 'SEGMENT'] as const) {
    result.push({ total: all, parts: groups.filter((g) => g.kind === kind) });
  }
  const roots = [...parents].filter(([, parent]) => parent === null).map(([id]) => ({ kind: 'TEAM', teamId: id }) as Group);
  result.push({ total: all, parts: roots });
  for (const teamId of parents.keys()) {
    const children = [...parents].filter(([, parent]) => parent === teamId).map(([id]) => ({ kind: 'TEAM', teamId: id }) as Group);
    if (children.length) result.push({ total: count(cells, memberTest({ kind: 'TEAM', teamId }, parents)), parts: children });
  }
  return result;
}

/** Why `group` must be hidden in this wave, or null when it may be shown. */
export function suppressionOf(group: Group, cells: Cell[], parents: TeamParents, k: number): Suppression | null {
  const inGroup = memberTest(group, parents);
  const n = count(cells, inGroup);
  if (n < k) return 'BELOW_THRESHOLD';
  const key = groupKey(group);

  // Rule 2: nested differences — hide the finer group when a coarser one differs from it by 1..k−1.
  for (const other of family(cells, parents)) {
    if (groupKey(other) === key) continue;
    const inOther = memberTest(other, parents);
    const m = count(cells, inOther);
    if (m < k) continue; // a hidden group cannot be subtracted
    const containsGroup = count(cells, (c) => inGroup(c) && inOther(c)) === n;
    if (containsGroup && m - n > 0 && m - n < k) return 'DIFFERENCING';
  }

  // Rule 3: complementary suppression inside every partition this group is part of.
  for (const { total, parts } of partitions(cells, parents)) {
    if (!parts.some((p) => groupKey(p) === key)) continue;
    const sized = parts.map((p) => ({ key: groupKey(p), n: count(cells, memberTest(p, parents)) })).filter((p) => p.n >= k);
    sized.sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
    const hidden = new Set<string>();
    let rest = total - sized.reduce((sum, p) => sum + p.n, 0);
    for (const part of sized) {
      if (rest === 0 || rest >= k) break;
      hidden.add(part.key);
      rest += part.n;
    }
    if (hidden.has(key)) return 'DIFFERENCING';
  }
  return null;
}
