import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ErrorMessage } from '../components/Status';
import { communityPath } from '../lib/paths';
import { Done } from '../components/Done';
import { CommunityForm, type CommunityDraft } from './CommunityForm';
import { CreateCommunity, MyProposals } from './queries';

const EMPTY: CommunityDraft = { name: '', description: '', visibility: 'OPEN', skills: [] };

/**
 * "Propose a community" for employees (it waits for an admin, with them as its
 * lead) or "Create a community" for admins (live at once), and the signed-in
 * person's proposals still waiting for approval.
 */
export function ProposeCommunity({ onCreated }: { onCreated: () => void }) {
  const me = useMe();
  const admin = me.roles.includes('ADMIN');
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<{ id: string; name: string; status: string }>();
  const proposals = useQuery(MyProposals, {});
  const mine = (proposals.data?.communities.nodes ?? []).filter(
    (c) => c.proposedBy?.id != null && c.proposedBy.id === me.person?.id,
  );
  const verb = admin ? 'Create a community' : 'Propose a community';

  const create = async (d: CommunityDraft) => {
    const done = await action.run(() =>
      request(CreateCommunity, {
        input: {
          name: d.name,
          description: d.description || null,
          visibility: d.visibility,
          skillIds: d.skills.map((s) => s.id),
        },
      }),
    );
    if (done) {
      setMade(done.createCommunity.community);
      setOpen(false);
      proposals.retry();
      onCreated();
    }
  };

  return (
    <section className="panel" aria-labelledby="propose-heading">
      <h2 id="propose-heading">{verb}</h2>
      {made &&
        (made.status === 'PROPOSED' ? (
          <Done>
            Sent to the admins: <Link to={communityPath(made.id)}>{made.name}</Link> is waiting for approval. You are
            its lead, and it is listed here once an admin approves it.
          </Done>
        ) : (
          <Done>
            Created <Link to={communityPath(made.id)}>{made.name}</Link>: it is live, and you can invite people from its
            page.
          </Done>
        ))}
      {open ? (
        <CommunityForm
          initial={EMPTY}
          submit={admin ? 'Create community' : 'Send for approval'}
          busy={action.busy}
          onSubmit={create}
          onCancel={() => setOpen(false)}
        >
          <p className="muted small">
            {admin
              ? 'As an admin, the community goes live at once.'
              : 'An admin approves a new community before it is listed. You become its lead, and can invite people once it is live.'}
          </p>
          {action.error && <ErrorMessage error={action.error} />}
        </CommunityForm>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            setMade(undefined);
            action.clear();
            setOpen(true);
          }}
        >
          {verb}
        </button>
      )}
      {mine.length > 0 && (
        <>
          <h3>Your proposals waiting for approval</h3>
          <ul className="plain-list" aria-label="Your proposals">
            {mine.map((c) => (
              <li key={c.id}>
                <Link to={communityPath(c.id)}>{c.name}</Link>{' '}
                <span className="badge badge--left">Waiting for approval</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
