import { useEffect, useId, useRef, useState } from 'react';

/** `items` with `draft` added when it is new (ignoring case), for a form saved with a word typed but not added. */
export function withDraft(items: readonly string[], draft: string): string[] {
  const value = draft.trim();
  return !value || items.some((i) => i.toLowerCase() === value.toLowerCase()) ? [...items] : [...items, value];
}

/**
 * A short list of words edited as chips: each with its remove button, and a
 * field to add one more (Enter or the Add button). `noun` names one item in
 * labels ("language", "topic"). The text being typed is the caller's
 * (`draft`, `onDraft`), so a form saved before "Add" still keeps it. Removing
 * a chip moves the focus to the next one (or the field), not to the page.
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
  draft,
  onDraft,
}: {
  label: string;
  noun: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  max: number;
  maxLength: number;
  hint?: string;
  disabled?: boolean;
  draft: string;
  onDraft: (text: string) => void;
}) {
  const input = useId();
  const hintId = useId();
  const setDraft = onDraft;
  const [note, setNote] = useState('');
  const chips = useRef<HTMLUListElement>(null);
  const field = useRef<HTMLInputElement>(null);
  // After a removal: which chip (by position) takes the focus next.
  const [refocus, setRefocus] = useState<number>();
  useEffect(() => {
    if (refocus === undefined) return;
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(refocus, buttons.length - 1)] ?? field.current)?.focus();
    setRefocus(undefined);
  }, [refocus, items]);
  const remove = (at: number) => {
    onChange(items.filter((_, i) => i !== at));
    setRefocus(at);
  };
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
        <ul className="chips" aria-label={label} ref={chips}>
          {items.map((item, at) => (
            <li key={item} className="chip chip--removable">
              {item}
              <button type="button" className="chip__remove" aria-label={`Remove ${item}`} onClick={() => remove(at)}>
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
            ref={field}
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
