import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const hr = meAs(authPerson('p-hr', 'Orla Quinn', { title: 'HR Partner' }), ['HR']);

const stats = (days: number) => ({
  networkStats: {
    days,
    asked: 4,
    answered: 2,
    closed: 1,
    open: 1,
    answeredWithinDay: 3,
    medianHoursToFirstAnswer: 3.46,
    perWeek: [
      { week: '2026-11-23', questions: 1 },
      { week: '2026-12-07', questions: 3 },
    ],
    people: [
      { person: { id: 'p1', name: 'Aoife Byrne' }, routed: 3, answered: 2, declined: 0, passed: 1 },
      { person: { id: 'p2', name: 'Ben Okafor' }, routed: 2, answered: 0, declined: 1, passed: 0 },
      { person: null, routed: 1, answered: 0, declined: 0, passed: 0 },
    ],
    openBySkill: [{ skill: { id: 's-ret', name: 'Records retention' }, open: 1 }],
  },
});

describe('How the network answers', () => {
  it('shows HR the figures as charts, each with its numbers in words or a table, for 7, 28 or 90 days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-09T12:00:00Z'));
    const calls = mockApi({ NetworkStats: (v) => stats(v.days as number) });
    renderAt('/network', hr);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Network' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 1, name: 'How the network answers' })).toBeTruthy();

    await screen.findByRole('heading', { level: 2, name: 'In the last 28 days' });
    const figures = Array.from(document.querySelectorAll('.network-figures__item'), (f) => f.textContent);
    expect(figures).toEqual(['Asked4', 'Answered2an answer was accepted', 'Closed1none helped', 'Open1']);

    const weeks = screen.getByRole('img', { name: /^Questions asked per week/ });
    expect(weeks.getAttribute('aria-label')).toBe(
      "Questions asked per week, by the week's Monday: 9 Nov 0, 16 Nov 0, 23 Nov 1, 30 Nov 0, 7 Dec 3.",
    );
    expect(weeks.querySelectorAll('rect')).toHaveLength(5);
    const table = screen.getByRole('table', { name: 'Questions asked per week' });
    expect(table.className).toBe('visually-hidden');
    await userEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    expect(table.className).not.toBe('visually-hidden');
    expect(within(table).getByRole('rowheader', { name: '7 Dec 2026' }).closest('tr')?.textContent).toBe('7 Dec 20263');

    expect(screen.getByText('3 of 4 questions asked (75%) had a first answer within 24 hours.')).toBeTruthy();
    expect(
      screen.getByText('Half of the answered questions had their first answer within 3.5 hours (the median).'),
    ).toBeTruthy();

    const people = screen.getByRole('table', { name: 'Routed and answered, per person' });
    const rows = within(people).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Aoife Byrne32 answered0 not me1 passed',
      'Ben Okafor20 answered1 not me0 passed',
      'No longer listed10 answered0 not me0 passed',
    ]);
    expect(within(people).getByRole('link', { name: 'Aoife Byrne' }).getAttribute('href')).toBe('/people/p1');
    const skills = screen.getByRole('table', { name: 'Open questions by skill' });
    expect(within(skills).getByRole('link', { name: 'Records retention' }).getAttribute('href')).toBe('/skills/s-ret');

    await userEvent.click(screen.getByRole('radio', { name: 'Last 90 days' }));
    await screen.findByRole('heading', { level: 2, name: 'In the last 90 days' });
    expect(calls.filter((c) => c.operation === 'NetworkStats').map((c) => c.variables)).toEqual([
      { days: 28 },
      { days: 90 },
    ]);
  });

  it('says when nothing was asked', async () => {
    mockApi({
      NetworkStats: () => ({
        networkStats: {
          days: 7,
          asked: 0,
          answered: 0,
          closed: 0,
          open: 0,
          answeredWithinDay: 0,
          medianHoursToFirstAnswer: null,
          perWeek: [],
          people: [],
          openBySkill: [],
        },
      }),
    });
    renderAt('/network?days=7', hr);
    await screen.findByText('No questions were asked in this period.');
    expect((screen.getByRole('radio', { name: 'Last 7 days' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('No question had an answer in this period.')).toBeTruthy();
    expect(screen.getByText('Nobody was asked in this period.')).toBeTruthy();
    expect(screen.getByText('No open question names a skill.')).toBeTruthy();
  });

  it('is for HR and admins only', async () => {
    const calls = mockApi({});
    renderAt('/network');
    expect(screen.getByText('This page is for knowledge managers: HR and admins.')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Network' })).toBeNull();
    await waitFor(() => expect(calls.filter((c) => c.operation === 'NetworkStats')).toEqual([]));
  });
});
