import type { Suppression } from '../surveys/disclosure.js';
import { TrustSignalLevel, TrustSignalRule, type SignalEvidence, type SignalFinding } from './trust-signal.entity.js';

/**
 * The trust-withdrawal rules: documented, rule-based and explainable. Each
 * rule looks at one team (with its sub-teams) and says which numbers made it
 * fire, so a people lead can check it by hand. Survey figures come only from
 * waves the anonymity rules show for that team; a rule never sees a hidden
 * figure (the one exception, a wave hidden because too few answered, reveals
 * nothing the suppression itself does not: "fewer than k of n"). And no rule
 * fires on a change one person's answer could make alone: in a team of five,
 * one promoter turning detractor moves NPS by 40 points — that is noise, not
 * a pattern.
 */

/** One survey wave as seen by one team. */
export interface TeamWavePoint {
  /** "Leadership pulse, wave 3". */
  label: string;
  suppressed: Suppression | null;
  invited: number;
  responses: number | null;
  participation: number | null;
  nps: number | null;
  detractorShare: number | null;
}

export interface TeamHistory {
  /** Leadership-survey waves the team took part in, oldest first (leader NPS). */
  leadership: TeamWavePoint[];
  /** Engagement-survey waves (eNPS), oldest first. */
  engagement: TeamWavePoint[];
  /** Both kinds together, in the order they opened (participation). */
  all: TeamWavePoint[];
  /** People of the team who left for a competitor in the exit window. */
  competitorExits: number;
  /** Headcount at the start of the window: current members plus those who left in it. */
  headcount: number;
}

export interface RuleInfo {
  rule: TrustSignalRule;
  points: number;
  title: string;
  description: string;
  evidence: string;
}

export const RULE_SETTINGS = {
  /** Falling over two consecutive steps by at least this many NPS points in total… */
  npsFallTotal: 10,
  /** …or in the last step alone by at least this many. */
  npsFallSharp: 20,
  /** Participation at least this much lower (relative) than the mean of the preceding waves… */
  participationRelativeDrop: 0.15,
  /** …and at least this many percentage points lower. */
  participationPointDrop: 0.1,
  /** Detractor share up by at least this many percentage points from one wave to the next. */
  detractorRise: 0.1,
  /** Exits to a competitor counted over this many days… */
  exitWindowDays: 90,
  /** …at least this many of them and at least this share of the headcount. */
  competitorExits: 2,
  competitorExitShare: 0.1,
};

export const RULES: RuleInfo[] = [
  {
    rule: TrustSignalRule.LEADER_NPS_FALLING,
    points: 3,
    title: 'Leader NPS falling',
    description: `The team's leader NPS fell at each of the last two wave-to-wave steps by ${RULE_SETTINGS.npsFallTotal} points or more in total, or by ${RULE_SETTINGS.npsFallSharp} or more in the last step alone — and by more than one person's answer could move it (200 ÷ responses points). Only waves shown under the anonymity rules count.`,
    evidence: 'Leadership is a service the employee "buys": once trust in its usefulness is damaged, people stop letting themselves be led — first as inner resignation, then by leaving. A recommendation of the leader that keeps falling over consecutive waves is that trust being withdrawn.',
  },
  {
    rule: TrustSignalRule.ENPS_FALLING,
    points: 2,
    title: 'eNPS falling',
    description: `The team's eNPS fell at each of the last two steps by ${RULE_SETTINGS.npsFallTotal} points or more in total, or by ${RULE_SETTINGS.npsFallSharp} or more in the last step — and by more than one person's answer could move it.`,
    evidence: 'Engagement falls for months before people resign: a falling willingness to recommend the workplace is one of the earliest measurable precursors of exits.',
  },
  {
    rule: TrustSignalRule.PARTICIPATION_FALLING,
    points: 2,
    title: 'Participation falling',
    description: `The team's participation in the latest survey wave is at least ${RULE_SETTINGS.participationRelativeDrop * 100} % lower than the mean of up to three waves before it (and at least ${RULE_SETTINGS.participationPointDrop * 100} points and more than one person lower), or fell below the anonymity threshold after a shown wave.`,
    evidence: 'People who are about to leave answer surveys markedly less — about 15 % less than those who stay. Silence is a signal of its own, and the size of that gap is the threshold.',
  },
  {
    rule: TrustSignalRule.DETRACTORS_RISING,
    points: 2,
    title: 'Detractors rising',
    description: `The share of detractors (0–6) on the leader NPS or eNPS question rose by ${RULE_SETTINGS.detractorRise * 100} percentage points or more from one wave to the next, and by more than one more detractor would make.`,
    evidence: 'An average can hold while more people give up: a growing share of 0–6 answers shows trust withdrawn by more members even when the score barely moves.',
  },
  {
    rule: TrustSignalRule.COMPETITOR_EXITS,
    points: 3,
    title: 'Exits to competitors',
    description: `At least ${RULE_SETTINGS.competitorExits} people of the team, and at least ${RULE_SETTINGS.competitorExitShare * 100} % of its headcount, left for a competitor in the last ${RULE_SETTINGS.exitWindowDays} days. Only for teams of at least the anonymity threshold.`,
    evidence: 'The strongest people withdraw their trust last and most visibly: they resign and move to a competitor. Two such exits within a quarter are a pattern rather than chance.',
  },
];

const pointsOf = (rule: TrustSignalRule) => RULES.find((r) => r.rule === rule)!.points;
const pct = (share: number) => Math.round(share * 1000) / 10;

/** Level of a signal from its score: 2–3 watch, 4–5 warning, 6 and more critical. */
export function levelOf(score: number): TrustSignalLevel {
  if (score >= 6) return TrustSignalLevel.CRITICAL;
  if (score >= 4) return TrustSignalLevel.WARNING;
  return TrustSignalLevel.WATCH;
}

/** The falling-score rule on one series of shown NPS values (leader NPS or eNPS). */
function fallingScore(rule: TrustSignalRule, name: string, series: TeamWavePoint[]): SignalFinding | null {
  const last = series.slice(-3);
  const shown = last.every((p) => p.nps !== null);
  if (last.length < 2 || !last.slice(-2).every((p) => p.nps !== null)) return null;
  const [prev, latest] = last.slice(-2) as [TeamWavePoint, TeamWavePoint];
  const step = latest.nps! - prev.nps!;
  // One person going from promoter to detractor moves NPS by 200 ÷ n points: a change that small is not a pattern.
  const onePerson = (points: TeamWavePoint[]) => 200 / Math.min(...points.map((p) => p.responses ?? Infinity));
  const evidence = (points: TeamWavePoint[]): SignalEvidence[] => points.map((p) => ({ label: p.label, value: p.nps!, unit: 'points' }));
  if (last.length === 3 && shown) {
    const first = last[0]!;
    const total = latest.nps! - first.nps!;
    if (prev.nps! < first.nps! && step < 0 && -total >= RULE_SETTINGS.npsFallTotal && -total > onePerson(last)) {
      return {
        rule,
        points: pointsOf(rule),
        summary: `${name} fell at each of the last two waves: ${first.nps} → ${prev.nps} → ${latest.nps} (${round1(total)} points).`,
        evidence: evidence(last),
      };
    }
  }
  if (-step >= RULE_SETTINGS.npsFallSharp && -step > onePerson([prev, latest])) {
    return {
      rule,
      points: pointsOf(rule),
      summary: `${name} fell sharply in the last wave: ${prev.nps} → ${latest.nps} (${round1(step)} points).`,
      evidence: evidence([prev, latest]),
    };
  }
  return null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

function fallingParticipation(series: TeamWavePoint[], k: number): SignalFinding | null {
  const latest = series.at(-1);
  if (!latest || latest.invited < k) return null;
  const before = series.slice(-4, -1).filter((p) => p.participation !== null);
  if (!before.length) return null;
  const mean = before.reduce((sum, p) => sum + p.participation!, 0) / before.length;
  const rule = TrustSignalRule.PARTICIPATION_FALLING;
  const evidence: SignalEvidence[] = before.map((p) => ({ label: p.label, value: pct(p.participation!), unit: '%' }));
  if (latest.participation === null) {
    // Hidden because fewer than k answered: only "fewer than k of n" is known, as the suppression itself says.
    if (latest.suppressed !== 'BELOW_THRESHOLD' || latest.invited < k) return null;
    const atMost = (k - 1) / latest.invited;
    if (atMost > mean * (1 - RULE_SETTINGS.participationRelativeDrop)) return null;
    return {
      rule,
      points: pointsOf(rule),
      summary: `Participation fell from ${pct(mean)} % to below the anonymity threshold: fewer than ${k} of ${latest.invited} answered (at most ${pct(atMost)} %).`,
      evidence: [...evidence, { label: `${latest.label} (at most)`, value: pct(atMost), unit: '%' }],
    };
  }
  const drop = mean - latest.participation;
  if (drop < RULE_SETTINGS.participationPointDrop - 1e-9 || drop < mean * RULE_SETTINGS.participationRelativeDrop - 1e-9) return null;
  if (drop * latest.invited <= 1) return null; // one person fewer is not a pattern
  return {
    rule,
    points: pointsOf(rule),
    summary: `Participation fell to ${pct(latest.participation)} % from ${pct(mean)} % on average in the ${before.length === 1 ? 'wave' : `${before.length} waves`} before (${pct(drop / mean)} % fewer answers).`,
    evidence: [...evidence, { label: latest.label, value: pct(latest.participation), unit: '%' }],
  };
}

function risingDetractors(history: TeamHistory): SignalFinding | null {
  for (const [name, series] of [['leader NPS', history.leadership], ['eNPS', history.engagement]] as const) {
    const [prev, latest] = series.slice(-2);
    if (!prev || !latest || prev.detractorShare === null || latest.detractorShare === null) continue;
    const rise = latest.detractorShare - prev.detractorShare;
    if (rise < RULE_SETTINGS.detractorRise - 1e-9) continue;
    // One more detractor moves the share by 1 ÷ n: more than that is needed.
    if (rise <= 1 / Math.min(prev.responses ?? Infinity, latest.responses ?? Infinity)) continue;
    return {
      rule: TrustSignalRule.DETRACTORS_RISING,
      points: pointsOf(TrustSignalRule.DETRACTORS_RISING),
      summary: `Detractors on the ${name} question rose from ${pct(prev.detractorShare)} % to ${pct(latest.detractorShare)} % (+${round1(rise * 100)} points).`,
      evidence: [
        { label: prev.label, value: pct(prev.detractorShare), unit: '%' },
        { label: latest.label, value: pct(latest.detractorShare), unit: '%' },
      ],
    };
  }
  return null;
}

function competitorExits(history: TeamHistory, k: number): SignalFinding | null {
  const { competitorExits: exits, headcount } = history;
  if (headcount < k) return null;
  if (exits < RULE_SETTINGS.competitorExits || exits / headcount < RULE_SETTINGS.competitorExitShare) return null;
  return {
    rule: TrustSignalRule.COMPETITOR_EXITS,
    points: pointsOf(TrustSignalRule.COMPETITOR_EXITS),
    summary: `${exits} of ${headcount} people left for a competitor in the last ${RULE_SETTINGS.exitWindowDays} days (${pct(exits / headcount)} %).`,
    evidence: [
      { label: `Left for a competitor (${RULE_SETTINGS.exitWindowDays} days)`, value: exits, unit: 'people' },
      { label: 'Headcount at the start of the window', value: headcount, unit: 'people' },
    ],
  };
}

/** Every rule that fires for one team's history, in the order of `RULES`. */
export function findingsFor(history: TeamHistory, k: number): SignalFinding[] {
  return [
    fallingScore(TrustSignalRule.LEADER_NPS_FALLING, 'Leader NPS', history.leadership),
    fallingScore(TrustSignalRule.ENPS_FALLING, 'eNPS', history.engagement),
    fallingParticipation(history.all, k),
    risingDetractors(history),
    competitorExits(history, k),
  ].filter((f): f is SignalFinding => f !== null);
}
