import { useState } from 'react';
import { asApiError } from '../api/client';
import { useMe, useSignOut } from '../auth/context';
import { roleLabel } from '../auth/types';

/** Who is signed in, and the way out; in the header on every page. */
export function SignedInAs() {
  const me = useMe();
  const signOut = useSignOut();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = me.person?.name ?? 'A service (not a person)';
  const roles = me.roles.map(roleLabel).join(', ');

  const leave = () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    // On success the sign-in page replaces the app, so only failure needs handling here.
    signOut().catch((e: unknown) => {
      setError(`Could not sign out. ${asApiError(e).message}`);
      setBusy(false);
    });
  };

  return (
    <div className="account">
      <p className="account__who">
        <span className="account__label">Signed in as</span> <span className="account__name">{name}</span>
        {roles && <span className="account__roles"> ({roles})</span>}
      </p>
      <button type="button" className="button button--on-brand" onClick={leave} aria-disabled={busy || undefined}>
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {error && (
        <p className="account__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
