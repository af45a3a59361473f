import { Link, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { Avatar } from '../components/Avatar';
import { Level } from '../components/Level';
import { LocalTimeText } from '../components/LocalTimeText';
import { Empty, ErrorMessage, Loading, NotFound } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { graphql, type ResultOf } from '../graphql';
import { usePageTitle } from '../lib/hooks';
import { PersonNetwork } from '../network/PersonNetwork';
import { AboutPerson, AboutPersonFields } from '../profile/AboutPerson';
import { ContactActions, ContactActionsFields } from '../profile/ContactActions';
import { Endorse } from '../profile/Endorse';
import { label } from '../lib/labels';
import { communityPath, personPath, skillPath } from '../lib/paths';
import { countryName } from '../lib/text';
import { formatDate, formatDateWithRelative } from '../lib/time';
import { safeHref } from '../lib/links';

export const PersonQuery = graphql(
  `
    query Person($id: ID!) {
      person(id: $id) {
        id
        name
        title
        orgUnit
        email
        status
        leavingOn
        timezone
        country
        office {
          id
          name
          timezone
          country
        }
        manager {
          id
          name
        }
        workingHours {
          start
          end
          days
        }
        skills {
          person {
            id
          }
          level
          source
          lastUsed
          skill {
            id
            name
          }
          endorsements {
            endorser {
              id
            }
          }
        }
        communities {
          role
          community {
            id
            name
          }
        }
        evidence(first: 10) {
          id
          title
          kind
          url
        }
        ...AboutPersonFields
        ...ContactActionsFields
      }
    }
  `,
  [AboutPersonFields, ContactActionsFields],
);

type Person = NonNullable<ResultOf<typeof PersonQuery>['person']>;

export function PersonPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(PersonQuery, { id });
  const person = data?.person;
  usePageTitle(person?.name ?? 'Person');

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !person) return <Loading what="profile" />;
  if (!person) {
    return (
      <NotFound
        title="Person not found"
        text="This profile is not available to you: the link may be wrong, or the person is not listed in the directory."
        back="/people"
        backLabel="Back to people"
      />
    );
  }
  return <Profile person={person} />;
}

function Profile({ person }: { person: Person }) {
  const me = useMe();
  const own = me.person?.id === person.id;
  const endorser = own ? null : (me.person?.id ?? null);
  const tz = person.timezone ?? person.office?.timezone;
  const skills = person.skills
    .flatMap((s) => (s.skill ? [{ ...s, skill: s.skill }] : []))
    .sort((a, b) => b.level - a.level || a.skill.name.localeCompare(b.skill.name));
  const communities = person.communities.flatMap((m) =>
    m.community ? [{ role: m.role, community: m.community }] : [],
  );
  return (
    <article className="profile">
      <header className="profile__header">
        <Avatar name={person.name} size="lg" />
        <div>
          <h1>
            {person.name} <StatusBadge status={person.status} leavingOn={person.leavingOn} />
          </h1>
          {person.title && <p className="profile__title">{person.title}</p>}
          <dl className="facts">
            {person.orgUnit && <Fact term="Team" value={person.orgUnit} />}
            {person.office && (
              <Fact
                term="Office"
                value={[person.office.name, countryName(person.office.country ?? person.country)]
                  .filter(Boolean)
                  .join(', ')}
              />
            )}
            {tz && <Fact term="Local time" value={<LocalTimeText timeZone={tz} hours={person.workingHours} />} />}
            {person.email && <Fact term="Email" value={person.email} />}
            {person.manager && (
              <Fact term="Manager" value={<Link to={personPath(person.manager.id)}>{person.manager.name}</Link>} />
            )}
            <Fact term="Status" value={statusText(person.status, person.leavingOn)} />
          </dl>
          <ContactActions person={person} />
        </div>
      </header>

      <AboutPerson person={person} />

      <section aria-labelledby="skills-heading" className="panel">
        <h2 id="skills-heading">Skills</h2>
        {own && (
          <p>
            This is you. <Link to="/me">Edit your skills in My profile</Link>
          </p>
        )}
        {skills.length === 0 ? (
          <Empty>No skills recorded yet.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Level</th>
                <th scope="col">Source</th>
                <th scope="col">Last used</th>
                <th scope="col">Endorsements</th>
              </tr>
            </thead>
            <tbody>
              {skills.map((s) => (
                <tr key={s.skill.id}>
                  <td>
                    <Link to={skillPath(s.skill.id)}>{s.skill.name}</Link>
                  </td>
                  <td>
                    <Level level={s.level} />
                  </td>
                  <td data-label="Source">{label(s.source)}</td>
                  <td data-label="Last used">
                    {s.lastUsed ? formatDate(s.lastUsed) : <span className="muted">—</span>}
                  </td>
                  <td className="table__wide">
                    <Endorse personId={person.id} skill={s.skill} endorsements={s.endorsements} me={endorser} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="communities-heading" className="panel">
        <h2 id="communities-heading">Communities</h2>
        {communities.length === 0 ? (
          <Empty>Not a member of any community.</Empty>
        ) : (
          <ul className="plain-list">
            {communities.map((m) => (
              <li key={m.community.id}>
                <Link to={communityPath(m.community.id)}>{m.community.name}</Link>{' '}
                <span className="muted">· {label(m.role)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="evidence-heading" className="panel">
        <h2 id="evidence-heading">Evidence</h2>
        {person.evidence.length === 0 ? (
          <Empty>No documents or answers recorded.</Empty>
        ) : (
          <ul className="plain-list" aria-label="Evidence">
            {person.evidence.map((e) => (
              <li key={e.id}>
                {safeHref(e.url) ? (
                  <a href={safeHref(e.url)} rel="noreferrer">
                    {e.title ?? 'Untitled'}
                  </a>
                ) : (
                  (e.title ?? <span className="muted">Untitled</span>)
                )}{' '}
                <span className="muted">· {label(e.kind)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <PersonNetwork id={person.id} name={person.name} />
    </article>
  );
}

function Fact({ term, value }: { term: string; value: React.ReactNode }) {
  return (
    <div className="facts__item">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** "Leaving on 31 Jan 2027 (in 56 days)", "Left on 3 Nov 2026 (33 days ago)", or the status. */
function statusText(status: string, leavingOn: string | null | undefined): string {
  if (!leavingOn) return label(status);
  return `${status.toUpperCase() === 'LEFT' ? 'Left' : 'Leaving'} on ${formatDateWithRelative(leavingOn, new Date())}`;
}
