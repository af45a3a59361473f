import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { GraphQLFailure, connection, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const lead = meAs(authPerson('p-lead', 'Mei Chen'));
const admin = meAs(authPerson('p-admin', 'Ada Admin'), ['EMPLOYEE', 'ADMIN']);
const skills = [
  { id: 's-ret', name: 'Retention schedules' },
  { id: 's-gdpr', name: 'GDPR' },
  { id: 's-foi', name: 'Freedom of information' },
];
const skillsLookup = (v: Record<string, unknown>) => ({
  skills: { nodes: skills.filter((s) => s.name.toLowerCase().startsWith(String(v.prefix).toLowerCase())) },
});
const noCommunities = () => ({ communities: connection([], 50) });
const months = (from: number, values: Array<[number, number, number]>) =>
  values.map(([documents, answers, joins], i) => {
    const m = from + i;
    const year = 2026 + Math.floor((m - 1) / 12);
    const month = ((m - 1) % 12) + 1;
    return { month: `${year}-${String(month).padStart(2, '0')}`, documents, answers, joins };
  });
const quietHealth = {
  memberCount: 2,
  activeMemberCount: 2,
  pendingRequests: 0,
  membersByOffice: [],
  membersByCountry: [],
  uncoveredSkills: [],
  leavingMembers: [],
  joinsByMonth: [],
  activityByMonth: months(
    1,
    Array.from({ length: 12 }, () => [0, 0, 0] as [number, number, number]),
  ),
};
const community = {
  id: 'c-rm',
  name: 'Records Management',
  description: 'Keeping records.',
  visibility: 'OPEN',
  status: 'ACTIVE',
  myRequest: null,
  myDeclinedRequest: null,
  pendingRequestCount: 0,
  skills: [skills[0]],
  members: [
    { role: 'LEAD', person: { id: 'p-lead', name: 'Mei Chen', office: null } },
    { role: 'MEMBER', person: { id: 'p2', name: 'Ben Okafor', office: null } },
  ],
};
const leadView = (health = quietHealth) => ({
  community: { id: 'c-rm', pendingRequests: [], pendingInvitations: [], suggestedMembers: [], health },
});

describe('Proposing and creating a community', () => {
  it('lets an employee propose one with skills and visibility, says it waits for an admin, and lists it as waiting', async () => {
    const created: unknown[] = [];
    let proposed = false;
    mockApi({
      Communities: noCommunities,
      MyInvitations: () => ({ myInvitations: [] }),
      MyProposals: () => ({
        communities: {
          nodes: proposed
            ? [
                { id: 'c-new', name: 'Rust guild', proposedBy: { id: 'p-lead' } },
                { id: 'c-x', name: 'Not mine', proposedBy: { id: 'p9' } },
              ]
            : [],
        },
      }),
      SkillsLookup: skillsLookup,
      CreateCommunity: (v) => {
        created.push(v);
        proposed = true;
        return { createCommunity: { community: { id: 'c-new', name: 'Rust guild', status: 'PROPOSED' } } };
      },
    });
    renderAt('/communities', lead);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Propose a community' }));
    expect(screen.getByText(/An admin approves a new community before it is listed/)).toBeTruthy();
    // A name is needed: the form says so and sends nothing.
    await user.click(screen.getByRole('button', { name: 'Send for approval' }));
    expect(screen.getByText('Give the community a name.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(created).toEqual([]);
    await user.type(screen.getByLabelText('Name'), '  Rust guild ');
    await user.type(screen.getByLabelText('Description'), 'Systems programming in Rust');
    // Enter in the skill box chooses the first match; it never sends the half-filled form.
    await user.type(screen.getByLabelText('Add a skill'), 'GD');
    await within(await screen.findByRole('list', { name: 'Add a skill: matches' })).findByRole('button', {
      name: 'GDPR',
    });
    await user.type(screen.getByLabelText('Add a skill'), '{Enter}');
    expect(within(screen.getByRole('list', { name: 'Chosen skills' })).getByText(/GDPR/)).toBeTruthy();
    expect(created).toEqual([]);
    await user.click(screen.getByRole('radio', { name: /Closed/ }));
    await user.click(screen.getByRole('button', { name: 'Send for approval' }));
    expect(created).toEqual([
      {
        input: {
          name: 'Rust guild',
          description: 'Systems programming in Rust',
          visibility: 'CLOSED',
          skillIds: ['s-gdpr'],
        },
      },
    ]);
    expect((await screen.findByText(/Sent to the admins/)).textContent).toContain(
      'Rust guild is waiting for approval. You are its lead',
    );
    const mine = await screen.findByRole('list', { name: 'Your proposals' });
    expect(
      within(mine)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Rust guild Waiting for approval']);
  });

  it('lets an admin create a live community and shows what the server refused', async () => {
    let calls = 0;
    mockApi({
      Communities: noCommunities,
      MyInvitations: () => ({ myInvitations: [] }),
      MyProposals: () => ({ communities: { nodes: [] } }),
      CreateCommunity: (v) => {
        calls += 1;
        if (calls === 1) throw new GraphQLFailure("a community named 'Rust guild' already exists", 'CONFLICT');
        return {
          createCommunity: {
            community: { id: 'c-new', name: String((v.input as { name: string }).name), status: 'ACTIVE' },
          },
        };
      },
    });
    renderAt('/communities', admin);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Create a community' }));
    expect(screen.getByText('As an admin, the community goes live at once.')).toBeTruthy();
    await user.type(screen.getByLabelText('Name'), 'Rust guild');
    await user.click(screen.getByRole('button', { name: 'Create community' }));
    expect(await screen.findByText(/already exists/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Rust guild 2');
    await user.click(screen.getByRole('button', { name: 'Create community' }));
    const done = await screen.findByText(/Created/);
    expect(done.textContent).toContain('Rust guild 2: it is live');
    expect(within(done).getByRole('link', { name: 'Rust guild 2' }).getAttribute('href')).toBe('/communities/c-new');
  });
});

describe('Curating a community', () => {
  it('lets a lead edit the description, skills and visibility, and confirms it', async () => {
    const updated: unknown[] = [];
    mockApi({
      Community: () => ({ community }),
      CommunityLead: () => leadView(),
      SkillsLookup: skillsLookup,
      UpdateCommunity: (v) => {
        updated.push(v);
        return {
          updateCommunity: { community: { ...community, description: 'Records, kept well.', skills: [skills[2]] } },
        };
      },
    });
    renderAt('/communities/c-rm', lead);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit name, description, skills or visibility' }));
    const form = screen.getByRole('region', { name: 'About this community' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Records Management');
    await user.clear(within(form).getByLabelText('Description'));
    await user.type(within(form).getByLabelText('Description'), 'Records, kept well.');
    await user.click(within(form).getByRole('button', { name: 'Remove the skill Retention schedules' }));
    await user.type(within(form).getByLabelText('Add a skill'), 'Free');
    await user.click(await within(form).findByRole('button', { name: 'Freedom of information' }));
    await user.click(within(form).getByRole('radio', { name: /Closed/ }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(updated).toEqual([
      {
        input: {
          id: 'c-rm',
          name: 'Records Management',
          description: 'Records, kept well.',
          visibility: 'CLOSED',
          skillIds: ['s-foi'],
        },
      },
    ]);
    expect((await within(form).findByRole('status')).textContent).toContain('Saved');
  });

  it('lets a lead invite someone found by name; members are not offered', async () => {
    const invited: unknown[] = [];
    mockApi({
      Community: () => ({ community }),
      CommunityLead: () => leadView(),
      PeopleLookup: () => ({
        people: {
          nodes: [
            { id: 'p2', name: 'Ben Okafor', title: null, status: 'ACTIVE', office: null },
            { id: 'p7', name: 'Bea Long', title: 'Archivist', status: 'ACTIVE', office: { name: 'Sydney' } },
          ],
        },
      }),
      InviteMember: (v) => {
        invited.push(v);
        return { addMember: { membership: null, invitation: { id: 'inv7', kind: 'INVITATION', status: 'PENDING' } } };
      },
    });
    renderAt('/communities/c-rm', lead);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Invite someone by name'), 'Be');
    const matches = await screen.findByRole('list', { name: 'Invite someone by name: matches' });
    expect(within(matches).queryByRole('button', { name: 'Ben Okafor' })).toBeNull();
    await user.click(within(matches).getByRole('button', { name: 'Bea Long' }));
    expect(invited).toEqual([{ community: 'c-rm', person: 'p7', message: null }]);
    expect(await screen.findByText('Bea Long is invited: they join when they accept.')).toBeTruthy();
  });

  it('archives only after saying what happens, and merges naming the community that stays', async () => {
    const archived: unknown[] = [];
    const merged: unknown[] = [];
    mockApi({
      Community: () => ({ community }),
      CommunityLead: () => leadView(),
      CuratableCommunities: () => ({
        me: {
          leads: [
            { id: 'c-rm', name: 'Records Management', status: 'ACTIVE' },
            { id: 'c-ar', name: 'Archives', status: 'ACTIVE' },
          ],
        },
        communities: { nodes: [] },
      }),
      ArchiveCommunity: (v) => {
        archived.push(v);
        return { archiveCommunity: { community: { id: 'c-rm', status: 'ARCHIVED' } } };
      },
      MergeCommunities: (v) => {
        merged.push(v);
        return { mergeCommunities: { community: { id: 'c-rm', name: 'Records Management', memberCount: 5 } } };
      },
    });
    renderAt('/communities/c-rm', lead);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Archive Records Management' }));
    expect(
      screen.getByText(/It leaves search and the list of communities; its members and record are kept/),
    ).toBeTruthy();
    expect(archived).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Yes, archive it' }));
    expect(archived).toEqual([{ id: 'c-rm' }]);
    expect(await screen.findByText(/Records Management is archived/)).toBeTruthy();

    await user.selectOptions(await screen.findByLabelText('Merge with'), 'c-ar');
    await user.click(screen.getByRole('radio', { name: 'Records Management stays' }));
    await user.click(screen.getByRole('button', { name: 'Merge Archives into Records Management' }));
    const question = screen.getByText(/^Merge Archives into Records Management\?/);
    expect(question.textContent).toContain(
      "Records Management stays; Archives’s members (keeping each one's higher role) and skills move to it",
    );
    await user.click(screen.getByRole('button', { name: 'Yes, merge them' }));
    expect(merged).toEqual([{ survivor: 'c-rm', merged: 'c-ar' }]);
    expect(await screen.findByText('Archives is merged into Records Management.')).toBeTruthy();
  });

  it('lets the only lead name another member lead, then leave', async () => {
    const calls: string[] = [];
    mockApi({
      Community: () => ({ community }),
      CommunityLead: () => leadView(),
      ChangeRole: (v) => {
        calls.push(`role ${String(v.person)} ${String(v.role)}`);
        return { addMember: { membership: { role: 'LEAD' } } };
      },
      LeaveCommunity: (v) => {
        calls.push(`leave ${String(v.id)}`);
        return { leaveCommunity: { personId: 'p-lead' } };
      },
    });
    renderAt('/communities/c-rm', lead);
    const user = userEvent.setup();
    expect(
      (await screen.findByText(/You are the only lead of Records Management, so you cannot leave yet/)).textContent,
    ).toContain('Name another member lead, then leave.');
    expect(screen.queryByRole('button', { name: /^Leave/ })).toBeNull();
    const go = screen.getByRole('button', { name: 'Make them lead, then leave' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('New lead'), 'p2');
    await user.click(screen.getByRole('button', { name: 'Make Ben Okafor lead, then leave' }));
    await waitFor(() => expect(calls).toEqual(['role p2 LEAD', 'leave c-rm']));
  });

  it('draws activity by month with a legend, months in words, and the same numbers as a table', async () => {
    const activity = months(1, [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [1, 0, 0],
      [0, 2, 1],
      [2, 1, 3],
    ]);
    mockApi({
      Community: () => ({ community }),
      CommunityLead: () => leadView({ ...quietHealth, activityByMonth: activity }),
    });
    renderAt('/communities/c-rm', lead);
    const chart = await screen.findByRole('figure', { name: 'Activity over the last 12 months' });
    expect(within(chart).getByText(/per month from Jan 2026 to Dec 2026/)).toBeTruthy();
    expect(
      within(within(chart).getByRole('list', { name: 'Legend' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim()),
    ).toEqual(['Documents', 'Answers', 'Joins']);
    const rows = within(within(chart).getByRole('list', { name: 'Activity by month' })).getAllByRole('img');
    expect(rows).toHaveLength(12);
    expect(rows[11]?.getAttribute('aria-label')).toBe('Dec 2026: 2 documents, 1 answer, 3 joins');
    expect(rows[10]?.getAttribute('aria-label')).toBe('Nov 2026: 0 documents, 2 answers, 1 join');
    expect(chart.textContent).not.toMatch(/\d{4}-\d{2}/);
    const table = within(chart).getByRole('table', { hidden: true });
    expect(table.className).toBe('visually-hidden');
    await userEvent.setup().click(within(chart).getByRole('button', { name: 'Show as a table' }));
    expect(table.className).toBe('activity__table');
    const last = within(table).getAllByRole('row').at(-1);
    expect(Array.from(last?.children ?? []).map((c) => c.textContent)).toEqual(['Dec 2026', '2', '1', '3']);
  });
});
