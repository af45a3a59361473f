import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { Lookup } from '../components/Lookup';
import { ErrorMessage } from '../components/Status';
import { Done } from '../components/Done';
import { InviteMember } from './queries';

/** Finds anyone by name and invites them; they join when they accept. */
export function InviteByName({
  community,
  exclude,
  onInvited,
}: {
  community: string;
  exclude: readonly string[];
  onInvited: () => void;
}) {
  const action = useAction();
  const [sent, setSent] = useState('');
  return (
    <div className="invite-by-name">
      <Lookup
        kind="person"
        label="Invite someone by name"
        exclude={exclude}
        onChoose={async (c) => {
          setSent('');
          const done = await action.run(() => request(InviteMember, { community, person: c.id, message: null }));
          if (done) {
            setSent(
              done.addMember.membership
                ? `${c.name} had asked to join and is now a member.`
                : `${c.name} is invited: they join when they accept.`,
            );
            onInvited();
          }
        }}
      />
      {sent && <Done>{sent}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
    </div>
  );
}
