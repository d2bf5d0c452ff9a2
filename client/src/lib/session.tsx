import { t } from '../i18n/index.js';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createRapportClient } from './client.js';
import { LogoutMutation, MeQuery, type Viewer } from './app.graphql.js';
import { navigateTo } from './router.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'signedIn'; viewer: Viewer }
  | { status: 'error'; message: string };

export interface Session {
  state: SessionState;
  viewer: Viewer | null;
  isAdmin: boolean;
  /** Call after a successful login: starts a fresh client (and cache) and loads the viewer. */
  signedIn(): void;
  signOut(): Promise<void>;
  retry(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return here.startsWith('/login') || here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/**
 * Owns the urql client. Each sign-in or sign-out starts a new client, so no
 * cached data or open socket outlives the session it belongs to.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;

  const rapport = useMemo(
    () =>
      createRapportClient({
        onUnauthenticated: () => {
          if (stateRef.current.status === 'anonymous') return;
          setState({ status: 'anonymous', expired: true });
          navigateTo(loginPath(), { replace: true });
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [generation],
  );
  useEffect(() => () => rapport.dispose(), [rapport]);

  useEffect(() => {
    let live = true;
    rapport.client
      .query(MeQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!live) return;
        if (result.data) setState({ status: 'signedIn', viewer: result.data.me });
        else if (result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) setState({ status: 'anonymous' });
        else setState({ status: 'error', message: result.error?.message ?? t('app.couldNotReach') });
      });
    return () => {
      live = false;
    };
  }, [rapport]);

  const signedIn = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const signOut = useCallback(async () => {
    await rapport.client.mutation(LogoutMutation, {}).toPromise();
    setState({ status: 'anonymous' });
    setGeneration((g) => g + 1);
    navigateTo('/login');
  }, [rapport]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const session = useMemo<Session>(() => {
    const viewer = state.status === 'signedIn' ? state.viewer : null;
    return { state, viewer, isAdmin: viewer?.role === 'ADMIN', signedIn, signOut, retry };
  }, [state, signedIn, signOut, retry]);

  return (
    <SessionContext.Provider value={session}>
      <Provider value={rapport.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
