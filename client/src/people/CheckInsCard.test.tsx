import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CheckInsCard } from './CheckInsCard.js';
import type { CheckIn } from './people.graphql.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';
import { todayInput } from '../ui/format.js';

afterEach(cleanup);

const CHECK_INS: CheckIn[] = [
  { id: '2', heldOn: '2026-05-12T09:00:00.000Z', notes: 'Talked about the move to the platform team.', actions: ['Pair on the roadmap', 'Weekly 1:1 on Tuesdays'], recordedBy: 'admin@test.local' },
  { id: '1', heldOn: '2026-04-02T09:00:00.000Z', notes: 'First check-in.', actions: [], recordedBy: 'lead@test.local' },
];

const START = '2026-03-01T08:30:00.000Z';

function setup(handler: Parameters<typeof mockClient>[0]['RecordCheckIn'], checkIns = CHECK_INS) {
  const onRecorded = vi.fn();
  const mock = mockClient({ RecordCheckIn: handler });
  renderWith(<CheckInsCard relationshipId="r1" startedAt={START} checkIns={checkIns} leaderName="Lea Leader" onRecorded={onRecorded} />, { client: mock.client });
  return { ...mock, onRecorded };
}

describe('CheckInsCard', () => {
  it('lists check-ins newest first with notes, agreed actions and who recorded them', () => {
    setup(() => undefined);
    const list = screen.getByRole('list', { name: 'Check-ins, newest first' });
    const items = within(list).getAllByRole('listitem').filter((li) => li.classList.contains('checkin'));
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Talked about the move to the platform team.');
    expect(items[0]).toHaveTextContent('recorded by admin@test.local');
    expect(within(items[0]).getByText('Pair on the roadmap')).toBeInTheDocument();
    expect(within(items[1]).queryByText('Agreed actions')).toBeNull();
  });

  it('records a check-in with its actions, one per line', async () => {
    const { calls, onRecorded } = setup(() => ({ data: { recordCheckIn: { id: '3', heldOn: '2026-06-01T00:00:00.000Z', notes: 'x', actions: [], recordedBy: 'a' } } }), []);
    expect(screen.getByText(/No check-ins with Lea Leader yet/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Record check-in' }));
    fireEvent.change(screen.getByLabelText('Held on'), { target: { value: '2026-04-10' } });
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: '  Went well.  ' } });
    fireEvent.change(screen.getByLabelText(/Agreed actions/), { target: { value: 'Book the course\n\n  Share the plan ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    await waitFor(() => expect(onRecorded).toHaveBeenCalled());
    const input = calls.find((c) => c.name === 'RecordCheckIn')!.variables.input;
    expect(input).toEqual({ relationshipId: 'r1', heldOn: new Date('2026-04-10T00:00:00').toISOString(), notes: 'Went well.', actions: ['Book the course', 'Share the plan'] });
    expect(screen.queryByRole('form', { name: 'Record a check-in' })).toBeNull();
  });

  it('refuses a date in the future or before the relationship started, next to the date', async () => {
    const { calls } = setup(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Record check-in' }));
    const date = screen.getByLabelText('Held on');
    expect(date).toHaveAttribute('max', todayInput());
    expect(date).toHaveAttribute('min', new Date(START).toLocaleDateString('sv'));
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Notes' } });
    fireEvent.change(date, { target: { value: '2999-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    expect(await screen.findByText(/A check-in cannot be in the future/)).toBeInTheDocument();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(date, { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    expect(await screen.findByText(/The relationship started on/)).toBeInTheDocument();
    expect(calls.some((c) => c.name === 'RecordCheckIn')).toBe(false);
  });

  it('shows the server’s refusals in place by field', async () => {
    setup(() => ({ error: gqlError('`heldOn` must not be before the relationship started', { code: 'BAD_USER_INPUT', field: 'heldOn' }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Record check-in' }));
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Notes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    const error = await screen.findByText(/must not be before the relationship started/);
    expect(error.closest('.field')).toContainElement(screen.getByLabelText('Held on'));
    expect(screen.getByLabelText('Held on')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('form', { name: 'Record a check-in' })).toBeInTheDocument();
  });

  it('shows a refusal about the relationship at the top of the form', async () => {
    setup(() => ({ error: gqlError('Check-ins belong to an active relationship', { code: 'RELATIONSHIP_ENDED', field: 'relationshipId' }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Record check-in' }));
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Notes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    const alert = await screen.findByText(/Check-ins belong to an active relationship/);
    expect(alert.closest('.form-alert')).not.toBeNull();
    expect(alert.closest('.form-alert')).toHaveTextContent('This relationship has ended');
  });
});
