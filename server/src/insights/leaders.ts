import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import type { Employee } from '../people/employee.entity.js';
import type { EmployeeRow } from '../loaders.js';
import { SurveyAudience, SurveyPurpose } from '../surveys/survey.entity.js';
import type { Suppression } from '../surveys/disclosure.js';
import { disclosurePolicy } from '../surveys/wave-rules.js';
import { offsetConnection, type PageRequest } from '../graphql/connection.js';
import { MAX_HIERARCHY_DEPTH } from '../leadership/leadership.queries.js';
import { WAVE_FACT_COLUMNS, WaveMetrics, invitedSubjects, waveFactsOf, type WaveInfo } from './wave-metrics.js';
import { num } from '../db/raw.js';

const DAY = 86_400_000;

/** Employee surveys' waves of these purposes opened since a date, oldest first, with their facts (one small statement). */
export async function wavesOpenedSince(em: EntityManager, purposes: SurveyPurpose[], since: Date): Promise<WaveInfo[]> {
  const waves = await em.execute<Array<Record<string, unknown>>>(
    `select ${WAVE_FACT_COLUMNS} from survey_wave w join survey s on s.id = w.survey_id
      where s.audience = ? and s.purpose in (${purposes.map(() => '?').join(',')}) and w.opened_at >= ?
      order by w.opened_at, w.id`,
    [SurveyAudience.EMPLOYEES, ...purposes, since],
  );
  return waves.map(waveFactsOf);
}

/**
 * Employee leadership surveys a leader was the subject of, opened since a date, oldest first: the
 * waves from one small statement, who each was about from the kept counts of closed waves (one
 * grouped statement for running ones) instead of a distinct over every invitation each time.
 */
export async function wavesAbout(em: EntityManager, purposes: SurveyPurpose[], since: Date, leaderIds?: number[]) {
  const infos = await wavesOpenedSince(em, purposes, since);
  const subjects = await invitedSubjects(em, infos, leaderIds);
  return infos.flatMap((w) => (subjects.get(w.id) ?? []).map((leaderId) => ({ waveId: w.id, leaderId, purpose: w.purpose, closed: w.closedAt !== null })));
}

export type LeaderSort = 'NAME' | 'DIRECT_REPORTS' | 'LEADER_NPS' | 'PARTICIPATION' | 'ENPS' | 'EXITS_TO_COMPETITOR' | 'HIRE_REFERRALS';

export interface LeaderSummary {
  leader: Employee | EmployeeRow;
  directReports: number;
  leaderNps: number | null;
  leaderNpsSuppressed: Suppression | null;
  participation: number | null;
  enps: number | null;
  enpsSuppressed: Suppression | null;
  exitsToCompetitor: number;
  exits: number;
  hireReferrals: number;
  lastSurveyedAt: Date | null;
}

/** A leader as the list is searched and sorted: a plain row; the entity is loaded for the page shown only. */
interface LeaderRow {
  id: number;
  name: string;
  email: string;
}

type SummaryRow = Omit<LeaderSummary, 'leader'> & { leader: LeaderRow };

const SORT_KEY: Record<LeaderSort, (s: SummaryRow) => number | string | null> = {
  NAME: (s) => s.leader.name.toLocaleLowerCase(),
  DIRECT_REPORTS: (s) => s.directReports,
  LEADER_NPS: (s) => s.leaderNps,
  PARTICIPATION: (s) => s.participation,
  ENPS: (s) => s.enps,
  EXITS_TO_COMPETITOR: (s) => s.exitsToCompetitor,
  HIRE_REFERRALS: (s) => s.hireReferrals,
};

/**
 * Everyone who currently leads someone, with the headline of their scorecard.
 * Built from a fixed number of grouped statements for the whole list (the
 * survey figures through `WaveMetrics`, so each leader's group is judged by
 * the anonymity rules), then sorted in memory: hidden or missing figures sort
 * last in both directions, ties by name.
 */
export async function listLeaders(ctx: Context, page: PageRequest, options: { search?: string | null; sort: LeaderSort; direction: 'ASC' | 'DESC'; days: number }) {
  const em = ctx.em;
  const since = new Date(ctx.deps.now().getTime() - options.days * DAY);
  // Leaders with their direct reports as plain rows: hydrating every leader (thousands) only to sort them cost more than the figures.
  // Counted on the (leader, ended_at) index first, then one primary-key lookup per leader (grouping the join by the
  // text columns sorted every active line).
  const search = options.search?.trim().toLocaleLowerCase();
  // The leaders, their exits and their teams' referrals do not depend on each other, nor (without a search) on the
  // survey figures: all are started together (on PostgreSQL, side by side on pooled connections).
  const leaderRowsLoad = em.execute<Array<{ id: unknown; name: string; email: string; n: number | string }>>(
    `select e.id, e.name, e.email, r.n from (
       select leader_id, count(*) as n from leadership_relationship where ended_at is null group by leader_id
     ) r join employee e on e.id = r.leader_id`,
  );
  const leadersLoad = leaderRowsLoad.then((rows) =>
    rows
      .map((r) => ({ id: num(r.id), name: String(r.name), email: String(r.email) }))
      .filter((e) => !search || e.name.toLocaleLowerCase().includes(search) || e.email.includes(search)),
  );
  const exitsLoad = em.execute<Array<Record<string, unknown>>>(
    `select r.leader_id, count(*) as total, sum(case when e.exit_reason = 'LEFT_FOR_COMPETITOR' then 1 else 0 end) as competitor
       from leadership_relationship r join employee e on e.id = r.member_id
      where r.end_reason = 'MEMBER_EXITED' and e.exited_at >= ? group by r.leader_id`,
    [since],
  );
  const referralsLoad = hireReferralsBelow(em);
  const figuresLoad = (async () => {
    // Without a search the list is every leader: no need to send their ids (thousands of parameters) along.
    const only = search ? (await leadersLoad).map((l) => l.id) : undefined;
    const surveyed = await wavesAbout(em, [SurveyPurpose.LEADERSHIP, SurveyPurpose.ENGAGEMENT], since, only);
    // Only each leader's latest wave per purpose is reported (the latest closed one, else the running one): found in one
    // pass over the waves, oldest first; only those are loaded, and just their headline question.
    const lastClosed = new Map<string, number>();
    const last = new Map<string, number>();
    for (const s of surveyed) {
      const key = `${s.leaderId}:${s.purpose}`;
      last.set(key, s.waveId);
      if (s.closed) lastClosed.set(key, s.waveId);
    }
    const needed = [...new Set([...lastClosed.values(), ...[...last].filter(([key]) => !lastClosed.has(key)).map(([, waveId]) => waveId)])];
    const data = await WaveMetrics.load(ctx.em, disclosurePolicy(ctx.config), needed, only ? { leaderIds: only, headlineOnly: true } : { headlineOnly: true });
    return { data, lastClosed, last };
  })();
  const [leaderRows, leaders, exits, referrals, { data, lastClosed, last }] = await Promise.all([leaderRowsLoad, leadersLoad, exitsLoad, referralsLoad, figuresLoad]);
  const directReports = new Map(leaderRows.map((r) => [num(r.id), num(r.n)]));
  const latestOf = (leaderId: number, purpose: SurveyPurpose) => {
    const key = `${leaderId}:${purpose}`;
    return lastClosed.get(key) ?? last.get(key);
  };
  const exitsOf = new Map(exits.map((r) => [num(r.leader_id), { total: num(r.total), competitor: num(r.competitor) }]));

  const summaries = leaders.map((leader): SummaryRow => {
    const leadershipWave = data.waves.get(latestOf(leader.id, SurveyPurpose.LEADERSHIP) ?? -1);
    const engagementWave = data.waves.get(latestOf(leader.id, SurveyPurpose.ENGAGEMENT) ?? -1);
    const group = { kind: 'LEADER', leaderId: leader.id } as const;
    const upward = leadershipWave ? data.metrics(group, [leadershipWave.id]) : null;
    const engagement = engagementWave ? data.metrics(group, [engagementWave.id]) : null;
    return {
      leader,
      directReports: directReports.get(leader.id) ?? 0,
      leaderNps: upward?.nps ?? null,
      leaderNpsSuppressed: upward?.suppressed ?? null,
      participation: upward?.participation ?? null,
      enps: engagement?.nps ?? null,
      enpsSuppressed: engagement?.suppressed ?? null,
      exitsToCompetitor: exitsOf.get(leader.id)?.competitor ?? 0,
      exits: exitsOf.get(leader.id)?.total ?? 0,
      hireReferrals: referrals.get(leader.id) ?? 0,
      lastSurveyedAt: leadershipWave?.openedAt ?? null,
    };
  });

  const key = SORT_KEY[options.sort];
  const sign = options.direction === 'DESC' ? -1 : 1;
  summaries.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return (x < y ? -sign : x > y ? sign : 0) || byName(a, b);
  });
  return offsetConnection(
    page,
    async ({ offset, limit }) => summaries.slice(offset, offset + limit),
    async (rows) => {
      // The page's leaders as plain read models: hydrating entities only to show them cost more than the rest.
      const entities = await ctx.loaders.employeeRow.loadMany(rows.map((r) => r.leader.id));
      return rows.map((row, i): LeaderSummary => {
        const leader = entities[i];
        if (!leader || leader instanceof Error) throw leader ?? new Error(`Leader ${row.leader.id} vanished while listing`);
        return { ...row, leader };
      });
    },
    () => summaries.length,
    () => ({}),
  );
}

/** The default locale's order, as `localeCompare` without arguments, from one collator instead of one per comparison. */
const nameOrder = new Intl.Collator();

function byName(a: SummaryRow, b: SummaryRow) {
  return nameOrder.compare(a.leader.name, b.leader.name) || a.leader.id - b.leader.id;
}

/**
 * HIRE referrals made by everyone currently below each leader (any depth), for
 * all leaders at once: each referrer's count is added up their current
 * reporting line — the same figure as the scorecard's
 * `hireReferrals.referrals` — in one statement that walks up from the
 * referrers only (through the one-active-line-per-member index), instead of
 * reading every active line into memory.
 */
async function hireReferralsBelow(em: EntityManager): Promise<Map<number, number>> {
  const rows = await em.execute<Array<{ leader_id: unknown; n: number | string }>>(
    `with recursive up (leader_id, n, depth) as (
       select l.leader_id, x.n, 1
         from (select referrer_employee_id, count(*) as n from referral
                where kind = 'HIRE' and referrer_employee_id is not null group by referrer_employee_id) x
         join leadership_relationship l on l.member_id = x.referrer_employee_id and l.ended_at is null
       union all
       select l.leader_id, up.n, up.depth + 1
         from up join leadership_relationship l on l.member_id = up.leader_id and l.ended_at is null
        where up.depth < ?
     )
     select leader_id, sum(n) as n from up group by leader_id`,
    [MAX_HIERARCHY_DEPTH],
  );
  return new Map(rows.map((r) => [num(r.leader_id), num(r.n)]));
}
