import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { seedDemoData } from '../app/seed/demo.js';
import { Employee } from './employee.entity.js';
import { Team } from '../teams/team.entity.js';
import { LeadershipRelationship } from '../leadership/leadership-relationship.entity.js';
import { likePattern } from '../db/raw.js';
import { countStatements } from '../../test/sql-counter.js';

const kinds = await testDatabaseKinds();

/**
 * The people list resolves from plain read models (raw SQL, see `EmployeeRow` in loaders.ts). This
 * checks it against the entity path it replaced: the same lists computed here with the ORM
 * (entities, the query builder, populate), for a seeded company, across sorts, filters, search and
 * paging, with each row's leader, reports (order, page, count) and relationship.
 */
const LIST = `query($first: Int, $after: String, $filter: EmployeeFilter, $sort: EmployeeSort) {
  employees(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id name email language title status hiredAt exitedAt exitReason exitRegretted createdAt updatedAt
      team { id name }
      leader { id name email title status hiredAt exitedAt team { id } }
      currentRelationship { id startedAt serviceAgreement { strengths } }
      reports(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id name status exitedAt team { id } } } }
    } }
  } }`;

type Filter = { search?: string; teamId?: string; includeSubTeams?: boolean; leaderId?: string; status?: 'ACTIVE' | 'EXITED' };
type Sort = { field: 'NAME' | 'EMAIL' | 'HIRED_AT' | 'CREATED_AT'; direction: 'ASC' | 'DESC' };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** An employee entity as the GraphQL `Employee` fields above render it. */
function person(e: Employee) {
  return {
    id: String(e.id),
    name: e.name,
    email: e.email,
    language: e.language ?? null,
    title: e.title ?? null,
    status: e.exitedAt ? 'EXITED' : 'ACTIVE',
    hiredAt: iso(e.hiredAt),
    exitedAt: iso(e.exitedAt),
    exitReason: e.exitReason ?? null,
    exitRegretted: e.exitRegretted ?? null,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

/** The list the entity path answered: the query builder's conditions, entities, populated relationships. */
async function entityList(em: EntityManager, filter: Filter, sort: Sort, teamTree: Map<number, number | null>) {
  const qb = em.createQueryBuilder(Employee, 'e');
  if (filter.search?.trim()) {
    const pattern = likePattern(filter.search);
    qb.andWhere(`(lower(e.name) like ? escape '!' or e.email like ? escape '!')`, [pattern, pattern]);
  }
  if (filter.teamId) {
    const root = Number(filter.teamId);
    const ids = [root];
    if (filter.includeSubTeams) {
      for (let i = 0; i < ids.length; i++) for (const [id, parent] of teamTree) if (parent === ids[i]) ids.push(id);
    }
    qb.andWhere({ team: { $in: ids } });
  }
  if (filter.leaderId) {
    qb.andWhere('e.id in (select member_id from leadership_relationship where leader_id = ? and ended_at is null)', [Number(filter.leaderId)]);
  }
  if (filter.status === 'ACTIVE') qb.andWhere({ exitedAt: null });
  if (filter.status === 'EXITED') qb.andWhere({ exitedAt: { $ne: null } });
  const property = { NAME: 'name', EMAIL: 'email', HIRED_AT: 'hiredAt', CREATED_AT: 'createdAt' }[sort.field];
  const order = sort.direction === 'ASC' ? 'asc' : 'desc';
  qb.orderBy([{ [property]: order }, { id: order }] as never);
  const employees = await qb.getResultList();

  const ids = employees.map((e) => e.id);
  const asMember = await em.find(LeadershipRelationship, { member: { $in: ids }, endedAt: null }, { populate: ['leader'] });
  const asLeader = await em.find(
    LeadershipRelationship,
    { leader: { $in: ids }, endedAt: null },
    { populate: ['member'], orderBy: { member: { name: 'asc', id: 'asc' } } },
  );
  const teams = new Map((await em.find(Team, {})).map((t) => [t.id, t]));
  return employees.map((e) => {
    const relationship = asMember.find((r) => r.member.id === e.id);
    const reports = asLeader.filter((r) => r.leader.id === e.id).map((r) => r.member.getEntity());
    const leader = relationship?.leader.getEntity();
    return {
      ...person(e),
      team: e.team ? { id: String(e.team.id), name: teams.get(e.team.id)!.name } : null,
      leader: leader
        ? {
            id: String(leader.id),
            name: leader.name,
            email: leader.email,
            title: leader.title ?? null,
            status: leader.exitedAt ? 'EXITED' : 'ACTIVE',
            hiredAt: iso(leader.hiredAt),
            exitedAt: iso(leader.exitedAt),
            team: leader.team ? { id: String(leader.team.id) } : null,
          }
        : null,
      currentRelationship: relationship
        ? { id: String(relationship.id), startedAt: iso(relationship.startedAt), serviceAgreement: { strengths: relationship.strengths } }
        : null,
      reports: {
        totalCount: reports.length,
        pageInfo: { hasNextPage: reports.length > 3 },
        edges: reports.slice(0, 3).map((m) => ({
          node: { id: String(m.id), name: m.name, status: m.exitedAt ? 'EXITED' : 'ACTIVE', exitedAt: iso(m.exitedAt), team: m.team ? { id: String(m.team.id) } : null },
        })),
      },
    };
  });
}

describe.each(kinds)('the people list read model on %s', (kind) => {
  let server: TestServer;
  let em: EntityManager;
  let teamTree: Map<number, number | null>;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await seedDemoData(server.rapport.deps.db, { employees: 180 });
    em = server.rapport.deps.db.fork();
    teamTree = new Map((await em.find(Team, {})).map((t) => [t.id, t.parent?.id ?? null]));
  });
  afterAll(() => server?.stop());

  /** Every page of the list through GraphQL, checked page by page against the entity path. */
  async function compare(filter: Filter, sort: Sort, pageSize: number) {
    const expected = await entityList(em.fork(), filter, sort, teamTree);
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      const { employees }: { employees: any } = await server.ok(LIST, { first: pageSize, after, filter, sort });
      expect(employees.totalCount).toBe(expected.length);
      const nodes = employees.edges.map((e: any) => e.node);
      expect(nodes).toEqual(expected.slice(seen.length, seen.length + pageSize));
      seen.push(...nodes);
      expect(employees.pageInfo.hasNextPage).toBe(seen.length < expected.length);
      expect(employees.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(employees.pageInfo.startCursor).toBe(employees.edges[0]?.cursor ?? null);
      expect(employees.pageInfo.endCursor).toBe(employees.edges.at(-1)?.cursor ?? null);
      if (!employees.pageInfo.hasNextPage) break;
      after = employees.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
    expect(seen).toHaveLength(expected.length);
    return expected;
  }

  it('should answer every sort, page by page, exactly as the entity path did', async () => {
    const all = await compare({}, { field: 'NAME', direction: 'ASC' }, 40);
    expect(all.length).toBeGreaterThan(150);
    expect(all.some((e) => e.leader && e.reports.totalCount > 3 && e.currentRelationship)).toBe(true);
    expect(all.some((e) => e.exitedAt && e.exitRegretted !== null)).toBe(true);
    await compare({}, { field: 'NAME', direction: 'DESC' }, 50);
    await compare({}, { field: 'EMAIL', direction: 'ASC' }, 60);
    await compare({}, { field: 'HIRED_AT', direction: 'DESC' }, 45);
    await compare({}, { field: 'HIRED_AT', direction: 'ASC' }, 70);
    await compare({}, { field: 'CREATED_AT', direction: 'ASC' }, 100);
  });

  it('should filter and search exactly as the entity path did', async () => {
    const sort: Sort = { field: 'NAME', direction: 'ASC' };
    const someTeam = [...teamTree].find(([id]) => [...teamTree.values()].includes(id))![0];
    expect((await compare({ teamId: String(someTeam) }, sort, 7)).length).toBeGreaterThan(0);
    const withSubTeams = await compare({ teamId: String(someTeam), includeSubTeams: true }, { field: 'HIRED_AT', direction: 'DESC' }, 9);
    expect(withSubTeams.length).toBeGreaterThan(0);
    const leader = withSubTeams.find((e) => e.reports.totalCount > 3)!;
    expect((await compare({ leaderId: leader.id }, sort, 2)).length).toBe(leader.reports.totalCount);
    expect((await compare({ status: 'EXITED' }, { field: 'CREATED_AT', direction: 'DESC' }, 8)).length).toBeGreaterThan(0);
    expect((await compare({ status: 'ACTIVE', search: 'an' }, sort, 30)).length).toBeGreaterThan(0);
    expect((await compare({ search: 'SCHMIDT' }, { field: 'EMAIL', direction: 'DESC' }, 5)).length).toBeGreaterThan(0);
    expect(await compare({ search: 'nobody by this name' }, sort, 5)).toEqual([]);
  });

  it('should read the leaders of a page in one statement, with the relationship columns only when a relationship is asked for', async () => {
    const expected = (await entityList(em.fork(), {}, { field: 'NAME', direction: 'ASC' }, teamTree)).slice(0, 30);
    const leaderStatements = (sql: string[]) => sql.filter((s) => /from leadership_relationship lr join employee e on e\.id = lr\.leader_id/.test(s));

    const alone = await countStatements(server.rapport, () => server.ok(`{ employees(first: 30) { edges { node { id leader { id name email team { id } } } } } }`));
    expect(alone.result.employees.edges.map((e: any) => e.node.leader)).toEqual(
      expected.map((e) => (e.leader ? { id: e.leader.id, name: e.leader.name, email: e.leader.email, team: e.leader.team } : null)),
    );
    expect(leaderStatements(alone.sql)).toHaveLength(1);
    expect(leaderStatements(alone.sql)[0]).not.toMatch(/lr\.\*/);

    const both = await countStatements(server.rapport, () =>
      server.ok(`{ employees(first: 30) { edges { node { id leader { id name }
        currentRelationship { id startedAt endedAt endReason leader { id } member { id } serviceAgreement { strengths needs goals preferredStyle } } } } } }`),
    );
    const active = new Map(
      (await em.fork().find(LeadershipRelationship, { member: { $in: expected.map((e) => Number(e.id)) }, endedAt: null })).map((r) => [String(r.member.id), r]),
    );
    expect(both.result.employees.edges.map((e: any) => e.node)).toEqual(
      expected.map((e) => {
        const r = active.get(e.id);
        return {
          id: e.id,
          leader: e.leader ? { id: e.leader.id, name: e.leader.name } : null,
          currentRelationship: r
            ? {
                id: String(r.id),
                startedAt: r.startedAt.toISOString(),
                endedAt: null,
                endReason: null,
                leader: { id: String(r.leader.id) },
                member: { id: e.id },
                serviceAgreement: { strengths: r.strengths, needs: r.needs ?? null, goals: r.goals ?? null, preferredStyle: r.preferredStyle ?? null },
              }
            : null,
        };
      }),
    );
    expect([...active.values()].some((r) => r.strengths.length > 0 && r.needs)).toBe(true);
    expect(leaderStatements(both.sql)).toHaveLength(1);
  });

  it('should page through reports and resolve one employee exactly as the entity path did', async () => {
    const [row] = (await entityList(em.fork(), {}, { field: 'NAME', direction: 'ASC' }, teamTree)).filter((e) => e.reports.totalCount > 3);
    const reports = await em.fork().find(
      LeadershipRelationship,
      { leader: Number(row!.id), endedAt: null },
      { populate: ['member'], orderBy: { member: { name: 'asc', id: 'asc' } } },
    );
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { employee }: { employee: any } = await server.ok(
        `query($id: ID!, $after: String) { employee(id: $id) { id name email hiredAt updatedAt exitRegretted leader { id } leaderChain { id }
          reports(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } }`,
        { id: row!.id, after },
      );
      expect(employee).toMatchObject({ id: row!.id, name: row!.name, email: row!.email, hiredAt: row!.hiredAt, updatedAt: row!.updatedAt, exitRegretted: row!.exitRegretted });
      expect(employee.leader?.id ?? null).toBe(row!.leader?.id ?? null);
      if (row!.leader) expect(employee.leaderChain[0].id).toBe(row!.leader.id);
      expect(employee.reports.totalCount).toBe(reports.length);
      names.push(...employee.reports.edges.map((e: any) => e.node.name));
      if (!employee.reports.pageInfo.hasNextPage) break;
      after = employee.reports.pageInfo.endCursor;
    }
    expect(names).toEqual(reports.map((r) => r.member.getEntity().name));
  });
});
