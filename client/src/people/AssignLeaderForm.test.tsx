import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AssignLeaderForm } from './AssignLeaderForm.js';
import { gqlError, mockClient, type Reply } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const member = { id: '10', name: 'Amira Hoffmann' };
const candidates = [
  { id: '20', name: 'David Krüger', title: 'Team Lead Quality', email: 'david@example.com', team: { id: 't1', name: 'Quality' } },
  { id: '21', name: 'Dana Schmidt', title: 'Engineer', email: 'dana@example.com', team: null },
];

function setup(assignReply: Reply) {
  const mock = mockClient({
    EmployeePicker: () => ({ data: { employees: { totalCount: candidates.length, edges: candidates.map((node) => ({ node })) } } }),
    AssignLeader: () => assignReply,
  });
  const onDone = vi.fn();
  renderWith(<AssignLeaderForm member={member} onDone={onDone} />, { client: mock.client });
  return { ...mock, onDone };
}

async function pickLeader(name: string) {
  const picker = screen.getByRole('combobox', { name: 'New leader' });
  fireEvent.focus(picker);
  fireEvent.change(picker, { target: { value: name.slice(0, 3) } });
  fireEvent.click(await screen.findByRole('option', { name: new RegExp(name) }));
  return picker;
}

/** The text of the element(s) that describe a control (its in-place error). */
function description(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('AssignLeaderForm', () => {
  it('shows a LEADER_CYCLE refusal next to the leader field', async () => {
    const { calls, onDone } = setup({
      error: gqlError('David Krüger reports (directly or indirectly) to Amira Hoffmann; this would make a cycle', { code: 'LEADER_CYCLE', field: 'leaderId' }),
    });
    const picker = await pickLeader('David Krüger');
    fireEvent.click(screen.getByRole('button', { name: 'Assign leader' }));

    await waitFor(() => expect(picker).toHaveAttribute('aria-invalid', 'true'));
    expect(description(picker)).toContain('David Krüger reports (directly or indirectly) to Amira Hoffmann');
    expect(description(picker)).toContain('LEADER_CYCLE');
    // The start date field stays clean, and nothing is reported at the top of the form.
    expect(screen.getByLabelText(/Starts on/)).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('form', { name: /Assign a leader/ }).querySelector('.form-alert')).toBeNull();
    expect(calls.find((c) => c.name === 'AssignLeader')?.variables).toEqual({ input: { memberId: '10', leaderId: '20' } });
    expect(onDone).not.toHaveBeenCalled();
  });

  it('puts a startedAt error under the date field', async () => {
    setup({ error: gqlError('The start is before the current relationship started', { code: 'BAD_USER_INPUT', field: 'input.startedAt' }) });
    await pickLeader('Dana Schmidt');
    fireEvent.change(screen.getByLabelText(/Starts on/), { target: { value: '2020-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign leader' }));

    const date = screen.getByLabelText(/Starts on/);
    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(description(date)).toContain('before the current relationship started');
    expect(screen.getByRole('combobox', { name: 'New leader' })).not.toHaveAttribute('aria-invalid');
  });

  it('shows errors about the member itself at the top of the form', async () => {
    setup({ error: gqlError('Amira Hoffmann has left the company and cannot get a leader', { code: 'MEMBER_EXITED', field: 'memberId' }) });
    await pickLeader('David Krüger');
    fireEvent.click(screen.getByRole('button', { name: 'Assign leader' }));
    const alert = await screen.findByText(/has left the company/);
    expect(alert.closest('.form-alert')).not.toBeNull();
  });

  it('asks for a leader before sending anything', async () => {
    const { calls } = setup({ data: {} });
    fireEvent.click(screen.getByRole('button', { name: 'Assign leader' }));
    const picker = screen.getByRole('combobox', { name: 'New leader' });
    expect(picker).toHaveAttribute('aria-invalid', 'true');
    expect(description(picker)).toContain('Choose a leader');
    expect(calls.some((c) => c.name === 'AssignLeader')).toBe(false);
  });

  it('reports success', async () => {
    const { onDone } = setup({
      data: { assignLeader: { id: 'r1', startedAt: new Date().toISOString(), leader: { id: '20', name: 'David Krüger' }, member: { id: '10', name: 'Amira Hoffmann' } } },
    });
    await pickLeader('David Krüger');
    fireEvent.click(screen.getByRole('button', { name: 'Assign leader' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: '20', name: 'David Krüger' }));
    expect(within(document.body).queryByRole('alert')).toBeNull();
  });
});
