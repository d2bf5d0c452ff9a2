import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import type { Team } from '../teams/team.entity.js';
import { QuestionType, SurveyAudience, SurveyPurpose } from '../surveys/survey.entity.js';
import type { Suppression } from '../surveys/disclosure.js';
import { npsOf } from '../surveys/survey-results.js';
import { disclosurePolicy } from '../surveys/wave-rules.js';
import { TeamTree, levelPlace, teamLevel, teamParents } from '../teams/team-tree.js';
import { WaveMetrics, type MetricGroup } from './wave-metrics.js';
import { num } from '../db/raw.js';

export interface Quarter {
  label: string;
  start: Date;
  end: Date;
}

/** The last `count` calendar quarters (UTC) up to and including the one `now` is in, oldest first. */
export function lastQuarters(now: Date, count: number): Quarter[] {
  const current = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  return Array.from({ length: count }, (_, i) => {
    const index = current - (count - 1) + i;
    const year = Math.floor(index / 4);
    const q = index % 4;
    return { label: `${year} Q${q + 1}`, start: new Date(Date.UTC(year, q * 3, 1)), end: new Date(Date.UTC(year, q * 3 + 3, 1)) };
  });
}

/**
 * SQL: the quarter index (0..n−1) of a timestamp column, null outside the
 * quarters. Portable (no date functions); group by its position, since the
 * same CASE with other parameter numbers is another expression to PostgreSQL.
 */
function quarterCase(column: string, quarters: Quarter[]): [string, unknown[]] {
  const whens = quarters.map((_, i) => `when ${column} >= ? and ${column} < ? then ${i}`).join(' ');
  return [`case ${whens} else null end`, quarters.flatMap((q) => [q.start, q.end])];
}

export interface ChainFigure {
  value: number | null;
  basis: number | null;
  suppressed: Suppression | null;
  source: string | null;
}

const NONE: ChainFigure = { value: null, basis: null, suppressed: null, source: null };

/** Per team and quarter: a count, or NPS answers by value. */
class QuarterCounts {
  private readonly counts = new Map<string, number>();
  add(teamId: number, quarter: number, n: number, key = '') {
    const k = `${teamId}:${quarter}:${key}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }
  /** Sum over the teams of a subtree. */
  sum(teams: Iterable<number>, quarter: number, key = ''): number {
    let total = 0;
    for (const teamId of teams) total += this.counts.get(`${teamId}:${quarter}:${key}`) ?? 0;
    return total;
  }
}

/**
 * The service-profit chain per team, per calendar quarter: leadership that
 * serves (leader NPS) → an engaged team (eNPS) → satisfied customers (the NPS
 * of the customers the team's people own) → their referrals, with the
 * complaints about the team beside them. Employee figures come from the
 * team's last closed leadership or engagement wave opened in the quarter,
 * under the anonymity rules like every survey group; customer figures come
 * from named customer answers only (an anonymous answer cannot be tied to an
 * account), and a customer counts for the team its account owner works in
 * now. One level of the team tree at a time, like the heatmap.
 */
export async function serviceProfitChain(ctx: Context, parentTeamIdInput: string | null | undefined, quarterCount: number) {
  const em = ctx.em;
  const k = disclosurePolicy(ctx.config).k;
  const quarters = lastQuarters(ctx.deps.now(), quarterCount);
  const from = quarters[0]!.start;
  const to = quarters.at(-1)!.end;
  const tree = new TeamTree(await teamParents(em));
  const place = levelPlace(tree, parentTeamIdInput);
  const level = await teamLevel(em, tree, place);

  // Employee voice: closed waves opened in the quarters.
  const waveRows = await em.execute<Array<{ id: number; purpose: string }>>(
    `select w.id, s.purpose from survey_wave w join survey s on s.id = w.survey_id
      where s.audience = ? and s.purpose in (?, ?) and w.closed_at is not null and w.opened_at >= ? and w.opened_at < ?
      order by w.opened_at, w.id`,
    [SurveyAudience.EMPLOYEES, SurveyPurpose.LEADERSHIP, SurveyPurpose.ENGAGEMENT, from, to],
  );
  const scope = place.subtreeIds ? { teamIds: place.subtreeIds, headlineOnly: true } : { headlineOnly: true };
  const data = await WaveMetrics.load(em, disclosurePolicy(ctx.config), waveRows.map((w) => num(w.id)), scope);
  const quarterOf = (date: Date) => quarters.findIndex((q) => date >= q.start && date < q.end);
  const employeeFigure = (teamId: number, purpose: SurveyPurpose, quarter: number): ChainFigure => {
    const group: MetricGroup = { kind: 'TEAM', teamId };
    const wave = waveRows
      .filter((w) => w.purpose === purpose)
      .map((w) => data.waves.get(num(w.id))!)
      .filter((w) => quarterOf(w.openedAt) === quarter && data.invited(group, w.id) > 0)
      .at(-1);
    if (!wave) return NONE;
    const m = data.metrics(group, [wave.id]);
    return { value: m.nps, basis: m.suppressed ? null : m.responses, suppressed: m.suppressed, source: `${wave.surveyTitle}, wave ${wave.number}` };
  };

  const customers = await customersByTeam(em);
  const customerAnswers = await customerNpsAnswers(em, quarters);
  const referrals = await customerReferrals(em, quarters);
  const complaints = await teamComplaints(em, quarters);

  const rows = level.rows.map(({ team, isParent }) => {
    const teams = tree.subtree(team.id);
    const owned = [...teams].reduce((sum, id) => sum + (customers.get(id) ?? 0), 0);
    return {
      team: team as Team,
      isParent,
      childTeams: level.childTeamsOf(team),
      customers: owned,
      quarters: quarters.map((_, q) => {
        const made = referrals.sum(teams, q, 'made');
        const counts = new Map<number, number>();
        for (let value = 0; value <= 10; value++) {
          const n = customerAnswers.sum(teams, q, String(value));
          if (n) counts.set(value, n);
        }
        const answered = [...counts.values()].reduce((a, b) => a + b, 0);
        return {
          leaderNps: employeeFigure(team.id, SurveyPurpose.LEADERSHIP, q),
          enps: employeeFigure(team.id, SurveyPurpose.ENGAGEMENT, q),
          customerNps: answered
            ? { value: npsOf(counts).score, basis: answered, suppressed: null, source: 'Named answers to customer NPS surveys' }
            : NONE,
          referrals: made,
          convertedReferrals: referrals.sum(teams, q, 'converted'),
          referralRate: owned ? Math.round((made / owned) * 1000) / 1000 : null,
          complaints: complaints.sum(teams, q, 'opened'),
          complaintsBreached: complaints.sum(teams, q, 'breached'),
        };
      }),
    };
  });
  return { quarters, parent: level.parent, breadcrumb: level.breadcrumb, threshold: k, rows };
}

/** Active customers per team of their account owner. */
async function customersByTeam(em: EntityManager): Promise<Map<number, number>> {
  const rows = await em.execute<Array<{ team_id: number; n: number | string }>>(
    `select e.team_id, count(*) as n from customer c join employee e on e.id = c.account_owner_id
      where c.churned_at is null and e.team_id is not null group by e.team_id`,
  );
  return new Map(rows.map((r) => [num(r.team_id), num(r.n)]));
}

/** Named answers to the first NPS question of each customer NPS survey, per owner's team, quarter and value. */
async function customerNpsAnswers(em: EntityManager, quarters: Quarter[]): Promise<QuarterCounts> {
  const result = new QuarterCounts();
  const questions = await em.execute<Array<{ id: number; survey_id: number }>>(
    `select q.id, q.survey_id from survey_question q join survey s on s.id = q.survey_id
      where s.audience = ? and s.purpose = ? and q.type = ? order by q.survey_id, q.position`,
    [SurveyAudience.CUSTOMERS, SurveyPurpose.NPS, QuestionType.NPS],
  );
  // The first NPS question of each survey is its headline (as in survey results).
  const headlineOf = new Map<number, number>();
  for (const q of questions) if (!headlineOf.has(num(q.survey_id))) headlineOf.set(num(q.survey_id), num(q.id));
  const headline = [...headlineOf.values()];
  if (!headline.length) return result;
  const [quarter, quarterParams] = quarterCase('r.submitted_at', quarters);
  const rows = await em.execute<Array<{ team_id: number; q: number | string; value: number; n: number | string }>>(
    `select e.team_id, ${quarter} as q, a.numeric_value as value, count(*) as n
       from survey_response r join survey_answer a on a.response_id = r.id
       join customer c on c.id = r.customer_id join employee e on e.id = c.account_owner_id
      where a.question_id in (${headline.map(() => '?').join(',')}) and r.submitted_at >= ? and r.submitted_at < ? and e.team_id is not null
      group by 1, 2, 3`,
    [...quarterParams, ...headline, quarters[0]!.start, quarters.at(-1)!.end],
  );
  for (const r of rows) if (r.q !== null) result.add(num(r.team_id), num(r.q), num(r.n), String(num(r.value)));
  return result;
}

/** Referrals made by customers, per their owner's team and quarter: made and converted. */
async function customerReferrals(em: EntityManager, quarters: Quarter[]): Promise<QuarterCounts> {
  const result = new QuarterCounts();
  const [quarter, quarterParams] = quarterCase('f.created_at', quarters);
  const rows = await em.execute<Array<{ team_id: number; q: number | string; made: number | string; converted: number | string }>>(
    `select e.team_id, ${quarter} as q, count(*) as made, sum(case when f.status = 'CONVERTED' then 1 else 0 end) as converted
       from referral f join customer c on c.id = f.referrer_customer_id join employee e on e.id = c.account_owner_id
      where f.created_at >= ? and f.created_at < ? and e.team_id is not null
      group by 1, 2`,
    [...quarterParams, quarters[0]!.start, quarters.at(-1)!.end],
  );
  for (const r of rows) {
    if (r.q === null) continue;
    result.add(num(r.team_id), num(r.q), num(r.made), 'made');
    result.add(num(r.team_id), num(r.q), num(r.converted), 'converted');
  }
  return result;
}

/** Complaints opened for each team per quarter, and how many breached an SLA. */
async function teamComplaints(em: EntityManager, quarters: Quarter[]): Promise<QuarterCounts> {
  const result = new QuarterCounts();
  const [quarter, quarterParams] = quarterCase('created_at', quarters);
  const rows = await em.execute<Array<{ team_id: number; q: number | string; opened: number | string; breached: number | string }>>(
    `select team_id, ${quarter} as q, count(*) as opened,
            sum(case when first_response_breached_at is not null or resolution_breached_at is not null then 1 else 0 end) as breached
       from complaint where created_at >= ? and created_at < ? and team_id is not null
      group by 1, 2`,
    [...quarterParams, quarters[0]!.start, quarters.at(-1)!.end],
  );
  for (const r of rows) {
    if (r.q === null) continue;
    result.add(num(r.team_id), num(r.q), num(r.opened), 'opened');
    result.add(num(r.team_id), num(r.q), num(r.breached), 'breached');
  }
  return result;
}
