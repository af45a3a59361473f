import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { Avatar } from '../components/Avatar';
import { Empty, ErrorMessage } from '../components/Status';
import { label } from '../lib/labels';
import { personPath } from '../lib/paths';
import { ChangeRole, RemoveMember } from './queries';

export interface Member {
  role: string;
  person: { id: string; name: string; office?: { name: string } | null };
}

const ROLES = ['LEAD', 'EXPERT', 'MEMBER'] as const;

/** The members, leads first; a community's leads (and admins) change roles and remove members here. */
export function MemberList({
  community,
  members,
  curates,
  onChange,
}: {
  community: string;
  members: ReadonlyArray<Member>;
  curates: boolean;
  onChange: (done: string) => void;
}) {
  if (members.length === 0) return <Empty>No members yet.</Empty>;
  return (
    <ul className="plain-list people-list people-list--grid" aria-label="Members">
      {members.map((m) => (
        <li key={m.person.id}>
          <Avatar name={m.person.name} />
          <span className="member">
            <Link to={personPath(m.person.id)}>{m.person.name}</Link>
            <span className="muted block">{[label(m.role), m.person.office?.name].filter(Boolean).join(' · ')}</span>
            {curates && <Curate community={community} member={m} onChange={onChange} />}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Curate({
  community,
  member,
  onChange,
}: {
  community: string;
  member: Member;
  onChange: (done: string) => void;
}) {
  const action = useAction();
  const [role, setRole] = useState(member.role);
  const name = member.person.name;
  const id = `role-${member.person.id}`;
  return (
    <span className="member__curate">
      <label htmlFor={id} className="visually-hidden">
        Role of {name}
      </label>
      <select id={id} value={role} onChange={(e) => setRole(e.target.value)} disabled={action.busy}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {label(r)}
          </option>
        ))}
      </select>{' '}
      <button
        type="button"
        className="button button--small"
        disabled={action.busy || role === member.role}
        aria-label={`Save the role of ${name}`}
        onClick={async () => {
          const done = await action.run(() =>
            request(ChangeRole, { community, person: member.person.id, role: role as (typeof ROLES)[number] }),
          );
          if (done) onChange(`${name} is now ${label(role).toLowerCase()}.`);
        }}
      >
        Save role
      </button>{' '}
      <button
        type="button"
        className="button button--small"
        disabled={action.busy}
        aria-label={`Remove ${name}`}
        onClick={async () => {
          if (!window.confirm(`Remove ${name} from the community?`)) return;
          const done = await action.run(() => request(RemoveMember, { community, person: member.person.id }));
          if (done) onChange(`${name} is no longer a member.`);
        }}
      >
        Remove
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </span>
  );
}
