import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, createEmployees, createTeam } from '../../test/fixtures.js';
import { answerWave, nextWave, openEmployeeSurvey, type TestSurvey } from '../../test/survey-fixtures.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

/**
 * Parent (1 own member) with children A (6), B (5) and C (3); A has an empty sub-team.
 * Wave 1: everyone answers. Wave 2: only 4 of A answer. Wave 3 is running, with answers from B.
 */
describe.each(kinds)('team heatmap on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  let survey: TestSurvey;
  const team: Record<'parent' | 'a' | 'b' | 'c' | 'grandchild', string> = {} as never;
  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    team.parent = await createTeam(server, 'Heat Parent');
    team.a = await createTeam(server, 'Heat A', team.parent);
    team.b = await createTeam(server, 'Heat B', team.parent);
    team.c = await createTeam(server, 'Heat C', team.parent);
    team.grandchild = await createTeam(server, 'Heat A1', team.a);
    for (const [key, size] of [['parent', 1], ['a', 6], ['b', 5], ['c', 3]] as const) {
      await createEmployees(server, Array.from({ length: size }, (_, i) => ({ name: `Heat ${key} ${i + 1}`, teamId: team[key] })));
    }
    survey = await openEmployeeSurvey(server, { title: 'Leadership pulse', purpose: 'LEADERSHIP' });
    await answerWave(server, survey, [
      { teamId: team.parent, answers: [[0, 1]] },
      { teamId: team.a, answers: [[10, 5], [10, 4], [9, 4], [8, 3], [6, 2], [3, 5]] },
      { teamId: team.b, answers: [[9, 4], [9, 4], [7, 3], [7, 3], [2, 1]] },
      { teamId: team.c, answers: [[10, 5], [9, 5], [8, 4]] },
    ]);
    clock = new Date(clock.getTime() + 31 * DAY); // past the contact budget
    await server.relogin();
    await nextWave(server, survey);
    await answerWave(server, survey, [
      { teamId: team.parent, answers: [[0, 1]] },
      { teamId: team.a, answers: [[9, 4], [9, 4], [9, 4], [9, 4]] },
      { teamId: team.b, answers: [[10, 5], [10, 5], [10, 5], [10, 5], [10, 5]] },
      { teamId: team.c, answers: [[10, 5], [10, 5], [10, 5]] },
    ]);
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    await nextWave(server, survey);
    await answerWave(server, survey, [{ teamId: team.b, answers: [[0, 1], [0, 1], [0, 1], [0, 1], [0, 1]] }]);
  });
  afterAll(() => server?.stop());

  const HEATMAP = `query($s: ID!, $p: ID, $from: Int, $to: Int) { teamHeatmap(surveyId: $s, parentTeamId: $p, fromWave: $from, toWave: $to) {
    waves { number } threshold parent { name } breadcrumb { name } columns { key label kind scaleMax }
    rows { team { name } isParent childTeams invited responses suppressed cells { key value answered suppressed } } } }`;
  const heatmap = async (vars: Record<string, unknown>, token?: string) => (await server.ok(HEATMAP, { s: survey.id, ...vars }, token)).teamHeatmap;
  const row = (map: any, name: string) => map.rows.find((r: any) => r.team.name === name);
  const values = (r: any) => r.cells.map((c: any) => c.value);

  it('should list top-level teams with their sub-team counts and the survey items as columns', async () => {
    const map = await heatmap({});
    // Wave 3 is still running: the default is the latest closed wave.
    expect(map.waves).toEqual([{ number: 2 }]);
    expect(map.parent).toBeNull();
    expect(map.breadcrumb).toEqual([]);
    expect(map.columns.map((c: any) => [c.kind, c.scaleMax])).toEqual([['PARTICIPATION', null], ['NPS', null], ['RATING', 5]]);
    expect(map.rows.map((r: any) => [r.team.name, r.isParent, r.childTeams])).toEqual([['Heat Parent', false, 3]]);
  });

  it('should hide the differencing child and the small team in one wave, and show the others against hand computations', async () => {
    const map = await heatmap({ p: team.parent, from: 1, to: 1 });
    expect(map.rows.map((r: any) => [r.team.name, r.isParent, r.childTeams])).toEqual([['Heat Parent', true, 3], ['Heat A', false, 1], ['Heat B', false, 0], ['Heat C', false, 0]]);
    // Parent 15: promoters 7, passives 4, detractors 4 → (7 − 4) / 15 = 20; mean 53 / 15 = 3.53.
    expect(row(map, 'Heat Parent')).toMatchObject({ invited: 15, responses: 15, suppressed: null });
    expect(values(row(map, 'Heat Parent'))).toEqual([1, 20, 3.53]);
    // A 6: promoters 3, passives 1, detractors 2 → 16.7; mean 23 / 6 = 3.83.
    expect(values(row(map, 'Heat A'))).toEqual([1, 16.7, 3.83]);
    // B (5) would be "parent 15 − A 6 − B 5 = 4 people": complementary suppression hides the smaller part.
    expect(row(map, 'Heat B')).toMatchObject({ invited: 5, responses: null, suppressed: 'DIFFERENCING' });
    expect(row(map, 'Heat B').cells.every((c: any) => c.value === null && c.suppressed === 'DIFFERENCING')).toBe(true);
    expect(row(map, 'Heat C')).toMatchObject({ invited: 3, responses: null, suppressed: 'BELOW_THRESHOLD' });
    expect(values(row(map, 'Heat C'))).toEqual([null, null, null]);
  });

  it('should show nothing of the running wave 3 but who was invited: its figures wait for the close', async () => {
    const map = await heatmap({ p: team.parent, from: 3 });
    expect(map.waves).toEqual([{ number: 3 }]);
    for (const r of map.rows) expect(r.cells.every((c: any) => c.value === null && c.suppressed === 'WAVE_RUNNING'), r.team.name).toBe(true);
    expect(row(map, 'Heat B')).toMatchObject({ invited: 5, responses: null, suppressed: 'WAVE_RUNNING' });
  });

  it('should judge each wave on its own: wave 2 (one bound alone) shows B and hides A (4 answers)', async () => {
    const map = await heatmap({ p: team.parent, to: 2 });
    expect(map.waves).toEqual([{ number: 2 }]);
    // Parent 13: promoters 12, detractors 1 → 84.6; participation 13 / 15; mean 57 / 13 = 4.38.
    expect(values(row(map, 'Heat Parent'))).toEqual([0.867, 84.6, 4.38]);
    expect(row(map, 'Heat A')).toMatchObject({ invited: 6, suppressed: 'BELOW_THRESHOLD' });
    expect(values(row(map, 'Heat B'))).toEqual([1, 100, 5]);
  });

  it('should pool a range only where every wave in it is shown', async () => {
    const map = await heatmap({ p: team.parent, from: 1, to: 2 });
    expect(map.waves).toEqual([{ number: 1 }, { number: 2 }]);
    // Parent 28 of 30: promoters 19, passives 4, detractors 5 → 50; mean 110 / 28 = 3.93.
    expect(row(map, 'Heat Parent')).toMatchObject({ invited: 30, responses: 28 });
    expect(values(row(map, 'Heat Parent'))).toEqual([0.933, 50, 3.93]);
    // A: 10 answers pooled, but wave 2 alone has 4 — the range would reveal it.
    expect(row(map, 'Heat A').suppressed).toBe('BELOW_THRESHOLD');
    expect(row(map, 'Heat B').suppressed).toBe('DIFFERENCING');
  });

  it('should drill down with a breadcrumb and give a BI token the same answer', async () => {
    const analyst = await apiToken(server, 'ANALYST');
    const map = await heatmap({ p: team.a, from: 1, to: 1 }, analyst);
    expect(map.breadcrumb.map((t: any) => t.name)).toEqual(['Heat Parent', 'Heat A']);
    expect(map.parent).toEqual({ name: 'Heat A' });
    expect(map.rows.map((r: any) => [r.team.name, r.isParent, r.suppressed])).toEqual([['Heat A', true, null], ['Heat A1', false, 'BELOW_THRESHOLD']]);
    expect(await heatmap({ p: team.parent, from: 1, to: 1 }, analyst)).toEqual(await heatmap({ p: team.parent, from: 1, to: 1 }));
    // Two levels down: the path from the top, root first.
    const deepest = await heatmap({ p: team.grandchild, from: 1, to: 1 });
    expect(deepest.breadcrumb.map((t: any) => t.name)).toEqual(['Heat Parent', 'Heat A', 'Heat A1']);
    expect(deepest.rows.map((r: any) => [r.team.name, r.isParent, r.childTeams])).toEqual([['Heat A1', true, 0]]);
  });

  it('should answer NOT_FOUND for a parent team that does not exist, after the survey is checked', async () => {
    const unknown = await server.gql(HEATMAP, { s: survey.id, p: '999999' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknownSurvey = await server.gql(HEATMAP, { s: '999999', p: '999999' });
    expect(unknownSurvey.errors?.[0]?.message).toMatch(/Survey/);
  });

  it('should name the field of a bad wave range and refuse monitors', async () => {
    const tooLate = await server.gql(HEATMAP, { s: survey.id, to: 4 });
    expect(tooLate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toWave' });
    const reversed = await server.gql(HEATMAP, { s: survey.id, from: 2, to: 1 });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromWave' });
    const monitor = await apiToken(server, 'MONITOR');
    const refused = await server.gql(HEATMAP, { s: survey.id }, { token: monitor });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
