import { LEVEL_WORDS } from '../lib/labels';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** A drop-down of the five skill levels, in numbers and words. */
export function LevelSelect({
  id,
  label,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  /** Read out when there is no visible label (a table cell). */
  label?: string;
  value: number;
  onChange: (level: number) => void;
  disabled?: boolean;
}) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {LEVELS.map((n) => (
        <option key={n} value={n}>
          {n} · {LEVEL_WORDS[n]}
        </option>
      ))}
    </select>
  );
}
