import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { ComplaintThreadPage } from './ComplaintThreadPage.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const TOKEN = 'rct_test';
const entry = (id: string, kind: string, body: string | null, extra: Record<string, unknown> = {}) => ({ id, kind, body, status: null, author: null, at: '2030-01-01T10:00:00Z', ...extra });
const thread = (over: Record<string, unknown> = {}) => ({
  number: 'C-000042',
  subject: 'Parcel arrived broken',
  status: 'IN_PROGRESS',
  receivedAt: '2030-01-01T09:00:00Z',
  resolution: null,
  canReply: true,
  canRateRecovery: false,
  recoveryRating: null,
  language: 'en',
  improvement: null,
  entries: [entry('1', 'CUSTOMER_MESSAGE', 'The lid was crushed.'), entry('2', 'STATUS_CHANGED', null, { status: 'ACKNOWLEDGED' }), entry('3', 'STAFF_MESSAGE', 'A new one is on its way.', { author: 'Sam Support' })],
  ...over,
});

describe('ComplaintThreadPage', () => {
  it('shows the conversation and sends an answer that appears in it', async () => {
    const mock = mockClient({
      ComplaintThread: () => ({ data: { complaintThread: thread() } }),
      ReplyToComplaintThread: (v) => ({ data: { replyToComplaintThread: thread({ entries: [...thread().entries, entry('4', 'CUSTOMER_MESSAGE', v.body)] }) } }),
    });
    renderWith(<ComplaintThreadPage token={TOKEN} />, { client: mock.client, url: `/c/${TOKEN}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Parcel arrived broken' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const conversation = screen.getByRole('list', { name: 'Conversation' });
    expect(within(conversation).getByText('Sam Support')).toBeInTheDocument();
    expect(within(conversation).getByText('Seen by our team', { exact: false })).toBeInTheDocument();
    fireEvent.submit(screen.getByRole('form', { name: 'Answer us' }));
    expect(screen.getByLabelText('Your answer')).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: '  Thanks, it still rattles.  ' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Answer us' }));
    expect(await within(conversation).findByText('Thanks, it still rattles.')).toBeInTheDocument();
    expect(mock.calls.find((c) => c.name === 'ReplyToComplaintThread')?.variables).toEqual({ token: TOKEN, body: 'Thanks, it still rattles.' });
    expect(screen.getByRole('status')).toHaveTextContent('Sent');
  });

  it('asks for the recovery rating once resolved', async () => {
    const mock = mockClient({
      ComplaintThread: () => ({ data: { complaintThread: thread({ status: 'RESOLVED', resolution: 'Replaced it.', canRateRecovery: true }) } }),
      RateComplaintRecovery: (v) => ({ data: { rateComplaintRecovery: thread({ status: 'RESOLVED', resolution: 'Replaced it.', recoveryRating: v.rating }) } }),
    });
    renderWith(<ComplaintThreadPage token={TOKEN} />, { client: mock.client, url: `/c/${TOKEN}` });
    expect(await screen.findByText('Replaced it.')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('4 of 5'));
    fireEvent.submit(screen.getByRole('form', { name: 'Rate how we handled it' }));
    expect(await screen.findByText(/You rated how we handled it 4 of 5/)).toBeInTheDocument();
  });

  it('explains a link that does not work', async () => {
    const mock = mockClient({ ComplaintThread: () => ({ error: gqlError('This link is unknown', { code: 'THREAD_LINK_INVALID', field: 'token' }) }) });
    renderWith(<ComplaintThreadPage token="rct_nope" />, { client: mock.client, url: '/c/rct_nope' });
    expect(await screen.findByRole('heading', { name: 'This link doesn’t work' })).toBeInTheDocument();
  });
});
