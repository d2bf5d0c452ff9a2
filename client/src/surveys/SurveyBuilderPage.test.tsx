import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { SurveyBuilderPage } from './SurveyBuilderPage.js';
import { moveQuestion } from './builder.js';
import { gqlError, mockClient, type Handler } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

function setup(create: Handler = () => ({ data: { createSurvey: { id: '42' } } })) {
  const mock = mockClient({ CreateSurvey: create });
  renderWith(<SurveyBuilderPage />, { client: mock.client, url: '/surveys/new' });
  return mock;
}

const addGroup = () => screen.getByRole('group', { name: 'Add question' });

describe('SurveyBuilderPage', () => {
  it('moveQuestion moves one step and ignores moves past the ends', () => {
    expect(moveQuestion(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveQuestion(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('reorders questions and sends them in the new order with only the fields each type takes', async () => {
    const { calls } = setup();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '  Customer pulse ' } });
    fireEvent.change(screen.getByLabelText('Audience'), { target: { value: 'CUSTOMERS' } });
    fireEvent.change(screen.getByLabelText('Purpose'), { target: { value: 'CSAT' } });
    // Question 1 is the default NPS question.
    fireEvent.click(within(addGroup()).getByRole('button', { name: '+ Rating scale' }));
    fireEvent.change(screen.getByLabelText('Question 2 text'), { target: { value: 'How satisfied are you?' } });
    fireEvent.change(screen.getByLabelText('Scale of question 2'), { target: { value: '7' } });
    fireEvent.click(within(addGroup()).getByRole('button', { name: '+ Multiple choice' }));
    fireEvent.change(screen.getByLabelText('Question 3 text'), { target: { value: 'What did you buy?' } });
    fireEvent.change(screen.getByLabelText('Question 3 option 1'), { target: { value: ' Shoes ' } });
    fireEvent.change(screen.getByLabelText('Question 3 option 2'), { target: { value: 'Socks' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Add option' }));

    // Move the choice question to the top, then the rating one below NPS → [choice, NPS, rating] → up once more for rating.
    fireEvent.click(screen.getByRole('button', { name: 'Move question 3 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move question 2 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move question 3 up' }));
    expect(screen.getByLabelText('Question 1 text')).toHaveValue('What did you buy?');
    expect(screen.getByLabelText('Question 2 text')).toHaveValue('How satisfied are you?');
    // The preview follows the order.
    const preview = screen.getByRole('complementary', { name: 'Preview' });
    expect(within(preview).getAllByText(/\?$/).map((e) => e.textContent)).toEqual(['1. What did you buy?', '2. How satisfied are you?', '3. How likely are you to recommend us to a friend or colleague?']);

    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(calls.find((c) => c.name === 'CreateSurvey')?.variables).toEqual({
      input: {
        title: 'Customer pulse',
        description: null,
        audience: 'CUSTOMERS',
        purpose: 'CSAT',
        anonymous: true,
        recurring: false,
        questions: [
          { type: 'MULTIPLE_CHOICE', prompt: 'What did you buy?', required: true, options: ['Shoes', 'Socks'] },
          { type: 'RATING', prompt: 'How satisfied are you?', required: true, scaleMax: 7 },
          { type: 'NPS', prompt: 'How likely are you to recommend us to a friend or colleague?', required: true },
        ],
      },
    });
  });

  it('deletes a question and checks choice options before sending', () => {
    const { calls } = setup();
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'T' } });
    fireEvent.click(within(addGroup()).getByRole('button', { name: '+ Single choice' }));
    fireEvent.change(screen.getByLabelText('Question 2 text'), { target: { value: 'Pick one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(within(screen.getByRole('listitem', { name: 'Question 2' })).getByRole('alert')).toHaveTextContent('Give at least two options.');
    expect(calls.some((c) => c.name === 'CreateSurvey')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Delete question 1' }));
    expect(screen.getByLabelText('Question 1 text')).toHaveValue('Pick one');
  });

  it('shows a server error on questions.1.options at that question', async () => {
    setup(() => ({ error: gqlError('A choice question needs at least two different options', { code: 'BAD_USER_INPUT', field: 'questions.1.options' }) }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'T' } });
    fireEvent.click(within(addGroup()).getByRole('button', { name: '+ Single choice' }));
    fireEvent.change(screen.getByLabelText('Question 2 text'), { target: { value: 'Pick one' } });
    fireEvent.change(screen.getByLabelText('Question 2 option 1'), { target: { value: 'A' } });
    fireEvent.change(screen.getByLabelText('Question 2 option 2'), { target: { value: 'B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create draft' }));
    const q2 = screen.getByRole('listitem', { name: 'Question 2' });
    expect(await within(q2).findByRole('alert')).toHaveTextContent('two different options');
    expect(within(screen.getByRole('listitem', { name: 'Question 1' })).queryByRole('alert')).toBeNull();
  });
});
