import { useId, useState } from 'react';

/**
 * A short list of words edited as chips: each with its remove button, and a
 * field to add one more (Enter or the Add button). `noun` names one item in
 * labels ("language", "topic").
 */
export function ListEditor({
  label,
  noun,
  items,
  onChange,
  max,
  maxLength,
  hint,
  disabled,
}: {
  label: string;
  noun: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  max: number;
  maxLength: number;
  hint?: string;
  disabled?: boolean;
}) {
  const input = useId();
  const hintId = useId();
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState('');
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    if (items.some((i) => i.toLowerCase() === value.toLowerCase())) {
      setNote(`${value} is already there.`);
    } else if (items.length >= max) {
      setNote(`At most ${max}: remove one first.`);
    } else {
      onChange([...items, value]);
      setNote('');
    }
    setDraft('');
  };
  return (
    <fieldset className="list-editor" disabled={disabled}>
      <legend>{label}</legend>
      {items.length > 0 ? (
        <ul className="chips" aria-label={label}>
          {items.map((item) => (
            <li key={item} className="chip chip--removable">
              {item}
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove ${item}`}
                onClick={() => onChange(items.filter((i) => i !== item))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
      <div className="list-editor__add">
        <div className="field">
          <label htmlFor={input}>Add a {noun}</label>
          <input
            id={input}
            value={draft}
            maxLength={maxLength}
            aria-describedby={hint ? hintId : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" className="button" onClick={add}>
          Add {noun}
        </button>
      </div>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {note && (
        <p className="field__hint" role="status">
          {note}
        </p>
      )}
    </fieldset>
  );
}
