import { useId, useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { roleLabel } from '../auth/types';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { Lookup, type Choice } from '../components/Lookup';
import { personPath } from '../lib/paths';
import { Done } from '../components/Done';
import { ConfirmButton } from '../components/ConfirmButton';
import { GrantRole, RevokeRole, RoleGrantsQuery, type RoleGrant } from './queries';

const GRANTABLE = ['HR', 'ADMIN'] as const;

/** Who holds HR and admin rights (everyone signed in is an employee), granting and taking them back. */
export function RoleGrants() {
  const roleId = useId();
  const { data, error, loading, retry } = useQuery(RoleGrantsQuery, {});
  const action = useAction();
  const [done, setDone] = useState<string>();
  const [person, setPerson] = useState<Choice>();
  const [role, setRole] = useState<(typeof GRANTABLE)[number]>('HR');
  const grants = [...(data?.roleGrants ?? [])].sort(
    (a, b) =>
      (a.person?.name ?? a.personId).localeCompare(b.person?.name ?? b.personId) || a.role.localeCompare(b.role),
  );
  const act = async (work: () => Promise<unknown>, message: string) => {
    setDone(undefined);
    const ok = (await action.run(work)) !== undefined;
    if (ok) {
      setDone(message);
      retry();
    }
    return ok;
  };
  const revoke = (g: RoleGrant) => {
    const who = g.person?.name ?? 'this person';
    void act(
      () => request(RevokeRole, { personId: g.personId, role: g.role }),
      `${who} is no longer ${roleLabel(g.role)}.`,
    );
  };
  return (
    <section className="panel" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="roles" />
      ) : grants.length === 0 ? (
        <Empty>Nobody has been given HR or admin rights yet.</Empty>
      ) : (
        <ul className="plain-list grants" aria-label="Role grants">
          {grants.map((g) => (
            <li key={`${g.personId}-${g.role}`}>
              {g.person ? <Link to={personPath(g.person.id)}>{g.person.name}</Link> : <code>{g.personId}</code>}
              <span className="muted"> · {roleLabel(g.role)}</span>{' '}
              <ConfirmButton
                label="Take back"
                name={`Take back ${roleLabel(g.role)} from ${g.person?.name ?? g.personId}`}
                question={`Take ${roleLabel(g.role)} rights from ${g.person?.name ?? 'them'}?`}
                confirm="Yes, take them back"
                disabled={action.busy}
                onConfirm={() => revoke(g)}
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="grant-form"
        aria-label="Grant a role"
        onSubmit={(e) => {
          e.preventDefault();
          if (!person) return;
          void act(
            () => request(GrantRole, { personId: person.id, role }),
            `${person.name} is now ${roleLabel(role)}.`,
          ).then((ok) => {
            if (ok) setPerson(undefined);
          });
        }}
      >
        {person ? (
          <p className="grant-form__chosen">
            Person: <strong>{person.name}</strong>{' '}
            <button type="button" className="link-button" onClick={() => setPerson(undefined)}>
              choose someone else
            </button>
          </p>
        ) : (
          <Lookup kind="person" label="Give a role to" onChoose={setPerson} />
        )}
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as (typeof GRANTABLE)[number])}>
            {GRANTABLE.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={!person || action.busy}>
          Grant role
        </button>
      </form>
      {done && !action.busy && <Done>{done}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
