import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { Done } from '../components/Done';
import { CommunityForm, type CommunityDraft } from './CommunityForm';
import { UpdateCommunity } from './queries';

export interface Editable {
  id: string;
  name: string;
  description: string | null;
  visibility: string;
  skills: ReadonlyArray<{ id: string; name: string }>;
}

/** For its leads and admins: the community's name, description, skills and visibility. */
export function EditCommunity({ community, onSaved }: { community: Editable; onSaved: () => void }) {
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = async (d: CommunityDraft) => {
    setSaved(false);
    const done = await action.run(() =>
      request(UpdateCommunity, {
        input: {
          id: community.id,
          name: d.name,
          description: d.description || null,
          visibility: d.visibility,
          skillIds: d.skills.map((s) => s.id),
        },
      }),
    );
    if (done) {
      setSaved(true);
      setOpen(false);
      onSaved();
    }
  };
  return (
    <section className="panel" aria-labelledby="edit-heading">
      <h2 id="edit-heading">About this community</h2>
      {saved && <Done>Saved: the community’s page, search and suggested members now use what you wrote.</Done>}
      {open ? (
        <CommunityForm
          initial={{
            name: community.name,
            description: community.description ?? '',
            visibility: community.visibility === 'CLOSED' ? 'CLOSED' : 'OPEN',
            skills: community.skills.map((s) => ({ id: s.id, name: s.name })),
          }}
          submit="Save changes"
          busy={action.busy}
          onSubmit={save}
          onCancel={() => {
            action.clear();
            setOpen(false);
          }}
        >
          {action.error && <ErrorMessage error={action.error} />}
        </CommunityForm>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(false);
            setOpen(true);
          }}
        >
          Edit name, description, skills or visibility
        </button>
      )}
    </section>
  );
}
