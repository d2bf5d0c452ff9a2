import type { Context } from '../context.js';
import { notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { teamHireReferrals } from '../referrals/referral.queries.js';
import { reportTreeCount } from './leadership.queries.js';
import { surveyResults } from '../surveys/survey-results.js';
import { tenureBand } from '../surveys/survey.service.js';
import { SurveyPurpose } from '../surveys/survey.entity.js';
import { WaveMetrics, type ItemMetric } from './wave-metrics.js';
import { wavesAbout } from './leaders.js';

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
  const leader = await ctx.loaders.employee.load(leaderId);
  if (!leader) throw notFound('Employee', leaderIdInput);
  const now = ctx.deps.now();
  const since = new Date(now.getTime() - days * DAY);

  // The loader already brings the members with it: no second query for them.
  const reports = (await ctx.loaders.directReportsByLeader.load(leaderId)).map((r) => r.member.getEntity());
  const tenureMix = BANDS.map((band) => ({ band, count: reports.filter((r) => tenureBand(r.hiredAt, now) === band).length }));

  const exits = await em.execute<Array<{ exit_reason: string; regretted: number | boolean | null; n: number | string }>>(
    `select e.exit_reason, e.exit_regretted as regretted, count(*) as n
       from leadership_relationship r join employee e on e.id = r.member_id
      where r.leader_id = ? and r.end_reason = 'MEMBER_EXITED' and e.exited_at >= ?
      group by e.exit_reason, e.exit_regretted`,
    [leaderId, since],
  );
  const byReason = new Map<string, number>();
  let regretted = 0;
  for (const row of exits) {
    byReason.set(row.exit_reason, (byReason.get(row.exit_reason) ?? 0) + Number(row.n));
    if (row.regretted === true || Number(row.regretted) === 1) regretted += Number(row.n);
  }

  // Every leadership and engagement wave about this leader in the period, each point judged on its own.
  const surveyed = await wavesAbout(em, [SurveyPurpose.LEADERSHIP, SurveyPurpose.ENGAGEMENT], since, [leaderId]);
  const data = await WaveMetrics.load(em, ctx.config.anonymityThreshold, surveyed.map((s) => s.waveId));
  const trendOf = (purpose: SurveyPurpose) =>
    surveyed
      .filter((s) => s.purpose === purpose)
      .map((s) => {
        const wave = data.waves.get(s.waveId)!;
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
          // How many were invited is no survey answer: shown even when the figures are hidden.
          invited: data.invited(group, wave.id),
          items: items.map(scoreItem),
        };
      });
  const latestSurvey = async (purpose: SurveyPurpose) =>
    (
      await em.execute<Array<{ id: number }>>(
        `select s.id from survey s join survey_wave w on w.survey_id = s.id join survey_invitation i on i.wave_id = w.id
          where s.purpose = ? and s.audience = 'EMPLOYEES' and i.subject_leader_id = ? order by w.opened_at desc, s.id desc limit 1`,
        [purpose, leaderId],
      )
    )[0]?.id;
  // The latest leadership survey in which this leader was someone's subject.
  const surveyId = surveyIdInput ?? (await latestSurvey(SurveyPurpose.LEADERSHIP));
  const engagementSurveyId = await latestSurvey(SurveyPurpose.ENGAGEMENT);
  const slice = { subjectLeaderId: String(leaderId) };

  return {
    leader,
    since,
    directReports: reports.length,
    allReports: await reportTreeCount(em, leaderId, 50),
    tenureMix,
    exits: {
      total: [...byReason.values()].reduce((a, b) => a + b, 0),
      leftForCompetitor: byReason.get('LEFT_FOR_COMPETITOR') ?? 0,
      regretted,
      byReason: [...byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    hireReferrals: await teamHireReferrals(em, leaderId),
    upwardFeedback: surveyId ? await surveyResults(ctx, String(surveyId), slice) : null,
    teamEnps: engagementSurveyId ? await surveyResults(ctx, String(engagementSurveyId), slice) : null,
    leaderNpsTrend: trendOf(SurveyPurpose.LEADERSHIP),
    enpsTrend: trendOf(SurveyPurpose.ENGAGEMENT),
  };
}

/** A number question's figure as the API shows it. */
export function scoreItem(item: ItemMetric) {
  const { question, ...figure } = item;
  return { questionId: question.id, label: question.prompt, kind: question.kind, scaleMax: question.scaleMax, ...figure };
}
