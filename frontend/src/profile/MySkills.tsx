import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { Empty, ErrorMessage } from '../components/Status';
import { label, levelLabel } from '../lib/labels';
import { skillPath } from '../lib/paths';
import { plural } from '../lib/text';
import { AddSkill } from './AddSkill';
import { Done } from '../components/Done';
import { LevelSelect } from './LevelSelect';
import { RemovePersonSkill, SetPersonSkill, type MySkill } from './queries';

/** Employees may only declare skills themselves; HR and admins may keep a skill's recorded source. */
const keepsSource = (roles: readonly string[]) => roles.includes('HR') || roles.includes('ADMIN');

/** The signed-in person's skills: change a level, remove one, add one. */
export function MySkills({
  personId,
  skills,
  roles,
  onChange,
}: {
  personId: string;
  skills: readonly MySkill[];
  roles: readonly string[];
  onChange: () => void;
}) {
  const action = useAction();
  const [done, setDone] = useState<string>();
  // Levels just saved, shown while the profile reloads.
  const [levels, setLevels] = useState<Record<string, number>>({});
  useEffect(() => setLevels({}), [skills]);
  const rows = skills
    .flatMap((s) => (s.skill ? [{ ...s, skill: s.skill }] : []))
    .sort((a, b) => a.skill.name.localeCompare(b.skill.name));
  const trusted = keepsSource(roles);
  const resets = !trusted && rows.some((s) => s.source !== 'SELF');

  const changed = (message: string) => {
    setDone(message);
    onChange();
  };
  const setLevel = async (s: (typeof rows)[number], level: number) => {
    setDone(undefined);
    setLevels((l) => ({ ...l, [s.skill.id]: level }));
    const source = trusted ? s.source : 'SELF';
    const saved = await action.run(() =>
      request(SetPersonSkill, { input: { personId, skillId: s.skill.id, level, source } }),
    );
    if (saved) changed(`Saved: ${s.skill.name} is now level ${level} · ${levelLabel(level)}.`);
    else setLevels(({ [s.skill.id]: _, ...rest }) => rest);
  };
  const remove = async (s: (typeof rows)[number]) => {
    setDone(undefined);
    if (await action.run(() => request(RemovePersonSkill, { personId, skillId: s.skill.id }))) {
      changed(`Removed ${s.skill.name} from your skills.`);
    }
  };

  return (
    <section className="panel" aria-labelledby="my-skills-heading">
      <h2 id="my-skills-heading">My skills</h2>
      {rows.length === 0 ? (
        <Empty>You have not added any skills yet. Add what you know, so colleagues can find you.</Empty>
      ) : (
        <table className="table my-skills">
          <caption className="visually-hidden">Your skills, with level and where each came from</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Level</th>
              <th scope="col">Source</th>
              <th scope="col">Endorsed</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.skill.id}>
                <td>
                  <Link to={skillPath(s.skill.id)}>{s.skill.name}</Link>
                </td>
                <td>
                  <LevelSelect
                    label={`Level of ${s.skill.name}`}
                    value={levels[s.skill.id] ?? s.level}
                    disabled={action.busy}
                    onChange={(level) => setLevel(s, level)}
                  />
                </td>
                <td data-label="Source">{label(s.source)}</td>
                <td data-label="Endorsed">
                  {s.endorsements.length === 0 ? 'not yet' : plural(s.endorsements.length, 'time', 'times')}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    aria-label={`Remove ${s.skill.name}`}
                    disabled={action.busy}
                    onClick={() => remove(s)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resets && (
        <p className="field__hint">
          Changing the level of a skill that came from evidence or an interview makes it self-declared.
        </p>
      )}
      {done && !action.busy && <Done>{done}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
      <AddSkill personId={personId} held={rows.map((s) => s.skill.id)} onAdded={changed} />
    </section>
  );
}
