import DataLoader from 'dataloader';
import { ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Employee } from './people/employee.entity.js';
import { Team } from './teams/team.entity.js';
import { LeadershipRelationship } from './leadership/leadership-relationship.entity.js';
import { leaderChains } from './leadership/leadership.queries.js';
import { Customer } from './customers/customer.entity.js';
import { Referral, ReferralReward } from './referrals/referral.entity.js';
import { TrustSignal } from './insights/trust-signal.entity.js';
import { toBool, toDate } from './db/raw.js';
import { idsIn, readRows, readTuples } from './db/read-rows.js';

/**
 * An employee as read paths see it: a plain object read with raw SQL, with the entity's field
 * names (the team as `{ id }`, like the entity's reference), so GraphQL field resolvers take an
 * entity or a read model alike. No hydration, identity map or unit of work: lists, leaders and
 * reports resolve from these; entities stay for writes and their invariants.
 */
export interface EmployeeRow {
  id: number;
  name: string;
  email: string;
  language: string | null;
  title: string | null;
  team: { id: number } | null;
  hiredAt: Date;
  exitedAt: Date | null;
  /** An `ExitReason` value. */
  exitReason: string | null;
  exitRegretted: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The columns `employeeFromColumns` maps, in its order, e.g. `select ${employeeColumns('e')} from employee e`
 * read with `readTuples`.
 */
export function employeeColumns(alias: string): string {
  return EMPLOYEE_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
}
const EMPLOYEE_COLUMNS = ['id', 'name', 'email', 'language', 'title', 'team_id', 'hired_at', 'exited_at', 'exit_reason', 'exit_regretted', 'created_at', 'updated_at'] as const;
/** How many values `employeeFromColumns` reads. */
export const EMPLOYEE_COLUMN_COUNT = EMPLOYEE_COLUMNS.length;

/**
 * The `employeeColumns` of a raw row (from `readTuples`), starting at `at`, as a read model (dates and
 * booleans through db/raw.ts, the one place that knows SQLite from PostgreSQL).
 */
export function employeeFromColumns(values: readonly unknown[], at = 0): EmployeeRow {
  const teamId = values[at + 5];
  return {
    id: Number(values[at]),
    name: values[at + 1] as string,
    email: values[at + 2] as string,
    language: (values[at + 3] as string | null) ?? null,
    title: (values[at + 4] as string | null) ?? null,
    team: teamId == null ? null : { id: Number(teamId) },
    hiredAt: toDate(values[at + 6])!,
    exitedAt: toDate(values[at + 7]),
    exitReason: (values[at + 8] as string | null) ?? null,
    exitRegretted: toBool(values[at + 9]),
    createdAt: toDate(values[at + 10])!,
    updatedAt: toDate(values[at + 11])!,
  };
}

/** The columns of `leadership_relationship` the entity maps (what `em.map` reads), made once. */
let relationshipColumnNames: readonly string[] | undefined;
function relationshipColumns(em: EntityManager): readonly string[] {
  return (relationshipColumnNames ??= em
    .getMetadata()
    .find(LeadershipRelationship)!
    .props.filter((p) => p.persist !== false && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE))
    .flatMap((p) => p.fieldNames));
}

/**
 * What a caller of `activeLeadershipByMember` needs: the leader alone, or also the relationship
 * entity. The relationship's columns (service agreement included) cost more to read than the leader's
 * (~half the statement's time in a 20-employee list), so they are read only when some ask of the
 * batch wants them; the leader and the relationship asked together stay one statement.
 */
export interface LeadershipAsk {
  member: number;
  withRelationship: boolean;
}

/**
 * A member's active leadership, read in one statement with the leader: the leader as a read model,
 * and the relationship entity made from the same row only when a field asks for it (`em.map`, no
 * second statement), so a list that shows leaders builds no entity.
 */
export interface ActiveLeadership {
  leader: EmployeeRow;
  /** The relationship entity; only for an ask `withRelationship` (its columns were not read otherwise). */
  relationship(): LeadershipRelationship;
}

/**
 * Per-operation batching: every field resolver that needs a related row asks a
 * loader, and all asks of one tick become one SQL statement. This is what keeps
 * a list of N employees with leaders, teams and reports at a constant number of
 * statements instead of N+1.
 */
export interface Loaders {
  employee: DataLoader<number, Employee | null>;
  /** Read path: an employee as a plain read model. */
  employeeRow: DataLoader<number, EmployeeRow | null>;
  /** Read path: the member's active relationship with the leader as a read model, or null (one statement). */
  activeLeadershipByMember: DataLoader<LeadershipAsk, ActiveLeadership | null, string>;
  /** Read path: a leader's current direct reports as read models, by name then id. */
  reportRowsByLeader: DataLoader<number, EmployeeRow[]>;
  team: DataLoader<number, Team | null>;
  /** The member's active relationship, or null. */
  activeRelationshipByMember: DataLoader<number, LeadershipRelationship | null>;
  /** A leader's active relationships (their direct reports), ordered by member name. */
  directReportsByLeader: DataLoader<number, LeadershipRelationship[]>;
  /** A member's relationships, newest first. */
  historyByMember: DataLoader<number, LeadershipRelationship[]>;
  /** Leader ids from the direct leader up to the top. */
  leaderChainByMember: DataLoader<number, number[]>;
  /** Employees per team, counted. */
  memberCountByTeam: DataLoader<number, number>;
  /** A team's direct child teams. */
  childTeams: DataLoader<number, Team[]>;
  /** A team's open trust-withdrawal signal, or null. */
  activeSignalByTeam: DataLoader<number, TrustSignal | null>;
  customer: DataLoader<number, Customer | null>;
  referral: DataLoader<number, Referral | null>;
  /** The referral a customer came in through, if any. */
  referralByConvertedCustomer: DataLoader<number, Referral | null>;
  /** The referral an employee came in through, if any. */
  referralByConvertedEmployee: DataLoader<number, Referral | null>;
  /** A referral's reward stages. */
  rewardsByReferral: DataLoader<number, ReferralReward[]>;
  /** How many complaints point to an improvement. */
  complaintCountByImprovement: DataLoader<number, number>;
}

/** One row (or null) per requested key, in the order DataLoader asked for them. */
function byKey<T>(ids: readonly number[], rows: T[], key: (row: T) => number): Array<T | null> {
  const map = new Map(rows.map((r) => [key(r), r]));
  return ids.map((id) => map.get(id) ?? null);
}

function byId<T extends { id: number }>(ids: readonly number[], rows: T[]): Array<T | null> {
  return byKey(ids, rows, (r) => r.id);
}

function groupBy<T>(ids: readonly number[], rows: T[], key: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

/**
 * Dispatch a batch one macrotask later (not on the next microtask): resolvers
 * that wake up from different database replies within the same I/O turn then
 * share one statement instead of one each.
 */
const batchScheduleFn = (dispatch: () => void) => void setImmediate(dispatch);
const options = { batchScheduleFn };

const FACTORIES: { [K in keyof Loaders]: (em: EntityManager) => Loaders[K] } = {
  employee: (em) => new DataLoader(async (ids) => byId(ids, await em.find(Employee, { id: { $in: [...ids] } })), options),
  employeeRow: (em) => new DataLoader(async (ids) => {
    const batch = idsIn(em, 'e.id', ids);
    const rows = await readTuples(em, `select ${employeeColumns('e')} from employee e where ${batch.sql}`, batch.params);
    return byId(ids, rows.map((r) => employeeFromColumns(r)));
  }, options),
  activeLeadershipByMember: (em) => new DataLoader(async (asks: readonly LeadershipAsk[]) => {
    const withRelationship = asks.some((ask) => ask.withRelationship);
    const ids = [...new Set(asks.map((ask) => ask.member))];
    const ownColumns = withRelationship ? relationshipColumns(em) : [];
    const batch = idsIn(em, 'lr.member_id', ids);
    const rows = await readTuples(
      em,
      `select lr.member_id as lr_member_id, ${employeeColumns('e')}${ownColumns.map((c) => `, lr.${c} as lr__${c}`).join('')}
        from leadership_relationship lr join employee e on e.id = lr.leader_id
        where lr.ended_at is null and ${batch.sql}`,
      batch.params,
    );
    const map = new Map<number, ActiveLeadership>();
    for (const row of rows) {
      let entity: LeadershipRelationship | undefined;
      map.set(Number(row[0]), {
        leader: employeeFromColumns(row, 1),
        relationship() {
          if (!withRelationship) throw new Error('activeLeadershipByMember: the relationship was not asked for');
          const own = 1 + EMPLOYEE_COLUMN_COUNT;
          return (entity ??= em.map(LeadershipRelationship, Object.fromEntries(ownColumns.map((c, i) => [c, row[own + i]]))));
        },
      });
    }
    return asks.map((ask) => map.get(ask.member) ?? null);
  }, { ...options, cacheKeyFn: (ask: LeadershipAsk) => `${ask.member}:${ask.withRelationship}` }),
  reportRowsByLeader: (em) => new DataLoader(async (ids) => {
    const batch = idsIn(em, 'lr.leader_id', ids);
    const rows = await readTuples(
      em,
      `select lr.leader_id as lr_leader_id, ${employeeColumns('e')} from leadership_relationship lr join employee e on e.id = lr.member_id
        where lr.ended_at is null and ${batch.sql} order by e.name asc, e.id asc`,
      batch.params,
    );
    const groups = new Map<number, EmployeeRow[]>(ids.map((id) => [id, []]));
    for (const r of rows) groups.get(Number(r[0]))?.push(employeeFromColumns(r, 1));
    return ids.map((id) => groups.get(id)!);
  }, options),
  team: (em) => new DataLoader(async (ids) => byId(ids, await em.find(Team, { id: { $in: [...ids] } })), options),
  activeSignalByTeam: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(TrustSignal, { team: { $in: [...ids] }, clearedAt: null });
    return byKey(ids, rows, (s) => s.team.id);
  }, options),
  activeRelationshipByMember: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(LeadershipRelationship, { member: { $in: [...ids] }, endedAt: null });
    return byKey(ids, rows, (r) => r.member.id);
  }, options),
  directReportsByLeader: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(
      LeadershipRelationship,
      { leader: { $in: [...ids] }, endedAt: null },
      { populate: ['member'], orderBy: { member: { name: 'asc', id: 'asc' } } },
    );
    return groupBy(ids, rows, (r) => r.leader.id);
  }, options),
  historyByMember: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(
      LeadershipRelationship,
      { member: { $in: [...ids] } },
      { orderBy: { startedAt: 'desc', id: 'desc' } },
    );
    return groupBy(ids, rows, (r) => r.member.id);
  }, options),
  leaderChainByMember: (em) => new DataLoader(async (ids) => {
    const chains = await leaderChains(em, ids);
    return ids.map((id) => chains.get(id) ?? []);
  }, options),
  memberCountByTeam: (em) => new DataLoader(async (ids) => {
    const batch = idsIn(em, 'team_id', ids);
    const rows = await readRows<{ team_id: number; n: number | string }>(
      em,
      `select team_id, count(*) as n from employee where exited_at is null and ${batch.sql} group by team_id`,
      batch.params,
    );
    const map = new Map(rows.map((r) => [Number(r.team_id), Number(r.n)]));
    return ids.map((id) => map.get(id) ?? 0);
  }, options),
  childTeams: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(Team, { parent: { $in: [...ids] } }, { orderBy: { name: 'asc' } });
    return groupBy(ids, rows, (t) => t.parent!.id);
  }, options),
  customer: (em) => new DataLoader(async (ids) => byId(ids, await em.find(Customer, { id: { $in: [...ids] } })), options),
  referral: (em) => new DataLoader(async (ids) => byId(ids, await em.find(Referral, { id: { $in: [...ids] } })), options),
  referralByConvertedCustomer: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(Referral, { convertedCustomer: { $in: [...ids] } });
    return byKey(ids, rows, (r) => r.convertedCustomer!.id);
  }, options),
  referralByConvertedEmployee: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(Referral, { convertedEmployee: { $in: [...ids] } });
    return byKey(ids, rows, (r) => r.convertedEmployee!.id);
  }, options),
  rewardsByReferral: (em) => new DataLoader(async (ids) => {
    const rows = await em.find(ReferralReward, { referral: { $in: [...ids] } }, { orderBy: { dueAt: 'asc', id: 'asc' } });
    return groupBy(ids, rows, (r) => r.referral.id);
  }, options),
  complaintCountByImprovement: (em) => new DataLoader(async (ids) => {
    const batch = idsIn(em, 'improvement_id', ids);
    const rows = await readRows<{ improvement_id: number; n: number | string }>(
      em,
      `select improvement_id, count(*) as n from complaint where ${batch.sql} group by improvement_id`,
      batch.params,
    );
    const map = new Map(rows.map((r) => [Number(r.improvement_id), Number(r.n)]));
    return ids.map((id) => map.get(id) ?? 0);
  }, options),
};

/**
 * The loaders of one operation, each made when first asked for (most
 * operations use two or three of them, many none): the getters live on the
 * prototype, so making the object costs one allocation.
 */
class LazyLoaders {
  private readonly made: Partial<Loaders> = {};
  constructor(private readonly em: EntityManager) {}
}
for (const name of Object.keys(FACTORIES) as Array<keyof Loaders>) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    enumerable: true,
    get(this: { made: Partial<Loaders>; em: EntityManager }) {
      return (this.made[name] ??= FACTORIES[name](this.em) as never);
    },
  });
}

export function createLoaders(em: EntityManager): Loaders {
  return new LazyLoaders(em) as unknown as Loaders;
}
