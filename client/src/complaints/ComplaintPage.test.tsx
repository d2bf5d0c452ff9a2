import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { ComplaintPage } from './ComplaintPage.js';
import type { ComplaintDetail, ComplaintStatus } from './complaints.graphql.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

/** What the server answers as `allowedNextStatuses` for an admin while any reopen window is open. */
const OFFERED: Record<ComplaintStatus, ComplaintStatus[]> = {
  NEW: ['ACKNOWLEDGED'],
  ACKNOWLEDGED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: ['IN_PROGRESS'],
};

function complaint(status: ComplaintStatus, reopenUntil?: string, allowedNextStatuses = OFFERED[status]): ComplaintDetail {
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 3_600_000).toISOString();
  return {
    id: '7',
    number: 'C-000007',
    subject: 'Invoice charged twice',
    description: 'I was charged twice for March.',
    category: 'billing',
    severity: 'HIGH',
    status,
    channel: 'EMAIL',
    waitingOnCustomer: false,
    createdAt: now,
    customer: { id: '3', name: 'Anna Schmidt' },
    assignee: null,
    team: null,
    escalatedTo: null,
    sla: { state: 'ON_TRACK', firstResponseDueAt: later, firstResponseAt: null, firstResponseBreached: false, resolutionDueAt: later, resolutionBreached: false, remainingSeconds: 3600, nextDueAt: later, atRiskAt: later },
    resolution: status === 'RESOLVED' || status === 'CLOSED' ? 'Refunded' : null,
    rootCause: null,
    reopenCount: 0,
    toBeToldSince: null,
    complainantToldAt: null,
    recoveryRating: null,
    recoveryComment: null,
    resolvedAt: null,
    closedAt: null,
    reopenUntil: status === 'RESOLVED' || status === 'CLOSED' ? (reopenUntil ?? later) : null,
    allowedNextStatuses,
    improvement: null,
    timeline: [],
  };
}

function setup(status: ComplaintStatus, changeReply?: () => any, reopenUntil?: string, allowedNextStatuses?: ComplaintStatus[]) {
  const mock = mockClient({
    Complaint: () => ({ data: { complaint: complaint(status, reopenUntil, allowedNextStatuses) } }),
    ChangeComplaintStatus: changeReply ?? (() => ({ data: { changeComplaintStatus: complaint(status) } })),
  });
  renderWith(<ComplaintPage id="7" />, { client: mock.client, url: '/complaints/7' });
  return mock;
}

const nextStepButtons = () => within(screen.getByRole('group', { name: 'Next step' })).getAllByRole('button').map((b) => b.textContent);

describe('ComplaintPage status actions', () => {
  it.each<[ComplaintStatus, string[]]>([
    ['NEW', ['Acknowledge']],
    ['ACKNOWLEDGED', ['Start']],
    ['IN_PROGRESS', ['Resolve…']],
    ['RESOLVED', ['Close', 'Reopen']],
    ['CLOSED', ['Reopen']],
  ])('offers only the allowed next steps from %s', async (status, expected) => {
    setup(status);
    await screen.findByRole('heading', { name: 'Invoice charged twice' });
    expect(nextStepButtons()).toEqual(expected);
  });

  it.each<[ComplaintStatus, string[]]>([
    ['RESOLVED', ['Close']],
    ['CLOSED', []],
  ])('hides a reopen the server offered once its deadline passes on the page (%s), and says when it ended', async (status, expected) => {
    setup(status, undefined, new Date(Date.now() - 60_000).toISOString());
    await screen.findByRole('heading', { name: 'Invoice charged twice' });
    expect(within(screen.getByRole('group', { name: 'Next step' })).queryAllByRole('button').map((b) => b.textContent)).toEqual(expected);
    expect(screen.getByText(/The reopen window ended/)).toBeInTheDocument();
  });

  it.each<[ComplaintStatus, ComplaintStatus[], string[]]>([
    ['RESOLVED', ['CLOSED'], ['Close']],
    ['CLOSED', [], []],
  ])('offers only what the server allows from %s (no reopen after its window), and says when the window ended', async (status, allowed, expected) => {
    setup(status, undefined, new Date(Date.now() - 60_000).toISOString(), allowed);
    await screen.findByRole('heading', { name: 'Invoice charged twice' });
    expect(within(screen.getByRole('group', { name: 'Next step' })).queryAllByRole('button').map((b) => b.textContent)).toEqual(expected);
    expect(screen.getByText(/The reopen window ended/)).toBeInTheDocument();
  });

  it('offers nothing when the server allows nothing', async () => {
    setup('NEW', undefined, undefined, []);
    await screen.findByRole('heading', { name: 'Invoice charged twice' });
    expect(within(screen.getByRole('group', { name: 'Next step' })).queryAllByRole('button')).toEqual([]);
  });

  it('says until when a reopen is possible', async () => {
    setup('CLOSED');
    expect(await screen.findByText(/Can be reopened until/)).toBeInTheDocument();
  });

  it('moves to the next state with the right input', async () => {
    const { calls } = setup('NEW');
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    const call = calls.find((c) => c.name === 'ChangeComplaintStatus');
    expect(call?.variables).toEqual({ input: { complaintId: '7', status: 'ACKNOWLEDGED' } });
  });

  it('asks for a resolution before resolving', async () => {
    const { calls } = setup('IN_PROGRESS');
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve…' }));
    const dialog = screen.getByRole('dialog', { name: 'Resolve complaint' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say what was done');
    expect(calls.some((c) => c.name === 'ChangeComplaintStatus')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Resolution'), { target: { value: 'Refunded the second charge' } });
    fireEvent.change(within(dialog).getByLabelText(/Root cause/), { target: { value: 'Billing system' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(calls.find((c) => c.name === 'ChangeComplaintStatus')?.variables).toEqual({
      input: { complaintId: '7', status: 'RESOLVED', resolution: 'Refunded the second charge', rootCause: 'Billing system' },
    });
  });

  it('shows the server’s refusal in place', async () => {
    setup('NEW', () => ({ error: gqlError('A NEW complaint cannot become CLOSED; allowed: ACKNOWLEDGED', { code: 'INVALID_TRANSITION', allowed: ['ACKNOWLEDGED'] }) }));
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not a possible next step');
  });
});
