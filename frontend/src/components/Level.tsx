import { levelLabel } from '../lib/labels';

/** Five dots plus words, so the level does not rely on the dots alone. */
export function Level({ level }: { level: number }) {
  return (
    <span className="level" title={`Level ${level} of 5`}>
      <span className="level__dots" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= level ? 'dot dot--on' : 'dot'} />
        ))}
      </span>
      <span>
        {level} · {levelLabel(level)}
      </span>
    </span>
  );
}
