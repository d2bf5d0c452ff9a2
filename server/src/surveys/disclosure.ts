import { TeamTree, type TeamParents } from '../teams/team-tree.js';

/**
 * Disclosure control: the one place that decides which survey figures may be
 * shown. Every figure in Rapport built from survey answers (survey results,
 * heatmap, scorecards and their trends, the leaders list, the service-profit
 * chain, trust-signal inputs, pushed results) asks a `WaveDisclosure` first.
 *
 * THE POLICY. For one wave, the groups the API can report are decided
 * together, once, from the wave's response counts per "cell" (a combination
 * of the frozen facts a response keeps: team, the leader it was about,
 * tenure band, customer segment). The attacker we defend against knows the
 * org chart (as frozen for the wave) and who answered, reads every figure
 * the API shows, and may add and subtract them in any combination. A shown
 * figure is a sum over the respondents of a group, so what they can learn is
 * any linear combination of shown groups. The policy guarantees that every
 * such combination that is not zero involves at least k respondents:
 *
 *  1. THRESHOLD — a group with fewer than k responses is never shown.
 *  2. TEAMS AND LEADERS (nested, overlapping) — they are admitted one by one,
 *     everyone first, then larger groups before smaller ones (ties: teams
 *     before leaders, then by id). Admitted groups split the respondents into
 *     "atoms" (respondents who belong to exactly the same admitted groups). A
 *     group is admitted only if every atom it splits keeps at least k on both
 *     sides. Any combination of admitted groups is constant on atoms, so it
 *     is either zero or involves a whole atom, hence ≥ k respondents. This
 *     stops team − sub-team, team − the leader's reports inside it, parent −
 *     all but one child, chains of such subtractions, and anything else built
 *     from these groups.
 *  3. CROSS-CUTTING PARTITIONS (tenure bands; customer segments) — a part is
 *     admitted only if, for every way of splitting the shown parts (and the
 *     respondents in no shown part) into two sides, the respondents that the
 *     split cuts off inside the atoms of rule 2 (per atom, the smaller side)
 *     add up to 0 or at least k. That is exactly what a combination of parts
 *     with team/leader groups could isolate (a "team minus a band that
 *     differs by one swap" cuts off 2, and is refused). Larger parts are
 *     admitted first. Only one such partition is shown per wave; a second one
 *     (never the case today: employee surveys have bands, customer surveys
 *     segments) would be hidden.
 *
 * The same rules run on the respondents who answered each optional question
 * (counts per question cannot be subtracted either) and, with the comment
 * threshold, on those who left a comment — each only over the groups shown
 * for the wave. The decision depends on the counts alone, never on who asks
 * or in what order: the same data always hides the same groups. Waves are
 * independent (their respondents' answers are different data); pooled ranges
 * are shown only where every wave in them is shown.
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

export type Suppression = 'BELOW_THRESHOLD' | 'DIFFERENCING' | 'COMMENTS_BELOW_THRESHOLD' | 'WAVE_RUNNING';

/** Most parts of a cross-cutting partition that are judged (2^(n−1) splits each); smaller ones beyond are hidden. */
const MAX_PARTITION_PARTS = 14;

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

/** Whether a cell's segment facts put it in a group (a team with its subtree, by the given tree). */
export function memberTest(group: Group, tree: TeamTree): (cell: Omit<Cell, 'n'>) => boolean {
  switch (group.kind) {
    case 'ALL':
      return () => true;
    case 'TEAM': {
      const teams = tree.subtree(group.teamId);
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

/** Which cells (by index) belong to a group. */
function cellsOf(group: Group, cells: Cell[], tree: TeamTree): number[] {
  const result: number[] = [];
  const test = memberTest(group, tree);
  cells.forEach((cell, i) => {
    if (cell.n > 0 && test(cell)) result.push(i);
  });
  return result;
}

/**
 * The decision for one population of one wave (its responses, the answerers
 * of one question, or its commenters): which groups are shown. Built once
 * per population; asking is a map lookup.
 */
export class WaveDisclosure {
  private readonly decisions = new Map<string, Suppression | null>();
  private readonly sizes = new Map<string, number>();
  private readonly tree: TeamTree;

  /**
   * @param cells  counts per cell of this population
   * @param k      the threshold for this population (k, or the comment threshold)
   * @param within only these groups may be shown (the groups shown for the whole wave), or all
   * @param belowThreshold the reason given to groups smaller than k
   */
  constructor(
    private readonly cells: Cell[],
    teams: TeamParents | TeamTree,
    private readonly k: number,
    within?: (group: Group) => boolean,
    private readonly belowThreshold: Suppression = 'BELOW_THRESHOLD',
  ) {
    this.tree = teams instanceof TeamTree ? teams : new TeamTree(teams);
    this.decide(within ?? (() => true));
  }

  /** Why `group` is hidden in this wave, or null when it may be shown. */
  suppressionOf(group: Group): Suppression | null {
    const decided = this.decisions.get(groupKey(group));
    if (decided !== undefined) return decided;
    // Not a group of this wave (a team that did not exist then, a leader nobody rated): nobody to show.
    return this.belowThreshold;
  }

  /** Number of respondents in a group. */
  size(group: Group): number {
    const key = groupKey(group);
    let n = this.sizes.get(key);
    if (n === undefined) {
      n = cellsOf(group, this.cells, this.tree).reduce((sum, i) => sum + this.cells[i]!.n, 0);
      this.sizes.set(key, n);
    }
    return n;
  }

  private decide(within: (group: Group) => boolean) {
    const k = this.k;
    const weight = (indexes: number[]) => indexes.reduce((sum, i) => sum + this.cells[i]!.n, 0);
    const candidate = (group: Group) => {
      const members = cellsOf(group, this.cells, this.tree);
      const n = weight(members);
      this.sizes.set(groupKey(group), n);
      return { group, key: groupKey(group), members, n };
    };

    // Rule 2: everyone, teams and leaders, admitted largest first while every atom they split keeps ≥ k on each side.
    const atomOf = new Int32Array(this.cells.length); // every cell starts in atom 0 (everyone)
    const atomWeight: number[] = [weight(this.cells.map((_, i) => i))];
    const admit = (members: number[]): boolean => {
      const inside = new Map<number, number>();
      for (const i of members) inside.set(atomOf[i]!, (inside.get(atomOf[i]!) ?? 0) + this.cells[i]!.n);
      for (const [atom, w] of inside) {
        const rest = atomWeight[atom]! - w;
        if (rest > 0 && (w < k || rest < k)) return false;
      }
      // Atoms the group covers whole are not split (decided before any cell moves).
      const whole = new Set([...inside].filter(([atom, w]) => w === atomWeight[atom]).map(([atom]) => atom));
      const split = new Map<number, number>();
      for (const i of members) {
        const atom = atomOf[i]!;
        if (whole.has(atom)) continue;
        let part = split.get(atom);
        if (part === undefined) {
          part = atomWeight.length;
          atomWeight.push(0);
          split.set(atom, part);
        }
        atomOf[i] = part;
        atomWeight[part]! += this.cells[i]!.n;
        atomWeight[atom]! -= this.cells[i]!.n;
      }
      return true;
    };

    const everyone = candidate({ kind: 'ALL' });
    const allShown = everyone.n >= k && within(everyone.group);
    this.decisions.set(everyone.key, allShown ? null : this.belowThresholdOr(everyone.n));

    const teamIds = [...this.tree.parents.keys()];
    const leaderIds = [...new Set(this.cells.filter((c) => c.leaderId !== null).map((c) => c.leaderId!))];
    const nested = [
      ...teamIds.map((teamId) => candidate({ kind: 'TEAM', teamId })),
      ...leaderIds.map((leaderId) => candidate({ kind: 'LEADER', leaderId })),
    ].sort(byPriority);
    for (const c of nested) {
      if (c.n < k || !allShown) this.decisions.set(c.key, c.n < k ? this.belowThreshold : 'DIFFERENCING');
      else if (!within(c.group) || !admit(c.members)) this.decisions.set(c.key, 'DIFFERENCING');
      else this.decisions.set(c.key, null);
    }

    // Rule 3: one cross-cutting partition, parts admitted largest first while no two-sided split cuts off 1..k−1 inside an atom.
    let partitionShown = false;
    for (const kind of ['BAND', 'SEGMENT'] as const) {
      const values = [...new Set(this.cells.map((c) => (kind === 'BAND' ? c.band : c.segment)).filter((v): v is string => v !== null))];
      const parts = values.map((value) => candidate(kind === 'BAND' ? { kind, band: value } : { kind, segment: value })).sort(byPriority);
      const shown: Array<{ members: number[] }> = [];
      for (const part of parts) {
        if (part.n < k) this.decisions.set(part.key, this.belowThreshold);
        else if (!allShown || partitionShown || !within(part.group) || shown.length >= MAX_PARTITION_PARTS) this.decisions.set(part.key, 'DIFFERENCING');
        else if (!this.partitionSafe([...shown, part], atomOf, atomWeight)) this.decisions.set(part.key, 'DIFFERENCING');
        else {
          shown.push(part);
          this.decisions.set(part.key, null);
        }
      }
      if (shown.length) partitionShown = true;
    }
  }

  private belowThresholdOr(n: number): Suppression {
    return n < this.k ? this.belowThreshold : 'DIFFERENCING';
  }

  /**
   * Whether showing these parts beside the admitted teams and leaders is safe:
   * for every split of {parts…, the rest} into two sides, the smaller side of
   * each atom, summed, is 0 or at least k.
   */
  private partitionSafe(parts: Array<{ members: number[] }>, atomOf: Int32Array, atomWeight: number[]): boolean {
    // Per atom: respondents in each part; the rest of the atom is in no shown part.
    const perAtom = new Map<number, number[]>();
    parts.forEach((part, p) => {
      for (const i of part.members) {
        const atom = atomOf[i]!;
        let counts = perAtom.get(atom);
        if (!counts) perAtom.set(atom, (counts = new Array<number>(parts.length).fill(0)));
        counts[p]! += this.cells[i]!.n;
      }
    });
    // Sides are subsets X of the parts; the rest (respondents in no shown part) is always on the other side,
    // which covers every two-sided split whether or not anyone is in the rest.
    const splits = 2 ** parts.length - 1;
    for (let x = 1; x <= splits; x++) {
      let cutOff = 0;
      for (const [atom, counts] of perAtom) {
        let inX = 0;
        for (let p = 0; p < parts.length; p++) if (x & (1 << p)) inX += counts[p]!;
        cutOff += Math.min(inX, atomWeight[atom]! - inX);
      }
      if (cutOff > 0 && cutOff < this.k) return false;
    }
    return true;
  }
}

const KIND_ORDER = { ALL: 0, TEAM: 1, LEADER: 2, BAND: 3, SEGMENT: 4 } as const;

/** Keys in natural order ("team:9" before "team:10"); one collator, not one built per comparison by `localeCompare` with options. */
const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Admission order: larger groups first (finer groups are the ones hidden), then teams before leaders, then by key. */
function byPriority(a: { group: Group; key: string; n: number }, b: { group: Group; key: string; n: number }): number {
  return b.n - a.n || KIND_ORDER[a.group.kind] - KIND_ORDER[b.group.kind] || naturalOrder.compare(a.key, b.key);
}
