import { Fragment } from 'react';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { ErrorMessage, Loading } from '../components/Status';
import { graphql } from '../graphql';
import { explanationParts } from '../lib/explanation';
import { personPath } from '../lib/paths';

export const SuccessorCandidatesQuery = graphql(`
  query SuccessorCandidates($id: ID!, $skill: ID!) {
    interview(id: $id) {
      id
      successorCandidates(skill: $skill, first: 5) {
        leaving
        explanation
        person {
          id
          name
          title
          office {
            name
          }
          skills {
            level
            skill {
              id
            }
          }
        }
      }
    }
  }
`);

/** People Tacit's own ranking finds to take on `skill`, each with title, office, level and whether they leave too. */
export function SuccessorSuggestions({
  interviewId,
  skill,
  skillName,
  named,
  busy,
  onChoose,
}: {
  interviewId: string;
  skill: string;
  skillName: string;
  /** People already named for this topic: not offered again. */
  named: readonly string[];
  busy: boolean;
  onChoose: (person: { id: string; name: string }) => void;
}) {
  const { data, error, loading, retry } = useQuery(SuccessorCandidatesQuery, { id: interviewId, skill });
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !data) return <Loading what="suggested successors" />;
  const found = (data?.interview?.successorCandidates ?? []).filter((c) => !named.includes(c.person.id));
  if (found.length === 0)
    return <p className="muted">Tacit finds no one else for {skillName}: look someone up below.</p>;
  return (
    <ul className="plain-list successor-suggestions" aria-label={`Suggested successors for ${skillName}`}>
      {found.map(({ person: p, leaving, explanation }) => {
        const level = p.skills.find((s) => s.skill?.id === skill)?.level;
        return (
          <li key={p.id}>
            <Link to={personPath(p.id)}>{p.name}</Link>
            <span className="muted">
              {' · '}
              {[p.title, p.office?.name, level ? `level ${level}` : 'does not hold it yet'].filter(Boolean).join(' · ')}
            </span>
            {leaving && <span className="badge badge--leaving"> leaving too</span>}
            <span className="block small muted">
              {explanationParts(explanation, []).map((part, i) =>
                'text' in part ? <Fragment key={i}>{part.text}</Fragment> : <em key={i}>{part.name}</em>,
              )}
            </span>
            <button
              type="button"
              className="button button--small"
              disabled={busy || loading}
              onClick={() => onChoose(p)}
            >
              Name {p.name}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
