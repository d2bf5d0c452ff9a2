import { describe, expect, it } from 'vitest';
import { WaveDisclosure, groupKey, type Cell, type Group } from './disclosure.js';
import type { TeamParents } from '../teams/team-tree.js';
import { findLeak } from '../../test/attacker.js';

const K = 5;
/** n responses in one team, with optional leader / band. */
const cell = (teamId: number | null, n: number, extra: Partial<Cell> = {}): Cell => ({ teamId, leaderId: null, band: null, segment: null, n, ...extra });
const judge = (cells: Cell[], tree: TeamParents, k = K) => {
  const disclosure = new WaveDisclosure(cells, tree, k);
  return (group: Group) => disclosure.suppressionOf(group);
};

// Company (1) → Engineering (2) → Platform (3), Data (4); Sales (5) under Company.
const tree: TeamParents = new Map([
  [1, null],
  [2, 1],
  [3, 2],
  [4, 2],
  [5, 1],
]);

describe('disclosure policy', () => {
  it('should hide a group below the threshold and the sibling that would give it away', () => {
    const hidden = judge([cell(3, 4), cell(4, 6), cell(5, 9)], tree);
    expect(hidden({ kind: 'TEAM', teamId: 3 })).toBe('BELOW_THRESHOLD');
    expect(hidden({ kind: 'TEAM', teamId: 5 })).toBeNull();
    // Engineering (10) minus Data (6) would give Platform's 4: Data is hidden with it.
    expect(hidden({ kind: 'TEAM', teamId: 4 })).toBe('DIFFERENCING');
  });

  it('should stop "parent team minus sub-team" from isolating the parent\'s own members', () => {
    const hidden = judge([cell(2, 2), cell(3, 6), cell(5, 10)], tree);
    expect(hidden({ kind: 'TEAM', teamId: 3 })).toBe('DIFFERENCING');
    expect(hidden({ kind: 'TEAM', teamId: 2 })).toBeNull();
    expect(hidden({ kind: 'ALL' })).toBeNull();
    expect(hidden({ kind: 'TEAM', teamId: 5 })).toBeNull();
  });

  it('should stop "parent minus all but one sub-team" by hiding the smallest sub-team', () => {
    const hidden = judge([cell(2, 1), cell(3, 5), cell(4, 6), cell(5, 20)], tree);
    expect(hidden({ kind: 'TEAM', teamId: 3 })).toBe('DIFFERENCING');
    expect(hidden({ kind: 'TEAM', teamId: 4 })).toBeNull();
    expect(hidden({ kind: 'TEAM', teamId: 2 })).toBeNull();
  });

  it('should stop "everyone minus the other tenure bands"', () => {
    const hidden = judge([cell(5, 6, { band: '1-3y' }), cell(3, 1, { band: '<1y' }), cell(3, 5, { band: '3-5y' })], tree);
    expect(hidden({ kind: 'BAND', band: '1-3y' })).toBeNull();
    expect(hidden({ kind: 'BAND', band: '3-5y' })).toBe('DIFFERENCING');
    expect(hidden({ kind: 'BAND', band: '<1y' })).toBe('BELOW_THRESHOLD');
  });

  it('should stop "team minus its leader\'s direct reports" across dimensions', () => {
    const hidden = judge([cell(5, 5, { leaderId: 42 }), cell(5, 2, { leaderId: 43 }), cell(3, 9, { leaderId: 44 })], tree);
    expect(hidden({ kind: 'LEADER', leaderId: 42 })).toBe('DIFFERENCING');
    expect(hidden({ kind: 'TEAM', teamId: 5 })).toBeNull();
    expect(hidden({ kind: 'LEADER', leaderId: 44 })).toBeNull();
  });

  it('should stop "team minus a tenure band that differs by one swap"', () => {
    // Sales: 5 people with 3-5y and 1 with 1-3y; the band 3-5y: those 5 and 1 from Data.
    // Sales − band 3-5y = (the 1-3y person of Sales) − (the 3-5y person of Data).
    const hidden = judge([cell(5, 5, { band: '3-5y' }), cell(5, 1, { band: '1-3y' }), cell(4, 1, { band: '3-5y' }), cell(4, 9, { band: '1-3y' })], tree);
    expect(hidden({ kind: 'TEAM', teamId: 5 })).toBeNull();
    expect(hidden({ kind: 'BAND', band: '1-3y' })).toBe('DIFFERENCING');
    expect(hidden({ kind: 'BAND', band: '3-5y' })).toBe('DIFFERENCING');
  });

  it('should show everything when all groups are large and differences are zero or large', () => {
    const hidden = judge([cell(3, 10, { band: '1-3y' }), cell(4, 10, { band: '3-5y' }), cell(5, 10, { band: '5y+' })], tree);
    for (const teamId of [1, 2, 3, 4, 5]) expect(hidden({ kind: 'TEAM', teamId }), `team ${teamId}`).toBeNull();
    for (const band of ['1-3y', '3-5y', '5y+']) expect(hidden({ kind: 'BAND', band }), band).toBeNull();
    expect(hidden({ kind: 'ALL' })).toBeNull();
  });

  it('should decide the same whatever is asked first', () => {
    const cells = [cell(2, 1), cell(3, 5), cell(4, 6), cell(5, 20, { leaderId: 9 })];
    const a = new WaveDisclosure(cells, tree, K);
    const b = new WaveDisclosure([...cells].reverse(), tree, K);
    for (const teamId of [1, 2, 3, 4, 5]) expect(a.suppressionOf({ kind: 'TEAM', teamId })).toBe(b.suppressionOf({ kind: 'TEAM', teamId }));
  });

  it('should leave no combination of shown groups that depends on fewer than k respondents (random organisations)', () => {
    // A seeded generator: the same 100 organisations on every run.
    let seed = 20261205;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
    let shownTotal = 0;
    for (let round = 0; round < 100; round++) {
      // A random tree of 3–7 teams, 12–34 respondents, each with a team, a leader (2–5 leaders) and a band.
      const teams = 3 + Math.floor(random() * 5);
      const parents: TeamParents = new Map([[1, null]]);
      for (let t = 2; t <= teams; t++) parents.set(t, 1 + Math.floor(random() * (t - 1)));
      const leaders = [101, 102, 103, 104, 105].slice(0, 2 + Math.floor(random() * 4));
      const bands = ['<1y', '1-3y', '3-5y'];
      const people = Array.from({ length: 12 + Math.floor(random() * 23) }, () => ({ teamId: 1 + Math.floor(random() * teams), leaderId: pick(leaders), band: pick(bands) }));
      const cells: Cell[] = people.map((p) => ({ ...p, segment: null, n: 1 }));
      const k = round % 3 === 0 ? 3 : K;
      const disclosure = new WaveDisclosure(cells, parents, k);
      const candidates: Group[] = [
        { kind: 'ALL' },
        ...[...parents.keys()].map((teamId): Group => ({ kind: 'TEAM', teamId })),
        ...leaders.map((leaderId): Group => ({ kind: 'LEADER', leaderId })),
        ...bands.map((band): Group => ({ kind: 'BAND', band })),
      ];
      const subtree = (t: number): number[] => [t, ...[...parents].filter(([, p]) => p === t).flatMap(([c]) => subtree(c))];
      const members = (g: Group) =>
        people.flatMap((p, i) => {
          const inside =
            g.kind === 'ALL' || (g.kind === 'TEAM' && subtree(g.teamId).includes(p.teamId)) || (g.kind === 'LEADER' && p.leaderId === g.leaderId) || (g.kind === 'BAND' && p.band === g.band);
          return inside ? [i] : [];
        });
      const shown = candidates.filter((g) => disclosure.suppressionOf(g) === null);
      shownTotal += shown.length;
      for (const g of shown) expect(members(g).length, groupKey(g)).toBeGreaterThanOrEqual(k);
      const leak = findLeak(shown.map(members), people.length, k);
      expect(leak, `round ${round}: ${shown.map(groupKey).join(' ')}`).toBeNull();
    }
    // The policy is not "hide everything": most of what is safe stays visible.
    expect(shownTotal).toBeGreaterThan(100 * 3);
  });
});

describe('the attacker', () => {
  it('should find what the old pairwise rules let through', () => {
    // Team A = {0..5}, leader L = {0..4, 6}, everyone = {0..11}: A − L = person 5 − person 6.
    expect(findLeak([[0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 6], [...Array(12).keys()]], 12, 5)).not.toBeNull();
    // Parent {0..11} minus children {0..4} and {5..10} leaves person 11.
    expect(findLeak([[...Array(12).keys()], [0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10]], 12, 5)?.respondents).toContain(11);
    // Two disjoint groups of 6 and their union: nothing below 5.
    expect(findLeak([[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [...Array(12).keys()]], 12, 5)).toBeNull();
  });
});
