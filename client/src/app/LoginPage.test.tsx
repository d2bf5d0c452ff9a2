import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { LoginPage } from './LoginPage.js';
import { gqlError, mockClient, type Reply } from '../test/mockClient.js';
import { adminSession, renderWith } from '../test/render.js';

afterEach(cleanup);

function setup(reply: Reply) {
  const mock = mockClient({ Login: () => reply });
  const session = adminSession({ state: { status: 'anonymous' }, viewer: null, isAdmin: false });
  renderWith(<LoginPage />, { client: mock.client, session, url: '/login' });
  return { ...mock, session };
}

function signIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('says clearly when email and password do not match', async () => {
    const { session } = setup({ error: gqlError('Email or password is wrong', { code: 'UNAUTHENTICATED' }) });
    signIn('admin@test.local', 'nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password don’t match');
    expect(session.signedIn).not.toHaveBeenCalled();
  });

  it('explains rate limiting with the wait time', async () => {
    setup({ error: gqlError('Too many failed logins; try again in 42 s', { code: 'RATE_LIMITED', retryAfterSeconds: 42 }) });
    signIn('admin@test.local', 'nope');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many failed attempts');
    expect(alert).toHaveTextContent('42 s');
  });

  it('asks for both fields before calling the server', () => {
    const { calls } = setup({ data: {} });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your email and password');
    expect(calls).toHaveLength(0);
  });

  it('starts the session on success', async () => {
    const { session, calls } = setup({ data: { login: { expiresAt: '2030-01-01T00:00:00Z', user: { id: '1', email: 'admin@test.local', role: 'ADMIN' } } } });
    signIn(' admin@test.local ', 'correct horse');
    await waitFor(() => expect(session.signedIn).toHaveBeenCalled());
    expect(calls[0].variables).toEqual({ email: 'admin@test.local', password: 'correct horse' });
  });
});
