import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const base = {
  id: 'c-rm',
  name: 'Records Management',
  description: null,
  visibility: 'CLOSED',
  status: 'ACTIVE',
  myRequest: null,
  myDeclinedRequest: null,
  pendingRequestCount: null,
  skills: [{ id: 's-ret', name: 'Retention schedules' }],
  members: [{ role: 'LEAD', person: { id: 'p-lead', name: 'Mei Chen', office: null } }],
};

describe('Community membership and leads', () => {
  it('lets an employee ask to join a closed community', async () => {
    const joined: unknown[] = [];
    let asked = false;
    mockApi({
      Community: () => ({ community: { ...base, myRequest: asked ? { id: 'jr1' } : null } }),
      JoinCommunity: (v) => {
        joined.push(v);
        asked = true;
        return { joinCommunity: { membership: null, request: { id: 'jr1', status: 'PENDING' } } };
      },
    });
    renderAt('/communities/c-rm');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('A word to the leads (optional)'), 'I run the file room');
    await user.click(screen.getByRole('button', { name: 'Ask to join' }));
    await screen.findByText('You asked to join; the leads will answer.');
    expect(joined).toEqual([{ id: 'c-rm', message: 'I run the file room' }]);
  });

  it('shows a lead the requests, health and suggestions, and approves a request', async () => {
    const lead = meAs(authPerson('p-lead', 'Mei Chen'));
    const decided: unknown[] = [];
    mockApi({
      Community: () => ({ community: { ...base, pendingRequestCount: 1 } }),
      CommunityLead: () => ({
        community: {
          id: 'c-rm',
          pendingRequests: [
            {
              id: 'jr1',
              message: 'please',
              createdAt: '2026-11-01T10:00:00Z',
              person: { id: 'p2', name: 'Ben Okafor', title: 'Solicitor' },
            },
          ],
          suggestedMembers: [
            {
              person: { id: 'p9', name: 'Cara Doyle', title: null },
              explanation: 'has the skill *Retention schedules*',
              paths: [
                {
                  text: 'has the skill *Retention schedules*',
                  nodes: [{ id: 's-ret', kind: 'SKILL', label: 'Retention schedules' }],
                },
              ],
            },
          ],
          health: {
            memberCount: 3,
            activeMemberCount: 2,
            pendingRequests: 1,
            membersByOffice: [
              { label: 'Belfast', count: 2 },
              { label: 'Sydney', count: 1 },
            ],
            membersByCountry: [{ label: 'GB', count: 2 }],
            uncoveredSkills: [{ id: 's-ret', name: 'Retention schedules' }],
            leavingMembers: [
              {
                person: { id: 'p3', name: 'Aoife Byrne' },
                topics: [{ id: 's-ret', name: 'Retention schedules' }],
                uncoveredTopics: [{ id: 's-ret', name: 'Retention schedules' }],
                inherited: [],
              },
              {
                person: { id: 'p4', name: 'Laura Singh' },
                topics: [{ id: 's-sar', name: 'Subject access requests' }],
                uncoveredTopics: [],
                inherited: [
                  {
                    skill: { id: 's-sar', name: 'Subject access requests' },
                    person: { id: 'p5', name: 'Eamon Boyle' },
                  },
                ],
              },
            ],
            joinsByMonth: [
              { label: '2026-10', count: 1 },
              { label: '2026-11', count: 2 },
            ],
            activityByMonth: [{ month: '2026-11', documents: 1, answers: 0, joins: 2 }],
          },
        },
      }),
      DecideJoinRequest: (v) => {
        decided.push(v);
        return { decideJoinRequest: { request: { id: 'jr1', status: 'APPROVED' } } };
      },
    });
    renderAt('/communities/c-rm', lead);
    const requests = await screen.findByRole('list', { name: 'Requests to join' });
    expect(within(requests).getByRole('link', { name: 'Ben Okafor' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Belfast: 2' })).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Joined by month' }))
        .getAllByRole('img')
        .map((i) => i.getAttribute('aria-label')),
    ).toEqual(['Oct 2026: 1', 'Nov 2026: 2']);
    const leaving = within(screen.getByRole('list', { name: 'Members leaving' }));
    expect(leaving.getByText(/takes Retention schedules with them/)).toBeTruthy();
    // Who inherited a leaver's topics, named in their interview.
    expect(leaving.getByText(/Subject access requests by/)).toBeTruthy();
    expect(leaving.getByRole('link', { name: 'Eamon Boyle' }).getAttribute('href')).toBe('/people/p5');
    expect(
      within(screen.getByRole('list', { name: 'Suggested members' })).getByRole('link', { name: 'Cara Doyle' }),
    ).toBeTruthy();
    await userEvent.setup().click(within(requests).getByRole('button', { name: 'Approve Ben Okafor' }));
    expect(decided).toEqual([{ id: 'jr1', approve: true, reason: null }]);
  });
});

describe('Invitations', () => {
  it('lets a lead invite a suggested member, who joins only by accepting', async () => {
    const lead = meAs(authPerson('p-lead', 'Mei Chen'));
    const invited: unknown[] = [];
    mockApi({
      Community: () => ({ community: { ...base, pendingRequestCount: 0 } }),
      CommunityLead: () => ({
        community: {
          id: 'c-rm',
          pendingRequests: [],
          pendingInvitations: [
            { id: 'inv0', createdAt: '2026-12-01T10:00:00Z', person: { id: 'p10', name: 'Dan Quinn' } },
          ],
          suggestedMembers: [
            {
              person: { id: 'p9', name: 'Cara Doyle', title: null },
              explanation: 'has the skill *Retention schedules*',
              paths: [],
            },
            {
              person: { id: 'p10', name: 'Dan Quinn', title: null },
              explanation: 'has the skill *Retention schedules*',
              paths: [],
            },
          ],
          health: {
            memberCount: 1,
            activeMemberCount: 1,
            pendingRequests: 0,
            membersByOffice: [],
            membersByCountry: [],
            uncoveredSkills: [],
            leavingMembers: [],
            joinsByMonth: [],
            activityByMonth: [],
          },
        },
      }),
      InviteMember: (v) => {
        invited.push(v);
        return { addMember: { membership: null, invitation: { id: 'inv1', kind: 'INVITATION', status: 'PENDING' } } };
      },
    });
    renderAt('/communities/c-rm', lead);
    const suggested = await screen.findByRole('list', { name: 'Suggested members' });
    await userEvent.setup().click(within(suggested).getByRole('button', { name: 'Invite Cara Doyle' }));
    await within(suggested).findByText('Cara Doyle is invited: they join when they accept.');
    expect(document.activeElement?.textContent).toBe('Cara Doyle is invited: they join when they accept.');
    expect(invited).toEqual([{ community: 'c-rm', person: 'p9', message: null }]);
    // Someone invited earlier shows as waiting, after a reload too, with no second Invite.
    expect(within(suggested).getByText('Invited, waiting for their answer.')).toBeTruthy();
    expect(within(suggested).queryByRole('button', { name: 'Invite Dan Quinn' })).toBeNull();
    expect(
      within(screen.getByRole('list', { name: 'Invitations waiting' })).getByRole('link', { name: 'Dan Quinn' }),
    ).toBeTruthy();
  });

  it('lets a lead change a role and remove a member; the only lead cannot leave and is told why; no skills yet says so', async () => {
    const lead = meAs(authPerson('p-lead', 'Mei Chen'));
    const changed: unknown[] = [];
    const removed: unknown[] = [];
    const members = [
      { role: 'LEAD', person: { id: 'p-lead', name: 'Mei Chen', office: null } },
      { role: 'MEMBER', person: { id: 'p2', name: 'Ben Okafor', office: { name: 'Belfast' } } },
    ];
    mockApi({
      Community: () => ({ community: { ...base, skills: [], members, pendingRequestCount: 0 } }),
      CommunityLead: () => ({
        community: {
          id: 'c-rm',
          pendingRequests: [],
          pendingInvitations: [],
          suggestedMembers: [],
          health: {
            memberCount: 2,
            activeMemberCount: 2,
            pendingRequests: 0,
            membersByOffice: [],
            membersByCountry: [],
            uncoveredSkills: [],
            leavingMembers: [],
            joinsByMonth: [],
            activityByMonth: [],
          },
        },
      }),
      ChangeRole: (v) => {
        changed.push(v);
        return { addMember: { membership: { role: 'LEAD' } } };
      },
      RemoveMember: (v) => {
        removed.push(v);
        return { removeMember: { personId: 'p2' } };
      },
    });
    window.confirm = () => true;
    renderAt('/communities/c-rm', lead);
    const user = userEvent.setup();
    expect(
      await screen.findByText(/You are the only lead of Records Management, so you cannot leave yet/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Leave/ })).toBeNull();
    expect(await screen.findByText(/This community has no skills yet/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Role of Ben Okafor'), 'LEAD');
    await user.click(screen.getByRole('button', { name: 'Save the role of Ben Okafor' }));
    await screen.findByText('Ben Okafor is now lead.');
    expect(changed).toEqual([{ community: 'c-rm', person: 'p2', role: 'LEAD' }]);
    await user.click(screen.getByRole('button', { name: 'Remove Ben Okafor' }));
    await screen.findByText('Ben Okafor is no longer a member.');
    expect(removed).toEqual([{ community: 'c-rm', person: 'p2' }]);
  });

  it('tells someone whose request was declined the leads’ reason, and lets them ask again', async () => {
    mockApi({
      Community: () => ({
        community: {
          ...base,
          myDeclinedRequest: { reason: 'For records staff only', decidedAt: '2026-12-01T10:00:00Z' },
        },
      }),
    });
    renderAt('/communities/c-rm');
    const told = await screen.findByText(/The leads declined your request to join on 1 Dec 2026/);
    expect(told.textContent).toContain('For records staff only');
    expect(screen.getByRole('button', { name: 'Ask to join' })).toBeTruthy();
  });

  it('shows the invited person their invitations to accept or decline', async () => {
    const answered: unknown[] = [];
    let pending = true;
    mockApi({
      Communities: () => ({
        communities: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
      }),
      MyInvitations: () => ({
        myInvitations: pending
          ? [
              {
                id: 'inv1',
                role: 'EXPERT',
                message: 'Join us?',
                createdAt: '2026-12-01T10:00:00Z',
                community: { id: 'c-rm', name: 'Records Management' },
                invitedBy: { id: 'p-lead', name: 'Mei Chen' },
              },
            ]
          : [],
      }),
      AnswerInvitation: (v) => {
        answered.push(v);
        pending = false;
        return { answerInvitation: { request: { id: 'inv1', status: 'APPROVED' } } };
      },
    });
    renderAt('/communities');
    const list = await screen.findByRole('list', { name: 'Invitations for you' });
    expect(within(list).getByText(/invites you to join/).textContent).toContain('as an expert · 1 Dec 2026');
    expect(within(list).getByText('“Join us?”')).toBeTruthy();
    await userEvent.setup().click(within(list).getByRole('button', { name: 'Accept and join Records Management' }));
    expect(answered).toEqual([{ id: 'inv1', accept: true }]);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Invitations for you' })).toBeNull());
    expect((await screen.findByRole('status')).textContent).toBe('You joined Records Management.');
  });
});
