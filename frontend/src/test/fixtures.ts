import type { ResultOf } from '../graphql';
import type { OfficesQuery, PeopleQuery } from '../pages/PeoplePage';
import type { PersonQuery } from '../pages/PersonPage';
import type { Expert } from '../components/ExpertCard';
import type { ExpertSearchQuery } from '../pages/SearchPage';
import type { Question } from '../questions/queries';

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
    workingHours: null,
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
    {
      person: { id: 'p2' },
      level: 3,
      source: 'SELF',
      lastUsed: null,
      skill: { id: 's-gdpr', name: 'GDPR' },
      endorsements: [],
    },
    {
      person: { id: 'p2' },
      level: 5,
      source: 'HARVESTED',
      lastUsed: '2026-10-01',
      skill: { id: 's-ret', name: 'Retention schedules' },
      endorsements: [{ endorser: { id: 'p1' } }, { endorser: { id: 'p-me' } }],
    },
  ],
  communities: [{ role: 'LEAD', community: { id: 'c-rm', name: 'Records Management' } }],
  evidence: [
    {
      id: 'e1',
      title: 'Retention policy review 2026',
      kind: 'document',
      url: 'https://intranet.example.org/documents/e1',
    },
    { id: 'e2', title: null, kind: 'answer', url: null },
  ],
  summary: 'Employment law and records; ten years in the Belfast office.',
  languages: ['English', 'ga'],
  askMeAbout: ['Tribunal bundles', 'GDPR'],
  workingHours: { start: '08:30', end: '16:30', days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'] },
  contactActions: [
    { label: 'E-mail', url: 'mailto:ben.okafor@example.org' },
    { label: 'Teams chat', url: 'https://teams.microsoft.com/l/chat/0/0?users=ben.okafor@example.org' },
  ],
} satisfies ResultOf<typeof PersonQuery>['person'];

type ExpertSearch = Omit<ResultOf<typeof ExpertSearchQuery>['expertSearch'], 'experts'> & { experts: Expert[] };

const retention = { id: 's-ret', kind: 'SKILL', label: 'Records retention' } as const;
const governance = { id: 'c-ig', kind: 'COMMUNITY', label: 'Information Governance Network' } as const;

/** A suggested expert whose explanation names a skill, a community and a document. */
export function expert(id: string, name: string, extra: Partial<Expert> = {}): Expert {
  const me = { id, kind: 'PERSON', label: name } as const;
  const doc = { id: `d-${id}`, kind: 'EVIDENCE', label: 'Retention policy review' } as const;
  return {
    strength: 'STRONG',
    nameMatch: false,
    leaving: false,
    explanation:
      'wrote 4 documents tagged *Records retention*; member of *Information Governance Network*; wrote *Retention policy review*',
    overlapHours: 8,
    timezone: 'Europe/London',
    person: { id, name, title: 'Records Manager', country: 'GB', leavingOn: null, workingHours: null },
    office: { id: 'o-bel', name: 'Belfast', country: 'GB', timezone: 'Europe/London' },
    matchedSkills: [{ id: 's-ret', name: 'Records retention' }],
    paths: [
      { text: 'wrote 4 documents tagged *Records retention*', nodes: [retention, doc, me] },
      { text: 'member of *Information Governance Network*', nodes: [governance, me] },
      { text: 'wrote *Retention policy review*', nodes: [doc, me] },
    ],
    ...extra,
  };
}

export const experts = [
  expert('p1', 'Aoife Byrne'),
  expert('p3', 'Mei Chen', {
    overlapHours: 0,
    timezone: 'Australia/Sydney',
    person: { id: 'p3', name: 'Mei Chen', title: 'Data Engineer', country: 'AU', leavingOn: null, workingHours: null },
    office: { id: 'o-syd', name: 'Sydney', country: 'AU', timezone: 'Australia/Sydney' },
  }),
  expert('p4', 'Tomás Ruiz', {
    overlapHours: null,
    timezone: null,
    office: null,
    person: { id: 'p4', name: 'Tomás Ruiz', title: null, country: null, leavingOn: null, workingHours: null },
  }),
];

/** The answer to `expertSearch`: by default the question was read as asked and someone matches clearly. */
export function expertSearch(found: Expert[], extra: Partial<ExpertSearch> = {}): { expertSearch: ExpertSearch } {
  return { expertSearch: { experts: found, showingResultsFor: null, clearMatch: true, ...extra } };
}

type Route = Question['routes'][number];

/** One person a question went to: routed now, with the ranking's reason. */
export function questionRoute(
  position: number,
  person: { id: string; name: string; title?: string | null } | null,
  state: Route['state'],
  reason: string,
  extra: Partial<Route> = {},
): Route {
  return {
    person: person && { title: null, ...person },
    state,
    position,
    reason,
    passedBy: null,
    note: null,
    routedAt: '2026-12-07T09:00:00Z',
    respondedAt: null,
    ...extra,
  };
}

export const aoife = { id: 'p1', name: 'Aoife Byrne', title: 'Records Manager' };
export const ben = { id: 'p2', name: 'Ben Okafor', title: 'Solicitor' };
export const mei = { id: 'p3', name: 'Mei Chen', title: 'Data Engineer' };
export const tomas = { id: 'p4', name: 'Tomás Ruiz', title: null };

/** An open public question from Niamh Walsh (the test's usual signed-in employee), routed to three people. */
export function networkQuestion(extra: Partial<Question> = {}): Question {
  return {
    id: 'q1',
    externalId: 'q-1',
    text: 'What is the retention schedule for HR records?',
    visibility: 'PUBLIC',
    status: 'OPEN',
    createdAt: '2026-12-07T09:00:00Z',
    closedAt: null,
    askedByMe: false,
    asker: { id: 'p-me', name: 'Niamh Walsh', title: 'Paralegal' },
    skills: [{ id: 's-ret', name: 'Records retention' }],
    routes: [
      questionRoute(1, aoife, 'ROUTED', 'wrote *Retention policy review*; has the skill *Records retention*'),
      questionRoute(2, ben, 'ROUTED', 'has the skill *Retention schedules*'),
      questionRoute(3, mei, 'ROUTED', 'member of *Records Management Network*'),
    ],
    myRoute: null,
    answers: [],
    evidence: null,
    ...extra,
  };
}
