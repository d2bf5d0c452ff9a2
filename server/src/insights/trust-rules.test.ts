import { describe, expect, it } from 'vitest';
import { findingsFor, levelOf, type TeamHistory, type TeamWavePoint } from './trust-rules.js';

const K = 5;

/** A shown wave: 20 invited, `answered` responses, the given NPS and detractor share. */
function wave(label: string, nps: number | null, answered = 18, detractorShare: number | null = 0.2): TeamWavePoint {
  if (nps === null || answered < K) {
    return { label, suppressed: 'BELOW_THRESHOLD', invited: 20, responses: null, participation: null, nps: null, detractorShare: null };
  }
  return { label, suppressed: null, invited: 20, responses: answered, participation: answered / 20, nps, detractorShare };
}

function history(parts: Partial<TeamHistory>): TeamHistory {
  const leadership = parts.leadership ?? [];
  const engagement = parts.engagement ?? [];
  return { leadership, engagement, all: parts.all ?? [...leadership, ...engagement], competitorExits: 0, headcount: 20, ...parts };
}
const rules = (h: TeamHistory) => findingsFor(h, K).map((f) => f.rule);

describe('trust-withdrawal rules', () => {
  it('LEADER_NPS_FALLING fires on two consecutive falls of 10 points in total, with the numbers', () => {
    const findings = findingsFor(history({ leadership: [wave('W1', 40), wave('W2', 35), wave('W3', 28)] }), K);
    expect(findings).toEqual([
      {
        rule: 'LEADER_NPS_FALLING',
        points: 3,
        summary: 'Leader NPS fell at each of the last two waves: 40 → 35 → 28 (-12 points).',
        evidence: [
          { label: 'W1', value: 40, unit: 'points' },
          { label: 'W2', value: 35, unit: 'points' },
          { label: 'W3', value: 28, unit: 'points' },
        ],
      },
    ]);
  });

  it('LEADER_NPS_FALLING does not fire on a fall of less than 10, a rise in between, or with a hidden wave in the window', () => {
    expect(rules(history({ leadership: [wave('W1', 40), wave('W2', 36), wave('W3', 31)] }))).toEqual([]);
    expect(rules(history({ leadership: [wave('W1', 40), wave('W2', 45), wave('W3', 28)] }))).toEqual([]);
    // The middle wave is hidden: the three-wave rule cannot see it and the last step alone needs 20.
    expect(rules(history({ leadership: [wave('W1', 60), wave('W2', null), wave('W3', 28)] }))).toEqual([]);
    expect(rules(history({ leadership: [wave('W1', 60)] }))).toEqual([]);
  });

  it('LEADER_NPS_FALLING fires on a sharp fall of 20 points in the last step alone', () => {
    const [finding] = findingsFor(history({ leadership: [wave('W1', 50), wave('W2', 30)] }), K);
    expect(finding).toMatchObject({ rule: 'LEADER_NPS_FALLING', summary: 'Leader NPS fell sharply in the last wave: 50 → 30 (-20 points).' });
    expect(rules(history({ leadership: [wave('W1', 50), wave('W2', 31)] }))).toEqual([]);
  });

  it('ENPS_FALLING reads the engagement waves only', () => {
    expect(rules(history({ engagement: [wave('E1', 20), wave('E2', 10), wave('E3', 0)] }))).toEqual(['ENPS_FALLING']);
    expect(rules(history({ leadership: [wave('W1', 20), wave('W2', 20)], engagement: [wave('E1', 20), wave('E2', 15)] }))).toEqual([]);
  });

  it('PARTICIPATION_FALLING fires at 15 % below the mean of the waves before, and not at 10 %', () => {
    // Mean of 18/20 and 16/20 = 85 %; 14/20 = 70 % is 17.6 % lower (15 points).
    const [finding] = findingsFor(history({ all: [wave('W1', 30, 18), wave('W2', 30, 16), wave('W3', 30, 14)] }), K);
    expect(finding).toMatchObject({ rule: 'PARTICIPATION_FALLING', summary: 'Participation fell to 70 % from 85 % on average in the 2 waves before (17.6 % fewer answers).' });
    expect(finding!.evidence.map((e) => e.value)).toEqual([90, 80, 70]);
    // 85 % → 76.5 %… 15/20 = 75 % is 11.8 % lower: not enough.
    expect(rules(history({ all: [wave('W1', 30, 18), wave('W2', 30, 16), wave('W3', 30, 15)] }))).toEqual([]);
  });

  it('PARTICIPATION_FALLING fires when answers fall below the threshold after a shown wave, saying only "fewer than k"', () => {
    const [finding] = findingsFor(history({ all: [wave('W1', 30, 18), wave('W2', null, 3)] }), K);
    expect(finding).toMatchObject({
      rule: 'PARTICIPATION_FALLING',
      summary: 'Participation fell from 90 % to below the anonymity threshold: fewer than 5 of 20 answered (at most 20 %).',
    });
    // Nothing shown before: nothing to compare with.
    expect(rules(history({ all: [wave('W1', null, 3), wave('W2', null, 2)] }))).toEqual([]);
  });

  it('DETRACTORS_RISING fires at +10 percentage points between consecutive shown waves', () => {
    const [finding] = findingsFor(history({ leadership: [wave('W1', 30, 18, 0.2), wave('W2', 25, 18, 0.3)] }), K);
    expect(finding).toMatchObject({ rule: 'DETRACTORS_RISING', summary: 'Detractors on the leader NPS question rose from 20 % to 30 % (+10 points).' });
    expect(rules(history({ leadership: [wave('W1', 30, 18, 0.2), wave('W2', 25, 18, 0.29)] }))).toEqual([]);
  });

  it('COMPETITOR_EXITS needs 2 exits and 10 % of a headcount of at least the threshold', () => {
    const [finding] = findingsFor(history({ competitorExits: 2, headcount: 12 }), K);
    expect(finding).toMatchObject({ rule: 'COMPETITOR_EXITS', points: 3, summary: '2 of 12 people left for a competitor in the last 90 days (16.7 %).' });
    expect(rules(history({ competitorExits: 1, headcount: 6 }))).toEqual([]);
    expect(rules(history({ competitorExits: 2, headcount: 30 }))).toEqual([]);
    expect(rules(history({ competitorExits: 2, headcount: 4 }))).toEqual([]);
  });

  it('never fires on a change one person could make alone', () => {
    // 5 answers: one promoter turning detractor moves NPS by 40 points.
    expect(rules(history({ leadership: [wave('W1', 60, 5), wave('W2', 20, 5)] }))).toEqual([]);
    expect(rules(history({ leadership: [wave('W1', 60, 5), wave('W2', 19, 5)] }))).toEqual(['LEADER_NPS_FALLING']);
    expect(rules(history({ leadership: [wave('W1', 60, 5), wave('W2', 40, 5), wave('W3', 20, 5)] }))).toEqual([]);
    // 6 answers: one more detractor is +16.7 points.
    expect(rules(history({ leadership: [wave('W1', 30, 6, 0.167), wave('W2', 30, 6, 0.333)] }))).toEqual([]);
    // 8 invited: one fewer answer is 12.5 points of participation.
    const few = (label: string, answered: number): TeamWavePoint => ({ ...wave(label, 30, answered), invited: 8, participation: answered / 8 });
    expect(rules(history({ all: [few('W1', 8), few('W2', 7)] }))).toEqual([]);
    expect(rules(history({ all: [few('W1', 8), few('W2', 6)] }))).toEqual(['PARTICIPATION_FALLING']);
  });

  it('adds the points up into a level', () => {
    const all = findingsFor(
      history({
        leadership: [wave('W1', 40, 18, 0.1), wave('W2', 30, 18, 0.15), wave('W3', 20, 12, 0.3)],
        engagement: [],
        all: [wave('W1', 40, 18), wave('W2', 30, 18), wave('W3', 20, 12)],
        competitorExits: 2,
        headcount: 12,
      }),
      K,
    );
    expect(all.map((f) => f.rule)).toEqual(['LEADER_NPS_FALLING', 'PARTICIPATION_FALLING', 'DETRACTORS_RISING', 'COMPETITOR_EXITS']);
    expect(all.reduce((sum, f) => sum + f.points, 0)).toBe(10);
    expect([2, 3, 4, 5, 6, 10].map(levelOf)).toEqual(['WATCH', 'WATCH', 'WARNING', 'WARNING', 'CRITICAL', 'CRITICAL']);
  });
});
