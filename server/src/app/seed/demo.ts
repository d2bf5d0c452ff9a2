import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { Team } from '../../teams/team.entity.js';
import { Employee, ExitReason } from '../../people/employee.entity.js';
import { LeadershipRelationship, RelationshipEndReason } from '../../leadership/leadership-relationship.entity.js';

/**
 * Generates a realistic organisation: a company with departments and teams,
 * a CEO, department heads, team leads and members, leadership history
 * (reassignments) and exits with reasons. Deterministic for a given seed.
 * Rows are written with batched multi-row inserts and explicit ids, so the
 * same generator can produce millions of rows for benchmarks.
 */
export interface DemoOptions {
  employees: number;
  seed?: number;
  logger?: Logger;
  /** Called after each batch with rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannah', 'Ilias', 'Jonas', 'Katrin', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul', 'Quentin', 'Rosa', 'Sven', 'Tara', 'Uwe', 'Vera', 'Wiebke', 'Xaver', 'Yusuf', 'Zoe', 'Amira', 'Bjarne', 'Carla', 'Deniz', 'Emil', 'Frieda', 'Hugo', 'Ida', 'Jana', 'Karl', 'Lea', 'Malte', 'Nele', 'Oskar'];
const LAST = ['Schmidt', 'Müller', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Maier', 'Yilmaz', 'Kaya', 'Nowak', 'Kowalski', 'Jansen', 'Peters', 'Brandt', 'Vogel'];
const DEPARTMENTS: Array<[string, string[]]> = [
  ['Engineering', ['Platform', 'Product Engineering', 'Data', 'Mobile', 'Quality']],
  ['Sales', ['Enterprise Sales', 'SMB Sales', 'Sales Operations']],
  ['Customer Success', ['Onboarding', 'Support', 'Account Management']],
  ['Marketing', ['Brand', 'Growth', 'Content']],
  ['Operations', ['Finance', 'Legal', 'IT']],
  ['People', ['Recruiting', 'People Partners']],
];
const TITLES: Record<string, string[]> = {
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer', 'Data Engineer'],
  Sales: ['Account Executive', 'Sales Development Rep', 'Sales Engineer'],
  'Customer Success': ['Customer Success Manager', 'Support Specialist', 'Onboarding Specialist'],
  Marketing: ['Marketing Manager', 'Content Writer', 'Designer', 'Growth Analyst'],
  Operations: ['Accountant', 'Legal Counsel', 'IT Administrator', 'Controller'],
  People: ['Recruiter', 'People Partner', 'People Analyst'],
};
const STRENGTHS = ['mentoring', 'deep focus', 'customer empathy', 'SQL', 'negotiation', 'writing', 'facilitation', 'debugging', 'design', 'analytics', 'public speaking', 'planning'];
const STYLES = ['Autonomy with a weekly check-in', 'Close collaboration, pairing on hard problems', 'Clear goals, then space', 'Frequent feedback, short loops', 'Coaching questions rather than answers'];
const NEEDS = ['Time to learn the domain', 'Visibility for my work', 'Fewer context switches', 'A clear career path', 'Quick decisions when blocked'];
const GOALS = ['Lead a project end to end', 'Grow into a senior role', 'Speak at a conference', 'Mentor a new hire', 'Own a customer segment'];
const EXIT_REASONS = [ExitReason.LEFT_FOR_COMPETITOR, ExitReason.LEFT_FOR_COMPETITOR, ExitReason.RESIGNED, ExitReason.RESIGNED, ExitReason.DISMISSED, ExitReason.RETIRED, ExitReason.OTHER];

/** A plausible, deterministic name for the n-th generated person. */
export function personName(n: number): string {
  return `${FIRST[(n * 7) % FIRST.length]} ${LAST[(n * 13 + Math.floor(n / FIRST.length)) % LAST.length]}`;
}

/** Small, fast, seedable PRNG (mulberry32): the same seed always builds the same company. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const DAY = 86_400_000;
const BATCH = 1000;

async function maxId(em: EntityManager, table: string): Promise<number> {
  const [row] = await em.execute<Array<{ m: number | string | null }>>(`select max(id) as m from ${table}`);
  return Number(row?.m ?? 0);
}

export async function seedDemoData(db: Database, options: DemoOptions): Promise<{ teams: number; employees: number; relationships: number }> {
  const random = prng(options.seed ?? 42);
  const now = options.now ?? new Date();
  const total = Math.max(10, options.employees);
  const progress = options.onProgress ?? (() => {});
  const em = db.fork();

  return em.transactional(async (tx) => {
    const t = tx as EntityManager;
    let teamId = await maxId(t, 'team');
    let employeeId = await maxId(t, 'employee');
    let relationshipId = await maxId(t, 'leadership_relationship');
    const suffix = teamId ? ` ${teamId + 1}` : ''; // a second seed run gets distinct names

    // Teams: company → departments → teams; large sizes add numbered squads below the teams.
    const teams: Array<{ id: number; name: string; parent: number | null; createdAt: Date }> = [];
    const company = { id: ++teamId, name: `Company${suffix}`, parent: null, createdAt: now };
    teams.push(company);
    const leafTeams: Array<{ id: number; department: string }> = [];
    const departments: Array<{ id: number; name: string }> = [];
    for (const [department, subTeams] of DEPARTMENTS) {
      const dept = { id: ++teamId, name: `${department}${suffix}`, parent: company.id, createdAt: now };
      teams.push(dept);
      departments.push({ id: dept.id, name: department });
      for (const sub of subTeams) {
        const team = { id: ++teamId, name: `${sub}${suffix}`, parent: dept.id, createdAt: now };
        teams.push(team);
        leafTeams.push({ id: team.id, department });
      }
    }
    const squadsPerTeam = Math.max(0, Math.floor(total / 400));
    const teamById = new Map(teams.map((x) => [x.id, x]));
    for (const team of [...leafTeams]) {
      for (let s = 1; s <= squadsPerTeam; s++) {
        const squad = { id: ++teamId, name: `${teamById.get(team.id)!.name} · Squad ${s}`, parent: team.id, createdAt: now };
        teamById.set(squad.id, squad);
        teams.push(squad);
        leafTeams.push({ id: squad.id, department: team.department });
      }
    }
    await t.insertMany(Team, teams.map((x) => ({ ...x, parent: x.parent })) as never);

    // People.
    type Row = { id: number; name: string; email: string; title: string; team: number; hiredAt: Date; exitedAt: Date | null; exitReason: ExitReason | null; exitRegretted: boolean | null; createdAt: Date; updatedAt: Date };
    type Rel = { id: number; leader: number; member: number; startedAt: Date; endedAt: Date | null; endReason: RelationshipEndReason | null; strengths: string[]; needs: string | null; goals: string | null; preferredStyle: string | null; createdAt: Date; updatedAt: Date };
    const employees: Row[] = [];
    const relationships: Rel[] = [];
    const person = (title: string, team: number, minYears = 0.2): Row => {
      const first = random.pick(FIRST);
      const last = random.pick(LAST);
      const id = ++employeeId;
      return {
        id,
        name: `${first} ${last}`,
        email: `${first}.${last}.${id}@example.com`.toLowerCase().replace(/ü/g, 'ue').replace(/ö/g, 'oe').replace(/ä/g, 'ae'),
        title,
        team,
        hiredAt: new Date(now.getTime() - Math.floor((minYears * 365 + random.next() * 5 * 365) * DAY)),
        exitedAt: null,
        exitReason: null,
        exitRegretted: null,
        createdAt: now,
        updatedAt: now,
      };
    };
    const relate = (leader: Row, member: Row, startedAt: Date, endedAt: Date | null, endReason: RelationshipEndReason | null): Rel => ({
      id: ++relationshipId,
      leader: leader.id,
      member: member.id,
      startedAt,
      endedAt,
      endReason,
      strengths: [random.pick(STRENGTHS), random.pick(STRENGTHS)].filter((s, i, all) => all.indexOf(s) === i),
      needs: random.chance(0.7) ? random.pick(NEEDS) : null,
      goals: random.chance(0.7) ? random.pick(GOALS) : null,
      preferredStyle: random.pick(STYLES),
      createdAt: now,
      updatedAt: now,
    });
    const later = (a: Date, b: Date) => (a > b ? a : b);

    const ceo = person('Chief Executive Officer', company.id, 5);
    employees.push(ceo);
    const heads = new Map<number, Row>();
    for (const dept of departments) {
      const head = person(`Head of ${dept.name}`, dept.id, 2);
      employees.push(head);
      relationships.push(relate(ceo, head, later(head.hiredAt, ceo.hiredAt), null, null));
      heads.set(dept.id, head);
    }
    const leads: Array<{ lead: Row; team: number; department: string }> = [];
    const leadByTeam = new Map<number, Row>();
    for (const team of leafTeams) {
      const department = departments.find((d) => d.name === team.department)!;
      const { name, parent } = teamById.get(team.id)!;
      // A squad lead reports to the lead of the team above; a team lead to the department head.
      const above = leadByTeam.get(parent!) ?? heads.get(department.id)!;
      const lead = person(`Team Lead ${name}`, team.id, 1);
      employees.push(lead);
      relationships.push(relate(above, lead, later(lead.hiredAt, above.hiredAt), null, null));
      leads.push({ lead, team: team.id, department: team.department });
      leadByTeam.set(team.id, lead);
    }

    let relationshipCount = 0;
    const flush = async () => {
      relationshipCount += relationships.length;
      // Relationships reference employees, so employees go first.
      if (employees.length) await t.insertMany(Employee, employees.splice(0) as never);
      if (relationships.length) await t.insertMany(LeadershipRelationship, relationships.splice(0) as never);
    };
    let written = 0;
    // Team sizes vary as in real organisations: every fifth team is a small one (about a quarter
    // of the usual size), so survey figures for some teams fall below the anonymity threshold.
    // One random number per member, as before: the rest of the generated company stays the same.
    const cumulative: number[] = [];
    leads.forEach((_, i) => cumulative.push((cumulative[i - 1] ?? 0) + (i % 5 === 3 ? 0.25 : 1)));
    const pickLead = () => {
      const x = random.next() * cumulative.at(-1)!;
      let lo = 0;
      let hi = leads.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return leads[lo]!;
    };

    while (1 + departments.length + leads.length + written < total) {
      const { lead, team, department } = pickLead();
      const member = person(random.pick(TITLES[department]!), team);
      employees.push(member);
      written += 1;
      let start = later(member.hiredAt, lead.hiredAt);
      // Some people had another leader before (a reorganisation or a team move).
      if (random.chance(0.18)) {
        const previous = random.pick(leads).lead;
        const switchAt = new Date(start.getTime() + Math.floor((now.getTime() - start.getTime()) * random.next() * 0.8));
        if (previous.id !== lead.id && switchAt > start && previous.hiredAt <= start) {
          relationships.push(relate(previous, member, start, switchAt, RelationshipEndReason.REASSIGNED));
          start = switchAt;
        }
      }
      // About one in twelve has left, with a reason; the relationship ended with them.
      if (random.chance(0.08)) {
        const exitedAt = new Date(start.getTime() + Math.floor((now.getTime() - start.getTime()) * (0.3 + random.next() * 0.7)));
        member.exitedAt = exitedAt;
        member.exitReason = random.pick(EXIT_REASONS);
        member.exitRegretted = member.exitReason === ExitReason.LEFT_FOR_COMPETITOR ? random.chance(0.7) : random.chance(0.2);
        relationships.push(relate(lead, member, start, exitedAt, RelationshipEndReason.MEMBER_EXITED));
      } else {
        relationships.push(relate(lead, member, start, null, null));
      }
      if (employees.length >= BATCH) {
        await flush();
        progress(1 + departments.length + leads.length + written, total);
      }
    }
    await flush();
    progress(total, total);

    if (db.kind === 'postgresql') {
      // Explicit ids bypass the sequences; move them past the new rows.
      for (const table of ['team', 'employee', 'leadership_relationship']) {
        await t.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
      }
    }
    // Fresh statistics after a bulk load, or the planner walks recursive queries with full scans (SQLite
    // too: without sqlite_stat1 it guesses, e.g. scans every exit instead of the recent ones by date).
    for (const table of ['team', 'employee', 'leadership_relationship']) await t.execute(`analyze ${table}`);
    options.logger?.info('demo data seeded', { teams: teams.length, employees: total });
    return { teams: teams.length, employees: total, relationships: relationshipCount };
  });
}
