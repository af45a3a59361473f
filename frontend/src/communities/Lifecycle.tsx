import { useState } from 'react';
import { useNavigate } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/Status';
import { communityPath } from '../lib/paths';
import { plural } from '../lib/text';
import { Done } from '../components/Done';
import { ArchiveCommunity, CuratableCommunities, MergeCommunities, UnarchiveCommunity } from './queries';

/** Archive, bring back, or merge a community: for its leads and admins, each confirmed in words first. */
export function Lifecycle({
  community,
  onChange,
}: {
  community: { id: string; name: string; status: string; memberCount: number; skillCount: number };
  onChange: () => void;
}) {
  const action = useAction();
  const navigate = useNavigate();
  const [done, setDone] = useState('');
  const { id, name } = community;
  const act = async (work: () => Promise<unknown>, text: string) => {
    setDone('');
    if (await action.run(work)) {
      setDone(text);
      onChange();
    }
  };
  return (
    <section className="panel" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">Archive or merge</h2>
      {community.status === 'ACTIVE' && (
        <p>
          <ConfirmButton
            label="Archive"
            name={`Archive ${name}`}
            question={`Archive ${name}? It leaves search and the list of communities; its members and record are kept, and a lead can bring it back.`}
            confirm="Yes, archive it"
            disabled={action.busy}
            onConfirm={() =>
              act(() => request(ArchiveCommunity, { id }), `${name} is archived. Bring it back here at any time.`)
            }
          />
        </p>
      )}
      {community.status === 'ARCHIVED' && (
        <p>
          <ConfirmButton
            label="Bring back"
            name={`Bring ${name} back`}
            question={`Bring ${name} back? It shows in search and the list of communities again.`}
            confirm="Yes, bring it back"
            disabled={action.busy}
            onConfirm={() => act(() => request(UnarchiveCommunity, { id }), `${name} is active again.`)}
          />
        </p>
      )}
      {community.status === 'ACTIVE' && (
        <Merge
          community={community}
          busy={action.busy}
          run={action.run}
          onMerged={(survivor, text) => {
            setDone(text);
            onChange();
            if (survivor !== id) navigate(communityPath(survivor));
          }}
        />
      )}
      {done && <Done>{done}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

function Merge({
  community,
  busy,
  run,
  onMerged,
}: {
  community: { id: string; name: string; memberCount: number; skillCount: number };
  busy: boolean;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  onMerged: (survivor: string, text: string) => void;
}) {
  const me = useMe();
  const { data } = useQuery(CuratableCommunities, {});
  const [other, setOther] = useState('');
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  // Admins merge any two; a lead merges only communities they lead both of.
  const choices = (
    me.roles.includes('ADMIN')
      ? (data?.communities.nodes ?? [])
      : (data?.me.leads ?? []).filter((c) => c.status === 'ACTIVE')
  ).filter((c) => c.id !== community.id);
  if (!data) return null;
  if (choices.length === 0) {
    return <p className="muted small">To merge, you need to lead another active community as well.</p>;
  }
  const chosen = choices.find((c) => c.id === other);
  const [survivor, merged] = keep === 'this' ? [community.name, chosen?.name] : [chosen?.name, community.name];
  const what =
    keep === 'this'
      ? `members (keeping each one's higher role) and skills`
      : `${plural(community.memberCount, 'member', 'members')} (keeping each one's higher role) and ${plural(community.skillCount, 'skill', 'skills')}`;
  return (
    <div className="merge">
      <div className="field">
        <label htmlFor="merge-with">Merge with</label>
        <select id="merge-with" value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">Choose a community…</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <>
          <fieldset>
            <legend>Which one stays?</legend>
            <label className="choice">
              <input type="radio" name="merge-keep" checked={keep === 'this'} onChange={() => setKeep('this')} />{' '}
              {community.name} stays
            </label>
            <label className="choice">
              <input type="radio" name="merge-keep" checked={keep === 'other'} onChange={() => setKeep('other')} />{' '}
              {chosen.name} stays
            </label>
          </fieldset>
          <ConfirmButton
            label="Merge"
            name={`Merge ${merged} into ${survivor}`}
            question={`Merge ${merged} into ${survivor}? ${survivor} stays; ${merged}’s ${what} move to it with its pending requests, and links to ${merged} lead to ${survivor}. This cannot be undone.`}
            confirm="Yes, merge them"
            disabled={busy}
            onConfirm={async () => {
              const [s, m] = keep === 'this' ? [community.id, chosen.id] : [chosen.id, community.id];
              const done = await run(() => request(MergeCommunities, { survivor: s, merged: m }));
              if (done) onMerged(done.mergeCommunities.community.id, `${merged} is merged into ${survivor}.`);
            }}
          />
        </>
      )}
    </div>
  );
}
