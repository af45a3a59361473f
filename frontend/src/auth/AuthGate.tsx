import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useInRouterContext, useLocation } from 'react-router';
import { ApiProvider } from '../api/ApiProvider';
import { asApiError, type ApiError } from '../api/client';
import { onSessionEnded, SESSION_ENDED_MESSAGE } from '../api/session';
import { ErrorMessage, Loading } from '../components/Status';
import { fetchMe, signOut as endSession } from './api';
import { SessionContext, type Session } from './context';
import { safeNext } from './signInErrors';
import { SignInLayout } from './SignInLayout';
import { SIGN_IN_PATH, SignInPage, type Notice } from './SignInPage';
import type { Me } from './types';

type State =
  | { status: 'checking' }
  | { status: 'unavailable'; error: ApiError }
  | { status: 'signedOut'; notice?: Notice }
  | { status: 'signedIn'; me: Me };

const SIGNED_OUT: Notice = { text: 'You have signed out.', urgent: false };
const SESSION_ENDED: Notice = { text: SESSION_ENDED_MESSAGE, urgent: true };

/**
 * Asks the server who is signed in (GET /auth/me) and shows the sign-in page
 * until someone is; then renders `children` with the identity in context
 * (see `useMe`). Any GraphQL answer of HTTP 401 returns here to sign in again.
 * `initialMe` skips the first question, for an identity already known (tests).
 */
export function AuthGate({ children, initialMe }: { children: ReactNode; initialMe?: Me }) {
  const [state, setState] = useState<State>(initialMe ? { status: 'signedIn', me: initialMe } : { status: 'checking' });

  useEffect(() => {
    if (state.status !== 'checking') return;
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => {
        if (!controller.signal.aborted) setState(me ? { status: 'signedIn', me } : { status: 'signedOut' });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'unavailable', error: asApiError(e) });
      },
    );
    return () => controller.abort();
  }, [state.status]);

  useEffect(
    () =>
      onSessionEnded(() =>
        setState((s) => (s.status === 'signedIn' ? { status: 'signedOut', notice: SESSION_ENDED } : s)),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    await endSession();
    setState({ status: 'signedOut', notice: SIGNED_OUT });
  }, []);
  const signedIn = useCallback((me: Me) => setState({ status: 'signedIn', me }), []);
  const session = useMemo<Session | null>(
    () => (state.status === 'signedIn' ? { me: state.me, signOut } : null),
    [state, signOut],
  );
  const inRouter = useInRouterContext();

  switch (state.status) {
    case 'checking':
      return (
        <SignInLayout>
          <Loading what="Tacit" />
        </SignInLayout>
      );
    case 'unavailable':
      return (
        <SignInLayout>
          <h1>Tacit is not available</h1>
          <ErrorMessage error={state.error} onRetry={() => setState({ status: 'checking' })} />
        </SignInLayout>
      );
    case 'signedOut':
      return <SignInPage notice={state.notice} onSignedIn={signedIn} />;
    case 'signedIn':
      return (
        <SessionContext value={session}>
          <ApiProvider key={sessionKey(state.me)}>
            {inRouter ? <LeaveSignInPath>{children}</LeaveSignInPath> : children}
          </ApiProvider>
        </SessionContext>
      );
  }
}

/** Signed in on `/signin` (after a failed sign-in through the identity provider): on to the page it was for. */
function LeaveSignInPath({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (location.pathname !== SIGN_IN_PATH) return children;
  return <Navigate to={safeNext(new URLSearchParams(location.search).get('next'))} replace />;
}

/** Who is signed in and as what: a change starts a new client with an empty cache. */
function sessionKey(me: Me): string {
  return `${me.person?.id ?? 'no person'} as ${me.roles.join(',')} via ${me.via}`;
}
