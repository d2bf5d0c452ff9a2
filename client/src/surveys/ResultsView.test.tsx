import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { ResultsBody } from './ResultsView.js';
import type { SurveyResults } from './surveys.graphql.js';

afterEach(cleanup);

const q = (id: string, type: string, prompt: string, extra: object = {}) => ({ id, position: Number(id), type, prompt, required: true, scaleMax: null, options: [], ...extra });

const RESULTS: SurveyResults = {
  waveNumber: 2,
  groupLabel: 'Team Berlin',
  threshold: 5,
  invited: 12,
  responses: 7,
  responseRate: 7 / 12,
  suppressed: null,
  questions: [
    { question: q('1', 'NPS', 'Recommend us?') as any, answered: 7, suppressed: null, nps: { score: 28.6, promoters: 4, passives: 1, detractors: 2 }, csat: null, mean: 7.9, distribution: [], comments: [] },
    { question: q('2', 'RATING', 'How easy was it?', { scaleMax: 5 }) as any, answered: null, suppressed: 'DIFFERENCING', nps: null, csat: null, mean: null, distribution: [], comments: [] },
    { question: q('3', 'FREE_TEXT', 'Anything else?') as any, answered: null, suppressed: 'COMMENTS_BELOW_THRESHOLD', nps: null, csat: null, mean: null, distribution: [], comments: [] },
  ],
  trend: [
    { waveNumber: 1, responses: null, score: null, suppressed: 'BELOW_THRESHOLD' },
    { waveNumber: 2, responses: 7, score: 28.6, suppressed: null },
  ],
};

describe('ResultsBody', () => {
  it('shows figures where allowed and suppressed cells as hidden, never as 0', () => {
    render(<ResultsBody results={RESULTS} />);
    expect(screen.getByTestId('results-responses')).toHaveTextContent('7');
    expect(screen.getByText('58%')).toBeInTheDocument();
    expect(screen.getByTestId('nps-score')).toHaveTextContent('+29');

    const rating = screen.getByRole('article', { name: 'Result of question 2' });
    expect(within(rating).getByRole('note')).toHaveTextContent('Hidden so that it cannot be worked out by subtraction from other groups');
    expect(within(rating).queryByText(/\b0\b/)).toBeNull();
    expect(within(rating).queryByText('Mean')).toBeNull();

    const comments = screen.getByRole('article', { name: 'Result of question 3' });
    expect(within(comments).getByRole('note')).toHaveTextContent('Comments hidden');

    // The hidden wave is a gap with a marker, not a point at 0.
    expect(screen.getByRole('img', { name: /wave 1 hidden, wave 2 \+29/ })).toBeInTheDocument();
  });

  it('hides the whole group below the threshold with the reason', () => {
    const hidden: SurveyResults = {
      ...RESULTS,
      invited: null,
      responses: null,
      responseRate: null,
      suppressed: 'BELOW_THRESHOLD',
      questions: RESULTS.questions.map((r) => ({ ...r, answered: null, nps: null, suppressed: 'BELOW_THRESHOLD' as const })),
    };
    render(<ResultsBody results={hidden} />);
    expect(screen.getByTestId('results-responses')).toHaveTextContent('Hidden');
    expect(screen.getByTestId('results-responses')).not.toHaveTextContent('0');
    const notes = screen.getAllByRole('note');
    expect(notes).toHaveLength(4); // the group and each of its three questions
    for (const note of notes) expect(note).toHaveTextContent('Fewer than 5 responses — hidden to protect anonymity');
    expect(screen.queryByTestId('nps-score')).toBeNull();
  });
});
