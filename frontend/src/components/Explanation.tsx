import { Fragment } from 'react';
import { Link } from 'react-router';
import { explanationParts, nodePath, type ExplanationPathLike } from '../lib/explanation';

/**
 * Why someone was suggested, in one sentence: skills, communities and people it
 * names are links; documents and interviews are emphasised (they have no page).
 * `inner`: the links are inside a result that is one tab stop (see `ExpertCard`).
 */
export function Explanation({
  text,
  paths,
  inner = false,
}: {
  text: string;
  paths: ReadonlyArray<ExplanationPathLike>;
  inner?: boolean;
}) {
  return (
    <p className="explanation">
      {explanationParts(text, paths).map((part, i) => {
        if ('text' in part) return <Fragment key={i}>{part.text}</Fragment>;
        const to = nodePath(part.node);
        return to ? (
          <Link
            key={i}
            to={to}
            className="explanation__link"
            tabIndex={inner ? -1 : undefined}
            data-inner-link={inner ? '' : undefined}
          >
            {part.name}
          </Link>
        ) : (
          <em key={i}>{part.name}</em>
        );
      })}
    </p>
  );
}
