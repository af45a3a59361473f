import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const hr = meAs(authPerson('p-hr', 'Orla Quinn', { title: 'HR Partner' }), ['HR']);

const risks = [
  {
    skill: { id: 's-ret', name: 'Retention schedules' },
    holders: 2,
    leavingWithin30Days: 1,
    leavingWithin90Days: 1,
    leavingWithin180Days: 2,
    busFactor: 0,
    riskScore: 0.724,
    harvestCoverage: 1,
    harvestedFrom: [{ id: 'p2', name: 'Ben Okafor' }],
    successors: [{ id: 'p7', name: 'Eamon Boyle' }],
  },
  {
    skill: { id: 's-gdpr', name: 'GDPR' },
    holders: 5,
    leavingWithin30Days: 0,
    leavingWithin90Days: 1,
    leavingWithin180Days: 1,
    busFactor: 4,
    riskScore: 0.2,
    harvestCoverage: 0,
    harvestedFrom: [],
    successors: [],
  },
  {
    skill: null,
    holders: 1,
    leavingWithin30Days: 1,
    leavingWithin90Days: 1,
    leavingWithin180Days: 1,
    busFactor: 0,
    riskScore: 1,
    harvestCoverage: 0,
    harvestedFrom: [],
    successors: [],
  },
];

const queue = [
  {
    person: { id: 'p2', name: 'Ben Okafor', title: 'Solicitor' },
    leavingOn: '2026-12-10',
    priority: 1.8,
    why: '2 at-risk skills not yet covered by their interview (riskiest 72%); priority 1.80 is the sum of their risks',
    skills: [
      { skill: { id: 's-ret', name: 'Retention schedules' }, otherHolders: 0 },
      { skill: { id: 's-gdpr', name: 'GDPR' }, otherHolders: 4 },
    ],
  },
];

describe('Knowledge at risk', () => {
  it('shows at-risk skills and the interview queue to HR', async () => {
    // Saturday 28 November 2026 from Hawaii to New Zealand.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T10:30:00Z'));
    const calls = mockApi({
      KnowledgeAtRisk: () => ({ knowledgeAtRisk: risks }),
      InterviewQueue: () => ({ interviewQueue: queue }),
    });
    renderAt('/hr/risk', hr);
    expect(screen.getByRole('heading', { level: 1, name: 'Knowledge at risk' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Knowledge at risk' }).getAttribute('aria-current')).toBe('page');

    const table = await screen.findByRole('table', { name: 'Skills at risk, riskiest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [row1, row2] = rows as [HTMLElement, HTMLElement];
    const first = within(row1);
    expect(first.getByRole('link', { name: 'Retention schedules' }).getAttribute('href')).toBe('/skills/s-ret');
    expect(first.getByRole('img', { name: 'risk 72%' })).toBeTruthy();
    expect(row1.querySelector('td')?.textContent).toBe('2');
    expect(within(row2).getByRole('img', { name: 'risk 20%' })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Skill', 'Holders', 'Leaving ≤30 days', '≤90 days', '≤180 days', 'Bus factor', 'Interviewed', 'Risk']);
    expect(first.getByText('1', { selector: 'td[data-label="Leavers interviewed"]' })).toBeTruthy();
    // What the harvest secured, named and linked.
    expect(row1.querySelector('th')?.textContent).toBe(
      'Retention schedulesHarvested from Ben Okafor · successor Eamon Boyle',
    );
    expect(first.getByRole('link', { name: 'Eamon Boyle' }).getAttribute('href')).toBe('/people/p7');
    expect(within(row2).queryByText(/Harvested/)).toBeNull();
    // The rule, in the page's own words.
    expect(screen.getByText('How risk is worked out')).toBeTruthy();
    expect(screen.getByText(/has the skill at level 3 or above/)).toBeTruthy();

    const list = await screen.findByRole('list', { name: 'Interview queue' });
    expect(within(list).getByRole('link', { name: 'Ben Okafor' }).getAttribute('href')).toBe('/people/p2');
    expect(within(list).getByText('Leaving 10 Dec 2026 (in 12 days)')).toBeTruthy();
    expect(within(list).getByText(/priority 1.80 is the sum of their risks/)).toBeTruthy();
    // Another order asks the server again.
    await userEvent.selectOptions(screen.getByLabelText('Order by'), 'LEAVING_DATE');
    await waitFor(() =>
      expect(calls.filter((c) => c.operation === 'InterviewQueue').at(-1)?.variables).toMatchObject({
        sort: 'LEAVING_DATE',
      }),
    );
    expect(within(list).getByRole('button', { name: 'Schedule interview' })).toBeTruthy();
    expect(within(list).getByLabelText('Interview Ben Okafor on')).toBeTruthy();
    const skills = within(list).getByRole('list', { name: 'At-risk skills held by Ben Okafor' });
    expect(
      within(skills)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Retention schedules — only holder at level 3+', 'GDPR — 4 others hold it']);
    expect(calls.map((c) => [c.operation, c.variables])).toEqual(
      expect.arrayContaining([
        ['KnowledgeAtRisk', { first: 100 }],
        ['InterviewQueue', { first: 100, sort: 'PRIORITY' }],
      ]),
    );
  });

  it('draws holders, leavers by month and harvest coverage, each with its figures in words', async () => {
    const soon = new Date();
    const inMonth = (offset: number) => {
      const d = new Date(soon.getFullYear(), soon.getMonth() + offset, 28);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-28`;
    };
    const leaver = (id: string, leavingOn: string) => ({
      ...queue[0]!,
      person: { id, name: id, title: null },
      leavingOn,
      interview: null,
    });
    mockApi({
      KnowledgeAtRisk: () => ({ knowledgeAtRisk: risks }),
      InterviewQueue: () => ({
        interviewQueue: [leaver('a', inMonth(1)), leaver('b', inMonth(1)), leaver('c', inMonth(3))],
      }),
    });
    renderAt('/hr/risk', hr);
    const holders = await screen.findByRole('table', { name: 'Holders of the riskiest skills' });
    expect(
      within(holders)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['Retention schedules22 leaving', 'GDPR51 leaving']);
    const months = screen.getByRole('img', { name: /^People leaving by month: / });
    const counts = (months.getAttribute('aria-label') ?? '')
      .replace('People leaving by month: ', '')
      .split(', ')
      .map((m) => Number(m.split(' ').pop()?.replace('.', '')));
    expect(counts).toEqual([0, 2, 0, 1, 0, 0]);
    expect(screen.getByText('3 people leave in these months.')).toBeTruthy();
    expect(screen.getByText('1 of 2 skills at risk (50%) covered by a completed interview.')).toBeTruthy();
  });

  it('says nothing is at risk when nobody is leaving', async () => {
    mockApi({ KnowledgeAtRisk: () => ({ knowledgeAtRisk: [] }), InterviewQueue: () => ({ interviewQueue: [] }) });
    renderAt('/hr/risk', meAs(authPerson('p-a', 'Ada Admin'), ['ADMIN']));
    const empty = await screen.findAllByText(
      'Nothing at risk: nobody holding scarce knowledge is leaving in the next 180 days.',
    );
    expect(empty.length).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows an error with a retry when the server fails', async () => {
    mockApi({
      KnowledgeAtRisk: () => {
        throw new GraphQLFailure('Something went wrong on the server.', 'INTERNAL');
      },
      InterviewQueue: () => ({ interviewQueue: [] }),
    });
    renderAt('/hr/risk', hr);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('tells employees the page is for HR and hides it from the navigation', () => {
    mockApi({});
    renderAt('/hr/risk');
    expect(screen.getByText('This page is for HR.')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Knowledge at risk' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
