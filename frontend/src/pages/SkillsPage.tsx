import { useState } from 'react';
import { Link } from 'react-router';
import { useConnection } from '../api/useQuery';
import { ListFooter } from '../components/LoadMore';
import { SearchField } from '../components/SearchField';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { graphql, type ResultOf } from '../graphql';
import { SEARCH_DEBOUNCE_MS, useDebounced, usePageTitle } from '../lib/hooks';
import { skillPath } from '../lib/paths';

export const SkillsQuery = graphql(`
  query Skills($first: Int!, $after: String, $prefix: String) {
    skills(first: $first, after: $after, prefix: $prefix) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          aliases
          description
        }
      }
    }
  }
`);

const selectSkills = (d: ResultOf<typeof SkillsQuery>) => d.skills;

export function SkillsPage() {
  usePageTitle('Skills');
  const [text, setText] = useState('');
  const prefix = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const skills = useConnection(SkillsQuery, { first: 50, prefix: prefix || null }, selectSkills);

  return (
    <section aria-labelledby="skills-heading">
      <h1 id="skills-heading">Skills</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField label="Find a skill" value={text} onChange={setText} placeholder="e.g. GDPR, Rust, contract law" />
      </form>
      {skills.error && skills.nodes.length === 0 ? (
        <ErrorMessage error={skills.error} onRetry={skills.retry} />
      ) : skills.loading && skills.nodes.length === 0 ? (
        <Loading what="skills" />
      ) : skills.nodes.length === 0 ? (
        <Empty>No skill starts with “{prefix}”.</Empty>
      ) : (
        <>
          <ul className="card-list card-list--grid" aria-label="Skills" aria-busy={skills.loading}>
            {skills.nodes.map((s) => (
              <li key={s.id} className="card">
                <Link to={skillPath(s.id)} className="card__title">
                  {s.name}
                </Link>
                {s.aliases.length > 0 && <div className="muted clamp-1">Also: {aliasText(s.aliases)}</div>}
                {s.description && <p className="card__text clamp-2">{s.description}</p>}
              </li>
            ))}
          </ul>
          <ListFooter list={skills} noun="skills" />
        </>
      )}
    </section>
  );
}

/** The first few aliases, then how many more. */
export function aliasText(aliases: readonly string[], shown = 3): string {
  const rest = aliases.length - shown;
  return aliases.slice(0, shown).join(', ') + (rest > 0 ? ` and ${rest} more` : '');
}
