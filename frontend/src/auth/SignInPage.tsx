import { useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api/client';
import { ErrorMessage, Loading } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { fetchAuthConfig } from './api';
import { DevSignIn } from './DevSignIn';
import { SignInLayout } from './SignInLayout';
import type { AuthConfig, Me } from './types';

/** Why the sign-in page is shown again: `urgent` ones (the session ended) are announced at once. */
export interface Notice {
  text: string;
  urgent: boolean;
}

/** Shown until someone is signed in: development sign-in where the server allows it, otherwise how to get access. */
export function SignInPage({ notice, onSignedIn }: { notice?: Notice; onSignedIn: (me: Me) => void }) {
  usePageTitle('Sign in');
  const config = useAuthConfig();
  const heading = useRef<HTMLHeadingElement>(null);

  // Coming back here from the app (signed out, or the session ended): start reading at the top.
  useEffect(() => {
    if (notice) heading.current?.focus();
  }, [notice]);

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
        {config.error ? (
          <ErrorMessage error={config.error} onRetry={config.retry} />
        ) : !config.data ? (
          <Loading what="sign-in options" />
        ) : config.data.devAuth ? (
          <DevSignIn onSignedIn={onSignedIn} />
        ) : (
          <IdentityProviderNotice />
        )}
      </section>
    </SignInLayout>
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
