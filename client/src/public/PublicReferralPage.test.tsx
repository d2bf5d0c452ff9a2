import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { PublicReferralPage } from './PublicReferralPage.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const valid = () => ({ data: { referralLink: { state: 'VALID', referrerFirstName: 'Ida', expiresAt: '2030-02-01T00:00:00Z' } } });

function fill(email = 'kim@example.com') {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Kim Friend' } });
  fireEvent.change(screen.getByLabelText('Your email'), { target: { value: email } });
  fireEvent.click(screen.getByLabelText('I agree to be contacted about this recommendation.'));
}

describe('PublicReferralPage', () => {
  it('names who recommends us, checks the form in place, and thanks the friend', async () => {
    const mock = mockClient({ ReferralLink: valid, SubmitPublicReferral: () => ({ data: { submitPublicReferral: { remainingUses: 4 } } }) });
    renderWith(<PublicReferralPage token="rrf_abc" />, { client: mock.client, url: '/r/rrf_abc' });
    expect(await screen.findByRole('heading', { name: 'Ida recommends us to you', level: 1 })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send my details' }));
    expect(screen.getByLabelText('Your name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('I agree to be contacted about this recommendation.')).toHaveAttribute('aria-invalid', 'true');
    expect(mock.calls.filter((c) => c.name === 'SubmitPublicReferral')).toHaveLength(0);
    fill();
    fireEvent.submit(screen.getByRole('form', { name: 'Your details' }));
    expect(await screen.findByRole('heading', { name: 'Thank you, Kim' })).toBeInTheDocument();
    expect(mock.calls.find((c) => c.name === 'SubmitPublicReferral')!.variables.input).toEqual({ token: 'rrf_abc', name: 'Kim Friend', email: 'kim@example.com', consent: true });
  });

  it('shows a guard refusal next to the email field', async () => {
    const mock = mockClient({
      ReferralLink: valid,
      SubmitPublicReferral: () => ({ error: gqlError('This address already belongs to one of our customers.', { code: 'ALREADY_CUSTOMER', field: 'email' }) }),
    });
    renderWith(<PublicReferralPage token="rrf_abc" />, { client: mock.client, url: '/r/rrf_abc' });
    await screen.findByRole('heading', { level: 1 });
    fill('jan@example.com');
    fireEvent.submit(screen.getByRole('form', { name: 'Your details' }));
    expect(await screen.findByText(/already belongs to one of our customers/)).toBeInTheDocument();
    expect(screen.getByLabelText('Your email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says plainly when the link has expired or is used up', async () => {
    const mock = mockClient({ ReferralLink: () => ({ data: { referralLink: { state: 'EXPIRED', referrerFirstName: null, expiresAt: null } } }) });
    renderWith(<PublicReferralPage token="rrf_old" />, { client: mock.client, url: '/r/rrf_old' });
    expect(await screen.findByRole('heading', { name: 'This referral link has expired', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });
});
