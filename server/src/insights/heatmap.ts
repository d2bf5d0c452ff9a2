import type { Context } from '../context.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { parseId } from '../graphql/ids.js';
import { Survey, SurveyAudience, SurveyWave } from '../surveys/survey.entity.js';
import { Team } from '../teams/team.entity.js';
import { TeamTree, levelPlace, teamLevel, teamParents } from '../teams/team-tree.js';
import { WaveMetrics, waveFactsOfEntities, type MetricGroup } from './wave-metrics.js';
import { disclosurePolicy } from '../surveys/wave-rules.js';

export type HeatmapColumnKind = 'PARTICIPATION' | 'NPS' | 'RATING';

/**
 * Teams × scorecard items of one survey, for one wave or a pooled range of
 * waves, one level of the team tree at a time: the parent team (with all its
 * sub-teams) and each child team (with its sub-teams). Every row and cell is
 * judged by the survey anonymity rules, so a child that would be revealed by
 * "parent minus the other children" is hidden here exactly as in the survey's
 * own results.
 */
export async function teamHeatmap(ctx: Context, surveyIdInput: string, parentTeamIdInput?: string | null, fromWave?: number | null, toWave?: number | null) {
  const em = ctx.em;
  const surveyId = parseId(surveyIdInput, 'surveyId');
  // The survey, its waves and today's team tree side by side (on PostgreSQL one round trip's wait, not
  // several in a row); the survey's errors still come first.
  const [survey, waves, parents] = await Promise.all([
    em.findOne(Survey, { id: surveyId }),
    em.find(SurveyWave, { survey: surveyId }, { orderBy: { number: 'asc' } }),
    teamParents(em),
  ]);
  if (!survey) throw notFound('Survey', surveyIdInput);
  if (survey.audience !== SurveyAudience.EMPLOYEES) throw badInput('surveyId', 'The team heatmap is made from employee surveys');
  if (!waves.length) throw new DomainError('SURVEY_NOT_OPEN', 'The survey has not been opened yet', { field: 'surveyId' });
  const last = waves.at(-1)!.number;
  for (const [field, value] of [['fromWave', fromWave], ['toWave', toWave]] as const) {
    if (value != null && (value < 1 || value > last)) throw badInput(field, `Choose a wave from 1 to ${last}`);
  }
  // One bound alone means that one wave; neither means the latest closed wave (a running one is mostly still below the threshold).
  const fallback = waves.filter((w) => w.closedAt).at(-1)?.number ?? last;
  const from = fromWave ?? toWave ?? fallback;
  const to = toWave ?? fromWave ?? fallback;
  if (from > to) throw badInput('fromWave', 'The range starts after it ends');
  const pooled = waves.filter((w) => w.number >= from && w.number <= to);

  const tree = new TeamTree(parents);
  const place = levelPlace(tree, parentTeamIdInput);
  // Below a parent, only its subtree's invitations and answers are needed. The level's teams and the
  // figures side by side: both follow from the tree alone.
  const scope = place.subtreeIds ? { teamIds: place.subtreeIds } : undefined;
  const [level, data] = await Promise.all([teamLevel(em, tree, place), WaveMetrics.load(em, disclosurePolicy(ctx.config), pooled.map((w) => waveFactsOfEntities(survey, w)), scope)]);
  const waveIds = pooled.map((w) => w.id);
  const questions = data.questionsOf(survey.id);
  const columns = [
    { key: 'participation', label: 'Participation', kind: 'PARTICIPATION' as HeatmapColumnKind, scaleMax: null },
    ...questions.map((q) => ({ key: `q${q.id}`, label: q.prompt, kind: q.kind as HeatmapColumnKind, scaleMax: q.scaleMax })),
  ];
  const row = (team: Team, isParent: boolean) => {
    const group: MetricGroup = { kind: 'TEAM', teamId: team.id };
    const m = data.metrics(group, waveIds);
    return {
      team,
      isParent,
      childTeams: level.childTeamsOf(team),
      invited: m.invited,
      responses: m.responses,
      suppressed: m.suppressed,
      cells: [
        { key: 'participation', value: m.participation, answered: m.responses, suppressed: m.suppressed },
        ...m.items.map((item) => ({ key: `q${item.question.id}`, value: item.value, answered: item.answered, suppressed: item.suppressed })),
      ],
    };
  };
  return {
    survey,
    waves: pooled,
    threshold: disclosurePolicy(ctx.config).k,
    parent: level.parent,
    breadcrumb: level.breadcrumb,
    columns,
    rows: level.rows.map(({ team, isParent }) => row(team, isParent)),
  };
}

