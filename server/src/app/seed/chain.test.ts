import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { testDatabaseKinds } from '../../../test/databases.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../../db/database.js';
import { entities } from '../entities.js';
import type { Database } from '../../db/database.js';
import { prng, seedDemoData } from './demo.js';
import { forestShape, seedReferrals } from './referrals.js';
import { seedDemoSurveys } from './surveys.js';
import { seedDemoChain } from './chain.js';
import { demoWavePlans, inviteesOf, leaderStories, loadOrganisation } from './leader-stories.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;
const CUSTOMER_FACING = ['Sales', 'Customer Success'];

/** Epoch milliseconds of a datetime read with raw SQL (SQLite: a number; PostgreSQL: a Date or a string). */
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v)));
const quarterOf = (t: number) => new Date(t).getUTCFullYear() * 4 + Math.floor(new Date(t).getUTCMonth() / 3);
const npsOf = (values: number[]) => (values.filter((v) => v >= 9).length - values.filter((v) => v <= 6).length) / values.length * 100;

interface Wave {
  id: string;
  number: number;
  openedAt: string;
  closedAt: string | null;
}

/** The NPS answers of the Customer NPS survey by the team of the customer's account owner, per wave number. */
async function customerNps(db: Database): Promise<Array<{ team: number; wave: number; value: number; submitted: number }>> {
  const rows = await db.fork().execute<Array<{ team_id: number | string; number: number | string; numeric_value: number | string; submitted_at: unknown }>>(
    `select e.team_id, w.number, a.numeric_value, r.submitted_at
       from survey_answer a join survey_question q on q.id = a.question_id and q.type = 'NPS'
       join survey_response r on r.id = a.response_id join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id
       join customer c on c.id = r.customer_id join employee e on e.id = c.account_owner_id
      where s.title = 'Customer NPS'`,
  );
  return rows.map((r) => ({ team: Number(r.team_id), wave: Number(r.number), value: Number(r.numeric_value), submitted: ms(r.submitted_at) }));
}

describe.each(kinds)('demo service-profit chain (default demo size) on %s', (kind) => {
  let server: TestServer;
  let survey: { id: string; audience: string; purpose: string; anonymous: boolean; recurring: boolean; status: string; invitationCount: number; responseCount: number; questions: Array<{ type: string; prompt: string; required: boolean; scaleMax: number | null }>; waves: Wave[] };
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => server.rapport.deps.db.fork().execute<T[]>(query, params as never);
  const count = async (query: string, params: unknown[] = []) => Number(Object.values((await sql(query, params))[0]!)[0]);
  beforeAll(async () => {
    // The demo exactly as `npm run demo` starts it: organisation, referrals, survey history, then the customer side.
    server = await startTestServer({ kind, env: { RAPPORT_DEMO: 'true', RAPPORT_DEMO_SIZE: '300' } });
    const { surveys } = await server.ok(`{ surveys { id title audience purpose anonymous recurring status invitationCount responseCount
      questions { type prompt required scaleMax } waves { id number openedAt closedAt } } }`);
    survey = surveys.find((s: { title: string }) => s.title === 'Customer NPS');
  }, 60_000);
  afterAll(() => server?.stop());

  it('should give every customer an account owner: an active member of a Sales or Customer Success team, each such team owning a share', async () => {
    const owners = new Map<string, number>(); // team → customers
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: any = await server.ok(
        `query($after: String) { customers(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { segment status accountOwner { status reports(first: 1) { totalCount } team { name ancestors { name } } } } } } }`,
        { after },
      );
      total = page.customers.totalCount;
      for (const { node } of page.customers.edges) {
        expect(node.accountOwner).not.toBeNull();
        expect(node.accountOwner.status).toBe('ACTIVE');
        expect(node.accountOwner.reports.totalCount).toBe(0); // members own accounts, their leaders do not
        const department = node.accountOwner.team.ancestors.map((t: { name: string }) => t.name);
        expect(department.some((name: string) => CUSTOMER_FACING.includes(name))).toBe(true);
        expect(['enterprise', 'mid-market', 'smb']).toContain(node.segment);
        owners.set(node.accountOwner.team.name, (owners.get(node.accountOwner.team.name) ?? 0) + 1);
      }
      if (!page.customers.pageInfo.hasNextPage) break;
      after = page.customers.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(100);
    // Every team below Sales and Customer Success owns accounts; account management owns the most, sales operations few.
    expect([...owners.keys()].sort()).toEqual(['Account Management', 'Enterprise Sales', 'Onboarding', 'SMB Sales', 'Sales Operations', 'Support']);
    expect(Math.max(...owners.values())).toBe(owners.get('Account Management'));
    expect(owners.get('Sales Operations')!).toBeLessThan(owners.get('Enterprise Sales')!);
  });

  it('should run a named, recurring Customer NPS: a wave each calendar quarter, the last four quarters closed, the latest running', async () => {
    expect(survey).toMatchObject({ audience: 'CUSTOMERS', purpose: 'NPS', anonymous: false, recurring: true, status: 'OPEN' });
    expect(survey.questions).toEqual([
      { type: 'NPS', prompt: 'How likely are you to recommend us to a friend or colleague?', required: true, scaleMax: null },
      { type: 'RATING', prompt: 'How satisfied are you with our service?', required: true, scaleMax: 5 },
      { type: 'FREE_TEXT', prompt: 'What is the main reason for your score?', required: false, scaleMax: null },
    ]);
    const waves = survey.waves;
    expect(waves.map((w) => w.number)).toEqual([1, 2, 3, 4, 5]);
    const closed = waves.filter((w) => w.closedAt !== null);
    expect(closed).toHaveLength(4);
    expect(waves.at(-1)!.closedAt).toBeNull();
    // One wave in each of the four quarters before the current one, and the running one in the current quarter.
    const current = quarterOf(Date.now());
    expect(waves.map((w) => quarterOf(Date.parse(w.openedAt)))).toEqual([current - 4, current - 3, current - 2, current - 1, current]);
    for (let i = 1; i < waves.length; i++) {
      const gap = (Date.parse(waves[i]!.openedAt) - Date.parse(waves[i - 1]!.openedAt)) / DAY;
      expect(gap).toBeGreaterThanOrEqual(i < 4 ? 89 : 80); // the current quarter's wave opens early in its first week
      expect(gap).toBeLessThanOrEqual(93);
      // As `startWave` runs a recurring survey: opening a wave closes the one before.
      expect(waves[i - 1]!.closedAt).toBe(waves[i]!.openedAt);
    }
    // 40–60 % of the invited customers answered each closed wave.
    for (const wave of closed) {
      const invited = await count('select count(*) as n from survey_invitation where wave_id = ?', [Number(wave.id)]);
      const responses = await count('select count(*) as n from survey_response where wave_id = ?', [Number(wave.id)]);
      expect(invited).toBeGreaterThan(30);
      expect(responses / invited).toBeGreaterThanOrEqual(0.38);
      expect(responses / invited).toBeLessThanOrEqual(0.62);
    }
    // The results page shows the latest closed wave: NPS, satisfaction on 1–5, and the reasons.
    const { surveyResults } = await server.ok(
      `query($s: ID!, $w: ID!) { surveyResults(surveyId: $s, slice: { waveId: $w }) { waveNumber suppressed responses
        questions { question { type } suppressed nps { score } mean comments } } }`,
      { s: survey.id, w: closed.at(-1)!.id },
    );
    expect(surveyResults).toMatchObject({ waveNumber: 4, suppressed: null });
    expect(surveyResults.questions[0].nps.score).toBeGreaterThan(-100);
    expect(surveyResults.questions[0].nps.score).toBeLessThan(100);
    expect(surveyResults.questions[1].mean).toBeGreaterThan(2);
    expect(surveyResults.questions[1].mean).toBeLessThan(5);
    expect(surveyResults.questions[2].comments.length).toBeGreaterThan(0);
  });

  it('should store named responses as the service does: the customer, the exact time, the segment, one used invitation each', async () => {
    const responses = await sql<{ customer_id: unknown; employee_id: unknown; team_id: unknown; segment: unknown; customer_segment: unknown; submitted_at: unknown; opened_at: unknown; closed_at: unknown; responded_on: unknown; invited: number | string }>(
      `select r.customer_id, r.employee_id, r.team_id, r.customer_segment, c.segment, r.submitted_at, w.opened_at, w.closed_at,
              (select i.responded_on from survey_invitation i where i.wave_id = r.wave_id and i.customer_id = r.customer_id) as responded_on,
              (select count(*) from survey_invitation i where i.wave_id = r.wave_id and i.customer_id = r.customer_id) as invited
         from survey_response r join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id
         left join customer c on c.id = r.customer_id
        where s.title = 'Customer NPS'`,
    );
    expect(responses.length).toBe(survey.responseCount);
    expect(responses.length).toBeGreaterThan(100);
    for (const r of responses) {
      expect(r.customer_id).not.toBeNull();
      expect([r.employee_id, r.team_id]).toEqual([null, null]);
      expect(r.customer_segment).toBe(r.segment);
      expect(Number(r.invited)).toBe(1);
      const submitted = ms(r.submitted_at);
      expect(submitted).toBeGreaterThan(ms(r.opened_at));
      expect(submitted).toBeLessThan(r.closed_at === null ? Date.now() : ms(r.closed_at));
      // The invitation keeps the day it was used; the response of a named survey the exact time.
      expect(ms(r.responded_on)).toBe(Math.floor(submitted / DAY) * DAY);
    }
    expect(responses.filter((r) => ms(r.submitted_at) % DAY !== 0).length).toBeGreaterThan(responses.length / 2);
    // Invitations as `invite` creates them: the customer, their email and segment, no employee facts; customers of the time only.
    expect(
      await count(
        `select count(*) as n from survey_invitation i join survey_wave w on w.id = i.wave_id join survey s on s.id = w.survey_id
          join customer c on c.id = i.customer_id
         where s.title = 'Customer NPS' and i.recipient_email = c.email and i.employee_id is null and i.team_id is null
           and i.subject_leader_id is null and i.tenure_band is null and i.customer_segment = c.segment
           and i.invited_at = w.opened_at and c.customer_since <= w.opened_at`,
      ),
    ).toBe(survey.invitationCount);
    const [range] = await sql<{ lo: number | string; hi: number | string }>(
      `select min(a.numeric_value) as lo, max(a.numeric_value) as hi from survey_answer a join survey_question q on q.id = a.question_id
        join survey s on s.id = q.survey_id where s.title = 'Customer NPS' and q.type = 'RATING'`,
    );
    expect([Number(range!.lo), Number(range!.hi)]).toEqual([1, 5]);
  });

  it("should let a declining team's customers follow their leader: lower NPS in the latest closed wave than in the first", async () => {
    // The declining teams are the ones whose trust signal start-up raised for a falling leader NPS.
    const { trustSignals } = await server.ok(`{ trustSignals { edges { node { team { id name } findings { rule } } } } }`);
    const declining = trustSignals.edges
      .map((e: any) => e.node)
      .filter((s: any) => s.findings.some((f: any) => f.rule === 'LEADER_NPS_FALLING'))
      .map((s: any) => Number(s.team.id));
    const answers = await customerNps(server.rapport.deps.db);
    const served = declining.filter((team: number) => answers.some((a) => a.team === team));
    expect(served.length).toBeGreaterThanOrEqual(1); // SMB Sales, in the default demo
    const latestClosed = survey.waves.filter((w) => w.closedAt !== null).at(-1)!.number;
    for (const team of served) {
      const wave = (n: number) => answers.filter((a) => a.team === team && a.wave === n).map((a) => a.value);
      expect(wave(1).length).toBeGreaterThanOrEqual(5);
      expect(wave(latestClosed).length).toBeGreaterThanOrEqual(5);
      expect(npsOf(wave(latestClosed))).toBeLessThan(npsOf(wave(1)) - 20);
    }
  });

  it('should open a follow-up complaint for every detractor and keep every complaint as the service leaves it: team, SLA due times, thread, resolved', async () => {
    const detractors = await count(
      `select count(*) as n from survey_answer a join survey_question q on q.id = a.question_id join survey s on s.id = q.survey_id
        where s.title = 'Customer NPS' and q.type = 'NPS' and a.numeric_value <= 6`,
    );
    expect(detractors).toBeGreaterThan(10);
    // The closed loop: one SURVEY_FOLLOW_UP complaint per detractor response, opened when it was submitted, for that customer.
    expect(
      await count(
        `select count(*) as n from complaint k join survey_response r on r.id = k.survey_response_id
          where k.channel = 'SURVEY_FOLLOW_UP' and k.category = 'survey follow-up' and k.customer_id = r.customer_id and k.created_at = r.submitted_at`,
      ),
    ).toBe(detractors);
    // Every complaint: the account owner's team and the owner; due times from the severity's policy; resolved or
    // closed, except the dozen recent ones left open (checked below).
    const all = await count('select count(*) as n from complaint');
    const total = await count(`select count(*) as n from complaint where status in ('RESOLVED', 'CLOSED')`);
    expect(all - total).toBe(12);
    expect(
      await count(
        `select count(*) as n from complaint k join customer c on c.id = k.customer_id join employee e on e.id = c.account_owner_id
           join sla_policy p on p.severity = k.severity
          where k.team_id = e.team_id and k.assignee_id = e.id and k.status in ('RESOLVED', 'CLOSED') and k.resolved_at is not null
            and k.first_response_at is not null and k.acknowledged_at is not null`,
      ),
    ).toBe(total);
    const rows = await sql<Record<string, unknown>>(
      `select k.created_at, k.first_response_due_at, k.resolution_due_at, k.first_response_at, k.resolved_at, k.closed_at, k.status,
              k.first_response_breached_at, k.resolution_breached_at, k.escalated_to_id, p.first_response_minutes, p.resolution_minutes
         from complaint k join sla_policy p on p.severity = k.severity where k.status in ('RESOLVED', 'CLOSED')`,
    );
    let breached = 0;
    for (const k of rows) {
      const created = ms(k.created_at);
      expect(ms(k.first_response_due_at) - created).toBe(Number(k.first_response_minutes) * 60_000);
      expect(ms(k.resolution_due_at) - created).toBe(Number(k.resolution_minutes) * 60_000);
      expect(ms(k.first_response_at)).toBeGreaterThan(created);
      expect(ms(k.resolved_at)).toBeGreaterThan(ms(k.first_response_at));
      expect(ms(k.resolved_at)).toBeLessThan(Date.now());
      expect(k.closed_at === null).toBe(k.status === 'RESOLVED');
      // A breach was recorded at its due time (the SLA check) and escalated to the assignee's leader.
      const late = ms(k.first_response_at) > ms(k.first_response_due_at) || ms(k.resolved_at) > ms(k.resolution_due_at);
      if (late) breached += 1;
      expect(k.first_response_breached_at !== null || k.resolution_breached_at !== null).toBe(late);
      expect(k.escalated_to_id !== null).toBe(late);
    }
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(total / 2);
    // Each thread starts with the customer's message at creation, like `openComplaint`; the board starts empty.
    expect(
      await count(
        `select count(*) as n from complaint k join complaint_event e on e.complaint_id = k.id
          where e.kind = 'CUSTOMER_MESSAGE' and e.created_at = k.created_at and e.body = k.description
            and e.id = (select min(x.id) from complaint_event x where x.complaint_id = k.id)`,
      ),
    ).toBe(all);
    // The board starts with work on it: every open state, every SLA state, each breach escalated.
    const { complaintBoard } = await server.ok(`{ complaintBoard { open { id status severity sla { state } } breached } }`);
    expect(complaintBoard.open).toHaveLength(12);
    expect(new Set(complaintBoard.open.map((c: { status: string }) => c.status))).toEqual(new Set(['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS']));
    const states = new Set(complaintBoard.open.map((c: { sla: { state: string } }) => c.sla.state));
    expect(states.has('BREACHED') && states.has('ON_TRACK')).toBe(true);
    expect(complaintBoard.breached).toBeGreaterThan(0);
    expect(
      await count(
        `select count(*) as n from complaint k where k.status not in ('RESOLVED', 'CLOSED')
          and (k.first_response_breached_at is not null or k.resolution_breached_at is not null) and k.escalated_to_id is null`,
      ),
    ).toBe(0);
    const { complaints } = await server.ok(
      `{ complaints(first: 5, filter: { slaState: BREACHED, status: [RESOLVED, CLOSED] }) { totalCount edges { node { status team { name } escalatedTo { id } sla { state }
        timeline { kind actor actorName } } } } }`,
    );
    expect(complaints.totalCount).toBe(breached);
    for (const { node } of complaints.edges) {
      expect(node.sla.state).toBe('BREACHED');
      expect(node.escalatedTo).not.toBeNull();
      const kinds = node.timeline.map((e: { kind: string }) => e.kind);
      expect(kinds[0]).toBe('CUSTOMER_MESSAGE');
      // Threads name people, not their emails: every staff actor is an employee.
      for (const e of node.timeline) expect(e.actorName).not.toContain('@');
      expect(node.timeline.filter((e: { actor: string }) => e.actor === 'system').every((e: { actorName: string }) => e.actorName === 'Rapport')).toBe(true);
      expect(kinds).toEqual(expect.arrayContaining(['STATUS_CHANGED', 'STAFF_MESSAGE', 'SLA_BREACHED', 'ESCALATED']));
      expect(node.timeline.at(-1).kind === 'STATUS_CHANGED' || node.timeline.at(-1).kind === 'RECOVERY_RATED').toBe(true);
    }
  });

  it('should give business customers a company, and seed hire referrals and the reward ledger of every conversion', async () => {
    expect(await count(`select count(*) as n from customer where company is not null`)).toBeGreaterThan(await count(`select count(*) as n from customer`) / 2);
    expect(await count(`select count(*) as n from customer where segment = 'enterprise' and company is null`)).toBe(0);
    // Both email languages are in use, so the Outbox and message histories show both templates.
    for (const table of ['customer', 'employee']) {
      expect(await count(`select count(*) as n from ${table} where language = 'de'`)).toBeGreaterThan(0);
      expect(await count(`select count(*) as n from ${table} where language = 'en'`)).toBeGreaterThan(0);
    }
    const hires = await count(`select count(*) as n from referral where kind = 'HIRE' and status = 'CONVERTED' and converted_employee_id is not null`);
    expect(hires).toBeGreaterThan(5);
    expect(await count(`select count(*) as n from referral where kind = 'HIRE' and status in ('INVITED', 'ENGAGED')`)).toBeGreaterThan(0);
    // Two stages per conversion, the first earned (or clawed back), the second earned once its period passed.
    const conversions = await count(`select count(*) as n from referral where status = 'CONVERTED'`);
    expect(await count(`select count(*) as n from referral_reward`)).toBe(2 * conversions);
    expect(await count(`select count(*) as n from referral_reward where stage = 'CONVERSION' and status not in ('EARNED', 'CLAWED_BACK')`)).toBe(0);
    expect(await count(`select count(*) as n from referral_reward where stage = 'RETENTION' and status = 'PENDING'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from referral_reward where stage = 'RETENTION' and status = 'EARNED'`)).toBeGreaterThan(0);
    // The API shows them: a leader's team has hire referrals, the ledger has rows.
    const { referralRewards } = await server.ok(`{ referralRewards(first: 1) { totalCount } }`);
    expect(referralRewards.totalCount).toBe(2 * conversions);
  });

  it('should make the demo admin an employee with open complaints, so "Assigned to me" shows their desk', async () => {
    const { me } = await server.ok(`{ me { employee { id } } }`);
    expect(me.employee).not.toBeNull();
    const mine = await server.ok(`query($a: ID!) { complaints(first: 1, filter: { assigneeId: $a, status: [NEW, ACKNOWLEDGED, IN_PROGRESS] }) { totalCount } }`, { a: me.employee.id });
    expect(mine.complaints.totalCount).toBeGreaterThan(0);
  });

  it('should date the referral trees: each referral after its referrer became a customer, each referred customer from its conversion', async () => {
    expect(
      await count(
        `select count(*) as n from referral r join customer c on c.id = r.referrer_customer_id
          where r.invited_at < c.customer_since or r.created_at <> r.invited_at
             or (r.engaged_at is not null and r.engaged_at < r.invited_at) or (r.converted_at is not null and r.converted_at < r.engaged_at)`,
      ),
    ).toBe(0);
    expect(
      await count(`select count(*) as n from referral r join customer c on c.id = r.converted_customer_id where c.customer_since <> r.converted_at`),
    ).toBe(0);
    // Referrals in each of the three quarters before the current one.
    const times = (await sql<{ created_at: unknown }>('select created_at from referral')).map((r) => ms(r.created_at));
    expect(Math.max(...times)).toBeLessThan(Date.now());
    const current = quarterOf(Date.now());
    for (let q = current - 3; q < current; q++) expect(times.filter((t) => quarterOf(t) === q).length).toBeGreaterThan(5);
  });

  it('should keep the anonymity rules: the pulses stay anonymous, only the named survey links customers, and nobody is asked twice within 30 days', async () => {
    expect(
      await count(
        `select count(*) as n from survey_response r join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id
          where s.anonymous and (r.employee_id is not null or r.customer_id is not null)`,
      ),
    ).toBe(0);
    const anonymous = await sql<{ submitted_at: unknown }>(
      `select r.submitted_at from survey_response r join survey_wave w on w.id = r.wave_id join survey s on s.id = w.survey_id where s.anonymous`,
    );
    for (const r of anonymous) expect(ms(r.submitted_at) % DAY).toBe(0);
    // No follow-up (or any complaint) points to an anonymous response.
    expect(
      await count(
        `select count(*) as n from complaint k join survey_response r on r.id = k.survey_response_id join survey_wave w on w.id = r.wave_id
           join survey s on s.id = w.survey_id where s.anonymous`,
      ),
    ).toBe(0);
    // The contact budget (30 days) holds across the demo's invitations.
    const invitations = await sql<{ recipient_email: string; invited_at: unknown }>('select recipient_email, invited_at from survey_invitation order by recipient_email, invited_at');
    for (let i = 1; i < invitations.length; i++) {
      if (invitations[i]!.recipient_email !== invitations[i - 1]!.recipient_email) continue;
      expect(ms(invitations[i]!.invited_at) - ms(invitations[i - 1]!.invited_at)).toBeGreaterThanOrEqual(30 * DAY);
    }
  });
});

describe('demo customer chain generator', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  async function seeded(): Promise<Database> {
    const db = await openDatabase('sqlite::memory:', createLogger('silent'), { entities });
    await seedDemoData(db, { employees: 300, now });
    await seedReferrals(db, forestShape(150), { now });
    await seedDemoSurveys(db, { now });
    await seedDemoChain(db, { now });
    return db;
  }

  it('should be deterministic: the same company, seed and time give the same customers, referral dates, answers and complaints', async () => {
    const summaries: string[] = [];
    for (let run = 0; run < 2; run++) {
      const db = await seeded();
      try {
        const em = db.fork();
        const parts = await Promise.all([
          em.execute('select id, account_owner_id, segment, customer_since from customer order by id'),
          em.execute('select id, invited_at, engaged_at, converted_at, closed_at from referral order by id'),
          em.execute(`select w.number, r.customer_id, r.submitted_at, a.question_id, a.numeric_value, a.text from survey_answer a
            join survey_response r on r.id = a.response_id join survey_wave w on w.id = r.wave_id where r.customer_id is not null order by 1, 2, 4`),
          em.execute(`select id, customer_id, team_id, subject, severity, channel, status, created_at, first_response_at, resolved_at, closed_at from complaint order by id`),
          em.execute('select id, complaint_id, kind, from_value, to_value, actor, created_at from complaint_event order by id'),
        ]);
        summaries.push(JSON.stringify(parts));
      } finally {
        await db.close();
      }
    }
    expect(summaries[0]!.length).toBeGreaterThan(10_000);
    expect(summaries[1]).toBe(summaries[0]);
  });

  it("should tell the chain for a declining team: customer NPS falls a quarter after leader quality, referrals thin out, complaints grow", async () => {
    const db = await seeded();
    try {
      const em = db.fork();
      const org = await loadOrganisation(em);
      const plans = demoWavePlans(now.getTime());
      const stories = leaderStories(org, plans, plans.map((p) => inviteesOf(org, p)), now.getTime(), 42, prng(42 * 7919 + 17));
      const owned = new Map(
        (await em.execute<Array<{ team: number | string; n: number | string }>>('select e.team_id as team, count(*) as n from customer c join employee e on e.id = c.account_owner_id group by e.team_id')).map(
          (r) => [Number(r.team), Number(r.n)],
        ),
      );
      const team = [...stories.roles].filter(([, role]) => role === 'declining').map(([leader]) => org.people.get(leader)!.team!).find((t) => owned.has(t))!;
      expect(team).toBeDefined();
      const others = [...owned.entries()].filter(([t]) => t !== team).reduce((a, [, n]) => a + n, 0);
      const q0 = quarterOf(now.getTime()); // 2026 Q2; leadership waves in 2025 Q3 … 2026 Q2, decline from 2025 Q4

      // Customer NPS by quarter of submission: level until the leader's fall shows, then down a quarter after it.
      const answers = (await customerNps(db)).filter((a) => a.team === team);
      const byQuarter = (q: number) => npsOf(answers.filter((a) => quarterOf(a.submitted) === q).map((a) => a.value));
      expect(byQuarter(q0 - 1)).toBeLessThan(byQuarter(q0 - 2) - 15);
      expect(byQuarter(q0)).toBeLessThan(byQuarter(q0 - 1) - 15);

      // Referrals per customer: the declining team's fall from the half-year before to the latest one; everyone else's grow.
      const referrals = await em.execute<Array<{ team: number | string; created_at: unknown }>>(
        'select e.team_id as team, r.created_at from referral r join customer c on c.id = r.referrer_customer_id join employee e on e.id = c.account_owner_id',
      );
      const rate = (mine: boolean, quarters: number[]) =>
        referrals.filter((r) => (Number(r.team) === team) === mine && quarters.includes(quarterOf(ms(r.created_at)))).length / (mine ? owned.get(team)! : others);
      expect(rate(true, [q0 - 1, q0])).toBeLessThan(rate(true, [q0 - 3, q0 - 2]) * 0.7);
      expect(rate(false, [q0 - 1, q0])).toBeGreaterThan(rate(false, [q0 - 3, q0 - 2]));
      expect(rate(true, [q0 - 1, q0])).toBeLessThan(rate(false, [q0 - 1, q0]));

      // Complaints for the team: more in the half-year since customers felt the decline.
      const complaints = (await em.execute<Array<{ created_at: unknown }>>('select created_at from complaint where team_id = ?', [team])).map((c) => quarterOf(ms(c.created_at)));
      const opened = (quarters: number[]) => complaints.filter((q) => quarters.includes(q)).length;
      expect(opened([q0 - 1, q0])).toBeGreaterThan(2 * opened([q0 - 3, q0 - 2]));
    } finally {
      await db.close();
    }
  });
});
