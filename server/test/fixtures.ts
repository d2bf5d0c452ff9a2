import type { TestServer } from './harness.js';

let counter = 0;

/** Creates employees through the API and returns their ids, in order. */
export async function createEmployees(
  server: TestServer,
  people: Array<string | { name: string; teamId?: string; hiredAt?: string; title?: string }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const person of people) {
    const input = typeof person === 'string' ? { name: person } : person;
    counter += 1;
    const email = `${input.name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}.${counter}@example.com`;
    const data = await server.ok(
      `mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
      { input: { hiredAt: '2020-01-01T00:00:00.000Z', ...input, email } },
    );
    ids.push(data.createEmployee.id);
  }
  return ids;
}

export async function assign(server: TestServer, memberId: string, leaderId: string, extra: Record<string, unknown> = {}) {
  return server.gql(
    `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id startedAt endedAt leader { id } member { id } } }`,
    { input: { memberId, leaderId, ...extra } },
  );
}

export async function createTeam(server: TestServer, name: string, parentId?: string): Promise<string> {
  const data = await server.ok(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name, parentId },
  });
  return data.createTeam.id;
}

export async function apiToken(server: TestServer, role: 'ANALYST' | 'MONITOR', name = `${role} token`): Promise<string> {
  const data = await server.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`, {
    input: { name, role },
  });
  return data.createApiToken.token;
}
