import { useId, useState, type FormEvent } from 'react';
import { SkillChips, type SkillChoice } from './SkillChips';

export interface CommunityDraft {
  name: string;
  description: string;
  visibility: 'OPEN' | 'CLOSED';
  skills: SkillChoice[];
}

/** Name, description, skills and visibility of a community, checked before `onSubmit` is called. */
export function CommunityForm({
  initial,
  submit,
  busy,
  onSubmit,
  onCancel,
  children,
}: {
  initial: CommunityDraft;
  /** What the submit button says. */
  submit: string;
  busy: boolean;
  onSubmit: (draft: CommunityDraft) => void;
  onCancel?: () => void;
  /** Shown above the buttons: an error from the server, a note on what happens next. */
  children?: React.ReactNode;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.name.trim()) {
      setProblem('Give the community a name.');
      return;
    }
    setProblem(undefined);
    onSubmit({ ...draft, name: draft.name.trim(), description: draft.description.trim() });
  };
  return (
    <form className="community-form" onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={draft.name}
          maxLength={200}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setDraft({ ...draft, name: e.target.value });
            if (e.target.value.trim()) setProblem(undefined);
          }}
        />
        {problem && (
          <span id={`${id}-problem`} className="field__error">
            {problem}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={2000}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <SkillChips skills={draft.skills} onChange={(skills) => setDraft({ ...draft, skills })} />
      <fieldset>
        <legend>Who may join</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-visibility`}
            checked={draft.visibility === 'OPEN'}
            onChange={() => setDraft({ ...draft, visibility: 'OPEN' })}
          />{' '}
          Open: anyone joins at once
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-visibility`}
            checked={draft.visibility === 'CLOSED'}
            onChange={() => setDraft({ ...draft, visibility: 'CLOSED' })}
          />{' '}
          Closed: people ask, and a lead decides
        </label>
      </fieldset>
      {children}
      <button type="submit" className="button button--primary" disabled={busy}>
        {submit}
      </button>{' '}
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
