import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const rm = {
  id: 'c-rm',
  name: 'Records Management',
  description: 'Keeping the right records for the right time.',
  skills: [{ id: 's-ret', name: 'Retention schedules' }],
};

describe('Communities', () => {
  it('lists communities with member counts and skills', async () => {
    mockApi({
      Communities: (v) => ({ communities: connection([{ ...rm, memberCount: 2 }], Number(v.first), v.after) }),
    });
    renderAt('/communities');
    const link = await screen.findByRole('link', { name: 'Records Management' });
    expect(link.getAttribute('href')).toBe('/communities/c-rm');
    expect(screen.getByText('2 members')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Skills of Records Management' })).getByRole('link').textContent,
    ).toBe('Retention schedules');
  });

  it('shows members with leads first', async () => {
    mockApi({
      Community: () => ({
        community: {
          ...rm,
          members: [
            { role: 'MEMBER', person: { id: 'p1', name: 'Aoife Byrne', office: { name: 'Belfast' } } },
            { role: 'LEAD', person: { id: 'p3', name: 'Mei Chen', office: null } },
            { role: 'EXPERT', person: null },
          ],
        },
      }),
    });
    renderAt('/communities/c-rm');
    expect(await screen.findByRole('heading', { level: 1, name: 'Records Management' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Members (2 people)' })).toBeTruthy();
    const members = within(screen.getByRole('list', { name: 'Members' })).getAllByRole('listitem');
    expect(members.map((m) => m.textContent)).toEqual(['MCMei ChenLead', 'ABAoife ByrneMember · Belfast']);
  });
});
