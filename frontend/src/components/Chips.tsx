import { Link } from 'react-router';

/**
 * A row of links shown as chips, e.g. a community's skills. `inner`: the links
 * are inside a result that is one tab stop (see `ExpertCard`).
 */
export function Chips({
  items,
  to,
  label,
  inner = false,
}: {
  items: ReadonlyArray<{ id: string; name: string }>;
  to: (id: string) => string;
  label: string;
  inner?: boolean;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {items.map((i) => (
        <li key={i.id}>
          <Link
            className="chip"
            to={to(i.id)}
            tabIndex={inner ? -1 : undefined}
            data-inner-link={inner ? '' : undefined}
          >
            {i.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
