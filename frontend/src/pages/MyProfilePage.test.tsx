import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { HIDDEN } from '../profile/Discoverable';
import type { MyProfile, MySkill } from '../profile/queries';
import { employee, meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

function profile(skills: MyProfile['skills'], discoverable = true): MyProfile {
  return {
    id: 'p-me',
    name: 'Niamh Walsh',
    title: 'Paralegal',
    discoverable,
    skills,
    timezone: 'Europe/London',
    summary: null,
    languages: [],
    askMeAbout: [],
    workingHours: null,
  };
}

const gdpr: MySkill = {
  person: { id: 'p-me' },
  level: 3,
  source: 'SELF',
  lastUsed: null,
  skill: { id: 's-gdpr', name: 'GDPR' },
  endorsements: [{ createdAt: '2026-11-01T10:00:00Z' }],
};
const ret: MySkill = {
  person: { id: 'p-me' },
  level: 4,
  source: 'HARVESTED',
  lastUsed: null,
  skill: { id: 's-ret', name: 'Retention schedules' },
  endorsements: [],
};

/** A fake server holding one person's skills, answering the profile query and its mutations. */
function profileServer(skills = [gdpr, ret]) {
  const state = { skills: [...skills], discoverable: true };
  const calls = mockApi({
    MyProfile: () => ({ person: profile(state.skills, state.discoverable) }),
    SkillsLookup: (v) => ({
      skills: {
        nodes: [
          { id: 's-foi', name: 'Freedom of information' },
          { id: 's-gdpr', name: 'GDPR' },
        ].filter((s) => s.name.toLowerCase().startsWith(String(v.prefix).toLowerCase())),
      },
    }),
    SetPersonSkill: (v) => {
      const input = v.input as { skillId: string; level: number; source: MySkill['source'] };
      const known = state.skills.find((s) => s.skill?.id === input.skillId);
      const skill = known?.skill ?? { id: input.skillId, name: 'Freedom of information' };
      state.skills = [
        ...state.skills.filter((s) => s.skill?.id !== input.skillId),
        { person: { id: 'p-me' }, level: input.level, source: input.source, lastUsed: null, skill, endorsements: [] },
      ];
      return { setPersonSkill: { personSkill: { level: input.level, source: input.source, skill } } };
    },
    RemovePersonSkill: (v) => {
      state.skills = state.skills.filter((s) => s.skill?.id !== v.skillId);
      return { removePersonSkill: { id: 'p-me' } };
    },
    SetDiscoverable: (v) => {
      state.discoverable = Boolean(v.discoverable);
      return { updatePerson: { person: { id: 'p-me', discoverable: state.discoverable } } };
    },
    MyData: () => ({ myData: { person: { id: 'p-me', name: 'Niamh Walsh' }, skills: state.skills.length } }),
  });
  return { state, calls };
}

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const rowOf = (name: string) => screen.getByRole('link', { name }).closest('tr') as HTMLElement;

describe('My profile', () => {
  it('is in the navigation and lists my skills with level, source and endorsements', async () => {
    profileServer();
    renderAt('/me');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My profile' }).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByRole('table', { name: 'Your skills, with level and where each came from' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['GDPR', 'Retention schedules']);
    expect((within(rowOf('GDPR')).getByRole('combobox', { name: 'Level of GDPR' }) as HTMLSelectElement).value).toBe(
      '3',
    );
    expect(within(rowOf('GDPR')).getByText('1 time')).toBeTruthy();
    expect(within(rowOf('Retention schedules')).getByText('From a handover interview')).toBeTruthy();
    expect(screen.getByText(/makes it self-declared/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See your profile as colleagues see it' }).getAttribute('href')).toBe(
      '/people/p-me',
    );
  });

  it('changes a level, removes a skill and adds one, confirming each', async () => {
    const { calls } = profileServer();
    renderAt('/me');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Level of Retention schedules' }), '5');
    expect((await screen.findByRole('status')).textContent).toContain(
      'Saved: Retention schedules is now level 5 · Expert.',
    );
    // An employee's change makes the skill self-declared.
    expect(calls.find((c) => c.operation === 'SetPersonSkill')?.variables).toEqual({
      input: { personId: 'p-me', skillId: 's-ret', level: 5, source: 'SELF' },
    });
    await within(rowOf('Retention schedules')).findByText('Self-declared');

    await user.click(screen.getByRole('button', { name: 'Remove GDPR' }));
    expect((await screen.findByRole('status')).textContent).toContain('Removed GDPR from your skills.');
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'GDPR' })).toBeNull());

    await user.type(screen.getByLabelText('Add a skill'), 'Fre');
    await user.click(await screen.findByRole('button', { name: 'Freedom of information' }));
    await user.selectOptions(screen.getByLabelText('Your level'), '2');
    await user.click(screen.getByRole('button', { name: 'Add Freedom of information' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Added Freedom of information at level 2 · Beginner.',
    );
    await screen.findByRole('link', { name: 'Freedom of information' });
    expect(calls.filter((c) => c.operation === 'SetPersonSkill').at(-1)?.variables).toEqual({
      input: { personId: 'p-me', skillId: 's-foi', level: 2, source: 'SELF' },
    });
  });

  it('keeps a skill’s source when HR changes their own level', async () => {
    const { calls } = profileServer();
    renderAt('/me', meAs(employee.person, ['HR']));
    await userEvent
      .setup()
      .selectOptions(await screen.findByRole('combobox', { name: 'Level of Retention schedules' }), '2');
    await screen.findByRole('status');
    expect(calls.find((c) => c.operation === 'SetPersonSkill')?.variables).toMatchObject({
      input: { source: 'HARVESTED' },
    });
    expect(screen.queryByText(/makes it self-declared/)).toBeNull();
  });

  it('does not offer skills I already hold when adding one', async () => {
    profileServer();
    renderAt('/me');
    await userEvent.setup().type(await screen.findByLabelText('Add a skill'), 'GD');
    expect(await screen.findByText('No match for “GD”.')).toBeTruthy();
  });

  it('switches me out of expert search and says what that means', async () => {
    const { state } = profileServer();
    renderAt('/me');
    const toggle = await screen.findByRole('switch', { name: 'Show me in expert search' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await userEvent.setup().click(toggle);
    expect((await screen.findByRole('status')).textContent).toContain(HIDDEN);
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(state.discoverable).toBe(false);
  });

  it('downloads my data as tacit-my-data.json', async () => {
    profileServer();
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(b: Blob) {
          created.push(b);
          return 'blob:my-data';
        }
        static override revokeObjectURL() {}
      },
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt('/me');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download my data' }));
    expect((await screen.findByRole('status')).textContent).toContain('Your data was saved as tacit-my-data.json');
    expect(clicked).toHaveBeenCalledTimes(1);
    const link = clicked.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('tacit-my-data.json');
    expect(JSON.parse(await readText(created[0]!))).toEqual({ person: { id: 'p-me', name: 'Niamh Walsh' }, skills: 2 });
  });

  it('explains a refused change in plain words', async () => {
    profileServer();
    mockApi({
      MyProfile: () => ({ person: profile([gdpr]) }),
      RemovePersonSkill: () => {
        throw new GraphQLFailure('forbidden', 'FORBIDDEN');
      },
    });
    renderAt('/me');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Remove GDPR' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have permission to see this.');
  });

  it('says there is no profile for a credential that is not a person', () => {
    mockApi({});
    renderAt('/me', meAs(null, ['ADMIN']));
    expect(screen.getByText(/not a person’s, so there is no profile to edit/)).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'My profile' }),
    ).toBeNull();
  });
});
