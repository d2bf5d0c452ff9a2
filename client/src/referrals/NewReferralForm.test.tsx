import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { NewReferralDialog } from './NewReferralForm.js';
import { gqlError, mockClient, type Reply } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const search = {
  data: {
    customers: { edges: [{ node: { __typename: 'Customer', id: 'c1', name: 'Greta Vogel', email: 'greta@nordlicht.example', company: 'Nordlicht GmbH' } }] },
    employees: { edges: [{ node: { __typename: 'Employee', id: 'e1', name: 'Gregor Hahn', email: 'gregor@rapport.example', title: 'Sales Lead' } }] },
  },
};

function setup(reply: Reply) {
  const mock = mockClient({ ReferrerSearch: () => search, CreateReferral: () => reply });
  const onCreated = vi.fn();
  renderWith(<NewReferralDialog onClose={() => {}} onCreated={onCreated} />, { client: mock.client });
  return { ...mock, onCreated };
}

async function fillForm(referrer: RegExp, email: string) {
  const picker = screen.getByRole('combobox', { name: 'Referred by' });
  fireEvent.focus(picker);
  fireEvent.change(picker, { target: { value: 'Gre' } });
  fireEvent.click(await screen.findByRole('option', { name: referrer }));
  fireEvent.change(screen.getByLabelText('Name of the person referred'), { target: { value: 'Hannah Berger' } });
  fireEvent.change(screen.getByLabelText('Their email'), { target: { value: email } });
  fireEvent.click(screen.getByRole('button', { name: 'Record referral' }));
}

function description(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('NewReferralDialog', () => {
  it('shows ALREADY_REFERRED next to the email field, naming the first referrer, with a link to that referral', async () => {
    const { calls } = setup({
      error: gqlError('hannah@example.com was already referred by Jonas Albrecht on 2026-11-02; the first referrer keeps the credit', {
        code: 'ALREADY_REFERRED',
        field: 'referredEmail',
        firstReferralId: '77',
      }),
    });
    await fillForm(/Greta Vogel/, 'hannah@example.com');
    const email = screen.getByLabelText('Their email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(description(email)).toContain('already referred by Jonas Albrecht');
    expect(description(email)).toContain('ALREADY_REFERRED');
    expect(screen.getByRole('link', { name: /Open the first referral/ })).toHaveAttribute('href', '/referrals/77');
    // Nothing at the top of the form, the referrer field stays clean.
    expect(document.querySelector('.form-alert')).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Referred by' })).not.toHaveAttribute('aria-invalid');
    expect(calls.find((c) => c.name === 'CreateReferral')?.variables).toEqual({
      input: { kind: 'CUSTOMER', referrerCustomerId: 'c1', referredName: 'Hannah Berger', referredEmail: 'hannah@example.com' },
    });
  });

  it('shows SELF_REFERRAL next to the email field for an employee referrer', async () => {
    const { calls, onCreated } = setup({ error: gqlError('Nobody can refer themselves', { code: 'SELF_REFERRAL', field: 'referredEmail' }) });
    await fillForm(/Gregor Hahn/, 'gregor@rapport.example');
    const email = screen.getByLabelText('Their email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(description(email)).toContain('Nobody can refer themselves');
    expect(description(email)).toContain('SELF_REFERRAL');
    expect(calls.find((c) => c.name === 'CreateReferral')?.variables.input.referrerEmployeeId).toBe('e1');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows REFERRER_INACTIVE next to the referrer field', async () => {
    setup({ error: gqlError('Greta Vogel is no longer a customer', { code: 'REFERRER_INACTIVE', field: 'referrerCustomerId' }) });
    await fillForm(/Greta Vogel/, 'new@example.com');
    const picker = screen.getByRole('combobox', { name: 'Referred by' });
    await waitFor(() => expect(picker).toHaveAttribute('aria-invalid', 'true'));
    expect(description(picker)).toContain('no longer a customer');
    expect(screen.getByLabelText('Their email')).not.toHaveAttribute('aria-invalid');
  });

  it('asks for a referrer and a valid email before sending anything', async () => {
    const { calls } = setup({ data: {} });
    fireEvent.click(screen.getByRole('button', { name: 'Record referral' }));
    expect(screen.getByRole('combobox', { name: 'Referred by' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Their email')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.name === 'CreateReferral')).toBe(false);
  });
});
