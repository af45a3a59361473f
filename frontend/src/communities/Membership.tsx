import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { formatDate } from '../lib/time';
import { JoinCommunity, LeaveCommunity } from './queries';

/** Join, ask to join, or leave: what the signed-in person can do about their membership. */
export function MembershipActions({ id, name, visibility, member, onlyLead = false, pending, declined, onChange }: {
  id: string;
  name: string;
  visibility: string;
  member: boolean;
  /** The signed-in person is the community's only lead: they hand over before leaving. */
  onlyLead?: boolean;
  pending: boolean;
  /** The leads' answer to the person's last request to join, when they declined it. */
  declined?: { reason: string | null; decidedAt: string | null } | null;
  onChange: () => void;
}) {
  const action = useAction();
  const [message, setMessage] = useState('');
  const act = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) onChange();
  };
  return (
    <div className="membership-actions">
      {!member && !pending && declined && (
        <p className="status status--empty">
          The leads declined your request to join{declined.decidedAt ? ` on ${formatDate(declined.decidedAt)}` : ''}
          {declined.reason ? (
            <>
              : <q>{declined.reason}</q>
            </>
          ) : (
            '.'
          )}{' '}
          You may ask again.
        </p>
      )}
      {member && onlyLead ? (
        <p className="status status--empty">
          You are the only lead of {name}, so you cannot leave yet: a community with a lead keeps one. Make another member a lead in
          the members list below, then leave.
        </p>
      ) : member ? (
        <button type="button" className="button" disabled={action.busy} onClick={() => act(() => request(LeaveCommunity, { id }))}>
          Leave {name}
        </button>
      ) : pending ? (
        <p className="status status--empty">You asked to join; the leads will answer.</p>
      ) : visibility === 'CLOSED' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => request(JoinCommunity, { id, message: message.trim() || null }));
          }}
        >
          <div className="field">
            <label htmlFor="join-message">A word to the leads (optional)</label>
            <input id="join-message" value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={action.busy}>
            Ask to join
          </button>
        </form>
      ) : (
        <button type="button" className="button button--primary" disabled={action.busy} onClick={() => act(() => request(JoinCommunity, { id, message: null }))}>
          Join {name}
        </button>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </div>
  );
}
