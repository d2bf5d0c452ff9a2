import type { EntityManager } from '@mikro-orm/knex';
import { ms } from './bulk.js';
import type { prng } from './demo.js';

/**
 * The demo organisation's leaders and their stories, shared by the demo seeders: the survey history
 * (`seedDemoSurveys`) draws its answers from each leader's service quality, and the customer side
 * (`seedDemoChain`) lets the customers of a team follow the quality of the team's leader. Both
 * compute the same stories from the same rows, `now` and seed.
 */

const DAY = 86_400_000;
const HALF_YEAR = 182 * DAY;

export type Role = 'stable' | 'improving' | 'declining';

export interface Person {
  id: number;
  email: string;
  team: number | null;
  hiredAt: number;
  exitedAt: number | null;
  exitReason: string | null;
  /** Leadership relationships as member, oldest first. */
  leaders: Array<{ leader: number; start: number; end: number | null }>;
}

export interface Organisation {
  people: Map<number, Person>;
  /** Everyone, by id. */
  everyone: Person[];
  parentOf: Map<number, number | null>;
  childrenOf: Map<number, number[]>;
  hasSubTeams(team: number | null): boolean;
}

export interface WavePlan {
  survey: 'leadership' | 'engagement';
  number: number;
  openedAt: number;
  closedAt: number | null;
  /** Share of the final responses already in (1 for a closed wave). */
  progress: number;
}

export interface Invitee {
  person: Person;
  leader: number | null;
  /** Leads someone at the time of the wave. */
  isLeader: boolean;
  /**
   * Leads someone and sits in a team with sub-teams (the CEO, department heads): such a person is
   * alone beside the sub-teams in their team's partition, so a single answer of theirs would hide the
   * smallest sub-team of the heatmap (complementary suppression). In the demo they do not answer.
   */
  quiet: boolean;
  leavesSoon: boolean;
}

export interface Curve {
  quality: number[];
  rate: number[];
}

export interface LeaderStories {
  /** Story leaders (declining or improving); every other leader is stable. */
  roles: Map<number, Role>;
  /** Service quality (0..1) and participation of a leader at the four leadership waves. */
  curveOf(leader: number): Curve;
  /** A curve's value at time t, linear between the leadership waves (flat before the first and after the last). */
  along(values: number[], t: number): number;
  /** Opening times of the four leadership waves. */
  leadershipTimes: number[];
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A fixed number in [0, 1) for a pair of integers: per-person traits that stay the same in every wave. */
export function hash01(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** The organisation as it is now, with its history. */
export async function loadOrganisation(em: EntityManager): Promise<Organisation> {
  const employeeRows = await em.execute<Array<Record<string, unknown>>>('select id, email, team_id, hired_at, exited_at, exit_reason from employee order by id');
  const people = new Map<number, Person>();
  for (const r of employeeRows) {
    people.set(Number(r.id), {
      id: Number(r.id),
      email: String(r.email).toLowerCase(),
      team: r.team_id == null ? null : Number(r.team_id),
      hiredAt: ms(r.hired_at)!,
      exitedAt: ms(r.exited_at),
      exitReason: (r.exit_reason as string | null) ?? null,
      leaders: [],
    });
  }
  const relationshipRows = await em.execute<Array<Record<string, unknown>>>(
    'select leader_id, member_id, started_at, ended_at from leadership_relationship order by member_id, started_at, id',
  );
  for (const r of relationshipRows) {
    people.get(Number(r.member_id))?.leaders.push({ leader: Number(r.leader_id), start: ms(r.started_at)!, end: ms(r.ended_at) });
  }
  const parentOf = new Map<number, number | null>();
  const childrenOf = new Map<number, number[]>();
  for (const r of await em.execute<Array<Record<string, unknown>>>('select id, parent_id from team order by id')) {
    const id = Number(r.id);
    const parent = r.parent_id == null ? null : Number(r.parent_id);
    parentOf.set(id, parent);
    if (parent !== null) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), id]);
  }
  return { people, everyone: [...people.values()], parentOf, childrenOf, hasSubTeams: (team) => team !== null && childrenOf.has(team) };
}

/**
 * Waves: leadership every 91 days (the 4th still open), engagement in between. Counted from `now`
 * itself (not from midnight), as the demo organisation's dates are: the same company and seed give
 * the same survey history whatever the time of day.
 */
export function demoWavePlans(now: number): WavePlan[] {
  const at = (daysAgo: number) => now - daysAgo * DAY;
  const plans: WavePlan[] = [];
  for (let w = 1; w <= 4; w++) {
    const openedAt = at(2 + (4 - w) * 91);
    plans.push({ survey: 'leadership', number: w, openedAt, closedAt: w < 4 ? openedAt + 14 * DAY + 10 * 3_600_000 : null, progress: w < 4 ? 1 : 0.35 });
  }
  for (let w = 1; w <= 3; w++) {
    const openedAt = at(48 + (3 - w) * 91);
    plans.push({ survey: 'engagement', number: w, openedAt, closedAt: openedAt + 14 * DAY + 10 * 3_600_000, progress: 1 });
  }
  return plans;
}

/** `now` of the survey history whose leadership pulse's last wave opened at `lastLeadershipWave` (see demoWavePlans). */
export function surveyNowFromLastLeadershipWave(lastLeadershipWave: number): number {
  return lastLeadershipWave + 2 * DAY;
}

/** A person's leader at time t (null when they had none). */
export const leaderAt = (person: Person, t: number) => person.leaders.find((r) => r.start <= t && (r.end === null || r.end > t))?.leader ?? null;
export const activeAt = (person: Person, t: number) => person.hiredAt <= t && (person.exitedAt === null || person.exitedAt > t);

/** Everyone a wave invites: the people active at its opening (with a leader then, for upward feedback). */
export function inviteesOf(org: Organisation, plan: WavePlan): Invitee[] {
  const t = plan.openedAt;
  const leading = new Set<number>();
  const result: Invitee[] = [];
  for (const person of org.everyone) {
    if (!activeAt(person, t)) continue;
    const leader = leaderAt(person, t);
    if (leader !== null) leading.add(leader);
    if (leader === null && plan.survey === 'leadership') continue; // upward feedback needs a leader
    result.push({ person, leader, isLeader: false, quiet: false, leavesSoon: person.exitedAt !== null && person.exitedAt - t <= HALF_YEAR });
  }
  for (const invitee of result) {
    invitee.isLeader = leading.has(invitee.person.id);
    invitee.quiet = invitee.isLeader && org.hasSubTeams(invitee.person.team);
  }
  return result;
}

/**
 * Leaders' stories. A story leader leads a team without sub-teams whose figures every view can show
 * in every closed wave: the leader's reports are the team (enough of them), and the team's
 * partition inside its parent team needs no complementary suppression (its sibling teams are large
 * enough and the parent's own members are none or many). Draws one number per leader from `random`
 * (its first use in the survey history), so a fresh generator with the survey seed gives the same stories.
 */
export function leaderStories(
  org: Organisation,
  plans: WavePlan[],
  invitees: Invitee[][],
  now: number,
  seed: number,
  random: ReturnType<typeof prng>,
): LeaderStories {
  const { people, everyone, parentOf, childrenOf, hasSubTeams } = org;
  const leadershipTimes = plans.filter((p) => p.survey === 'leadership').map((p) => p.openedAt);
  const closedWaves = plans.flatMap((p, i) => (p.progress === 1 ? [i] : []));
  const direct = new Map<number, Map<number, number>>(); // wave → team → people who can answer
  const subtree = new Map<number, Map<number, number>>(); // wave → team → the same with sub-teams
  const groupSizes = new Map<number, number[]>(); // leader → reports in the leader's own team, per closed leadership wave
  for (const w of closedWaves) {
    const own = new Map<number, number>();
    const all = new Map<number, number>();
    for (const invitee of invitees[w]!) {
      const team = invitee.person.team;
      if (invitee.quiet || team === null) continue;
      own.set(team, (own.get(team) ?? 0) + 1);
      for (let t: number | null | undefined = team; t != null; t = parentOf.get(t)) all.set(t, (all.get(t) ?? 0) + 1);
      if (plans[w]!.survey !== 'leadership' || invitee.leader === null || people.get(invitee.leader)?.team !== team) continue;
      const sizes = groupSizes.get(invitee.leader) ?? [];
      sizes[plans[w]!.number - 1] = (sizes[plans[w]!.number - 1] ?? 0) + 1;
      groupSizes.set(invitee.leader, sizes);
    }
    direct.set(w, own);
    subtree.set(w, all);
  }
  const closedLeadership = plans.filter((p) => p.survey === 'leadership' && p.progress === 1).length;
  const sizeOf = (leader: number) => Math.min(...Array.from({ length: closedLeadership }, (_, i) => groupSizes.get(leader)?.[i] ?? 0));
  const cleanPartition = (leader: number, minSibling: number) => {
    const team = people.get(leader)?.team;
    const parent = team == null ? null : parentOf.get(team);
    if (team == null || parent == null || hasSubTeams(team)) return false;
    return closedWaves.every((w) => {
      const own = direct.get(w)!.get(parent) ?? 0;
      const siblings = childrenOf.get(parent)!.filter((t) => t !== team).map((t) => subtree.get(w)!.get(t) ?? 0);
      return own >= 12 || (own === 0 && siblings.every((n) => n >= minSibling));
    });
  };
  // Recent exits under a leader (leaving for a competitor counts double): a declining story fits them best.
  const recentExits = new Map<number, number>();
  for (const person of everyone) {
    if (person.exitedAt === null || now - person.exitedAt > 365 * DAY) continue;
    const last = person.leaders.at(-1);
    if (last) recentExits.set(last.leader, (recentExits.get(last.leader) ?? 0) + (person.exitReason === 'LEFT_FOR_COMPETITOR' ? 2 : 1));
  }
  const leaderIds = [...new Set(invitees.flat().flatMap((i) => (i.leader === null ? [] : [i.leader])))].sort((a, b) => a - b);
  const tieBreak = new Map(leaderIds.map((id) => [id, random.next()]));
  const candidates = (minGroup: number) => leaderIds.filter((id) => sizeOf(id) >= minGroup && cleanPartition(id, 8));
  let eligible = candidates(10);
  if (eligible.length < 3) eligible = candidates(8);
  // A small company has no such team: its stories are told by its largest groups, visible or not.
  if (eligible.length < 2) eligible = [...leaderIds].sort((a, b) => sizeOf(b) - sizeOf(a) || a - b).slice(0, 4);
  const declineCount = eligible.length >= 12 ? 3 : 2;
  const ranked = [...eligible].sort((a, b) => (recentExits.get(b) ?? 0) - (recentExits.get(a) ?? 0) || tieBreak.get(a)! - tieBreak.get(b)!);
  const roles = new Map<number, Role>();
  for (const id of ranked.slice(0, declineCount)) roles.set(id, 'declining');
  const rest = eligible.filter((id) => !roles.has(id)).sort((a, b) => tieBreak.get(a)! - tieBreak.get(b)!);
  for (const id of rest.slice(0, Math.max(Math.min(2, rest.length), Math.round(eligible.length * 0.1)))) roles.set(id, 'improving');

  // Service quality and participation per leader at the four leadership waves.
  const curves = new Map<number, Curve>();
  const curveOf = (leader: number) => {
    let curve = curves.get(leader);
    if (curve) return curve;
    const role = roles.get(leader) ?? 'stable';
    const r = hash01(seed, leader);
    const s = hash01(leader, seed + 1);
    if (role === 'declining') {
      const q = 0.72 + 0.06 * r;
      curve = { quality: [q, q - 0.18, q - 0.36, q - 0.42], rate: [0.92, 0.72, 0.52, 0.45] };
    } else if (role === 'improving') {
      const q = 0.4 + 0.06 * r;
      curve = { quality: [q, q + 0.13, q + 0.26, q + 0.3], rate: [0.7, 0.77, 0.84, 0.86] };
    } else {
      const q = 0.52 + 0.28 * r;
      const p = 0.76 + 0.12 * s;
      const drift = (i: number) => (hash01(leader * 4 + i, seed + 2) - 0.5) * 0.06;
      curve = { quality: [0, 1, 2, 3].map((i) => q + drift(i)), rate: [0, 1, 2, 3].map((i) => p + drift(i + 4) / 2) };
    }
    curve.quality = curve.quality.map((x) => clamp(x, 0.05, 0.95));
    curves.set(leader, curve);
    return curve;
  };
  const along = (values: number[], t: number) => {
    if (t <= leadershipTimes[0]!) return values[0]!;
    for (let i = 1; i < leadershipTimes.length; i++) {
      if (t <= leadershipTimes[i]!) {
        const f = (t - leadershipTimes[i - 1]!) / (leadershipTimes[i]! - leadershipTimes[i - 1]!);
        return values[i - 1]! + f * (values[i]! - values[i - 1]!);
      }
    }
    return values.at(-1)!;
  };
  return { roles, curveOf, along, leadershipTimes };
}
