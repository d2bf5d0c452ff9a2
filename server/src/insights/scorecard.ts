import type { Context } from '../context.js';
import { notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { teamReportsAndHireReferrals } from '../referrals/referral.queries.js';
import { surveyResults } from '../surveys/survey-results.js';
import { tenureBand } from '../surveys/survey.service.js';
import { SurveyPurpose } from '../surveys/survey.entity.js';
import { WaveMetrics, type ItemMetric } from './wave-metrics.js';
import { wavesOpenedSince } from './leaders.js';
import { disclosurePolicy } from '../surveys/wave-rules.js';

const DAY = 86_400_000;
const BANDS = ['<1y', '1-3y', '3-5y', '5y+'];

/**
 * What a people lead needs to see whether a leader's service is being
 * "bought": upward feedback (under the survey anonymity rules — the leader's
 * group is judged like any other), team size and tenure mix, exits from the
 * team by reason, and hires the team referred.
 */
export async function leaderScorecard(ctx: Context, leaderIdInput: string, surveyIdInput?: string | null, days = 365) {
  const em = ctx.em;
  const leaderId = parseId(leaderIdInput, 'leaderId');
  const now = ctx.deps.now();
  const since = new Date(now.getTime() - days * DAY);
  // The leader and their reports as plain read models (no hydration), in one loader batch.
  const head = Promise.all([ctx.loaders.employeeRow.load(leaderId), ctx.loaders.reportRowsByLeader.load(leaderId)]);

  /** The latest closed wave about this leader (else the running one) of the surveys matching a condition. */
  const latestWaveAbout = (surveyCondition: string) =>
    `select s.id as survey_id, w.id as wave_id from survey s join survey_wave w on w.survey_id = s.id
      where s.audience = 'EMPLOYEES' and ${surveyCondition}
        and exists (select 1 from survey_invitation i where i.wave_id = w.id and i.subject_leader_id = ?)
      order by case when w.closed_at is null then 1 else 0 end, w.opened_at desc, w.id desc limit 1`;
  // Upward feedback's wave (of the survey asked for, else of leadership surveys) and the team eNPS's wave in one
  // statement instead of two, each tagged by what it is for.
  const latestWaves = (async () =>
    em.execute<Array<{ slot: string; survey_id: number; wave_id: number }>>(
      `select 'UPWARD' as slot, upward.* from (${latestWaveAbout(surveyIdInput ? 's.id = ?' : 's.purpose = ?')}) upward
       union all
       select 'TEAM' as slot, team.* from (${latestWaveAbout('s.purpose = ?')}) team`,
      [surveyIdInput ? parseId(surveyIdInput, 'surveyId') : SurveyPurpose.LEADERSHIP, leaderId, SurveyPurpose.ENGAGEMENT, leaderId],
    ))();
  /** The survey's results for this leader's reports in its latest closed wave about them (else the running one). */
  const resultsOf = async (slot: 'UPWARD' | 'TEAM') => {
    const latest = (await latestWaves).find((row) => row.slot === slot);
    if (!latest) return null;
    return surveyResults(ctx, String(latest.survey_id), { subjectLeaderId: String(leaderId), waveId: String(latest.wave_id) });
  };
  /**
   * Every leadership and engagement wave about this leader in the period, with their counts: the period's
   * waves are loaded for this leader's reports, and those that invited them are the waves about the leader
   * (the invitation counts answer it, instead of one more statement before the counts for running waves). The
   * waves' facts come along from the first statement, so WaveMetrics does not read them again.
   */
  const waveFigures = async () => {
    const waves = await wavesOpenedSince(em, [SurveyPurpose.LEADERSHIP, SurveyPurpose.ENGAGEMENT], since);
    const data = await WaveMetrics.load(em, disclosurePolicy(ctx.config), waves, { leaderIds: [leaderId] });
    return { surveyed: waves.filter((w) => data.invited({ kind: 'LEADER', leaderId }, w.id) > 0), data };
  };

  // The parts do not depend on each other: on PostgreSQL they run side by side on pooled connections
  // (the scorecard was ~26 statements one after the other); SQLite runs them one by one as before.
  // Started together with the leader's own rows (not after them): an unknown leader still answers NOT_FOUND first.
  const rest = Promise.all([
    em.execute<Array<{ exit_reason: string; regretted: number | boolean | null; n: number | string }>>(
      `select e.exit_reason, e.exit_regretted as regretted, count(*) as n
         from leadership_relationship r join employee e on e.id = r.member_id
        where r.leader_id = ? and r.end_reason = 'MEMBER_EXITED' and e.exited_at >= ?
        group by e.exit_reason, e.exit_regretted`,
      [leaderId, since],
    ),
    waveFigures(),
    // One walk of the tree below the leader for both the report count and the team's referrals.
    teamReportsAndHireReferrals(em, leaderId, 50),
    resultsOf('UPWARD'),
    resultsOf('TEAM'),
  ]);
  rest.catch(() => {}); // awaited below, unless the leader turns out not to exist
  const [leader, reports] = await head;
  if (!leader) throw notFound('Employee', leaderIdInput);
  const tenureMix = BANDS.map((band) => ({ band, count: reports.filter((r) => tenureBand(r.hiredAt, now) === band).length }));
  const [exits, { surveyed, data }, { allReports, hireReferrals }, upwardFeedback, teamEnps] = await rest;
  const byReason = new Map<string, number>();
  let regretted = 0;
  for (const row of exits) {
    byReason.set(row.exit_reason, (byReason.get(row.exit_reason) ?? 0) + Number(row.n));
    if (row.regretted === true || Number(row.regretted) === 1) regretted += Number(row.n);
  }

  // Each point of a trend is judged on its own.
  const trendOf = (purpose: SurveyPurpose) =>
    surveyed
      .filter((s) => s.purpose === purpose)
      .map((s) => {
        const wave = data.waves.get(s.id)!;
        const group = { kind: 'LEADER', leaderId } as const;
        const { items, ...figures } = data.metrics(group, [wave.id]);
        return {
          surveyId: wave.surveyId,
          surveyTitle: wave.surveyTitle,
          waveId: wave.id,
          waveNumber: wave.number,
          openedAt: wave.openedAt,
          closedAt: wave.closedAt,
          ...figures,
          items: items.map(scoreItem),
        };
      });

  return {
    leader,
    since,
    directReports: reports.length,
    allReports,
    tenureMix,
    exits: {
      total: [...byReason.values()].reduce((a, b) => a + b, 0),
      leftForCompetitor: byReason.get('LEFT_FOR_COMPETITOR') ?? 0,
      regretted,
      byReason: [...byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    hireReferrals,
    upwardFeedback,
    teamEnps,
    leaderNpsTrend: trendOf(SurveyPurpose.LEADERSHIP),
    enpsTrend: trendOf(SurveyPurpose.ENGAGEMENT),
  };
}

/** A number question's figure as the API shows it. */
function scoreItem(item: ItemMetric) {
  const { question, ...figure } = item;
  return { questionId: question.id, label: question.prompt, kind: question.kind, scaleMax: question.scaleMax, ...figure };
}
