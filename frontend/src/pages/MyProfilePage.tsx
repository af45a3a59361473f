import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ErrorMessage, Loading, NotFound } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { personPath } from '../lib/paths';
import { AboutMe } from '../profile/AboutMe';
import { Discoverable } from '../profile/Discoverable';
import { MyData } from '../profile/MyData';
import { MySkills } from '../profile/MySkills';
import { MyProfileQuery } from '../profile/queries';

/** The signed-in person's own profile: skills, expert-search opt-out and their data. */
export function MyProfilePage() {
  const me = useMe();
  usePageTitle('My profile');
  if (!me.person) {
    return (
      <section>
        <h1>My profile</h1>
        <p>You are signed in with a credential that is not a person’s, so there is no profile to edit.</p>
      </section>
    );
  }
  return <MyProfile id={me.person.id} roles={me.roles} />;
}

function MyProfile({ id, roles }: { id: string; roles: readonly string[] }) {
  const { data, error, loading, retry } = useQuery(MyProfileQuery, { id });
  const person = data?.person;
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !person) return <Loading what="your profile" />;
  if (!person) {
    return (
      <NotFound
        title="Profile not found"
        text="Your profile is not in the directory. Ask HR to add you, then sign in again."
        back="/search"
        backLabel="Back to search"
      />
    );
  }
  return (
    <article>
      <h1>My profile</h1>
      <p className="lead">
        {person.name}
        {person.title && ` · ${person.title}`}. Keep your skills up to date so colleagues can find you.{' '}
        <Link to={personPath(person.id)}>See your profile as colleagues see it</Link>
      </p>
      <AboutMe person={person} />
      <MySkills personId={person.id} skills={person.skills} roles={roles} onChange={retry} />
      <Discoverable personId={person.id} discoverable={person.discoverable} />
      <MyData />
    </article>
  );
}
