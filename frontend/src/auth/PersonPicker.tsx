import { useEffect, useId, useState, type KeyboardEvent, type Ref } from 'react';
import { Avatar } from '../components/Avatar';
import { ErrorMessage } from '../components/Status';
import { SEARCH_DEBOUNCE_MS, useDebounced } from '../lib/hooks';
import { plural } from '../lib/text';
import type { AuthPerson } from './types';
import { useDevPeople } from './useDevPeople';

/** The server answers at most this many people; more means "type more of the name". */
const MAX_MATCHES = 20;

/**
 * A search box with the matching people listed below it (the ARIA combobox
 * pattern). Up and down arrows in the box choose the next or previous person;
 * a click chooses one too. Enter submits the surrounding form.
 */
export function PersonPicker(props: {
  chosen: AuthPerson | null;
  onChoose: (person: AuthPerson) => void;
  inputRef?: Ref<HTMLInputElement>;
  invalid?: boolean;
}) {
  const { chosen, onChoose } = props;
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const [text, setText] = useState('');
  const prefix = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const { people, loading, error, retry } = useDevPeople(prefix);
  const at = chosen ? people.findIndex((p) => p.id === chosen.id) : -1;

  useEffect(() => {
    if (at >= 0) document.getElementById(optionId(at))?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `optionId` is derived from a stable id
  }, [at]);

  const move = (e: KeyboardEvent<HTMLInputElement>) => {
    if (people.length === 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const last = people.length - 1;
    const next = e.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(at + 1, last)) : at < 0 ? last : Math.max(at - 1, 0);
    const person = people[next];
    if (person) onChoose(person);
  };

  return (
    <div className="picker">
      <div className="field">
        <label htmlFor={id}>Person to sign in as</label>
        <input
          id={id}
          ref={props.inputRef}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={people.length > 0}
          aria-controls={listId}
          aria-activedescendant={at >= 0 ? optionId(at) : undefined}
          aria-describedby={hintId}
          aria-invalid={props.invalid || undefined}
          value={text}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={move}
        />
        <span id={hintId} className="field__hint">
          Type the start of a name, then choose someone with the up and down arrow keys or by clicking.
        </span>
      </div>
      <MatchSummary count={people.length} prefix={prefix} loading={loading} failed={Boolean(error)} />
      {error && <ErrorMessage error={error} onRetry={retry} />}
      <ul id={listId} role="listbox" aria-label="Matching people" className="picker__list" aria-busy={loading}>
        {people.map((person, i) => (
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys are on the input (aria-activedescendant)
          <li
            key={person.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            className="picker__option"
            // Keep focus in the box, so Enter then signs in.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(person)}
          >
            <Avatar name={person.name} />
            <span className="picker__text">
              <span className="picker__name">{person.name}</span>
              {(person.title || person.office) && (
                <span className="picker__details">{[person.title, person.office].filter(Boolean).join(' · ')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="picker__chosen">
        {chosen ? (
          <>
            You will sign in as <strong>{chosen.name}</strong>.
          </>
        ) : (
          'Nobody chosen yet.'
        )}
      </p>
    </div>
  );
}

function MatchSummary(props: { count: number; prefix: string; loading: boolean; failed: boolean }) {
  return (
    <p className="field__hint picker__summary" role="status">
      {props.failed ? '' : summary(props)}
    </p>
  );
}

function summary({ count, prefix, loading }: { count: number; prefix: string; loading: boolean }): string {
  if (loading && count === 0) return 'Looking for people…';
  if (count === 0 && prefix) return `Nobody’s name starts with “${prefix}”. Check the spelling, or type fewer letters.`;
  if (count === 0) return 'There is nobody to sign in as yet. Load the demo data or import people first.';
  if (count >= MAX_MATCHES) return `Showing the first ${count} people. Type more of a name to find someone else.`;
  return prefix
    ? `${plural(count, 'person', 'people')} whose name starts with “${prefix}”.`
    : plural(count, 'person', 'people');
}
