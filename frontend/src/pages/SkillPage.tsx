import { Link, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Avatar } from '../components/Avatar';
import { Chips } from '../components/Chips';
import { Level } from '../components/Level';
import { Empty, ErrorMessage, Loading, NotFound } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { graphql, type ResultOf } from '../graphql';
import { usePageTitle } from '../lib/hooks';
import { label } from '../lib/labels';
import { interviewPath, personPath, searchPath, skillPath } from '../lib/paths';
import { formatDate } from '../lib/time';

export const SkillQuery = graphql(`
  query Skill($id: ID!) {
    skill(id: $id) {
      id
      name
      aliases
      description
      broader {
        id
        name
      }
      narrower {
        id
        name
      }
      related {
        id
        name
      }
      holderCount
      holders(first: 50) {
        level
        source
        person {
          id
          name
          title
          status
          leavingOn
          office {
            name
          }
        }
      }
      harvests(first: 5) {
        id
        status
        leaverName
        publishedAt
        completedAt
        summary
        successors {
          person {
            id
            name
            status
          }
          skill {
            id
          }
        }
      }
    }
  }
`);

export const RelatedSkillsQuery = graphql(`
  query RelatedSkills($skill: ID!, $first: Int!) {
    relatedSkills(skill: $skill, first: $first) {
      score
      skill {
        id
        name
      }
    }
  }
`);

type Skill = NonNullable<ResultOf<typeof SkillQuery>['skill']>;

export function SkillPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(SkillQuery, { id });
  const skill = data?.skill;
  usePageTitle(skill?.name ?? 'Skill');

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !skill) return <Loading what="skill" />;
  if (!skill) {
    return (
      <NotFound
        title="Skill not found"
        text="We could not find this skill. It may have been merged or removed."
        back="/skills"
        backLabel="Back to skills"
      />
    );
  }
  return <SkillDetail skill={skill} />;
}

function SkillDetail({ skill }: { skill: Skill }) {
  const holders = skill.holders.flatMap((h) => (h.person ? [{ ...h, person: h.person }] : []));
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/skills">Skills</Link>
        {skill.broader && (
          <>
            {' › '}
            <Link to={skillPath(skill.broader.id)}>{skill.broader.name}</Link>
          </>
        )}
      </p>
      <h1>{skill.name}</h1>
      {skill.aliases.length > 0 && <p className="muted">Also known as {skill.aliases.join(', ')}</p>}
      {skill.description && <p className="lead">{skill.description}</p>}
      <p>
        <Link className="button button--link" to={searchPath(skill.name)}>
          Find experts
        </Link>
      </p>

      <div className="columns">
        <div>
          <RelatedSkills id={skill.id} />
          <Harvests skill={skill} />
          <section aria-labelledby="taxonomy-heading" className="panel">
            <h2 id="taxonomy-heading">In the taxonomy</h2>
            {!skill.broader && skill.narrower.length === 0 && skill.related.length === 0 && (
              <Empty>No broader, narrower or related skills recorded.</Empty>
            )}
            {skill.broader && (
              <>
                <h3>Broader</h3>
                <Chips items={[skill.broader]} to={skillPath} label="Broader skill" />
              </>
            )}
            {skill.narrower.length > 0 && (
              <>
                <h3>Narrower</h3>
                <Chips items={skill.narrower} to={skillPath} label="Narrower skills" />
              </>
            )}
            {skill.related.length > 0 && (
              <>
                <h3>Related</h3>
                <Chips items={skill.related} to={skillPath} label="Related in the taxonomy" />
              </>
            )}
          </section>
        </div>

        <section aria-labelledby="holders-heading" className="panel">
          <h2 id="holders-heading">People with this skill</h2>
          {holders.length === 0 ? (
            <Empty>No one has recorded this skill yet.</Empty>
          ) : (
            <>
              <ul className="plain-list people-list people-list--grid" aria-label="People with this skill">
                {holders.map(({ person: p, level, source }) => (
                  <li key={p.id}>
                    <Avatar name={p.name} />
                    <span>
                      <Link to={personPath(p.id)}>{p.name}</Link>{' '}
                      <StatusBadge status={p.status} leavingOn={p.leavingOn} />
                      <span className="muted block">{[p.title, p.office?.name].filter(Boolean).join(' · ')}</span>
                      <span className="block">
                        <Level level={level} /> <span className="muted">· {label(source)}</span>
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
              {skill.holderCount > holders.length && (
                <p>
                  <Link to={`/people?skill=${encodeURIComponent(skill.id)}`}>
                    See all {skill.holderCount} people with this skill
                  </Link>
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </article>
  );
}

/** What leavers' interviews secured of this skill: who was interviewed, the published summary, and who takes it on. */
function Harvests({ skill }: { skill: Skill }) {
  if (skill.harvests.length === 0) return null;
  return (
    <section aria-labelledby="harvests-heading" className="panel">
      <h2 id="harvests-heading">Knowledge harvested</h2>
      <ul className="plain-list harvests" aria-label="Interviews that covered this skill">
        {skill.harvests.map((h) => {
          // Only successors still here and staying: someone leaving or gone cannot be asked for long.
          const successors = h.successors.flatMap((s) =>
            s.person && s.skill?.id === skill.id && s.person.status === 'ACTIVE' ? [s.person] : [],
          );
          return (
            <li key={h.id}>
              <p>
                <Link to={interviewPath(h.id)}>{h.leaverName}</Link>{' '}
                <span className="muted">
                  {h.publishedAt
                    ? `· summary published ${formatDate(h.publishedAt)}`
                    : h.completedAt
                      ? `· interview completed ${formatDate(h.completedAt)}`
                      : ''}
                </span>
              </p>
              {h.summary && h.publishedAt && <p className="harvest-summary">{h.summary}</p>}
              {successors.length > 0 && (
                <p>
                  Ask now:{' '}
                  {successors.map((p, i) => (
                    <span key={p.id}>
                      {i > 0 && ', '}
                      <Link to={personPath(p.id)}>{p.name}</Link>
                    </span>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Skills close to this one in the knowledge graph: shared holders, documents and communities. */
function RelatedSkills({ id }: { id: string }) {
  const { data, error, loading, retry } = useQuery(RelatedSkillsQuery, { skill: id, first: 8 });
  const related = data?.relatedSkills.map((r) => r.skill) ?? [];
  return (
    <section aria-labelledby="related-heading" className="panel">
      <h2 id="related-heading">Related skills</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="related skills" />
      ) : related.length === 0 ? (
        <Empty>No related skills found yet.</Empty>
      ) : (
        <Chips items={related} to={skillPath} label="Related skills" />
      )}
    </section>
  );
}
