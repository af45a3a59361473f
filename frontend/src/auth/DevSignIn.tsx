import { useRef, useState, type FormEvent } from 'react';
import { asApiError } from '../api/client';
import { DEV_WARNING } from '../components/DevBanner';
import { devSignIn } from './api';
import { PersonPicker } from './PersonPicker';
import { RoleChoice } from './RoleChoice';
import type { AuthPerson, Me, Role } from './types';

const CHOOSE_FIRST = 'Choose a person to sign in as: type the start of a name, then pick someone from the list.';

/** Development sign-in: pick any person and a role, and the server signs you in as them. */
export function DevSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [chosen, setChosen] = useState<AuthPerson | null>(null);
  const [role, setRole] = useState<Role>('EMPLOYEE');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const choose = (person: AuthPerson) => {
    setChosen(person);
    setError(undefined);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!chosen) {
      setError(CHOOSE_FIRST);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    devSignIn(chosen.id, role).then(onSignedIn, (err: unknown) => {
      setError(asApiError(err).message);
      setBusy(false);
    });
  };

  return (
    <form className="panel dev-sign-in" aria-labelledby="dev-sign-in-heading" onSubmit={submit} noValidate>
      <h2 id="dev-sign-in-heading">Development sign-in</h2>
      <p className="notice notice--urgent">{DEV_WARNING}</p>
      <p>Choose who to be and with which role. Nobody checks a password.</p>
      <PersonPicker chosen={chosen} onChoose={choose} inputRef={input} invalid={error === CHOOSE_FIRST} />
      <RoleChoice value={role} onChange={setRole} />
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
