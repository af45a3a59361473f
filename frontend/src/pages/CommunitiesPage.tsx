import { Link } from 'react-router';
import { useConnection } from '../api/useQuery';
import { Invitations } from '../communities/Invitations';
import { ProposeCommunity } from '../communities/ProposeCommunity';
import { Chips } from '../components/Chips';
import { ListFooter } from '../components/LoadMore';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { graphql, type ResultOf } from '../graphql';
import { usePageTitle } from '../lib/hooks';
import { communityPath, skillPath } from '../lib/paths';
import { plural } from '../lib/text';

export const CommunitiesQuery = graphql(`
  query Communities($first: Int!, $after: String) {
    communities(first: $first, after: $after) {
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
          description
          skills {
            id
            name
          }
          memberCount
        }
      }
    }
  }
`);

const selectCommunities = (d: ResultOf<typeof CommunitiesQuery>) => d.communities;
const VARIABLES = { first: 50 };

export function CommunitiesPage() {
  usePageTitle('Communities');
  const list = useConnection(CommunitiesQuery, VARIABLES, selectCommunities);

  return (
    <section aria-labelledby="communities-heading">
      <h1 id="communities-heading">Communities</h1>
      <p className="lead">Communities of practice and interest: groups who share what they know about a topic.</p>
      <Invitations onChange={list.retry} />
      <ProposeCommunity onCreated={list.retry} />
      {list.error && list.nodes.length === 0 ? (
        <ErrorMessage error={list.error} onRetry={list.retry} />
      ) : list.loading && list.nodes.length === 0 ? (
        <Loading what="communities" />
      ) : list.nodes.length === 0 ? (
        <Empty>There are no communities yet.</Empty>
      ) : (
        <>
          <ul className="card-list card-list--grid" aria-label="Communities">
            {list.nodes.map((c) => (
              <li key={c.id} className="card">
                <Link to={communityPath(c.id)} className="card__title">
                  {c.name}
                </Link>
                <div className="muted">{plural(c.memberCount, 'member', 'members')}</div>
                {c.description && <p className="card__text clamp-3">{c.description}</p>}
                <Chips items={c.skills.slice(0, 4)} to={skillPath} label={`Skills of ${c.name}`} />
                {c.skills.length > 4 && (
                  <div className="muted small">and {plural(c.skills.length - 4, 'more skill', 'more skills')}</div>
                )}
              </li>
            ))}
          </ul>
          <ListFooter list={list} noun="communities" />
        </>
      )}
    </section>
  );
}
