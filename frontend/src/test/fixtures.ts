import type { ResultOf } from '../graphql';
import type { OfficesQuery, PeopleQuery } from '../pages/PeoplePage';
import type { PersonQuery } from '../pages/PersonPage';

// Typed against the queries, so a schema change that breaks a query also breaks these fixtures.
type PersonRow = ResultOf<typeof PeopleQuery>['people']['edges'][number]['node'];

export const offices = [
  { id: 'o-bel', name: 'Belfast', country: 'GB', timezone: 'Europe/London', headcount: 2 },
  { id: 'o-syd', name: 'Sydney', country: 'AU', timezone: 'Australia/Sydney', headcount: 1 },
] satisfies ResultOf<typeof OfficesQuery>['offices'];

export function personRow(id: string, name: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    name,
    title: 'Records Manager',
    status: 'ACTIVE',
    leavingOn: null,
    timezone: 'Europe/London',
    country: 'GB',
    office: { id: 'o-bel', name: 'Belfast', timezone: 'Europe/London' },
    ...extra,
  };
}

export const people = [
  personRow('p1', 'Aoife Byrne'),
  personRow('p2', 'Ben Okafor', { title: 'Solicitor', status: 'LEAVING', leavingOn: '2027-01-31' }),
  personRow('p3', 'Mei Chen', {
    title: 'Data Engineer',
    timezone: 'Australia/Sydney',
    country: 'AU',
    office: { id: 'o-syd', name: 'Sydney', timezone: 'Australia/Sydney' },
  }),
];

export const fullPerson = {
  id: 'p2',
  name: 'Ben Okafor',
  title: 'Solicitor',
  orgUnit: 'Legal',
  email: 'ben.okafor@example.org',
  status: 'LEAVING',
  leavingOn: '2027-01-31',
  timezone: 'Europe/London',
  country: 'GB',
  office: { id: 'o-bel', name: 'Belfast', timezone: 'Europe/London', country: 'GB' },
  manager: { id: 'p1', name: 'Aoife Byrne' },
  skills: [
    { level: 3, source: 'SELF', lastUsed: null, skill: { id: 's-gdpr', name: 'GDPR' } },
    { level: 5, source: 'HARVESTED', lastUsed: '2026-10-01', skill: { id: 's-ret', name: 'Retention schedules' } },
  ],
  communities: [{ role: 'LEAD', community: { id: 'c-rm', name: 'Records Management' } }],
  evidence: [
    { id: 'e1', title: 'Retention policy review 2026', kind: 'document' },
    { id: 'e2', title: null, kind: 'answer' },
  ],
} satisfies ResultOf<typeof PersonQuery>['person'];
