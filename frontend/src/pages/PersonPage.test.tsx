import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fullPerson } from '../test/fixtures';
import { authPerson, meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

// The network panel is tested on its own (src/network); here it has nothing to draw.
const noNetwork = () => ({ person: { id: 'p2', network: { nodes: [], edges: [], truncated: false } } });

const skillRows = () => within(screen.getAllByRole('table')[0]!).getAllByRole('row').slice(1);

describe('Person page', () => {
  it('shows skills with level, source and endorsements, communities, evidence, manager and leaving date', async () => {
    // Sunday 6 December 2026 from Hawaii to New Zealand.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:30:00Z'));
    const calls = mockApi({ Person: () => ({ person: fullPerson }), PersonNetwork: noNetwork });
    renderAt('/people/p%2F2');
    expect(await screen.findByRole('heading', { level: 1, name: /Ben Okafor/ })).toBeTruthy();
    expect(calls[0]?.variables).toEqual({ id: 'p/2' });

    expect(
      skillRows().map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [
        'Retention schedules',
        '5 · Expert',
        'From a handover interview',
        '1 Oct 2026',
        '2 endorsementsYou endorsed thisWithdraw',
      ],
      ['GDPR', '3 · Practitioner', 'Self-declared', '—', 'No endorsementsEndorse'],
    ]);
    expect(screen.getByRole('link', { name: 'Records Management' }).getAttribute('href')).toBe('/communities/c-rm');
    expect(screen.getByText('· Lead')).toBeTruthy();
    const evidence = within(screen.getByRole('list', { name: 'Evidence' })).getAllByRole('listitem');
    expect(evidence.map((e) => e.textContent)).toEqual([
      'Retention policy review 2026 · Document',
      'Untitled · Answer',
    ]);
    expect(screen.getByRole('link', { name: 'Aoife Byrne' }).getAttribute('href')).toBe('/people/p1');
    expect(screen.getByText('Leaving on 31 Jan 2027 (in 56 days)')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Ben Okafor · Tacit'));
  });

  it('endorses a colleague’s skill and shows the new count', async () => {
    const endorsed: unknown[] = [];
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: noNetwork,
      EndorseSkill: (v) => {
        endorsed.push(v);
        return {
          endorseSkill: {
            personSkill: {
              person: { id: 'p2' },
              skill: { id: 's-gdpr' },
              endorsements: [{ endorser: { id: 'p-me' } }],
            },
          },
        };
      },
    });
    renderAt('/people/p2');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Endorse GDPR' }));
    const gdpr = skillRows()[1] as HTMLElement;
    expect(await within(gdpr).findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('You endorsed this'),
    );
    expect(within(gdpr).getByText('1 endorsement')).toBeTruthy();
    expect(within(gdpr).queryByRole('button', { name: 'Endorse GDPR' })).toBeNull();
    expect(endorsed).toEqual([{ personId: 'p2', skillId: 's-gdpr' }]);
  });

  it('withdraws my endorsement and shows the new count', async () => {
    const withdrawn: unknown[] = [];
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: noNetwork,
      WithdrawEndorsement: (v) => {
        withdrawn.push(v);
        return {
          withdrawEndorsement: {
            personSkill: { person: { id: 'p2' }, skill: { id: 's-ret' }, endorsements: [{ endorser: { id: 'p9' } }] },
          },
        };
      },
    });
    renderAt('/people/p2');
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Withdraw your endorsement of Retention schedules' }));
    const ret = skillRows()[0] as HTMLElement;
    expect(await within(ret).findByText('1 endorsement')).toBeTruthy();
    expect(within(ret).getByRole('button', { name: 'Endorse Retention schedules' })).toBeTruthy();
    expect(withdrawn).toEqual([{ personId: 'p2', skillId: 's-ret' }]);
  });

  it('says in plain words when the skill was already endorsed', async () => {
    mockApi({
      Person: () => ({ person: fullPerson }),
      PersonNetwork: noNetwork,
      EndorseSkill: () => {
        throw new GraphQLFailure('you have already endorsed this skill', 'CONFLICT');
      },
    });
    renderAt('/people/p2');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Endorse GDPR' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You have already endorsed this skill; each colleague counts once.',
    );
  });

  it('offers no endorsing on your own profile, and links to My profile', async () => {
    mockApi({ Person: () => ({ person: fullPerson }), PersonNetwork: noNetwork });
    renderAt('/people/p2', meAs(authPerson('p2', 'Ben Okafor')));
    await screen.findByRole('heading', { level: 1, name: /Ben Okafor/ });
    expect(screen.queryByRole('button', { name: /^Endorse/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Edit your skills in My profile' }).getAttribute('href')).toBe('/me');
  });

  it('says so when the person does not exist', async () => {
    mockApi({ Person: () => ({ person: null }) });
    renderAt('/people/nobody');
    expect(await screen.findByRole('heading', { name: 'Person not found' })).toBeTruthy();
  });
});
