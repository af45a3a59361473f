import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { formatDate } from '../lib/time';
import { ChangeRole, JoinCommunity, LeaveCommunity } from './queries';

/** Join, ask to join, or leave: what the signed-in person can do about their membership. */
export function MembershipActions({
  id,
  name,
  visibility,
  member,
  onlyLead = false,
  others = [],
  pending,
  declined,
  onChange,
}: {
  id: string;
  name: string;
  visibility: string;
  member: boolean;
  /** The signed-in person is the community's only lead: they hand over before leaving. */
  onlyLead?: boolean;
  /** The other members, one of whom the only lead may name as lead before leaving. */
  others?: ReadonlyArray<{ id: string; name: string }>;
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
        <HandOver id={id} name={name} others={others} busy={action.busy} act={act} onChange={onChange} />
      ) : member ? (
        <button
          type="button"
          className="button"
          disabled={action.busy}
          onClick={() => act(() => request(LeaveCommunity, { id }))}
        >
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
        <button
          type="button"
          className="button button--primary"
          disabled={action.busy}
          onClick={() => act(() => request(JoinCommunity, { id, message: null }))}
        >
          Join {name}
        </button>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </div>
  );
}

/** The only lead's way out: name another member lead, then leave. */
function HandOver({
  id,
  name,
  others,
  busy,
  act,
  onChange,
}: {
  id: string;
  name: string;
  others: ReadonlyArray<{ id: string; name: string }>;
  busy: boolean;
  act: (work: () => Promise<unknown>) => Promise<void>;
  onChange: () => void;
}) {
  const [successor, setSuccessor] = useState('');
  const chosen = others.find((o) => o.id === successor);
  return (
    <div className="hand-over">
      <p className="status status--empty" id="only-lead">
        You are the only lead of {name}, so you cannot leave yet: someone has to look after its members, requests and
        skills.{' '}
        {others.length > 0
          ? 'Name another member lead, then leave.'
          : 'It has no other members yet: invite someone (see People who might join), make them lead, then leave.'}
      </p>
      {others.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return;
            void act(async () => {
              await request(ChangeRole, { community: id, person: chosen.id, role: 'LEAD' });
              try {
                return await request(LeaveCommunity, { id });
              } finally {
                // The new lead stands even if leaving failed: show the community as it now is.
                onChange();
              }
            });
          }}
        >
          <div className="field">
            <label htmlFor="successor">New lead</label>
            <select
              id="successor"
              value={successor}
              aria-describedby="only-lead"
              onChange={(e) => setSuccessor(e.target.value)}
            >
              <option value="">Choose a member…</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy || !chosen}>
            {chosen ? `Make ${chosen.name} lead, then leave` : 'Make them lead, then leave'}
          </button>
        </form>
      )}
    </div>
  );
}
