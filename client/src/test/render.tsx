import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider, type Client } from 'urql';
import { vi } from 'vitest';
import { Router } from '../lib/router.js';
import { SessionContext, type Session } from '../lib/session.js';

export function adminSession(overrides: Partial<Session> = {}): Session {
  return {
    state: { status: 'signedIn', viewer: { kind: 'user', role: 'ADMIN', label: 'admin@test.local', employee: null } },
    viewer: { kind: 'user', role: 'ADMIN', label: 'admin@test.local', employee: null },
    isAdmin: true,
    signedIn: vi.fn(),
    signOut: vi.fn(async () => {}),
    retry: vi.fn(),
    ...overrides,
  };
}

/** Renders with a router, a session and the given (mock) urql client. */
export function renderWith(ui: ReactElement, { client, session = adminSession(), url = '/' }: { client: Client; session?: Session; url?: string }) {
  window.history.replaceState(null, '', url);
  return render(
    <Router>
      <SessionContext.Provider value={session}>
        <Provider value={client}>{ui}</Provider>
      </SessionContext.Provider>
    </Router>,
  );
}
