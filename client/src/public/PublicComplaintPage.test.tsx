import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { PublicComplaintPage } from './PublicComplaintPage.js';
import { gqlError, mockClient, type Reply } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

function fill() {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Anna Schmidt' } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'anna@example.com' } });
  fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Parcel never arrived' } });
  fireEvent.change(screen.getByLabelText('What happened?'), { target: { value: 'Ordered on the 3rd, still nothing.' } });
}

describe('PublicComplaintPage', () => {
  it('keeps one idempotency key across a double submit and shows the receipt', async () => {
    const replies: Reply[] = [
      { error: gqlError('Too many complaints from here; try again in 30 s', { code: 'RATE_LIMITED', retryAfterSeconds: 30 }) },
      { data: { submitComplaint: { number: 'C-000042', receivedAt: '2030-01-01T10:00:00Z' } } },
    ];
    const mock = mockClient({ SubmitComplaint: () => replies.shift() });
    renderWith(<PublicComplaintPage />, { client: mock.client, url: '/complain' });
    fill();
    const form = screen.getByRole('form', { name: 'Complaint' });
    fireEvent.submit(form);
    expect(await screen.findByRole('alert')).toHaveTextContent('try again in 30 s');
    fireEvent.submit(form);
    expect(await screen.findByTestId('receipt-number')).toHaveTextContent('C-000042');
    const keys = mock.calls.filter((c) => c.name === 'SubmitComplaint').map((c) => c.variables.input.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[0].length).toBeGreaterThanOrEqual(8);
    expect(keys[1]).toBe(keys[0]);
  });

  it('validates in place before sending anything', () => {
    const mock = mockClient({});
    renderWith(<PublicComplaintPage />, { client: mock.client, url: '/complain' });
    fireEvent.click(screen.getByRole('button', { name: 'Send complaint' }));
    expect(screen.getByLabelText('Your name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(mock.calls).toHaveLength(0);
  });

  it('shows a server field error next to its field', async () => {
    const mock = mockClient({ SubmitComplaint: () => ({ error: gqlError('`email` must be an email', { code: 'BAD_USER_INPUT', field: 'input.email' }) }) });
    renderWith(<PublicComplaintPage />, { client: mock.client, url: '/complain' });
    fill();
    fireEvent.submit(screen.getByRole('form', { name: 'Complaint' }));
    expect(await screen.findByText(/must be an email/)).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });
});
