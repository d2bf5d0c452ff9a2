import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { SurveyResponsePage } from './SurveyResponsePage.js';
import { gqlError, mockClient, type Handler } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const SURVEY = {
  state: 'VALID',
  title: 'Team pulse',
  description: 'Two minutes.',
  anonymous: true,
  questions: [
    { id: '11', position: 1, type: 'NPS', prompt: 'Would you recommend working here?', required: true, scaleMax: null, options: [] },
    { id: '12', position: 2, type: 'RATING', prompt: 'How supported do you feel?', required: true, scaleMax: 5, options: [] },
    { id: '13', position: 3, type: 'SINGLE_CHOICE', prompt: 'Where do you work?', required: false, scaleMax: null, options: ['Office', 'Home'] },
    { id: '14', position: 4, type: 'FREE_TEXT', prompt: 'Anything else?', required: false, scaleMax: null, options: [] },
  ],
};

function setup(submit: Handler = () => ({ data: { submitSurveyResponse: true } }), survey: object = SURVEY) {
  const mock = mockClient({ SurveyInvitation: () => ({ data: { surveyInvitation: survey } }), SubmitSurveyResponse: submit });
  renderWith(<SurveyResponsePage token="tok-1" />, { client: mock.client, url: '/s/tok-1' });
  return mock;
}

const question = (n: number) => document.querySelector(`[data-question="${n}"]`) as HTMLElement;

describe('SurveyResponsePage', () => {
  it('shows the anonymity promise and blocks sending until the required questions are answered', async () => {
    const { calls } = setup();
    expect(await screen.findByText(/Your answers are anonymous:/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(within(question(1)).getByRole('alert')).toHaveTextContent('Please answer this question.');
    expect(within(question(2)).getByRole('alert')).toHaveTextContent('Please answer this question.');
    expect(within(question(3)).queryByRole('alert')).toBeNull();
    expect(calls.some((c) => c.name === 'SubmitSurveyResponse')).toBe(false);

    fireEvent.click(within(question(1)).getByRole('radio', { name: '9' }));
    expect(within(question(1)).queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(calls.some((c) => c.name === 'SubmitSurveyResponse')).toBe(false);
    expect(within(question(2)).getByRole('alert')).toBeInTheDocument();

    fireEvent.click(within(question(2)).getByRole('radio', { name: '4' }));
    fireEvent.click(within(question(3)).getByLabelText('Home'));
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(await screen.findByText('Thank you!')).toBeInTheDocument();
    // One entry per question, in question order, blanks carrying only the id.
    expect(calls.find((c) => c.name === 'SubmitSurveyResponse')?.variables).toEqual({
      token: 'tok-1',
      answers: [{ questionId: '11', value: 9 }, { questionId: '12', value: 4 }, { questionId: '13', option: 1 }, { questionId: '14' }],
    });
  });

  it('shows a server error on answers.1.value next to question 2', async () => {
    setup(() => ({ error: gqlError('"How supported do you feel?" takes a whole number from 1 to 5', { code: 'BAD_USER_INPUT', field: 'answers.1.value' }) }));
    await screen.findByText('Team pulse');
    fireEvent.click(within(question(1)).getByRole('radio', { name: '10' }));
    fireEvent.click(within(question(2)).getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(await within(question(2)).findByRole('alert')).toHaveTextContent('takes a whole number from 1 to 5');
    expect(within(question(1)).queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Thank you!')).toBeNull();
  });

  it('maps answers.question<id> to that question', async () => {
    setup(() => ({ error: gqlError('"Where do you work?" needs an answer', { code: 'BAD_USER_INPUT', field: 'answers.question13' }) }));
    await screen.findByText('Team pulse');
    fireEvent.click(within(question(1)).getByRole('radio', { name: '10' }));
    fireEvent.click(within(question(2)).getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(await within(question(3)).findByRole('alert')).toHaveTextContent('needs an answer');
  });

  it('says so when the link was already used', async () => {
    setup(undefined, { ...SURVEY, state: 'USED', questions: [] });
    expect(await screen.findByText('You have already answered — thank you')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send answers' })).toBeNull();
  });

  it('turns ALREADY_RESPONDED on submit into the used message', async () => {
    setup(() => ({ error: gqlError('This link has already been used to answer', { code: 'ALREADY_RESPONDED', field: 'token' }) }));
    await screen.findByText('Team pulse');
    fireEvent.click(within(question(1)).getByRole('radio', { name: '10' }));
    fireEvent.click(within(question(2)).getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    expect(await screen.findByText('You have already answered — thank you')).toBeInTheDocument();
  });
});
