import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, createEmployees, createTeam } from '../../test/fixtures.js';
import { answerWave, nextWave, openEmployeeSurvey } from '../../test/survey-fixtures.js';
import { lastQuarters } from './service-chain.js';

const kinds = await testDatabaseKinds();
const NONE = { value: null, basis: null, suppressed: null, source: null };
const repeat = (n: number, values: number[]) => Array.from({ length: n }, () => values);

/**
 * "Chain Parent" = "Chain Good" (6 people, 4 customers) + "Chain Poor" (6 people, 2 customers).
 * Q1 2026: leadership wave 1, customer NPS, two referrals by a Good customer, a complaint for Poor.
 * Q2: leadership wave 2 (only 4 of Poor answer), an engagement wave. Q3: wave 3 still running.
 */
describe.each(kinds)('service-profit chain on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-01-10T09:00:00.000Z');
  const team: Record<'parent' | 'good' | 'poor', string> = {} as never;
  const at = async (iso: string) => {
    clock = new Date(iso);
    await server.relogin();
  };

  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    team.parent = await createTeam(server, 'Chain Parent');
    team.good = await createTeam(server, 'Chain Good', team.parent);
    team.poor = await createTeam(server, 'Chain Poor', team.parent);
    const good = await createEmployees(server, Array.from({ length: 6 }, (_, i) => ({ name: `Good ${i + 1}`, teamId: team.good })));
    const poor = await createEmployees(server, Array.from({ length: 6 }, (_, i) => ({ name: `Poor ${i + 1}`, teamId: team.poor })));
    const customer = async (name: string, owner: string) =>
      (await server.ok(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
        i: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@customer.example`, accountOwnerId: owner },
      })).createCustomer.id as string;
    const goodCustomers = [await customer('Good Customer 1', good[0]!), await customer('Good Customer 2', good[0]!), await customer('Good Customer 3', good[1]!), await customer('Good Customer 4', good[1]!)];
    const poorCustomers = [await customer('Poor Customer 1', poor[0]!), await customer('Poor Customer 2', poor[0]!)];

    // Q1
    const pulse = await openEmployeeSurvey(server, { title: 'Leadership pulse', purpose: 'LEADERSHIP' });
    await answerWave(server, pulse, [
      { teamId: team.good, answers: repeat(6, [10, 5]) },
      { teamId: team.poor, answers: [...repeat(3, [10, 5]), ...repeat(3, [2, 1])] },
    ]);
    const nps = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: 'Customer NPS', audience: 'CUSTOMERS', purpose: 'NPS', anonymous: false, questions: [{ type: 'NPS', prompt: 'Would you recommend us?', required: true }] },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: nps.id });
    const links = (await server.ok(`mutation($i: InviteInput!) { inviteToSurvey(input: $i) { created { token } } }`, {
      i: { surveyId: nps.id, customerIds: [...goodCustomers, ...poorCustomers] },
    })).inviteToSurvey.created;
    for (const [i, value] of [10, 10, 9, 6, 3, 8].entries()) {
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: links[i].token, a: [{ questionId: nps.questions[0].id, value }] }, null);
    }
    for (const n of [1, 2]) {
      await server.ok(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
        i: { kind: 'CUSTOMER', referrerCustomerId: goodCustomers[0], referredName: `Referred ${n}`, referredEmail: `referred.${n}@example.com` },
      });
    }
    await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
      i: { customerId: poorCustomers[0], subject: 'Late delivery', description: 'Again.', category: 'Delivery', severity: 'HIGH', channel: 'EMAIL', teamId: team.poor },
    });

    // Q2: four of Poor answer; an engagement wave in May.
    await at('2026-04-11T09:00:00.000Z');
    await nextWave(server, pulse);
    await answerWave(server, pulse, [
      { teamId: team.good, answers: repeat(6, [10, 5]) },
      { teamId: team.poor, answers: [[10, 5], [10, 5], [0, 1], [0, 1]] },
    ]);
    await at('2026-05-15T09:00:00.000Z');
    const engagement = await openEmployeeSurvey(server, { title: 'Engagement pulse', purpose: 'ENGAGEMENT' });
    await answerWave(server, engagement, [
      { teamId: team.good, answers: repeat(6, [9, 4]) },
      { teamId: team.poor, answers: repeat(6, [5, 2]) },
    ]);
    await at('2026-06-01T09:00:00.000Z');
    await server.ok(`mutation($s: ID!) { closeSurvey(surveyId: $s) { id } }`, { s: engagement.id });

    // Q3: wave 3 starts and is still running when we look.
    await at('2026-07-11T09:00:00.000Z');
    await nextWave(server, pulse);
    await at('2026-09-15T09:00:00.000Z');
  });
  afterAll(() => server?.stop());

  const FIGURE = 'value basis suppressed source';
  const CHAIN = `query($p: ID, $q: Int) { serviceProfitChain(parentTeamId: $p, quarters: $q) {
    quarters { label start end } parent { name } breadcrumb { name } threshold
    rows { team { name } isParent childTeams customers quarters {
      leaderNps { ${FIGURE} } enps { ${FIGURE} } customerNps { ${FIGURE} } referralRate referrals convertedReferrals complaints complaintsBreached } } } }`;
  const chain = async (vars: Record<string, unknown>, token?: string) => (await server.ok(CHAIN, vars, token)).serviceProfitChain;
  const row = (c: any, name: string) => c.rows.find((r: any) => r.team.name === name);

  it('should list the last quarters, oldest first, and one row per top-level team', async () => {
    const c = await chain({});
    expect(c.quarters.map((q: any) => q.label)).toEqual(['2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3']);
    expect(c.quarters[1]).toEqual({ label: '2026 Q1', start: '2026-01-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });
    expect(c.rows.map((r: any) => [r.team.name, r.isParent, r.childTeams, r.customers])).toEqual([['Chain Parent', false, 2, 6]]);
    // The top level reads every team's answers: the same figures as the parent row when drilling down.
    expect(c.rows[0].quarters[1].leaderNps).toMatchObject({ value: 50, basis: 12 });
  });

  it("should follow a well-led team's chain quarter by quarter against hand computations", async () => {
    const good = row(await chain({ p: team.parent }), 'Chain Good');
    expect(good.customers).toBe(4);
    const [q4, q1, q2, q3] = good.quarters;
    expect(q4).toEqual({ leaderNps: NONE, enps: NONE, customerNps: NONE, referralRate: 0, referrals: 0, convertedReferrals: 0, complaints: 0, complaintsBreached: 0 });
    // Q1: six 10s → 100; customers 10, 10, 9, 6 → (3 − 1) / 4 = 50; 2 referrals by 4 customers.
    expect(q1).toEqual({
      leaderNps: { value: 100, basis: 6, suppressed: null, source: 'Leadership pulse, wave 1' },
      enps: NONE,
      customerNps: { value: 50, basis: 4, suppressed: null, source: 'Named answers to customer NPS surveys' },
      referralRate: 0.5,
      referrals: 2,
      convertedReferrals: 0,
      complaints: 0,
      complaintsBreached: 0,
    });
    // Q2: parent 10 − Good 6 would reveal Poor's 4 answers, so Good is hidden; eNPS six 9s → 100.
    expect(q2.leaderNps).toEqual({ value: null, basis: null, suppressed: 'DIFFERENCING', source: 'Leadership pulse, wave 2' });
    expect(q2.enps).toEqual({ value: 100, basis: 6, suppressed: null, source: 'Engagement pulse, wave 1' });
    // Q3: the running wave is not a figure yet.
    expect(q3.leaderNps).toEqual(NONE);
  });

  it('should hide the small team, show the whole parent, and count complaints per team', async () => {
    const c = await chain({ p: team.parent });
    expect(c.breadcrumb.map((t: any) => t.name)).toEqual(['Chain Parent']);
    expect(c.rows.map((r: any) => [r.team.name, r.isParent])).toEqual([['Chain Parent', true], ['Chain Good', false], ['Chain Poor', false]]);
    const poor = row(c, 'Chain Poor');
    // Q1: 10, 10, 10, 2, 2, 2 → 0; customers 3 and 8 → −50; one complaint.
    expect(poor.quarters[1]).toMatchObject({ leaderNps: { value: 0, basis: 6 }, customerNps: { value: -50, basis: 2 }, complaints: 1, referrals: 0, referralRate: 0 });
    expect(poor.quarters[2].leaderNps).toEqual({ value: null, basis: null, suppressed: 'BELOW_THRESHOLD', source: 'Leadership pulse, wave 2' });
    expect(poor.quarters[2].enps).toMatchObject({ value: -100, basis: 6 });
    const whole = row(c, 'Chain Parent');
    // Q1: 9 promoters, 3 detractors of 12 → 50; customers 3 promoters, 1 passive, 2 detractors of 6 → 16.7; 2 referrals ÷ 6.
    expect(whole.quarters[1]).toMatchObject({ leaderNps: { value: 50, basis: 12 }, customerNps: { value: 16.7, basis: 6 }, referralRate: 0.333, complaints: 1 });
    // Q2: 8 promoters, 2 detractors of 10 → 60; eNPS 6 promoters, 6 detractors → 0.
    expect(whole.quarters[2]).toMatchObject({ leaderNps: { value: 60, basis: 10 }, enps: { value: 0, basis: 12 } });
  });

  it('should give a BI token the same answer, refuse monitors and bound the quarters', async () => {
    const analyst = await apiToken(server, 'ANALYST');
    expect(await chain({ p: team.parent }, analyst)).toEqual(await chain({ p: team.parent }));
    const monitor = await apiToken(server, 'MONITOR');
    expect((await server.gql(CHAIN, {}, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(CHAIN, { q: 9 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarters' });
  });
});

describe('calendar quarters', () => {
  it('should count back across a year boundary', () => {
    expect(lastQuarters(new Date('2026-02-03T00:00:00.000Z'), 3).map((q) => q.label)).toEqual(['2025 Q3', '2025 Q4', '2026 Q1']);
    expect(lastQuarters(new Date('2026-12-31T23:59:59.000Z'), 1)[0]).toEqual({ label: '2026 Q4', start: new Date('2026-10-01T00:00:00.000Z'), end: new Date('2027-01-01T00:00:00.000Z') });
  });
});
