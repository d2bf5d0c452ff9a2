import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { QuestionType, Survey, SurveyAudience, SurveyPurpose, SurveyQuestion, SurveyStatus, SurveyWave } from '../../surveys/survey.entity.js';
import { ComplaintChannel, ComplaintEventKind, ComplaintStatus, Severity } from '../../complaints/complaint.entity.js';
import { ReferralStatus } from '../../referrals/referral.entity.js';
import { dayOf } from '../../surveys/survey.service.js';
import { prng } from './demo.js';
import { bulkInsert, bulkUpdate, maxId, ms, type Value } from './bulk.js';
import { clamp, demoWavePlans, hash01, inviteesOf, leaderAt, leaderStories, loadOrganisation, surveyNowFromLastLeadershipWave, type Organisation } from './leader-stories.js';
import { apportion, npsShares } from './surveys.js';
import { freezeTeamTree } from '../../surveys/wave-rules.js';
import { seedDemoExtras } from './extras.js';

/**
 * The customer side of the demo, so the service-profit chain per team tells a story
 * (leader score → team eNPS → satisfaction of the customers the team serves → their referrals).
 * Run after `seedDemoData`, `seedReferrals` and `seedDemoSurveys`:
 *
 * - Account owners: every demo customer without one gets an active member of a customer-facing
 *   team (the sub-teams of Sales and Customer Success, squads included) — account management and
 *   the sales teams own most accounts, sales operations few — and a segment.
 * - Each team's customers follow the service quality of the team's leader (the stories of
 *   `seedDemoSurveys`, recomputed from the same rows and seed) one calendar quarter later: in a
 *   quarter they feel the leader as the last leadership wave before that quarter measured them.
 *   Customers of a declining team become less satisfied, complain more and refer less.
 * - Referral history: the referral trees keep their shape and statuses; their dates spread over the
 *   referral programme (the last ~30 months, growing), denser while the referrer's team serves well,
 *   and customers who referred in a quarter sit more often with teams that served well then.
 *   Referred customers are customers from their conversion; the others from earlier.
 * - "Customer NPS" (CUSTOMERS, NPS, named, recurring): one wave a calendar quarter (opened on its
 *   8th day, or earlier in the current quarter's first week), opening a wave closing the one before
 *   (as `startWave` does): four closed waves and the current quarter's still running. Invitations to
 *   the customers of the time, with the segment copied as the service does; 40–60 % answer (the
 *   customer named, the exact time) an NPS question, a 1–5 satisfaction rating and an optional reason.
 * - Complaints: every detractor's answer opened a follow-up complaint (the service's closed loop),
 *   and customers complain now and then on other channels, more often when served badly. Each
 *   complaint belongs to the account owner's team, has its SLA due times from the policy, and a
 *   thread from the first message to its resolution (breaches and escalations included). All of
 *   them are resolved or closed, except a dozen recent ones still open in every state (`OPEN_COMPLAINTS`:
 *   new, acknowledged, in progress; some about to breach, some breached), so the inbox, the board and
 *   the kiosk have something on them at first start.
 *
 * Deterministic for a given seed and `now` (except the random response ids and token hashes the
 * model demands); multi-row inserts and updates, on SQLite and PostgreSQL.
 */
export interface DemoChainOptions {
  now?: Date;
  /** The seed `seedDemoSurveys` was given (its leaders' stories are recomputed from it). */
  seed?: number;
  logger?: Logger;
}

export interface DemoChainResult {
  customers: number;
  referrals: number;
  waves: number;
  invitations: number;
  responses: number;
  complaints: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The referral programme started this long ago. */
const PROGRAMME = 900 * DAY;
/** A Customer NPS wave opens on the 8th day of its quarter (the current one by now); most answers come within three weeks. */
const WAVE_OPENS = 7 * DAY + 8 * HOUR;
const ANSWER_WINDOW = 21 * DAY;
/** Referrals a year grow by this factor as the programme catches on. */
const GROWTH = 1.6;
/** Stronger: customers who referred in a quarter sit more often with teams that served well then. */
const OWNER_PULL = 6;
/** Stronger: customers refer more while their team serves them well. */
const REFERRAL_PULL = 5;

/** Customer-facing departments (as `seedDemoData` names them; a second run appends a number). */
const CUSTOMER_FACING = /^(Sales|Customer Success)( \d+)?$/;
/** Accounts owned per member, relative, by the team (line) below the department. */
const OWNER_WEIGHT: Record<string, number> = {
  'Account Management': 1.4,
  'SMB Sales': 1.2,
  'Enterprise Sales': 1,
  Onboarding: 0.8,
  Support: 0.7,
  'Sales Operations': 0.3,
};

const NPS_QUESTIONS = [
  { type: QuestionType.NPS, prompt: 'How likely are you to recommend us to a friend or colleague?', required: true, scaleMax: null },
  { type: QuestionType.RATING, prompt: 'How satisfied are you with our service?', required: true, scaleMax: 5 },
  { type: QuestionType.FREE_TEXT, prompt: 'What is the main reason for your score?', required: false, scaleMax: null },
];

type Category = 'detractor' | 'passive' | 'promoter';
const REASONS: Record<Category, string[]> = {
  detractor: [
    'Nobody gets back to us when something breaks.',
    'We have had three different contacts this year and none of them knows our setup.',
    'Support tickets stay open for weeks.',
    'The invoices are wrong again and again.',
    'Promises made in the sales process were not kept.',
    'Our account manager is hard to reach.',
    'Too many outages lately, and no explanation afterwards.',
  ],
  passive: [
    'The product is fine, the service could be faster.',
    'Good overall, but onboarding new colleagues takes too long.',
    'Solid, nothing special.',
    'Reliable, but the price went up.',
    'Support is friendly but often needs several attempts.',
  ],
  promoter: [
    'Our account manager knows our business and answers the same day.',
    'Support solves problems on the first call.',
    'Onboarding was smooth and well organised.',
    'They listen and the product gets better every quarter.',
    'Proactive: they told us about a problem before we noticed it.',
    'Great people, always helpful.',
  ],
};
const REASON_CHANCE: Record<Category, number> = { detractor: 0.6, passive: 0.3, promoter: 0.35 };

interface ComplaintTemplate {
  category: string;
  subject: string;
  description: string;
  resolution: string;
  rootCause: string;
}
const TEMPLATES: ComplaintTemplate[] = [
  { category: 'billing', subject: 'Charged twice for the same invoice', description: 'Our card was charged twice for last month. Please refund the second payment.', resolution: 'Refunded the duplicate charge and fixed the payment retry.', rootCause: 'billing error' },
  { category: 'billing', subject: 'Invoice shows the wrong number of seats', description: 'We have 40 seats but were invoiced for 55.', resolution: 'Corrected the seat count and issued a credit note.', rootCause: 'billing error' },
  { category: 'billing', subject: 'Credit note still missing', description: 'The credit note promised on our last call never arrived.', resolution: 'Sent the credit note and confirmed it with finance.', rootCause: 'process' },
  { category: 'support', subject: 'No answer to our ticket for a week', description: 'We opened a ticket last week and have heard nothing since.', resolution: 'Answered the ticket, fixed the issue and apologised for the delay.', rootCause: 'staffing' },
  { category: 'support', subject: 'Ticket closed without a fix', description: 'Our ticket was closed although the problem still occurs.', resolution: 'Reopened the case internally and fixed the configuration.', rootCause: 'communication' },
  { category: 'support', subject: 'Passed between three teams', description: 'Every answer comes from someone new and we have to explain everything again.', resolution: 'Named one contact for the case and solved it in one call.', rootCause: 'process' },
  { category: 'account', subject: 'Account manager unreachable', description: 'We have tried to reach our account manager for two weeks.', resolution: 'Called back, agreed a fortnightly check-in.', rootCause: 'staffing' },
  { category: 'account', subject: 'Price change without notice', description: 'Our renewal price went up and nobody told us beforehand.', resolution: 'Explained the change and kept the old price until renewal.', rootCause: 'communication' },
  { category: 'account', subject: 'Renewal quote differs from what was agreed', description: 'The quote does not match the discount we agreed in the meeting.', resolution: 'Issued a corrected quote with the agreed discount.', rootCause: 'process' },
  { category: 'onboarding', subject: 'Data import stuck for three days', description: 'Our import has not finished since Monday and we cannot start.', resolution: 'Split the import, finished it overnight and checked the data with the customer.', rootCause: 'product defect' },
  { category: 'onboarding', subject: 'Kick-off postponed twice', description: 'Our kick-off was moved twice at short notice.', resolution: 'Held the kick-off the same week with a senior consultant.', rootCause: 'staffing' },
  { category: 'product', subject: 'Export fails for large reports', description: 'Exports with more than 10,000 rows end with an error.', resolution: 'Workaround sent; the fix shipped in the next release.', rootCause: 'product defect' },
  { category: 'product', subject: 'Dashboard very slow since the last update', description: 'The dashboard takes a minute to load since the update.', resolution: 'Rebuilt the customer\u2019s indexes; loading is back under two seconds.', rootCause: 'product defect' },
  { category: 'product', subject: 'Single sign-on fails for part of our team', description: 'About a third of our users cannot log in with SSO.', resolution: 'Fixed the certificate mapping for their identity provider.', rootCause: 'third party' },
  { category: 'delivery', subject: 'Hardware delivery late', description: 'The devices promised for the 1st have not arrived.', resolution: 'Sent the devices by express courier and refunded the shipping.', rootCause: 'third party' },
  { category: 'delivery', subject: 'Parcel arrived damaged', description: 'The box was crushed and one device does not start.', resolution: 'Replaced the device within two days.', rootCause: 'third party' },
];
const FOLLOW_UP_RESOLUTIONS = [
  'Called the customer, listened, and agreed concrete next steps.',
  'Walked through the open issues with the customer and set a review date.',
  'Apologised, fixed the open ticket and offered a service review.',
  'Met the customer on site; agreed a weekly check-in for the next month.',
];
const REPLIES = [
  'Thank you for telling us. I am looking into it and will get back to you today.',
  'Sorry about this. I have your case now and will keep you posted.',
  'Thanks for reaching out. We are on it and will call you shortly.',
  'I am sorry for the trouble. I will personally take care of this.',
];
const RECOVERY_COMMENTS = ['Quick and friendly, thank you.', 'Solved, but it took too long.', 'Good call, we feel heard.', 'Fine now.'];

const SEVERITIES: Array<[Severity, number]> = [
  [Severity.LOW, 0.25],
  [Severity.MEDIUM, 0.45],
  [Severity.HIGH, 0.25],
  [Severity.CRITICAL, 0.05],
];
const CHANNELS: Array<[ComplaintChannel, number]> = [
  [ComplaintChannel.EMAIL, 0.35],
  [ComplaintChannel.PHONE, 0.25],
  [ComplaintChannel.WEB, 0.2],
  [ComplaintChannel.CHAT, 0.15],
  [ComplaintChannel.IN_PERSON, 0.05],
];

/** Start of a calendar quarter (UTC), counted in quarters since year 0. */
const quarterIndex = (t: number) => {
  const d = new Date(t);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
};
const quarterStart = (q: number) => Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1);

interface Owner {
  id: number;
  name: string;
  email: string;
  team: number;
}

interface DemoCustomer {
  id: number;
  email: string;
  segment: string | null;
  owner: Owner | null;
  since: number;
  /** Fixed traits in [0, 1): how satisfied relative to the team's customers, how likely to answer. */
  affinity: number;
  voice: number;
}

interface ComplaintPlan {
  customer: DemoCustomer;
  created: number;
  severity: Severity;
  channel: ComplaintChannel;
  category: string;
  subject: string;
  description: string;
  resolution: string;
  rootCause: string;
  surveyResponse: string | null;
  /** Who wrote the first message: the account owner (taken on the phone, by email…), "customer" or "system". */
  creator: string;
  /** Routed to the team after it came in (follow-ups and the public form), rather than created with it. */
  routed: boolean;
  quality: number;
}

export async function seedDemoChain(db: Database, options: DemoChainOptions = {}): Promise<DemoChainResult> {
  const now = (options.now ?? new Date()).getTime();
  const seed = options.seed ?? 42;
  const random = prng(seed * 104_729 + 31);
  const date = (time: number | null): number | Date | null => (time === null ? null : db.kind === 'sqlite' ? time : new Date(time));
  const none: DemoChainResult = { customers: 0, referrals: 0, waves: 0, invitations: 0, responses: 0, complaints: 0 };
  const weighted = <T>(items: Array<[T, number]>): T => {
    let x = random.next() * items.reduce((a, [, w]) => a + w, 0);
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return items.at(-1)![0];
  };
  const between = (lo: number, hi: number) => lo + random.next() * (hi - lo);

  return db.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    const org = await loadOrganisation(em);
    const { people } = org;

    // Customer-facing teams and who can own accounts: active members (not leaders) below Sales and Customer Success.
    const teamRows = await em.execute<Array<{ id: number | string; name: string; parent_id: number | string | null }>>('select id, name, parent_id from team order by id');
    const teamName = new Map(teamRows.map((r) => [Number(r.id), r.name]));
    const departments = new Set(
      teamRows.filter((r) => r.parent_id != null && org.parentOf.get(Number(r.parent_id)) === null && CUSTOMER_FACING.test(r.name)).map((r) => Number(r.id)),
    );
    /** The team right below a customer-facing department that a team belongs to ("Enterprise Sales" for its squads). */
    const lineOf = (team: number): string | null => {
      for (let t: number | null | undefined = team; t != null; t = org.parentOf.get(t)) {
        const parent = org.parentOf.get(t);
        if (parent != null && departments.has(parent)) return teamName.get(t)!.replace(/ \d+$/, '');
      }
      return null;
    };
    const leadsNow = new Set<number>();
    for (const person of org.everyone) {
      if (person.exitedAt !== null) continue;
      const leader = leaderAt(person, now);
      if (leader !== null) leadsNow.add(leader);
    }
    const candidates = new Map<number, Owner[]>(); // team → possible owners
    const employeeRows = await em.execute<Array<{ id: number | string; name: string }>>('select id, name from employee where exited_at is null order by id');
    const nameOf = new Map(employeeRows.map((r) => [Number(r.id), r.name]));
    for (const person of org.everyone) {
      if (person.team === null || person.exitedAt !== null || leadsNow.has(person.id) || !lineOf(person.team)) continue;
      const list = candidates.get(person.team) ?? [];
      list.push({ id: person.id, name: nameOf.get(person.id) ?? '', email: person.email, team: person.team });
      candidates.set(person.team, list);
    }
    const owningTeams = [...candidates.keys()].sort((a, b) => a - b);

    const customerRows = await em.execute<Array<Record<string, unknown>>>('select id, email, segment from customer where account_owner_id is null and churned_at is null order by id');
    if (!owningTeams.length || !customerRows.length) return none;

    // The leaders' stories, exactly as the survey history drew them: the same rows, seed and `now`
    // (recovered from the leadership pulse's last wave, which opened two days before that `now`).
    const [lastWave] = await em.execute<Array<{ opened_at: unknown }>>(
      `select w.opened_at from survey_wave w join survey s on s.id = w.survey_id
        where s.title = 'Leadership pulse' and s.purpose = 'LEADERSHIP' order by s.id desc, w.number desc limit 1`,
    );
    const storyNow = lastWave ? surveyNowFromLastLeadershipWave(ms(lastWave.opened_at)!) : now;
    const plans = demoWavePlans(storyNow);
    const stories = leaderStories(org, plans, plans.map((plan) => inviteesOf(org, plan)), storyNow, seed, prng(seed * 7919 + 17));

    // Each owning team's leader: whom most of its members report to now, someone in the team first.
    const reportsTo = new Map<number, Map<number, number>>(); // team → leader → members
    for (const person of org.everyone) {
      const leader = person.team === null || person.exitedAt !== null ? null : leaderAt(person, now);
      if (leader === null) continue;
      const counts = reportsTo.get(person.team!) ?? new Map<number, number>();
      counts.set(leader, (counts.get(leader) ?? 0) + 1);
      reportsTo.set(person.team!, counts);
    }
    const teamLeader = new Map<number, number | null>();
    for (const team of owningTeams) {
      const inTeam = (leader: number) => (people.get(leader)?.team === team ? 1 : 0);
      const ranked = [...(reportsTo.get(team) ?? new Map<number, number>())].sort((a, b) => inTeam(b[0]) - inTeam(a[0]) || b[1] - a[1] || a[0] - b[0]);
      teamLeader.set(team, ranked[0]?.[0] ?? null);
    }
    /**
     * How well a team's customers are served at time t (0..1): as its leader served the team at the last
     * leadership wave before t's calendar quarter began. Customers feel a change a quarter later; by
     * quarter, so the chain's columns show it exactly one quarter after the leader's score moved.
     */
    const served = (team: number, t: number) => {
      const leader = teamLeader.get(team);
      if (leader == null) return 0.65;
      const start = quarterStart(quarterIndex(t));
      const known = stories.leadershipTimes.filter((time) => time <= start).length;
      const quality = stories.curveOf(leader).quality[Math.max(0, known - 1)]!;
      return clamp(0.62 + 1.2 * (quality - 0.62), 0.05, 0.95);
    };

    // Customers, and the customer referrals they made (trees in id order: a parent before its children).
    const customers = new Map<number, DemoCustomer>();
    for (const r of customerRows) {
      const id = Number(r.id);
      customers.set(id, {
        id,
        email: String(r.email),
        segment: (r.segment as string | null) ?? null,
        owner: null,
        since: now,
        affinity: hash01(id, seed + 3),
        voice: hash01(id, seed + 17),
      });
    }
    const referralRows = (
      await em.execute<Array<Record<string, unknown>>>(
        `select id, status, parent_id, referrer_customer_id, converted_customer_id from referral
          where kind = 'CUSTOMER' and referrer_customer_id is not null order by id`,
      )
    )
      .map((r) => ({
        id: Number(r.id),
        status: r.status as ReferralStatus,
        parent: r.parent_id == null ? null : Number(r.parent_id),
        referrer: Number(r.referrer_customer_id),
        converted: r.converted_customer_id == null ? null : Number(r.converted_customer_id),
      }))
      .filter((r) => customers.has(r.referrer));
    const referralIndex = new Map(referralRows.map((r, i) => [r.id, i]));
    const height = new Int32Array(referralRows.length); // generations below a referral
    for (let i = referralRows.length - 1; i >= 0; i--) {
      const parent = referralIndex.get(referralRows[i]!.parent ?? -1);
      if (parent !== undefined) height[parent] = Math.max(height[parent]!, height[i]! + 1);
    }
    const convertedBy = new Set<number>();
    for (const r of referralRows) if (r.converted !== null && customers.has(r.converted)) convertedBy.add(r.converted);

    // Referral dates. Each generation needs room (invited → engaged → converted → refers on), so deep
    // trees start early; the programme grows, so later quarters see more referrals.
    const programmeStart = now - PROGRAMME;
    const maxHeight = height.reduce((a, b) => Math.max(a, b), 0);
    const room = Math.min(28 * DAY, (PROGRAMME - 2 * DAY) / (maxHeight + 1));
    const needs = new Map<number, number>(); // customer → room its referrals need before now
    referralRows.forEach((r, i) => needs.set(r.referrer, Math.max(needs.get(r.referrer) ?? 0, (height[i]! + 1) * room + 2 * DAY)));
    for (const customer of customers.values()) {
      if (convertedBy.has(customer.id)) continue;
      const latest = now - Math.max(45 * DAY, needs.get(customer.id) ?? 0);
      const earliest = Math.min(latest, now - 5 * 365 * DAY);
      customer.since = Math.round(latest - (latest - earliest) * Math.pow(random.next(), 0.8));
    }
    // Dates are placed twice with the same random numbers: first with the programme's growth only (to
    // choose owners by when customers referred), then also denser while the owner's team serves well.
    const draws = referralRows.map(() => [random.next(), random.next(), random.next(), random.next()] as const);
    const growth = Math.log(GROWTH) / (365 * DAY);
    /** The time at quantile u in [lo, hi] of a density given per week-long bin. */
    const quantile = (u: number, lo: number, hi: number, density: (t: number) => number) => {
      if (hi - lo < DAY) return lo + u * Math.max(0, hi - lo);
      const bins = Math.ceil((hi - lo) / (7 * DAY));
      const width = (hi - lo) / bins;
      const cumulative: number[] = [];
      let sum = 0;
      for (let b = 0; b < bins; b++) cumulative.push((sum += density(lo + (b + 0.5) * width)));
      const x = u * sum;
      let b = 0;
      while (b < bins - 1 && cumulative[b]! <= x) b++;
      const before = b ? cumulative[b - 1]! : 0;
      return lo + (b + (x - before) / Math.max(1e-12, cumulative[b]! - before)) * width;
    };
    const cap = (t: number) => Math.min(t, now - HOUR);
    const place = (density: (referrer: DemoCustomer, t: number) => number) =>
      referralRows.map((r, i) => {
        const referrer = customers.get(r.referrer)!;
        const converts = r.status === ReferralStatus.CONVERTED;
        const [u, e, c, x] = draws[i]!;
        let lo = Math.max(referrer.since + 0.2 * room, programmeStart);
        let hi = now - DAY - height[i]! * room - (converts ? 0.65 * room : 0);
        // Pending invitations are recent; an expired one waited 45 days.
        const recent = r.status === ReferralStatus.INVITED ? 30 * DAY : r.status === ReferralStatus.ENGAGED ? 75 * DAY : null;
        if (recent !== null && Math.max(lo, now - recent) <= hi) lo = Math.max(lo, now - recent);
        if (r.status === ReferralStatus.EXPIRED && lo <= Math.min(hi, now - 46 * DAY)) hi = Math.min(hi, now - 46 * DAY);
        const invited = Math.round(cap(quantile(u, lo, Math.max(lo, hi), (t) => density(referrer, t))));
        const engaged = r.status === ReferralStatus.ENGAGED || converts ? Math.round(cap(invited + room * (0.05 + 0.15 * e))) : null;
        const converted = converts ? Math.round(cap(engaged! + room * (0.15 + 0.3 * c))) : null;
        const closed =
          r.status === ReferralStatus.REJECTED
            ? Math.round(cap(invited + (2 + 18 * x) * DAY))
            : r.status === ReferralStatus.EXPIRED
              ? Math.round(cap(invited + 45 * DAY))
              : null;
        if (converted !== null && r.converted !== null && convertedBy.has(r.converted)) customers.get(r.converted)!.since = converted;
        return { invited, engaged, converted, closed };
      });
    let times = place((_, t) => Math.exp(growth * (t - now)));

    // Account owners. Shares of accounts per team follow its members and line. A customer who referred
    // in a quarter is placed preferably with a team that served its customers well in that quarter:
    // a declining team keeps the customers who referred early, an improving one wins those who refer now.
    const quarter0 = quarterIndex(now);
    const chainQuarters = [4, 3, 2, 1, 0].map((k) => quarter0 - k);
    const quarterQuality = new Map(owningTeams.map((team) => [team, chainQuarters.map((q) => served(team, Math.min(now, quarterStart(q) + 45 * DAY)))]));
    const referredIn = new Map<number, number[]>(); // customer → referrals per chain quarter
    referralRows.forEach((r, i) => {
      const k = chainQuarters.indexOf(quarterIndex(times[i]!.invited));
      if (k < 0) return;
      const counts = referredIn.get(r.referrer) ?? chainQuarters.map(() => 0);
      counts[k]! += 1;
      referredIn.set(r.referrer, counts);
    });
    const activity = (c: DemoCustomer) => (referredIn.get(c.id) ?? []).reduce((a, b) => a + b, 0);
    const shares = owningTeams.map((team) => candidates.get(team)!.length * (OWNER_WEIGHT[lineOf(team)!] ?? 1));
    const remaining = apportion(customers.size, shares);
    const order = [...customers.values()].sort((a, b) => activity(b) - activity(a) || a.affinity - b.affinity || a.id - b.id);
    const assigned = new Map<number, number>(); // team → accounts so far
    for (const team of owningTeams) candidates.get(team)!.sort((a, b) => hash01(a.id, seed + 13) - hash01(b.id, seed + 13) || a.id - b.id);
    for (const customer of order) {
      const counts = referredIn.get(customer.id);
      const weights = owningTeams.map((team, i) => {
        if (!counts || !remaining[i]) return remaining[i]!;
        const fit = counts.reduce((a, n, k) => a + n * (quarterQuality.get(team)![k]! - 0.62), 0);
        return remaining[i]! * Math.exp(OWNER_PULL * fit);
      });
      let x = random.next() * weights.reduce((a, b) => a + b, 0);
      let pick = -1;
      for (let i = 0; i < weights.length; i++) {
        if (weights[i]! <= 0) continue;
        pick = i;
        if ((x -= weights[i]!) < 0) break;
      }
      remaining[pick]! -= 1;
      const team = owningTeams[pick]!;
      const n = assigned.get(team) ?? 0;
      assigned.set(team, n + 1);
      const owners = candidates.get(team)!;
      customer.owner = owners[n % owners.length]!;
      if (customer.segment === null) {
        const line = lineOf(team);
        const s = hash01(customer.id, seed + 19);
        customer.segment = line === 'Enterprise Sales' ? 'enterprise' : line === 'SMB Sales' ? 'smb' : s < 0.25 ? 'enterprise' : s < 0.6 ? 'mid-market' : 'smb';
      }
    }
    const teamOf = (c: DemoCustomer) => c.owner!.team;
    times = place((referrer, t) => Math.exp(growth * (t - now) + REFERRAL_PULL * (served(teamOf(referrer), t) - 0.62)));

    const referralUpdates: Value[][] = referralRows.map((r, i) => {
      const { invited, engaged, converted, closed } = times[i]!;
      const updated = Math.max(invited, engaged ?? 0, converted ?? 0, closed ?? 0);
      return [r.id, date(invited), date(engaged), date(converted), date(closed), date(invited), date(updated)];
    });
    await bulkUpdate(
      em,
      db.kind,
      'referral',
      [['invited_at', 'timestamptz'], ['engaged_at', 'timestamptz'], ['converted_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
      referralUpdates,
    );
    await bulkUpdate(
      em,
      db.kind,
      'customer',
      [['account_owner_id', 'integer'], ['segment', 'text'], ['customer_since', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
      [...customers.values()].map((c) => [c.id, c.owner!.id, c.segment, date(c.since), date(c.since), date(c.since)]),
    );

    // Customer NPS: one wave a quarter, the latest running; four closed before it.
    // In the first week of a quarter its wave opened early (halfway to now), so the last quarter's is closed.
    const opening = (q: number) => quarterStart(q) + (q === quarter0 ? Math.min(WAVE_OPENS, (now - quarterStart(q)) / 2) : WAVE_OPENS);
    const waveTimes = chainQuarters.map(opening);
    let surveyId = await maxId(em, 'survey');
    let questionId = await maxId(em, 'survey_question');
    let waveId = await maxId(em, 'survey_wave');
    let invitationId = await maxId(em, 'survey_invitation');
    let answerId = await maxId(em, 'survey_answer');
    await em.insertMany(Survey, [
      {
        id: ++surveyId,
        title: 'Customer NPS',
        description: 'Our quarterly relationship survey for customers. Named: answers are linked to the customer, so the account team can follow up.',
        audience: SurveyAudience.CUSTOMERS,
        purpose: SurveyPurpose.NPS,
        status: SurveyStatus.OPEN,
        anonymous: false,
        recurring: true,
        opensAt: new Date(waveTimes[0]!),
        closesAt: null,
        createdAt: new Date(waveTimes[0]! - 9 * DAY),
        updatedAt: new Date(waveTimes.at(-1)!),
      },
    ] as never);
    const questionIds = NPS_QUESTIONS.map(() => ++questionId);
    await em.insertMany(
      SurveyQuestion,
      NPS_QUESTIONS.map((q, i) => ({ id: questionIds[i], survey: surveyId, position: i + 1, type: q.type, prompt: q.prompt, required: q.required, scaleMax: q.scaleMax, options: [] })) as never,
    );
    const waveIds = waveTimes.map(() => ++waveId);
    // Recurring waves as `startWave` runs them: opening the next closes the previous one.
    await em.insertMany(
      SurveyWave,
      waveTimes.map((openedAt, i) => ({ id: waveIds[i], survey: surveyId, number: i + 1, openedAt: new Date(openedAt), closedAt: i + 1 < waveTimes.length ? new Date(waveTimes[i + 1]!) : null })) as never,
    );
    await freezeTeamTree(em, waveIds);

    const complaints: ComplaintPlan[] = [];
    const byTeam = new Map<number, DemoCustomer[]>();
    for (const customer of customers.values()) {
      const list = byTeam.get(teamOf(customer)) ?? [];
      list.push(customer);
      byTeam.set(teamOf(customer), list);
    }
    let invitationCount = 0;
    let responseCount = 0;
    for (let w = 0; w < waveTimes.length; w++) {
      const openedAt = waveTimes[w]!;
      // A running wave has part of its answers: most come in the first days.
      const progress = Math.pow(clamp((now - 2 * HOUR - openedAt) / ANSWER_WINDOW, 0, 1), 1 / 2.2);
      const invitations: Value[][] = [];
      const responses: Value[][] = [];
      const answers: Value[][] = [];
      const invitees = owningTeams.flatMap((team) => (byTeam.get(team) ?? []).filter((c) => c.since <= openedAt));
      const hashes = randomBytes(32 * invitees.length).toString('hex');
      for (const team of owningTeams) {
        const group = (byTeam.get(team) ?? []).filter((c) => c.since <= openedAt);
        if (!group.length) continue;
        const quality = served(team, openedAt);
        const rate = clamp(0.42 + 0.45 * (quality - 0.5), 0.38, 0.62);
        const count = Math.min(group.length, Math.round(rate * group.length * progress));
        // Who answers: some customers answer more readily than others (Efraimidis–Spirakis sampling).
        const answering = group
          .map((c) => ({ c, key: Math.pow(random.next(), 1 / (0.4 + c.voice)) }))
          .sort((a, b) => b.key - a.key)
          .slice(0, count)
          .map((x) => x.c);
        // What they answer: categories by quota from the served quality, the least satisfied first.
        const counts = apportion(count, npsShares(quality));
        const category = new Map<DemoCustomer, Category>();
        answering
          .map((c) => ({ c, z: (c.affinity - 0.5) * 0.3 + (random.next() - 0.5) * 0.2 }))
          .sort((a, b) => a.z - b.z)
          .forEach(({ c }, i) => category.set(c, i < counts[0]! ? 'detractor' : i < counts[0]! + counts[1]! ? 'passive' : 'promoter'));
        for (const customer of group) {
          const kind = category.get(customer);
          const submitted = kind ? Math.round(openedAt + 5 * MINUTE + Math.pow(random.next() * progress, 2.2) * ANSWER_WINDOW) : null;
          const n = invitations.length;
          invitations.push([
            ++invitationId,
            waveIds[w]!,
            hashes.slice(64 * n, 64 * (n + 1)),
            null,
            customer.id,
            customer.email,
            date(openedAt),
            submitted === null ? null : date(dayOf(new Date(submitted)).getTime()),
            null,
            null,
            null,
            customer.segment,
          ]);
          if (!kind) continue;
          const nps =
            kind === 'detractor'
              ? clamp(Math.round(6 - 6 * Math.pow(random.next(), 1 + 3 * quality)), 0, 6)
              : kind === 'passive'
                ? random.chance(0.35 + 0.4 * quality) ? 8 : 7
                : random.chance(0.3 + 0.5 * quality) ? 10 : 9;
          const shift = kind === 'detractor' ? -0.3 : kind === 'promoter' ? 0.15 : -0.05;
          const rating = clamp(Math.round(1 + 4 * (quality + shift + (random.next() - 0.5) * 0.3)), 1, 5);
          const reason = random.chance(REASON_CHANCE[kind]) ? random.pick(REASONS[kind]) : null;
          const id = randomUUID();
          responses.push([id, waveIds[w]!, null, customer.id, null, null, null, customer.segment, date(submitted)]);
          answers.push([++answerId, id, questionIds[0]!, nps, null], [++answerId, id, questionIds[1]!, rating, null]);
          if (reason) answers.push([++answerId, id, questionIds[2]!, null, reason]);
          if (nps <= 6) {
            // The service's closed loop: a named detractor gets a follow-up at once.
            complaints.push({
              customer,
              created: submitted!,
              severity: nps <= 3 ? Severity.HIGH : Severity.MEDIUM,
              channel: ComplaintChannel.SURVEY_FOLLOW_UP,
              category: 'survey follow-up',
              subject: `Follow-up: ${nps} of 10 in "Customer NPS"`,
              description: [`The customer answered ${nps} to "${NPS_QUESTIONS[0]!.prompt}".`, ...(reason ? [`${NPS_QUESTIONS[2]!.prompt}\n${reason}`] : [])].join('\n\n'),
              resolution: random.pick(FOLLOW_UP_RESOLUTIONS),
              rootCause: random.pick(['communication', 'staffing', 'process']),
              surveyResponse: id,
              creator: 'system',
              routed: true,
              quality,
            });
          }
        }
      }
      await bulkInsert(
        em,
        db.kind,
        'survey_invitation',
        ['id', 'wave_id', 'token_hash', 'employee_id', 'customer_id', 'recipient_email', 'invited_at', 'responded_on', 'team_id', 'subject_leader_id', 'tenure_band', 'customer_segment'],
        invitations,
      );
      await bulkInsert(em, db.kind, 'survey_response', ['id', 'wave_id', 'employee_id', 'customer_id', 'team_id', 'subject_leader_id', 'tenure_band', 'customer_segment', 'submitted_at'], responses);
      await bulkInsert(em, db.kind, 'survey_answer', ['id', 'response_id', 'question_id', 'numeric_value', 'text'], answers);
      invitationCount += invitations.length;
      responseCount += responses.length;
    }

    // Other complaints: now and then, more often from customers served badly, over the same quarters.
    for (let q = quarterIndex(waveTimes[0]!); q <= quarter0; q++) {
      const start = quarterStart(q);
      const end = Math.min(quarterStart(q + 1), now - 2 * DAY);
      for (const team of owningTeams) {
        const group = (byTeam.get(team) ?? []).filter((c) => c.since + DAY < end);
        if (!group.length || end <= start) continue;
        const quality = served(team, (start + end) / 2);
        const expected = group.length * clamp(0.03 + 0.4 * (0.75 - quality), 0.02, 0.3) * ((end - start) / (91 * DAY));
        const count = Math.floor(expected + random.next());
        for (let k = 0; k < count; k++) {
          const customer = group.map((c) => ({ c, key: Math.pow(random.next(), 1 / (1.2 - c.affinity)) })).sort((a, b) => b.key - a.key)[0]!.c;
          const template = random.pick(TEMPLATES);
          const channel = weighted(CHANNELS);
          const web = channel === ComplaintChannel.WEB;
          complaints.push({
            customer,
            created: Math.round(between(Math.max(start, customer.since + DAY), end)),
            severity: web ? Severity.MEDIUM : weighted(SEVERITIES),
            channel,
            category: template.category,
            subject: template.subject,
            description: template.description,
            resolution: template.resolution,
            rootCause: template.rootCause,
            surveyResponse: null,
            creator: web ? 'customer' : customer.owner!.email,
            routed: web,
            quality,
          });
        }
      }
    }
    const complaintCount = await writeComplaints(em, db, complaints, { now, random, date, people, nameOf });
    // And a few still open, so the inbox, the board and the kiosk have work on them from the first start.
    const owned = owningTeams.flatMap((team) => (byTeam.get(team) ?? []).filter((c) => c.since + DAY < now));
    const openCount = await writeOpenComplaints(em, db, owned, { now, random, date, people, nameOf });
    // Companies, hire referrals and the reward ledger: the features the steps above leave empty.
    const extras = await seedDemoExtras(em, db, { now, seed });
    options.logger?.info('demo extras seeded', { ...extras });

    if (db.kind === 'postgresql') {
      for (const table of ['survey', 'survey_question', 'survey_wave', 'survey_invitation', 'survey_answer', 'complaint', 'complaint_event']) {
        await em.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
      }
      for (const table of ['customer', 'referral', 'survey_invitation', 'survey_response', 'survey_answer', 'complaint', 'complaint_event']) await em.execute(`analyze ${table}`);
    }
    const result = { customers: customers.size, referrals: referralRows.length, waves: waveTimes.length, invitations: invitationCount, responses: responseCount, complaints: complaintCount + openCount };
    options.logger?.info('demo customer chain seeded', result);
    return result;
  });
}

/**
 * Writes complaints with their threads as the service would have left them: created with the SLA due
 * times of the severity's policy and the first message; routed, acknowledged, answered, worked on and
 * resolved (closed a few days later); breaches recorded at the due time and escalated to the
 * assignee's leader. Badly served teams answer late more often. Resolved by `now`.
 */
async function writeComplaints(
  em: EntityManager,
  db: Database,
  plans: ComplaintPlan[],
  context: {
    now: number;
    random: ReturnType<typeof prng>;
    date: (time: number | null) => number | Date | null;
    people: Organisation['people'];
    /** Names of the active employees. */
    nameOf: Map<number, string>;
  },
): Promise<number> {
  const { now, random, date, people, nameOf } = context;
  if (!plans.length) return 0;
  const policies = new Map(
    (await em.execute<Array<{ severity: string; first_response_minutes: number | string; resolution_minutes: number | string }>>('select severity, first_response_minutes, resolution_minutes from sla_policy')).map(
      (r) => [r.severity, { first: Number(r.first_response_minutes) * MINUTE, resolution: Number(r.resolution_minutes) * MINUTE }],
    ),
  );
  plans.sort((a, b) => a.created - b.created || a.customer.id - b.customer.id);
  let complaintId = await maxId(em, 'complaint');
  const rows: Value[][] = [];
  const events: Array<{ complaint: number; at: number; order: number; kind: ComplaintEventKind; body: string | null; from: string | null; to: string | null; actor: string }> = [];
  for (const plan of plans) {
    const id = ++complaintId;
    const owner = plan.customer.owner!;
    const policy = policies.get(plan.severity) ?? { first: 4 * HOUR, resolution: 3 * DAY };
    const created = plan.created;
    const firstDue = created + policy.first;
    const resolutionDue = created + policy.resolution;
    // The worse a team serves its customers, the more often it answers and resolves late.
    const lateFirst = random.chance(clamp(0.02 + 0.6 * (0.7 - plan.quality), 0.02, 0.45));
    const lateResolution = random.chance(clamp(0.03 + 0.5 * (0.7 - plan.quality), 0.02, 0.4));
    let assigned = plan.routed ? created + Math.min(HOUR, 0.4 * policy.first) * (0.1 + 0.9 * random.next()) : created;
    let firstResponse = lateFirst ? firstDue + policy.first * (0.1 + 1.5 * random.next()) : created + policy.first * (0.15 + 0.8 * random.next());
    firstResponse = Math.max(firstResponse, assigned + MINUTE);
    let acknowledged = created + (firstResponse - created) * (0.3 + 0.5 * random.next());
    acknowledged = Math.max(acknowledged, assigned + 30_000);
    let started = firstResponse + (2 + 28 * random.next()) * MINUTE;
    let resolved = lateResolution ? resolutionDue + policy.resolution * (0.05 + 0.7 * random.next()) : started + Math.max(0, resolutionDue - started) * (0.2 + 0.75 * random.next());
    resolved = Math.max(resolved, started + 10 * MINUTE);
    // Recent ones were handled faster: everything is resolved by now.
    const latest = now - 30 * MINUTE;
    if (resolved > latest) {
      const f = Math.max(0, latest - created) / (resolved - created);
      [assigned, acknowledged, firstResponse, started, resolved] = [assigned, acknowledged, firstResponse, started, resolved].map((t) => created + (t - created) * f) as [number, number, number, number, number];
    }
    [assigned, acknowledged, firstResponse, started, resolved] = [assigned, acknowledged, firstResponse, started, resolved].map(Math.round) as [number, number, number, number, number];
    const closeAt = Math.round(resolved + (2 + 5 * random.next()) * DAY);
    const closed = closeAt <= now - HOUR ? closeAt : null;
    // The SLA check records a breach within its interval after the due time (and before the late answer).
    const recorded = (due: number, done: number) => (done > due ? due + Math.min(Math.round(1000 + 14_000 * random.next()), Math.floor((done - due) / 2)) : null);
    const firstBreached = recorded(firstDue, firstResponse);
    const resolutionBreached = recorded(resolutionDue, resolved);
    const ownerPerson = people.get(owner.id);
    const leader = ownerPerson ? leaderAt(ownerPerson, now) : null;
    const escalatedAt = leader !== null ? Math.min(firstBreached ?? Infinity, resolutionBreached ?? Infinity) : Infinity;
    const rated = random.chance(0.35) ? Math.round(resolved + (1 + 2 * random.next()) * DAY) : null;
    const recoveryAt = rated !== null && rated <= now - HOUR ? rated : null;
    const late = firstBreached !== null || resolutionBreached !== null;
    const recovery = recoveryAt === null ? null : clamp(Math.round((late ? 2.5 : 4.2) + (random.next() - 0.4) * 2), 1, 5);
    const recoveryComment = recovery !== null && random.chance(0.4) ? random.pick(RECOVERY_COMMENTS) : null;

    let order = 0;
    const event = (at: number, kind: ComplaintEventKind, actor: string, fields: { body?: string | null; from?: string | null; to?: string | null } = {}) =>
      events.push({ complaint: id, at, order: order++, kind, actor, body: fields.body ?? null, from: fields.from ?? null, to: fields.to ?? null });
    event(created, ComplaintEventKind.CUSTOMER_MESSAGE, plan.creator, { body: plan.description });
    if (plan.routed) event(assigned, ComplaintEventKind.ASSIGNED, 'system', { to: owner.name.slice(0, 40) });
    event(acknowledged, ComplaintEventKind.STATUS_CHANGED, owner.email, { from: ComplaintStatus.NEW, to: ComplaintStatus.ACKNOWLEDGED });
    const breach = (at: number | null, target: string) => {
      if (at === null) return;
      event(at, ComplaintEventKind.SLA_BREACHED, 'system', { to: target });
      if (at === escalatedAt) event(at, ComplaintEventKind.ESCALATED, 'system', { to: (nameOf.get(leader!) ?? '').slice(0, 40) });
    };
    breach(firstBreached, 'FIRST_RESPONSE');
    event(firstResponse, ComplaintEventKind.STAFF_MESSAGE, owner.email, { body: random.pick(REPLIES) });
    event(started, ComplaintEventKind.STATUS_CHANGED, owner.email, { from: ComplaintStatus.ACKNOWLEDGED, to: ComplaintStatus.IN_PROGRESS });
    breach(resolutionBreached, 'RESOLUTION');
    event(resolved, ComplaintEventKind.STATUS_CHANGED, owner.email, { from: ComplaintStatus.IN_PROGRESS, to: ComplaintStatus.RESOLVED });
    if (closed !== null) event(closed, ComplaintEventKind.STATUS_CHANGED, owner.email, { from: ComplaintStatus.RESOLVED, to: ComplaintStatus.CLOSED });
    if (recoveryAt !== null) event(recoveryAt, ComplaintEventKind.RECOVERY_RATED, owner.email, { to: String(recovery), body: recoveryComment });
    const updated = Math.max(resolved, closed ?? 0, recoveryAt ?? 0);

    rows.push([
      id,
      plan.customer.id,
      plan.subject.slice(0, 200),
      plan.description,
      plan.category,
      plan.severity,
      plan.channel,
      closed !== null ? ComplaintStatus.CLOSED : ComplaintStatus.RESOLVED,
      owner.id,
      owner.team,
      Number.isFinite(escalatedAt) ? leader : null,
      date(firstDue),
      date(firstResponse),
      date(resolutionDue),
      date(firstBreached),
      date(resolutionBreached),
      date(acknowledged),
      date(resolved),
      date(closed),
      0,
      plan.resolution,
      plan.rootCause,
      recovery,
      recoveryComment,
      date(recoveryAt),
      plan.surveyResponse,
      plan.channel === ComplaintChannel.WEB ? randomUUID() : null,
      date(created),
      date(updated),
    ]);
  }
  await bulkInsert(
    em,
    db.kind,
    'complaint',
    [
      'id', 'customer_id', 'subject', 'description', 'category', 'severity', 'channel', 'status', 'assignee_id', 'team_id', 'escalated_to_id',
      'first_response_due_at', 'first_response_at', 'resolution_due_at', 'first_response_breached_at', 'resolution_breached_at', 'acknowledged_at',
      'resolved_at', 'closed_at', 'reopen_count', 'resolution', 'root_cause', 'recovery_rating', 'recovery_comment', 'recovery_rated_at',
      'survey_response_id', 'idempotency_key', 'created_at', 'updated_at',
    ],
    rows,
  );
  // Event ids follow time across all threads, as the service would have written them.
  events.sort((a, b) => a.at - b.at || a.complaint - b.complaint || a.order - b.order);
  let eventId = await maxId(em, 'complaint_event');
  await bulkInsert(
    em,
    db.kind,
    'complaint_event',
    ['id', 'complaint_id', 'kind', 'body', 'from_value', 'to_value', 'actor', 'created_at'],
    events.map((e) => [++eventId, e.complaint, e.kind, e.body, e.from, e.to, e.actor, date(e.at)]),
  );
  return rows.length;
}

/**
 * The complaints still open when the demo starts: how long ago each came in, how urgent, and how far
 * it got. Ages are chosen so the board shows every SLA state: a critical one with minutes left, some
 * at risk, some breached (first response or resolution), calm ones.
 */
const OPEN_COMPLAINTS: Array<{ age: number; severity: Severity; status: ComplaintStatus }> = [
  { age: 2 * MINUTE, severity: Severity.CRITICAL, status: ComplaintStatus.NEW },
  { age: 12 * MINUTE, severity: Severity.LOW, status: ComplaintStatus.NEW },
  { age: 40 * MINUTE, severity: Severity.HIGH, status: ComplaintStatus.NEW },
  { age: 150 * MINUTE, severity: Severity.HIGH, status: ComplaintStatus.NEW },
  { age: 9 * HOUR, severity: Severity.MEDIUM, status: ComplaintStatus.NEW },
  { age: 55 * MINUTE, severity: Severity.MEDIUM, status: ComplaintStatus.ACKNOWLEDGED },
  { age: 20 * HOUR, severity: Severity.LOW, status: ComplaintStatus.ACKNOWLEDGED },
  { age: 3 * HOUR, severity: Severity.CRITICAL, status: ComplaintStatus.IN_PROGRESS },
  { age: 5 * HOUR, severity: Severity.MEDIUM, status: ComplaintStatus.IN_PROGRESS },
  { age: 28 * HOUR, severity: Severity.HIGH, status: ComplaintStatus.IN_PROGRESS },
  { age: 2 * DAY, severity: Severity.LOW, status: ComplaintStatus.IN_PROGRESS },
  { age: 4 * DAY, severity: Severity.MEDIUM, status: ComplaintStatus.IN_PROGRESS },
];

/**
 * Writes `OPEN_COMPLAINTS` for customers with an account owner, with their threads as the service
 * would have left them so far: the first message, acknowledgement and first reply where they got
 * that far, breaches recorded at their due time and escalated to the assignee's leader.
 */
async function writeOpenComplaints(
  em: EntityManager,
  db: Database,
  owned: DemoCustomer[],
  context: { now: number; random: ReturnType<typeof prng>; date: (time: number | null) => number | Date | null; people: Organisation['people']; nameOf: Map<number, string> },
): Promise<number> {
  const { now, random, date, people, nameOf } = context;
  if (!owned.length) return 0;
  const policies = new Map(
    (await em.execute<Array<{ severity: string; first_response_minutes: number | string; resolution_minutes: number | string }>>('select severity, first_response_minutes, resolution_minutes from sla_policy')).map(
      (r) => [r.severity, { first: Number(r.first_response_minutes) * MINUTE, resolution: Number(r.resolution_minutes) * MINUTE }],
    ),
  );
  let complaintId = await maxId(em, 'complaint');
  let eventId = await maxId(em, 'complaint_event');
  const rows: Value[][] = [];
  const events: Value[][] = [];
  const used = new Set<number>();
  // Oldest first, so ids follow creation time as they would.
  for (const spec of [...OPEN_COMPLAINTS].sort((a, b) => b.age - a.age)) {
    let customer = owned[Math.floor(random.next() * owned.length)]!;
    for (let tries = 0; used.has(customer.id) && tries < 5; tries++) customer = owned[Math.floor(random.next() * owned.length)]!;
    used.add(customer.id);
    const owner = customer.owner!;
    const template = random.pick(TEMPLATES);
    const channel = weighted(random, CHANNELS);
    const web = channel === ComplaintChannel.WEB;
    const id = ++complaintId;
    const policy = policies.get(spec.severity) ?? { first: 4 * HOUR, resolution: 3 * DAY };
    const created = now - spec.age;
    const firstDue = created + policy.first;
    const resolutionDue = created + policy.resolution;
    const progressed = spec.status !== ComplaintStatus.NEW;
    const assigned = web ? created + Math.round(Math.min(spec.age / 4, 10 * MINUTE)) : null;
    const acknowledged = progressed ? created + Math.round(Math.min(spec.age / 3, 0.5 * policy.first)) : null;
    // Acknowledged ones were answered when they were acknowledged; in-progress ones a little later.
    const firstResponse = progressed ? acknowledged! + Math.round(Math.min(spec.age / 6, 0.3 * policy.first)) : null;
    const started = spec.status === ComplaintStatus.IN_PROGRESS ? firstResponse! + Math.round(Math.min(spec.age / 6, 30 * MINUTE)) : null;
    const firstBreached = firstResponse === null && firstDue < now ? firstDue + 5_000 : null;
    const resolutionBreached = resolutionDue < now ? resolutionDue + 5_000 : null;
    const ownerPerson = people.get(owner.id);
    const leader = ownerPerson ? leaderAt(ownerPerson, now) : null;
    const escalatedAt = leader !== null ? Math.min(firstBreached ?? Infinity, resolutionBreached ?? Infinity) : Infinity;
    const creator = web ? 'customer' : owner.email;

    const thread: Array<[number, ComplaintEventKind, string, string | null, string | null, string | null]> = [];
    thread.push([created, ComplaintEventKind.CUSTOMER_MESSAGE, creator, template.description, null, null]);
    if (assigned !== null) thread.push([assigned, ComplaintEventKind.ASSIGNED, 'system', null, null, owner.name.slice(0, 40)]);
    if (acknowledged !== null) thread.push([acknowledged, ComplaintEventKind.STATUS_CHANGED, owner.email, null, ComplaintStatus.NEW, ComplaintStatus.ACKNOWLEDGED]);
    if (firstResponse !== null) thread.push([firstResponse, ComplaintEventKind.STAFF_MESSAGE, owner.email, random.pick(REPLIES), null, null]);
    if (started !== null) thread.push([started, ComplaintEventKind.STATUS_CHANGED, owner.email, null, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS]);
    for (const [at, target] of [[firstBreached, 'FIRST_RESPONSE'], [resolutionBreached, 'RESOLUTION']] as const) {
      if (at === null) continue;
      thread.push([at, ComplaintEventKind.SLA_BREACHED, 'system', null, null, target]);
      if (at === escalatedAt) thread.push([at, ComplaintEventKind.ESCALATED, 'system', null, null, (nameOf.get(leader!) ?? '').slice(0, 40)]);
    }
    thread.sort((a, b) => a[0] - b[0]);
    for (const [at, kind, actor, body, from, to] of thread) events.push([++eventId, id, kind, body, from, to, actor, date(at)]);
    rows.push([
      id, customer.id, template.subject, template.description, template.category, spec.severity, channel, spec.status, owner.id, owner.team,
      Number.isFinite(escalatedAt) ? leader : null,
      date(firstDue), date(firstResponse), date(resolutionDue), date(firstBreached), date(resolutionBreached), date(acknowledged),
      null, null, 0, null, null, null, null, null, null, web ? randomUUID() : null, date(created), date(thread.at(-1)![0]),
    ]);
  }
  await bulkInsert(
    em,
    db.kind,
    'complaint',
    [
      'id', 'customer_id', 'subject', 'description', 'category', 'severity', 'channel', 'status', 'assignee_id', 'team_id', 'escalated_to_id',
      'first_response_due_at', 'first_response_at', 'resolution_due_at', 'first_response_breached_at', 'resolution_breached_at', 'acknowledged_at',
      'resolved_at', 'closed_at', 'reopen_count', 'resolution', 'root_cause', 'recovery_rating', 'recovery_comment', 'recovery_rated_at',
      'survey_response_id', 'idempotency_key', 'created_at', 'updated_at',
    ],
    rows,
  );
  await bulkInsert(em, db.kind, 'complaint_event', ['id', 'complaint_id', 'kind', 'body', 'from_value', 'to_value', 'actor', 'created_at'], events);
  return rows.length;
}

function weighted<T>(random: ReturnType<typeof prng>, items: Array<[T, number]>): T {
  let x = random.next() * items.reduce((a, [, w]) => a + w, 0);
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items.at(-1)![0];
}
