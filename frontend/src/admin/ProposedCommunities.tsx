import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { Chips } from '../components/Chips';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { communityPath, personPath, skillPath } from '../lib/paths';
import { Done } from '../components/Done';
import { ApproveCommunity, ProposedCommunitiesQuery, type ProposedCommunity } from './queries';

/** Communities people proposed, waiting for an admin to let them go live. */
export function ProposedCommunities() {
  const { data, error, loading, retry } = useQuery(ProposedCommunitiesQuery, {});
  const action = useAction();
  const [approved, setApproved] = useState<{ id: string; name: string }>();
  const proposed = data?.communities.nodes ?? [];
  const approve = async (c: ProposedCommunity) => {
    setApproved(undefined);
    const result = await action.run(() => request(ApproveCommunity, { id: c.id }));
    if (result) {
      setApproved(result.approveCommunity.community);
      retry();
    }
  };
  return (
    <section className="panel" aria-labelledby="proposed-heading">
      <h2 id="proposed-heading">Communities waiting for approval</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="proposed communities" />
      ) : proposed.length === 0 ? (
        <Empty>No community is waiting for approval.</Empty>
      ) : (
        <ul className="plain-list proposed" aria-label="Proposed communities">
          {proposed.map((c) => (
            <li key={c.id} className="proposed__item">
              <p>
                <strong>{c.name}</strong>
                {c.proposedBy && (
                  <span className="muted">
                    {' '}
                    · proposed by <Link to={personPath(c.proposedBy.id)}>{c.proposedBy.name}</Link>
                  </span>
                )}
                {c.description && <span className="block">{c.description}</span>}
              </p>
              <Chips items={c.skills} to={skillPath} label={`Skills of ${c.name}`} />
              <button
                type="button"
                className="button button--primary button--small"
                disabled={action.busy}
                onClick={() => approve(c)}
              >
                Approve {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {approved && !action.busy && (
        <Done>
          Approved <Link to={communityPath(approved.id)}>{approved.name}</Link>: it is live and listed under
          Communities.
        </Done>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
