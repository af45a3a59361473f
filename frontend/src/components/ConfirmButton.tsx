import { useState } from 'react';

/**
 * A button for something that cannot be undone: the first press asks
 * "are you sure?" in words, with the real action and a way back.
 */
export function ConfirmButton({
  label,
  name,
  question,
  confirm,
  onConfirm,
  disabled,
  secondary = false,
}: {
  /** What the first button says, e.g. "Revoke". */
  label: string;
  /** Its accessible name, e.g. "Revoke CI sync". */
  name: string;
  question: string;
  /** The button that acts, e.g. "Yes, revoke it". */
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** A plain button at first (not red): for a choice that is less likely than the one beside it. */
  secondary?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={secondary ? 'button button--small' : 'button button--small button--danger'}
        aria-label={name}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button
        type="button"
        className="button button--small button--danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </button>{' '}
      <button type="button" className="button button--small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
