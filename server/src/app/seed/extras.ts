import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import { ReferralKind, ReferralStatus, RewardStage, RewardStatus } from '../../referrals/referral.entity.js';
import { REWARD_RULES } from '../../referrals/reward.service.js';
import { canonicalEmail, canonicalName } from '../../referrals/referral.service.js';
import { bulkInsert, bulkUpdate, maxId, ms, type Value } from './bulk.js';
import { personName, prng } from './demo.js';

/**
 * What the rest of the demo leaves empty but the README promises, so every feature has something
 * to show on first start. Run last, inside `seedDemoChain`'s transaction (every other row exists):
 *
 * - Companies: business customers (enterprise and mid-market accounts, some small ones) work for a
 *   company; consumers have none.
 * - Hire referrals: some employees hired in the last two years came in through a colleague's
 *   referral (converted, the new hire is that employee); others are still under way or declined.
 * - Email languages: people at the (German) companies and most colleagues read German, some
 *   consumers and every fifth employee English, the rest get the configured default — so the
 *   Outbox and the message histories show both template languages.
 * - Rewards: the staged ledger `convertReferral` would have written for every converted referral —
 *   the conversion stage earned at conversion, the retention stage earned once its period passed
 *   (pending before), both reversed where the person left inside the period.
 *
 * Deterministic for a given seed and `now`; a handful of multi-row statements.
 */
const COMPANIES = [
  'Nordwind Logistik GmbH', 'Havelland Energie AG', 'Brandt & Söhne KG', 'Elbtal Medien GmbH', 'Rheinpark Versicherung', 'Isar Robotics GmbH',
  'Kaya Bau GmbH', 'Alster Finanz AG', 'Weserwerk Maschinenbau', 'Spreewald Foods GmbH', 'Taunus Health GmbH', 'Mosel Wein & Handel',
  'Neckar Mobility GmbH', 'Ostsee Tourismus GmbH', 'Harz Software AG', 'Lech Textil GmbH', 'Main Capital Partners', 'Ruhr Stahlhandel KG',
];
const CANDIDATE_NOTES = ['Worked together at a previous company.', 'Met at a meetup; strong on our stack.', 'Former intern, would love to come back.', null];
const DAY = 86_400_000;

export interface DemoExtrasResult {
  companies: number;
  /** People given an explicit email language. */
  languages: number;
  hireReferrals: number;
  rewards: number;
  /** The employee whose work email became the first admin's, so "Assigned to me" has complaints. */
  adminEmployeeId: number | null;
}

export async function seedDemoExtras(em: EntityManager, db: Database, options: { now: number; seed: number }): Promise<DemoExtrasResult> {
  const { now, seed } = options;
  const random = prng(seed * 6_271 + 5);
  const date = (time: number | null): number | Date | null => (time === null ? null : db.kind === 'sqlite' ? time : new Date(time));

  // Companies for business customers.
  const customers = await em.execute<Array<{ id: number | string; segment: string | null }>>('select id, segment from customer where company is null order by id');
  const companyRows: Value[][] = [];
  for (const c of customers) {
    const id = Number(c.id);
    const business = c.segment === 'enterprise' || c.segment === 'mid-market' || (c.segment === 'smb' && id % 3 !== 0);
    if (business) companyRows.push([id, COMPANIES[(id * 7 + seed) % COMPANIES.length]!]);
  }
  if (companyRows.length) await bulkUpdate(em, db.kind, 'customer', [['company', 'text']], companyRows);

  // Email languages.
  const atCompany = new Set(companyRows.map(([id]) => id));
  const customerLanguages: Value[][] = customers.map((c) => Number(c.id)).flatMap((id) => (atCompany.has(id) ? [[id, 'de']] : id % 3 === 0 ? [[id, 'en']] : []));
  const employeeIds = (await em.execute<Array<{ id: number | string }>>('select id from employee where language is null order by id')).map((e) => Number(e.id));
  const employeeLanguages: Value[][] = employeeIds.map((id) => [id, id % 5 === 0 ? 'en' : 'de']);
  await bulkUpdate(em, db.kind, 'customer', [['language', 'text']], customerLanguages);
  await bulkUpdate(em, db.kind, 'employee', [['language', 'text']], employeeLanguages);

  // Hire referrals: recent hires referred by a colleague of their team who was there first.
  const employees = (
    await em.execute<Array<{ id: number | string; name: string; email: string; team_id: number | string | null; hired_at: unknown; exited_at: unknown }>>(
      'select id, name, email, team_id, hired_at, exited_at from employee order by id',
    )
  ).map((e) => ({ id: Number(e.id), name: e.name, email: e.email, team: e.team_id == null ? null : Number(e.team_id), hired: ms(e.hired_at)!, exited: ms(e.exited_at) }));
  const taken = new Set(
    (await em.execute<Array<{ id: number | string | null }>>('select converted_employee_id as id from referral where converted_employee_id is not null')).map((r) => Number(r.id)),
  );
  const byTeam = new Map<number, typeof employees>();
  for (const e of employees) if (e.team !== null) byTeam.set(e.team, [...(byTeam.get(e.team) ?? []), e]);
  let referralId = await maxId(em, 'referral');
  const referrals: Value[][] = [];
  const add = (r: { kind: ReferralKind; status: ReferralStatus; referrer: number; name: string; email: string; note: string | null; convertedEmployee: number | null; invited: number; engaged: number | null; converted: number | null; closed: number | null }) => {
    const id = ++referralId;
    referrals.push([
      id, r.kind, r.status, null, r.referrer, r.name, r.email, canonicalEmail(r.email), canonicalName(r.name), r.note, null, null, 1, null, r.convertedEmployee, '[]',
      date(r.invited), date(r.engaged), date(r.converted), date(r.closed), date(r.invited), date(Math.max(r.invited, r.engaged ?? 0, r.converted ?? 0, r.closed ?? 0)),
    ]);
  };
  const recent = employees.filter((e) => e.hired > now - 730 * DAY && e.hired < now - 7 * DAY && e.team !== null && !taken.has(e.id));
  for (const hire of recent) {
    if (!random.chance(0.3)) continue;
    const colleagues = (byTeam.get(hire.team!) ?? []).filter((c) => c.id !== hire.id && c.hired < hire.hired - 60 * DAY && (c.exited === null || c.exited > hire.hired));
    if (!colleagues.length) continue;
    const referrer = random.pick(colleagues);
    const invited = hire.hired - Math.round((35 + 40 * random.next()) * DAY);
    add({ kind: ReferralKind.HIRE, status: ReferralStatus.CONVERTED, referrer: referrer.id, name: hire.name, email: hire.email, note: random.pick(CANDIDATE_NOTES), convertedEmployee: hire.id, invited, engaged: invited + Math.round(10 * DAY), converted: hire.hired, closed: null });
  }
  // Candidates still in the pipeline or declined, referred by people working here now.
  const active = employees.filter((e) => e.exited === null && e.team !== null);
  const pipeline = Math.max(4, Math.round(referrals.length * 0.6));
  const states = [ReferralStatus.INVITED, ReferralStatus.ENGAGED, ReferralStatus.ENGAGED, ReferralStatus.REJECTED, ReferralStatus.INVITED];
  for (let i = 0; i < pipeline && active.length; i++) {
    const referrer = active[Math.floor(random.next() * active.length)]!;
    const status = states[i % states.length]!;
    const name = personName(9_000 + i * 11 + seed);
    const email = `${name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z]+/g, '.')}.h${i + 1}@candidate.example`;
    const invited = now - Math.round((3 + 50 * random.next()) * DAY);
    add({
      kind: ReferralKind.HIRE,
      status,
      referrer: referrer.id,
      name,
      email,
      note: random.pick(CANDIDATE_NOTES),
      convertedEmployee: null,
      invited,
      engaged: status === ReferralStatus.INVITED ? null : invited + Math.round(2 * DAY),
      converted: null,
      closed: status === ReferralStatus.REJECTED ? invited + Math.round(9 * DAY) : null,
    });
  }
  if (referrals.length) {
    await bulkInsert(
      em,
      db.kind,
      'referral',
      [
        'id', 'kind', 'status', 'referrer_customer_id', 'referrer_employee_id', 'referred_name', 'referred_email', 'referred_email_canonical', 'referred_name_canonical', 'note',
        'parent_id', 'root_id', 'generation', 'converted_customer_id', 'converted_employee_id', 'flags', 'invited_at', 'engaged_at', 'converted_at', 'closed_at', 'created_at', 'updated_at',
      ],
      referrals,
    );
  }

  // The reward ledger of every converted referral without one.
  const converted = await em.execute<Array<{ id: number | string; kind: string; converted_at: unknown; left_at: unknown }>>(
    `select r.id, r.kind, r.converted_at, coalesce(c.churned_at, e.exited_at) as left_at
       from referral r left join customer c on c.id = r.converted_customer_id left join employee e on e.id = r.converted_employee_id
      where r.status = 'CONVERTED' and r.converted_at is not null and not exists (select 1 from referral_reward w where w.referral_id = r.id)
      order by r.id`,
  );
  let rewardId = await maxId(em, 'referral_reward');
  const rewards: Value[][] = [];
  for (const r of converted) {
    const rule = REWARD_RULES[r.kind as ReferralKind];
    const at = ms(r.converted_at)!;
    const due = at + rule.retentionDays * DAY;
    const left = ms(r.left_at);
    const reversed = left !== null && left < due ? left : null;
    const reason = reversed === null ? null : r.kind === ReferralKind.HIRE ? 'The hire left inside the retention period' : 'The customer churned inside the retention period';
    rewards.push([++rewardId, Number(r.id), RewardStage.CONVERSION, rule.conversion, reversed !== null ? RewardStatus.CLAWED_BACK : RewardStatus.EARNED, date(at), date(at), date(reversed), reason, date(at)]);
    const retention = reversed !== null ? RewardStatus.CANCELLED : due <= now ? RewardStatus.EARNED : RewardStatus.PENDING;
    rewards.push([++rewardId, Number(r.id), RewardStage.RETENTION, rule.retention, retention, date(due), retention === RewardStatus.EARNED ? date(due) : null, date(reversed), reason, date(at)]);
  }
  if (rewards.length) {
    await bulkInsert(em, db.kind, 'referral_reward', ['id', 'referral_id', 'stage', 'amount', 'status', 'due_at', 'earned_at', 'reversed_at', 'reversal_reason', 'created_at'], rewards);
  }
  if (db.kind === 'postgresql') {
    for (const table of ['referral', 'referral_reward']) {
      await em.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
    }
  }
  const adminEmployeeId = await giveAdminADesk(em);
  return { companies: companyRows.length, languages: customerLanguages.length + employeeLanguages.length, hireReferrals: referrals.length, rewards: rewards.length, adminEmployeeId };
}

/**
 * The person who logs in to the demo is one of the employees: the one with the most open complaints
 * takes the first admin's email (users and employees are linked by work email), so the inbox's
 * "Assigned to me" and the palette's people search show their own desk. Nothing when there is no
 * user yet or an employee already has that email.
 */
async function giveAdminADesk(em: EntityManager): Promise<number | null> {
  const [admin] = await em.execute<Array<{ email: string }>>(`select email from app_user where role = 'ADMIN' order by id limit 1`);
  if (!admin) return null;
  const [taken] = await em.execute<Array<{ id: number }>>('select id from employee where email = ?', [admin.email]);
  if (taken) return null;
  const [busiest] = await em.execute<Array<{ id: number | string }>>(
    `select c.assignee_id as id from complaint c join employee e on e.id = c.assignee_id
     where c.status in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS') and e.exited_at is null
     group by c.assignee_id order by count(*) desc, c.assignee_id limit 1`,
  );
  if (!busiest) return null;
  await em.execute('update employee set email = ? where id = ?', [admin.email, Number(busiest.id)]);
  return Number(busiest.id);
}
