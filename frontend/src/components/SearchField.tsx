import { useId, type KeyboardEvent, type Ref } from 'react';

/** A labelled search box; the caller debounces. */
export function SearchField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field field--search${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        ref={props.inputRef}
        type="search"
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={props.onKeyDown}
      />
    </div>
  );
}

/** A labelled drop-down whose first option means "any"; `hint` is read out with it. */
export function SelectField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  anyLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <span id={hintId} className="field__hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
