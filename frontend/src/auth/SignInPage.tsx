import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { asApiError, type ApiError } from '../api/client';
import { ErrorMessage, Loading } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { fetchAuthConfig } from './api';
import { DevSignIn } from './DevSignIn';
import { OrganisationSignIn } from './OrganisationSignIn';
import { safeNext, signInError } from './signInErrors';
import { SignInLayout } from './SignInLayout';
import type { AuthConfig, Me } from './types';

/** Where the server sends the browser when a sign-in through the identity provider did not work. */
export const SIGN_IN_PATH = '/signin';

/** Why the sign-in page is shown again: `urgent` ones (the session ended) are announced at once. */
export interface Notice {
  text: string;
  urgent: boolean;
}

/**
 * Shown until someone is signed in: the organisation's sign-in (OIDC) and the
 * development sign-in, whichever the server offers, otherwise how to get
 * access; on `/signin?error=…`, why the last sign-in did not work.
 */
export function SignInPage({ notice, onSignedIn }: { notice?: Notice; onSignedIn: (me: Me) => void }) {
  usePageTitle('Sign in');
  const config = useAuthConfig();
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const onSignInPath = location.pathname === SIGN_IN_PATH;
  const failure = onSignInPath ? params.get('error') : null;
  // Back to the page that was open: from /signin, the one the failed sign-in was for.
  const next = onSignInPath ? safeNext(params.get('next')) : location.pathname + location.search;

  // Coming back here from the app (signed out, the session ended) or from a failed sign-in: start reading at the top.
  useEffect(() => {
    if (notice || failure) heading.current?.focus();
  }, [notice, failure]);

  return (
    <SignInLayout>
      <section aria-labelledby="sign-in-heading" className="sign-in">
        <h1 id="sign-in-heading" ref={heading} tabIndex={-1}>
          Sign in to Tacit
        </h1>
        {notice && (
          <p className={`notice${notice.urgent ? ' notice--urgent' : ''}`} role={notice.urgent ? 'alert' : 'status'}>
            {notice.text}
          </p>
        )}
        {failure && <SignInFailure code={failure} />}
        {config.error ? (
          <ErrorMessage error={config.error} onRetry={config.retry} />
        ) : !config.data ? (
          <Loading what="sign-in options" />
        ) : (
          <SignInOptions config={config.data} next={next} onSignedIn={onSignedIn} />
        )}
      </section>
    </SignInLayout>
  );
}

function SignInOptions({
  config,
  next,
  onSignedIn,
}: {
  config: AuthConfig;
  next: string;
  onSignedIn: (me: Me) => void;
}) {
  const oidc = config.oidc?.enabled && config.oidc.loginUrl ? config.oidc : null;
  if (!oidc && !config.devAuth) return <IdentityProviderNotice />;
  return (
    <div className="sign-in__options">
      {oidc?.loginUrl && <OrganisationSignIn loginUrl={oidc.loginUrl} next={next} providerName={oidc.providerName} />}
      {config.devAuth && <DevSignIn onSignedIn={onSignedIn} />}
    </div>
  );
}

function SignInFailure({ code }: { code: string }) {
  const { text, action } = signInError(code);
  return (
    <div className="status status--error sign-in__failure" role="alert">
      <p>{text}</p>
      <p>{action}</p>
    </div>
  );
}

function IdentityProviderNotice() {
  return (
    <div className="panel sign-in__idp">
      <p>
        Tacit signs people in through your organisation’s identity provider (single sign-on). This server does not have
        one set up yet, so nobody can sign in here.
      </p>
      <p>Please ask whoever runs Tacit for your organisation to configure OIDC sign-in, then reload this page.</p>
    </div>
  );
}

function useAuthConfig() {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: AuthConfig; error?: ApiError }>({});
  useEffect(() => {
    const controller = new AbortController();
    setState({});
    fetchAuthConfig(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ error: asApiError(e) });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
