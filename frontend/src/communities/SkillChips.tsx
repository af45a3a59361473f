import { Lookup } from '../components/Lookup';

export interface SkillChoice {
  id: string;
  name: string;
}

/** The skills something is about (a community, a question), as chips to remove, with a lookup to add more. */
export function SkillChips({
  skills,
  onChange,
  label = 'Add a skill',
  legend = 'Skills',
  empty = 'No skills yet: add the ones the community is about, so the right people find it.',
}: {
  skills: ReadonlyArray<SkillChoice>;
  onChange: (skills: SkillChoice[]) => void;
  label?: string;
  legend?: string;
  /** What shows while no skill is chosen. */
  empty?: string;
}) {
  return (
    <fieldset className="skill-chips">
      <legend>{legend}</legend>
      {skills.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="plain-list chips" aria-label="Chosen skills">
          {skills.map((s) => (
            <li key={s.id} className="chip">
              {s.name}{' '}
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove the skill ${s.name}`}
                onClick={() => onChange(skills.filter((x) => x.id !== s.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Lookup
        kind="skill"
        label={label}
        exclude={skills.map((s) => s.id)}
        onChoose={(c) => onChange([...skills, { id: c.id, name: c.name }])}
      />
    </fieldset>
  );
}
