import { describe, expect, it } from 'vitest';
import { suppressionOf, type Cell, type TeamParents } from './anonymity.js';

const K = 5;
/** n responses in one team, with optional leader / band. */
const cell = (teamId: number | null, n: number, extra: Partial<Cell> = {}): Cell => ({ teamId, leaderId: null, band: null, segment: null, n, ...extra });

describe('anonymity rules', () => {
  // Company (1) → Engineering (2) → Platform (3), Data (4); Sales (5) under Company.
  const tree: TeamParents = new Map([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 1],
  ]);

  it('should hide a group below the threshold', () => {
    const cells = [cell(3, 4), cell(4, 6), cell(5, 9)];
    expect(suppressionOf({ kind: 'TEAM', teamId: 3 }, cells, tree, K)).toBe('BELOW_THRESHOLD');
    expect(suppressionOf({ kind: 'TEAM', teamId: 5 }, cells, tree, K)).toBeNull();
    // Engineering (10) minus Data (6) would give Platform's 4: Data is hidden with it.
    expect(suppressionOf({ kind: 'TEAM', teamId: 4 }, cells, tree, K)).toBe('DIFFERENCING');
  });

  it('should stop "parent team minus sub-team" from isolating the parent\'s own members', () => {
    // Engineering = 2 direct + Platform 6 = 8. Shown both, 8 − 6 would reveal 2 people:
    // the finer group (Platform) is hidden, Engineering stays visible and alone reveals nothing.
    const cells = [cell(2, 2), cell(3, 6), cell(5, 10)];
    expect(suppressionOf({ kind: 'TEAM', teamId: 3 }, cells, tree, K)).toBe('DIFFERENCING');
    expect(suppressionOf({ kind: 'TEAM', teamId: 2 }, cells, tree, K)).toBeNull();
    expect(suppressionOf({ kind: 'ALL' }, cells, tree, K)).toBeNull();
    expect(suppressionOf({ kind: 'TEAM', teamId: 5 }, cells, tree, K)).toBeNull();
  });

  it('should stop "parent minus all but one sub-team" by hiding the smallest sub-team', () => {
    // Engineering = 1 direct + Platform 5 + Data 6 = 12; each single difference is ≥ 5,
    // but 12 − 5 − 6 = 1 person. The smallest child (Platform) is hidden; then 12 − 6 = 6 ≥ 5.
    const cells = [cell(2, 1), cell(3, 5), cell(4, 6), cell(5, 20)];
    expect(suppressionOf({ kind: 'TEAM', teamId: 3 }, cells, tree, K)).toBe('DIFFERENCING');
    expect(suppressionOf({ kind: 'TEAM', teamId: 4 }, cells, tree, K)).toBeNull();
    expect(suppressionOf({ kind: 'TEAM', teamId: 2 }, cells, tree, K)).toBeNull();
  });

  it('should stop "everyone minus one tenure band" (a group with vs without a filter)', () => {
    const cells = [cell(5, 6, { band: '1-3y' }), cell(3, 1, { band: '<1y' }), cell(3, 5, { band: '3-5y' })];
    // Everyone (12) minus 1-3y (6) leaves 6: fine. But the shown bands 1-3y (6) and 3-5y (5) leave
    // 1 person: the smallest shown band (3-5y) is hidden, then 6 are left over.
    expect(suppressionOf({ kind: 'BAND', band: '3-5y' }, cells, tree, K)).toBe('DIFFERENCING');
    expect(suppressionOf({ kind: 'BAND', band: '1-3y' }, cells, tree, K)).toBeNull();
    expect(suppressionOf({ kind: 'BAND', band: '<1y' }, cells, tree, K)).toBe('BELOW_THRESHOLD');
  });

  it('should stop "team minus its leader\'s direct reports" across dimensions', () => {
    // Sales has 7 responses; 5 of them rate leader 42. Sales − leader 42 = 2 people.
    const cells = [cell(5, 5, { leaderId: 42 }), cell(5, 2, { leaderId: 43 }), cell(3, 9, { leaderId: 44 })];
    expect(suppressionOf({ kind: 'LEADER', leaderId: 42 }, cells, tree, K)).toBe('DIFFERENCING');
    expect(suppressionOf({ kind: 'TEAM', teamId: 5 }, cells, tree, K)).toBeNull();
    expect(suppressionOf({ kind: 'LEADER', leaderId: 44 }, cells, tree, K)).toBeNull();
  });

  it('should show everything when all groups are large and differences are zero or large', () => {
    const cells = [cell(3, 10, { band: '1-3y' }), cell(4, 10, { band: '3-5y' }), cell(5, 10, { band: '5y+' })];
    for (const teamId of [1, 2, 3, 4, 5]) expect(suppressionOf({ kind: 'TEAM', teamId }, cells, tree, K), `team ${teamId}`).toBeNull();
    expect(suppressionOf({ kind: 'ALL' }, cells, tree, K)).toBeNull();
  });
});
