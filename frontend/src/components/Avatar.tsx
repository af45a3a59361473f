import { hashIndex, initials } from '../lib/text';

const PALETTE = 8;

/** Initials in a coloured circle; decorative, the name is always shown beside it. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'md' | 'lg' }) {
  return (
    <span className={`avatar avatar--${size} avatar--c${hashIndex(name, PALETTE)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
