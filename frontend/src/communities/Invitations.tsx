import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { FocusedStatus } from '../components/FocusedStatus';
import { ErrorMessage } from '../components/Status';
import { communityPath, personPath } from '../lib/paths';
import { formatDate } from '../lib/time';
import { AnswerInvitation, MyInvitations } from './queries';

const ROLE_WORDS: Record<string, string> = { LEAD: 'a lead', EXPERT: 'an expert', MEMBER: 'a member' };

/** Invitations to join communities, waiting for the signed-in person's answer; nothing when there are none. */
export function Invitations({ onChange }: { onChange?: () => void }) {
  const { data, error, retry } = useQuery(MyInvitations, {});
  const action = useAction();
  const [answered, setAnswered] = useState<string>();
  const invitations = data?.myInvitations ?? [];
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (invitations.length === 0) return answered ? <FocusedStatus key={answered}>{answered}</FocusedStatus> : null;
  const answer = async (id: string, accept: boolean, community: string) => {
    if (await action.run(() => request(AnswerInvitation, { id, accept }))) {
      setAnswered(accept ? `You joined ${community}.` : `You declined the invitation to ${community}.`);
      retry();
      onChange?.();
    }
  };
  return (
    <section className="panel" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations for you ({invitations.length})</h2>
      {answered && <FocusedStatus key={answered}>{answered}</FocusedStatus>}
      <ul className="plain-list" aria-label="Invitations for you">
        {invitations.map((i) => (
          <li key={i.id} className="request">
            <p>
              {i.invitedBy ? <Link to={personPath(i.invitedBy.id)}>{i.invitedBy.name}</Link> : 'A lead'} invites you to
              join {i.community ? <Link to={communityPath(i.community.id)}>{i.community.name}</Link> : 'a community'} as{' '}
              {ROLE_WORDS[i.role] ?? 'a member'}
              <span className="muted"> · {formatDate(i.createdAt)}</span>
              {i.message && <span className="block">“{i.message}”</span>}
            </p>
            <button
              type="button"
              className="button button--primary"
              disabled={action.busy}
              onClick={() => answer(i.id, true, i.community?.name ?? 'the community')}
            >
              Accept{i.community ? ` and join ${i.community.name}` : ''}
            </button>{' '}
            <button
              type="button"
              className="button"
              disabled={action.busy}
              onClick={() => answer(i.id, false, i.community?.name ?? 'the community')}
            >
              Decline
            </button>
          </li>
        ))}
      </ul>
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
