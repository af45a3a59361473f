import { useId, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { Lookup, type Choice } from '../components/Lookup';
import { levelLabel } from '../lib/labels';
import { LevelSelect } from './LevelSelect';
import { SetPersonSkill } from './queries';

/** Finds a skill by the start of its name, asks for a level and adds it as self-declared. */
export function AddSkill({
  personId,
  held,
  onAdded,
}: {
  personId: string;
  held: readonly string[];
  onAdded: (message: string) => void;
}) {
  const levelId = useId();
  const action = useAction();
  const [chosen, setChosen] = useState<Choice>();
  const [level, setLevel] = useState(3);
  if (!chosen) {
    return (
      <Lookup
        kind="skill"
        label="Add a skill"
        exclude={held}
        onChoose={(c) => {
          action.clear();
          setChosen(c);
        }}
      />
    );
  }
  return (
    <form
      className="add-skill"
      aria-label={`Add ${chosen.name}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const done = await action.run(() =>
          request(SetPersonSkill, { input: { personId, skillId: chosen.id, level, source: 'SELF' } }),
        );
        if (!done) return;
        onAdded(`Added ${chosen.name} at level ${level} · ${levelLabel(level)}.`);
        setChosen(undefined);
        setLevel(3);
      }}
    >
      <p className="add-skill__chosen">
        Skill: <strong>{chosen.name}</strong>
      </p>
      <div className="field">
        <label htmlFor={levelId}>Your level</label>
        <LevelSelect id={levelId} value={level} onChange={setLevel} disabled={action.busy} />
      </div>
      <button type="submit" className="button button--primary" disabled={action.busy}>
        Add {chosen.name}
      </button>
      <button type="button" className="button" disabled={action.busy} onClick={() => setChosen(undefined)}>
        Choose another skill
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
