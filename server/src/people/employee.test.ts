import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { assign, createEmployees, createTeam } from '../../test/fixtures.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('employees on %s', (kind) => {
  let server: TestServer;
  let engineering: string;
  let platform: string;
  let sales: string;
  let lead: string;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    engineering = await createTeam(server, 'Engineering');
    platform = await createTeam(server, 'Platform', engineering);
    sales = await createTeam(server, 'Sales');
    [lead] = await createEmployees(server, [{ name: 'Lena Lead', teamId: engineering, hiredAt: '2019-01-01T00:00:00.000Z' }]);
    const members = await createEmployees(server, [
      { name: 'Anton Alpha', teamId: platform, hiredAt: '2020-03-01T00:00:00.000Z' },
      { name: 'Berta Beta', teamId: platform, hiredAt: '2021-03-01T00:00:00.000Z' },
      { name: 'Carl Gamma', teamId: sales, hiredAt: '2022-03-01T00:00:00.000Z' },
      { name: 'Dora Delta_100%', teamId: sales, hiredAt: '2023-03-01T00:00:00.000Z' },
      { name: 'Emil Epsilon', teamId: engineering, hiredAt: '2024-03-01T00:00:00.000Z' },
    ]);
    await assign(server, members[0]!, lead!);
    await assign(server, members[1]!, lead!);
    await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: RESIGNED }) { id } }`, { id: members[4] });
  });
  afterAll(() => server?.stop());

  const list = `query($first: Int, $after: String, $filter: EmployeeFilter, $sort: EmployeeSort) {
    employees(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name } } } }`;
  const names = async (variables: Record<string, unknown>) =>
    (await server.ok(list, variables)).employees.edges.map((e: any) => e.node.name);

  it('should sort by name by default and by other fields on request', async () => {
    expect(await names({})).toEqual(['Anton Alpha', 'Berta Beta', 'Carl Gamma', 'Dora Delta_100%', 'Emil Epsilon', 'Lena Lead']);
    expect(await names({ sort: { field: 'HIRED_AT', direction: 'DESC' } })).toEqual([
      'Emil Epsilon',
      'Dora Delta_100%',
      'Carl Gamma',
      'Berta Beta',
      'Anton Alpha',
      'Lena Lead',
    ]);
  });

  it('should search name and email case-insensitively, with % and _ matched literally', async () => {
    expect(await names({ filter: { search: 'ALPHA' } })).toEqual(['Anton Alpha']);
    expect(await names({ filter: { search: 'berta.beta' } })).toEqual(['Berta Beta']);
    expect(await names({ filter: { search: '_100%' } })).toEqual(['Dora Delta_100%']);
    expect(await names({ filter: { search: '%' } })).toEqual(['Dora Delta_100%']);
  });

  it('should filter by team (optionally with sub-teams), leader and status', async () => {
    expect(await names({ filter: { teamId: engineering } })).toEqual(['Emil Epsilon', 'Lena Lead']);
    expect(await names({ filter: { teamId: engineering, includeSubTeams: true } })).toEqual([
      'Anton Alpha',
      'Berta Beta',
      'Emil Epsilon',
      'Lena Lead',
    ]);
    expect(await names({ filter: { leaderId: lead } })).toEqual(['Anton Alpha', 'Berta Beta']);
    expect(await names({ filter: { status: 'EXITED' } })).toEqual(['Emil Epsilon']);
    expect(await names({ filter: { status: 'ACTIVE', teamId: engineering } })).toEqual(['Lena Lead']);
  });

  it('should page through the whole list with cursors, in both directions of sort, without gaps or repeats', async () => {
    for (const sort of [{ field: 'NAME', direction: 'ASC' }, { field: 'HIRED_AT', direction: 'DESC' }, { field: 'EMAIL', direction: 'DESC' }]) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = (await server.ok(list, { first: 2, after, sort })).employees;
        expect(page.totalCount).toBe(6);
        seen.push(...page.edges.map((e: any) => e.node.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(await names({ sort }));
    }
  });

  it('should reject a page larger than the maximum and a foreign cursor with clear errors', async () => {
    const big = await server.gql(list, { first: 101 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', field: 'first', maximum: 100 });
    expect(big.data).toBeNull();
    const bad = await server.gql(list, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const negative = await server.gql(list, { first: -1 });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should normalise emails and refuse a duplicate, naming the field', async () => {
    const created = await server.ok(`mutation { createEmployee(input: { name: "  Zed   Zulu ", email: "ZED.Zulu@Example.COM" }) { name email } }`);
    expect(created.createEmployee).toEqual({ name: 'Zed Zulu', email: 'zed.zulu@example.com' });
    const dup = await server.gql(`mutation { createEmployee(input: { name: "Zed Two", email: "zed.zulu@example.com" }) { id } }`);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    const invalid = await server.gql(`mutation { createEmployee(input: { name: "", email: "nope" }) { id } }`);
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(['name', 'email']).toContain(invalid.errors?.[0]?.extensions?.field);
  });

  it('should update fields and clear an optional one with null', async () => {
    const [id] = await createEmployees(server, [{ name: 'Update Me', teamId: sales, title: 'Rep' }]);
    const res = await server.ok(
      `mutation($id: ID!, $team: ID) { updateEmployee(input: { id: $id, name: "Updated Name", title: null, teamId: $team }) { name title team { name } } }`,
      { id, team: null },
    );
    expect(res.updateEmployee).toEqual({ name: 'Updated Name', title: null, team: null });
    const taken = await server.gql(`mutation($id: ID!) { updateEmployee(input: { id: $id, email: "zed.zulu@example.com" }) { id } }`, { id });
    expect(taken.errors?.[0]?.extensions?.code).toBe('EMAIL_TAKEN');
  });

  it('should answer unknown and malformed ids with NOT_FOUND and BAD_USER_INPUT', async () => {
    const unknown = await server.gql(`{ employee(id: "999999") { id } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.gql(`{ employee(id: "abc") { id } }`);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const wrongType = await server.gql(`query($f: Int) { employees(first: $f) { totalCount } }`, { f: 'ten' });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should show a team with its hierarchy, members and counts', async () => {
    const team = await server.ok(`query($id: ID!) { team(id: $id) {
      name parent { name } ancestors { name } children { name } memberCount
      members(includeSubTeams: true) { totalCount edges { node { name } } } } }`, { id: platform });
    expect(team.team).toMatchObject({ name: 'Platform', parent: { name: 'Engineering' }, ancestors: [{ name: 'Engineering' }], children: [], memberCount: 2 });
    const eng = await server.ok(`query($id: ID!) { team(id: $id) { children { name } members { totalCount } all: members(includeSubTeams: true) { totalCount } } }`, { id: engineering });
    expect(eng.team).toEqual({ children: [{ name: 'Platform' }], members: { totalCount: 1 }, all: { totalCount: 3 } });
  });

  it('should refuse a team below itself and a duplicate team name', async () => {
    const cycle = await server.gql(`mutation($id: ID!, $p: ID) { updateTeam(input: { id: $id, parentId: $p }) { id } }`, { id: engineering, p: platform });
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'TEAM_CYCLE', field: 'parentId' });
    const dup = await server.gql(`mutation { createTeam(input: { name: "Sales" }) { id } }`);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'TEAM_NAME_TAKEN', field: 'name' });
    const teams = await server.ok(`{ teams(filter: { rootsOnly: true }) { totalCount edges { node { name } } } }`);
    expect(teams.teams.edges.map((e: any) => e.node.name)).toEqual(['Engineering', 'Sales']);
  });
});
