import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { offices, people, personRow } from '../test/fixtures';
import { connection, GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

type Vars = {
  first: number;
  after?: string;
  filter?: { namePrefix?: string; officeId?: string; status?: string; skillId?: string };
};

function peopleApi(all = people) {
  return mockApi({
    Offices: () => ({ offices }),
    People: (v) => {
      const { first, after, filter = {} } = v as Vars;
      const matches = all.filter(
        (p) =>
          (!filter.namePrefix || p.name.toLowerCase().startsWith(filter.namePrefix.toLowerCase())) &&
          (!filter.officeId || p.office?.id === filter.officeId) &&
          (!filter.status || p.status === filter.status),
      );
      return { people: connection(matches, first, after) };
    },
  });
}

const names = () =>
  within(screen.getByRole('list', { name: 'People' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('People directory', () => {
  it('lists people with title, office and local time', async () => {
    peopleApi();
    renderAt('/people');
    expect(await screen.findByRole('link', { name: 'Mei Chen' })).toHaveProperty(
      'href',
      expect.stringMatching(/\/people\/p3$/),
    );
    expect(names()).toEqual(['Aoife Byrne', 'Ben Okafor', 'Mei Chen']);
    expect(screen.getByText('Leaving 31 Jan 2027')).toBeTruthy();
    expect(screen.getByText('Data Engineer')).toBeTruthy();
    // Always with the weekday: it may already be tomorrow there.
    const times = Array.from(document.querySelectorAll('.local-time'), (t) => t.textContent);
    expect(times).toEqual([
      expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in London/),
      expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in London/),
      expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in Sydney/),
    ]);
    expect(screen.getByText('Showing 3 of 3 people')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('People · Tacit'));
  });

  it('searches by name prefix after the user pauses typing', async () => {
    const calls = peopleApi();
    renderAt('/people');
    await screen.findByRole('link', { name: 'Mei Chen' });
    await userEvent.type(screen.getByLabelText('Search by name'), 'me');
    await waitFor(() => expect(names()).toEqual(['Mei Chen']));
    const searches = calls.filter((c) => c.operation === 'People').map((c) => (c.variables as Vars).filter);
    expect(searches).toEqual([{}, { namePrefix: 'me' }]);
  });

  it('filters by office and status with labelled drop-downs', async () => {
    const calls = peopleApi();
    renderAt('/people');
    await screen.findByRole('option', { name: 'Sydney (1)' });
    await userEvent.selectOptions(screen.getByLabelText('Office'), 'Sydney (1)');
    await waitFor(() => expect(names()).toEqual(['Mei Chen']));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Leaving');
    expect(await screen.findByText(/No one matches these filters/)).toBeTruthy();
    expect(calls.at(-1)?.variables).toMatchObject({ filter: { officeId: 'o-syd', status: 'LEAVING' } });
    expect(screen.getByRole('option', { name: 'Australia' })).toBeTruthy();
  });

  it('loads more with the end cursor and appends', async () => {
    const many = Array.from({ length: 30 }, (_, i) => personRow(`p${i}`, `Person ${String(i).padStart(2, '0')}`));
    const calls = peopleApi(many);
    renderAt('/people');
    await screen.findByText('Showing 25 of 30 people');
    await userEvent.click(screen.getByRole('button', { name: 'Load more people' }));
    await screen.findByText('Showing 30 of 30 people');
    expect(names().at(-1)).toBe('Person 29');
    expect(screen.queryByRole('button', { name: 'Load more people' })).toBeNull();
    expect(calls.filter((c) => c.operation === 'People').at(-1)?.variables).toMatchObject({ after: '24' });
  });

  it('shows a plain error with a retry button', async () => {
    let fail = true;
    mockApi({
      Offices: () => ({ offices }),
      People: () => {
        if (fail) throw new GraphQLFailure('database is locked', 'INTERNAL_SERVER_ERROR');
        return { people: connection(people, 25) };
      },
    });
    renderAt('/people');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on the server');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Aoife Byrne' })).toBeTruthy();
  });
});

describe('People directory narrowed to a skill', () => {
  it('filters by the skill in the address and can clear it', async () => {
    const calls = mockApi({
      Offices: () => ({ offices }),
      SkillName: () => ({ skill: { id: 's-ret', name: 'Retention schedules' } }),
      People: (v) => ({ people: connection((v as Vars).filter?.skillId ? people.slice(0, 1) : people, 25) }),
    });
    renderAt('/people?skill=s-ret');
    expect(await screen.findByText('Retention schedules')).toBeTruthy();
    await waitFor(() => expect(names()).toEqual(['Aoife Byrne']));
    expect(calls.find((c) => c.operation === 'People')?.variables).toMatchObject({ filter: { skillId: 's-ret' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show everyone' }));
    await waitFor(() => expect(names()).toHaveLength(3));
  });
});
