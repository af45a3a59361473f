import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useConnection, useQuery } from '../api/useQuery';
import { Avatar } from '../components/Avatar';
import { ListFooter } from '../components/LoadMore';
import { LocalTimeText } from '../components/LocalTimeText';
import { SearchField, SelectField } from '../components/SearchField';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { SEARCH_DEBOUNCE_MS, useDebounced, usePageTitle } from '../lib/hooks';
import { personPath } from '../lib/paths';
import { countryName } from '../lib/text';

export const PEOPLE_PAGE_SIZE = 25;
export const PeopleQuery = graphql(`
  query People($first: Int!, $after: String, $filter: PeopleFilter) {
    people(first: $first, after: $after, filter: $filter) {
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
          title
          status
          leavingOn
          timezone
          country
          workingHours {
            start
            end
            days
          }
          office {
            id
            name
            timezone
          }
        }
      }
    }
  }
`);

export const OfficesQuery = graphql(`
  query Offices {
    offices {
      id
      name
      country
      timezone
      headcount
    }
  }
`);

type PersonRow = ResultOf<typeof PeopleQuery>['people']['edges'][number]['node'];
type Filter = NonNullable<VariablesOf<typeof PeopleQuery>['filter']>;

const STATUSES = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'LEAVING', label: 'Leaving' },
  { value: 'LEFT', label: 'Left' },
];

const selectPeople = (d: ResultOf<typeof PeopleQuery>) => d.people;

export function PeoplePage() {
  usePageTitle('People');
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const search = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const office = params.get('office') ?? '';
  const country = params.get('country') ?? '';
  const status = params.get('status') ?? '';
  const skill = params.get('skill') ?? '';

  const setParam = (name: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  // Keep the address in step with the settled search text, so it can be shared.
  useEffect(() => {
    if ((params.get('q') ?? '') !== search) setParam('q', search);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the settled text only; the address is read, not watched
  }, [search]);

  const variables = useMemo(() => {
    const filter: Filter = {};
    if (search) filter.namePrefix = search;
    if (office) filter.officeId = office;
    if (country) filter.country = country;
    if (status) filter.status = status as Filter['status'];
    if (skill) filter.skillId = skill;
    return { first: PEOPLE_PAGE_SIZE, filter };
  }, [search, office, country, status, skill]);

  const people = useConnection(PeopleQuery, variables, selectPeople);
  const offices = useQuery(OfficesQuery, {});
  const officeList = offices.data?.offices ?? [];
  const countries = [...new Set(officeList.map((o) => o.country).filter((c): c is string => !!c))]
    .map((c) => ({ value: c, label: countryName(c) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <section aria-labelledby="people-heading">
      <h1 id="people-heading">People</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField label="Search by name" value={text} onChange={setText} placeholder="Start typing a name" />
        <SelectField
          label="Office"
          anyLabel="All offices"
          value={office}
          onChange={(v) => setParam('office', v)}
          options={officeList.map((o) => ({ value: o.id, label: `${o.name} (${o.headcount})` }))}
        />
        <SelectField
          label="Country"
          anyLabel="All countries"
          value={country}
          onChange={(v) => setParam('country', v)}
          options={countries}
        />
        <SelectField
          label="Status"
          anyLabel="Any status"
          value={status}
          onChange={(v) => setParam('status', v)}
          options={STATUSES}
        />
      </form>
      {offices.error && <p className="muted">Office and country filters are unavailable: {offices.error.message}</p>}
      {skill && <SkillFilterNote id={skill} onClear={() => setParam('skill', '')} />}

      {people.error && people.nodes.length === 0 ? (
        <ErrorMessage error={people.error} onRetry={people.retry} />
      ) : people.loading && people.nodes.length === 0 ? (
        <Loading what="people" />
      ) : people.nodes.length === 0 ? (
        <Empty>No one matches these filters. Try fewer letters or clear a filter.</Empty>
      ) : (
        <>
          <ul className="card-list" aria-label="People" aria-busy={people.loading}>
            {people.nodes.map((p) => (
              <PersonItem key={p.id} person={p} />
            ))}
          </ul>
          <ListFooter list={people} noun="people" />
        </>
      )}
    </section>
  );
}

export const SkillNameQuery = graphql(`
  query SkillName($id: ID!) {
    skill(id: $id) {
      id
      name
    }
  }
`);

/** Says which skill the list is narrowed to (set by a skill page's "see all" link). */
function SkillFilterNote({ id, onClear }: { id: string; onClear: () => void }) {
  const { data } = useQuery(SkillNameQuery, { id });
  return (
    <p className="filter-note">
      Only people with the skill <strong>{data?.skill?.name ?? '…'}</strong>.{' '}
      <button type="button" className="button button--small" onClick={onClear}>
        Show everyone
      </button>
    </p>
  );
}

function PersonItem({ person }: { person: PersonRow }) {
  const where = [person.office?.name, countryName(person.country)].filter(Boolean).join(', ');
  return (
    <li className="card person-card">
      <Avatar name={person.name} />
      <div className="person-card__body">
        <Link to={personPath(person.id)} className="person-card__name">
          {person.name}
        </Link>{' '}
        <StatusBadge status={person.status} leavingOn={person.leavingOn} />
        {person.title && <div>{person.title}</div>}
        <div className="muted">
          {where}
          {where && (person.timezone ?? person.office?.timezone) ? ' · ' : ''}
          <LocalTimeText timeZone={person.timezone ?? person.office?.timezone} hours={person.workingHours} />
        </div>
      </div>
    </li>
  );
}
