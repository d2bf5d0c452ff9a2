import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, createEmployees, createTeam } from '../../test/fixtures.js';
import { answerWave, nextWave, openEmployeeSurvey, type TestSurvey } from '../../test/survey-fixtures.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;

/** NPS answers (the rating item is always 3): promoters 10, passives 8, detractors 3. */
const answers = (promoters: number, passives: number, detractors: number) => [
  ...Array.from({ length: promoters }, () => [10, 3]),
  ...Array.from({ length: passives }, () => [8, 3]),
  ...Array.from({ length: detractors }, () => [3, 3]),
];

/**
 * "Signal Falling" (10) loses trust over three leadership waves; "Signal Steady" (10)
 * does not; "Signal Small" (4) loses two people to a competitor but is below the threshold.
 */
describe.each(kinds)('trust-withdrawal signals on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-01-05T09:00:00.000Z');
  let survey: TestSurvey;
  const team: Record<'falling' | 'steady' | 'small', string> = {} as never;
  let fallingMembers: string[];
  let smallMembers: string[];
  const SIGNALS = `query($all: Boolean) { trustSignals(includeCleared: $all) { totalCount edges { node {
    team { name } score level active clearedAt findings { rule points summary evidence { label value unit } } history { change score level rules } } } } }`;
  const signals = async (all = false, token?: string) => (await server.ok(SIGNALS, { all }, token)).trustSignals;
  const later = async (days: number) => {
    clock = new Date(clock.getTime() + days * DAY);
    await server.relogin();
  };
  const steadyWave = { answers: answers(5, 3, 1) };

  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    team.falling = await createTeam(server, 'Signal Falling');
    team.steady = await createTeam(server, 'Signal Steady');
    team.small = await createTeam(server, 'Signal Small');
    fallingMembers = await createEmployees(server, Array.from({ length: 10 }, (_, i) => ({ name: `Falling ${i + 1}`, teamId: team.falling })));
    await createEmployees(server, Array.from({ length: 10 }, (_, i) => ({ name: `Steady ${i + 1}`, teamId: team.steady })));
    smallMembers = await createEmployees(server, Array.from({ length: 4 }, (_, i) => ({ name: `Small ${i + 1}`, teamId: team.small })));
    survey = await openEmployeeSurvey(server, { title: 'Pulse', purpose: 'LEADERSHIP' });
    // Wave 1: falling 6/2/2 of 10 → NPS 40, detractors 20 %, participation 100 %.
    await answerWave(server, survey, [{ teamId: team.falling, answers: answers(6, 2, 2) }, { teamId: team.steady, ...steadyWave }]);
    await later(31);
    await nextWave(server, survey);
    // Wave 2: 4/3/2 of 9 answering → NPS 22.2, detractors 22.2 %, participation 90 %.
    await answerWave(server, survey, [{ teamId: team.falling, answers: answers(4, 3, 2) }, { teamId: team.steady, ...steadyWave }]);
    await later(31);
    await nextWave(server, survey);
    // Wave 3: 2/2/3 of 7 → NPS −14.3, detractors 42.9 %, participation 70 %.
    await answerWave(server, survey, [{ teamId: team.falling, answers: answers(2, 2, 3) }, { teamId: team.steady, ...steadyWave }]);
  });
  afterAll(() => server?.stop());

  it('should raise nothing while the history does not meet a rule (two waves, a 17.8-point fall)', async () => {
    expect((await signals(true)).totalCount).toBe(0);
  });

  it('should raise a signal for the falling team when the wave closes, push it live to admins, and say which rules fired on which numbers', async () => {
    const admin = server.wsClient(server.adminToken);
    const live = collect(admin, `subscription { trustSignalChanged { change signal { team { name } score level findings { rule } } } }`);
    const analystClient = server.wsClient(await apiToken(server, 'ANALYST'));
    const refused = collect(analystClient, `subscription { trustSignalChanged { change } }`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the subscriptions start
    await later(31);
    await nextWave(server, survey);
    const [event] = await live.next(1);
    expect(event!.data!.trustSignalChanged).toEqual({
      change: 'RAISED',
      signal: { team: { name: 'Signal Falling' }, score: 7, level: 'CRITICAL', findings: [{ rule: 'LEADER_NPS_FALLING' }, { rule: 'PARTICIPATION_FALLING' }, { rule: 'DETRACTORS_RISING' }] },
    });
    const [denied] = await refused.next(1);
    expect(denied!.errors?.[0]?.extensions?.code ?? denied!.errors?.[0]?.message).toMatch(/FORBIDDEN/);
    await Promise.all([admin.dispose(), analystClient.dispose()]);

    const list = await signals();
    expect(list.totalCount).toBe(1);
    const onTeams = await server.ok(`query($a: ID!, $b: ID!) { a: team(id: $a) { trustSignal { level score } } b: team(id: $b) { trustSignal { level } } }`, { a: team.falling, b: team.steady });
    expect(onTeams).toEqual({ a: { trustSignal: { level: 'CRITICAL', score: 7 } }, b: { trustSignal: null } });
    const [falling] = list.edges.map((e: any) => e.node);
    expect(falling.findings).toEqual([
      {
        rule: 'LEADER_NPS_FALLING',
        points: 3,
        summary: 'Leader NPS fell at each of the last two waves: 40 → 22.2 → -14.3 (-54.3 points).',
        evidence: [
          { label: 'Pulse, wave 1', value: 40, unit: 'points' },
          { label: 'Pulse, wave 2', value: 22.2, unit: 'points' },
          { label: 'Pulse, wave 3', value: -14.3, unit: 'points' },
        ],
      },
      {
        rule: 'PARTICIPATION_FALLING',
        points: 2,
        summary: 'Participation fell to 70 % from 95 % on average in the 2 waves before (26.3 % fewer answers).',
        evidence: [
          { label: 'Pulse, wave 1', value: 100, unit: '%' },
          { label: 'Pulse, wave 2', value: 90, unit: '%' },
          { label: 'Pulse, wave 3', value: 70, unit: '%' },
        ],
      },
      {
        rule: 'DETRACTORS_RISING',
        points: 2,
        summary: 'Detractors on the leader NPS question rose from 22.2 % to 42.9 % (+20.7 points).',
        evidence: [
          { label: 'Pulse, wave 2', value: 22.2, unit: '%' },
          { label: 'Pulse, wave 3', value: 42.9, unit: '%' },
        ],
      },
    ]);
  });

  const ACK = `mutation($i: AcknowledgeTrustSignalInput!) { acknowledgeTrustSignal(input: $i) { acknowledgement { by note } history { change by note } } }`;
  const signalId = async () => (await server.ok(`{ trustSignals(includeCleared: true) { edges { node { id } } } }`)).trustSignals.edges[0].node.id;

  it('should let an admin take the signal on with a note, pushed live; a blank note or an analyst is refused', async () => {
    const id = await signalId();
    const admin = server.wsClient(server.adminToken);
    const live = collect(admin, `subscription { trustSignalChanged { change signal { acknowledgement { note } } } }`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const acknowledged = (await server.ok(ACK, { i: { signalId: id, note: 'Skip-level 1:1s booked with everyone in the team' } })).acknowledgeTrustSignal;
    expect(acknowledged.acknowledgement).toEqual({ by: 'admin@test.local', note: 'Skip-level 1:1s booked with everyone in the team' });
    expect(acknowledged.history.at(-1)).toEqual({ change: 'ACKNOWLEDGED', by: 'admin@test.local', note: 'Skip-level 1:1s booked with everyone in the team' });
    const [event] = await live.next(1);
    expect(event!.data!.trustSignalChanged).toEqual({ change: 'ACKNOWLEDGED', signal: { acknowledgement: { note: 'Skip-level 1:1s booked with everyone in the team' } } });
    await admin.dispose();
    expect((await server.gql(ACK, { i: { signalId: id, note: '   ' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const analyst = await apiToken(server, 'ANALYST');
    expect((await server.gql(ACK, { i: { signalId: id, note: 'Mine' } }, { token: analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should not raise one for a team below the threshold, however many leave for a competitor', async () => {
    for (const id of smallMembers.slice(0, 2)) {
      await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR }) { id } }`, { id });
    }
    expect((await signals()).edges.map((e: any) => e.node.team.name)).toEqual(['Signal Falling']);
  });

  it('should worsen the signal when two of the team leave for a competitor, pushed live', async () => {
    const admin = server.wsClient(server.adminToken);
    const live = collect(admin, `subscription { trustSignalChanged { change signal { score level findings { rule summary } } } }`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const id of fallingMembers.slice(0, 2)) {
      await server.ok(`mutation($id: ID!) { recordExit(input: { employeeId: $id, reason: LEFT_FOR_COMPETITOR }) { id } }`, { id });
    }
    // The first exit changes nothing (1 < 2); the second adds the rule.
    const [event] = await live.next(1);
    expect(event!.data!.trustSignalChanged.change).toBe('WORSENED');
    expect(event!.data!.trustSignalChanged.signal).toMatchObject({ score: 10, level: 'CRITICAL' });
    expect(event!.data!.trustSignalChanged.signal.findings.at(-1)).toEqual({ rule: 'COMPETITOR_EXITS', summary: '2 of 10 people left for a competitor in the last 90 days (20 %).' });
    expect(live.results).toHaveLength(1);
    await admin.dispose();
    // Worse than when it was taken on: it needs attention again.
    expect((await server.ok(`{ trustSignals { edges { node { acknowledgement { note } } } } }`)).trustSignals.edges[0].node.acknowledgement).toBeNull();
  });

  it('should ease when the next wave recovers, and clear once the exits are out of the window', async () => {
    await later(31);
    await answerWave(server, survey, [{ teamId: team.falling, answers: answers(8, 0, 0) }, { teamId: team.steady, ...steadyWave }]);
    await nextWave(server, survey);
    let [signal] = (await signals()).edges.map((e: any) => e.node);
    expect(signal).toMatchObject({ score: 3, level: 'WATCH', active: true, findings: [{ rule: 'COMPETITOR_EXITS' }] });

    await later(60); // the exits are now 91 days old
    const evaluation = (await server.ok(`mutation { evaluateTrustSignals { teamsEvaluated raised worsened eased cleared active } }`)).evaluateTrustSignals;
    expect(evaluation).toEqual({ teamsEvaluated: 3, raised: 0, worsened: 0, eased: 0, cleared: 1, active: 0 });
    expect((await signals()).totalCount).toBe(0);
    [signal] = (await signals(true)).edges.map((e: any) => e.node);
    expect(signal.active).toBe(false);
    expect(signal.history.map((h: any) => [h.change, h.score, h.level])).toEqual([
      ['RAISED', 7, 'CRITICAL'],
      ['ACKNOWLEDGED', 7, 'CRITICAL'],
      ['WORSENED', 10, 'CRITICAL'],
      ['EASED', 3, 'WATCH'],
      ['CLEARED', 0, null],
    ]);
    const late = await server.gql(ACK, { i: { signalId: await signalId(), note: 'Too late' } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'signalId' });
    // Evaluating again changes nothing.
    const again = (await server.ok(`mutation { evaluateTrustSignals { raised cleared active } }`)).evaluateTrustSignals;
    expect(again).toEqual({ raised: 0, cleared: 0, active: 0 });
  });

  it('should give the rules to readers, refuse monitors, and let only admins evaluate', async () => {
    const analyst = await apiToken(server, 'ANALYST');
    const rules = (await server.ok(`{ trustSignalRules { rule points title description evidence } }`, {}, analyst)).trustSignalRules;
    expect(rules.map((r: any) => [r.rule, r.points])).toEqual([['LEADER_NPS_FALLING', 3], ['ENPS_FALLING', 2], ['PARTICIPATION_FALLING', 2], ['DETRACTORS_RISING', 2], ['COMPETITOR_EXITS', 3]]);
    expect(rules.every((r: any) => r.description.length > 40 && r.evidence.length > 40)).toBe(true);
    expect((await signals(true, analyst)).totalCount).toBe(1);
    const monitor = await apiToken(server, 'MONITOR');
    expect((await server.gql(SIGNALS, { all: true }, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(`mutation { evaluateTrustSignals { active } }`, {}, { token: analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
