import { Fragment } from 'react';
import { Link } from 'react-router';
import { explanationParts, nodePath, type ExplanationPathLike } from '../lib/explanation';

/**
 * Why someone was suggested, in one sentence: skills, communities and people it
 * names are links; documents and interviews are emphasised (they have no page).
 */
export function Explanation({ text, paths }: { text: string; paths: ReadonlyArray<ExplanationPathLike> }) {
  return (
    <p className="explanation">
      {explanationParts(text, paths).map((part, i) => {
        if ('text' in part) return <Fragment key={i}>{part.text}</Fragment>;
        const to = nodePath(part.node);
        return to ? (
          <Link key={i} to={to} className="explanation__link">
            {part.name}
          </Link>
        ) : (
          <em key={i}>{part.name}</em>
        );
      })}
    </p>
  );
}
