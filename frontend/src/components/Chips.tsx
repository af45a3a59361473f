import { Link } from 'react-router';

/** A row of links shown as chips, e.g. a community's skills. */
export function Chips({ items, to, label }: { items: ReadonlyArray<{ id: string; name: string }>; to: (id: string) => string; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {items.map((i) => (
        <li key={i.id}>
          <Link className="chip" to={to(i.id)}>
            {i.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
