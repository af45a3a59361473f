import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { SAVED } from './AboutMe';

const me = {
  id: 'p-me',
  name: 'Niamh Walsh',
  title: 'Paralegal',
  discoverable: true,
  skills: [],
  timezone: 'Europe/London',
  summary: 'Paralegal in Belfast.',
  languages: ['English'],
  askMeAbout: ['GDPR'],
  workingHours: null,
};

function server(fail?: string) {
  const saved: unknown[] = [];
  const calls = mockApi({
    MyProfile: () => ({ person: me }),
    MyData: () => ({ myData: {} }),
    UpdateProfile: (v) => {
      if (fail) throw new GraphQLFailure(fail, 'BAD_USER_INPUT');
      const input = v.input as {
        summary: string | null;
        languages: string[];
        askMeAbout: string[];
        workingHours: unknown;
      };
      saved.push(input);
      return { updateProfile: { person: { ...me, ...input, summary: input.summary } } };
    },
  });
  return { saved, calls };
}

describe('About me', () => {
  it('edits the summary, languages, topics and working hours and confirms the save', async () => {
    const { saved } = server();
    renderAt('/me');
    const user = userEvent.setup();
    const panel = await screen.findByRole('region', { name: 'About me' });
    const summary = within(panel).getByLabelText('Summary');
    expect((summary as HTMLTextAreaElement).value).toBe('Paralegal in Belfast.');
    await user.clear(summary);
    await user.type(summary, 'Records and retention.');
    await user.type(within(panel).getByLabelText('Add a language'), 'ga{Enter}');
    await user.click(within(panel).getByRole('button', { name: 'Remove English' }));
    await user.type(within(panel).getByLabelText('Add a topic'), 'Tribunal bundles');
    await user.click(within(panel).getByRole('button', { name: 'Add topic' }));
    expect(
      within(within(panel).getByRole('list', { name: 'Ask me about' }))
        .getAllByRole('listitem')
        .map((l) => l.firstChild?.textContent),
    ).toEqual(['GDPR', 'Tribunal bundles']);
    await user.type(within(panel).getByLabelText('Start'), '08:30');
    await user.type(within(panel).getByLabelText('End'), '16:30');
    await user.click(within(panel).getByRole('checkbox', { name: 'Friday' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'Saturday' }));
    await user.click(within(panel).getByRole('button', { name: 'Save about me' }));
    expect((await within(panel).findByRole('status')).textContent).toContain(SAVED);
    expect(saved).toEqual([
      {
        personId: 'p-me',
        summary: 'Records and retention.',
        languages: ['ga'],
        askMeAbout: ['GDPR', 'Tribunal bundles'],
        workingHours: {
          start: '08:30',
          end: '16:30',
          days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'SATURDAY'],
        },
      },
    ]);
  });

  it('saves a topic typed but not added, and keeps the focus on the chips when one is removed', async () => {
    const { saved } = server();
    renderAt('/me');
    const user = userEvent.setup();
    const panel = await screen.findByRole('region', { name: 'About me' });
    await user.type(within(panel).getByLabelText('Add a topic'), 'Subject access requests');
    await user.type(within(panel).getByLabelText('Add a language'), 'Irish');
    await user.click(within(panel).getByRole('button', { name: 'Remove GDPR' }));
    // No chip left: the focus goes to the field, not back to the top of the page.
    expect(document.activeElement).toBe(within(panel).getByLabelText('Add a topic'));
    await user.click(within(panel).getByRole('button', { name: 'Save about me' }));
    expect((await within(panel).findByRole('status')).textContent).toContain(SAVED);
    expect(saved).toMatchObject([{ languages: ['English', 'Irish'], askMeAbout: ['Subject access requests'] }]);
    expect((within(panel).getByLabelText('Add a topic') as HTMLInputElement).value).toBe('');
  });

  it('says what is wrong before sending, and shows the server’s reason', async () => {
    const { saved } = server("languages: 'x1' is neither a language name (e.g. Irish) nor a BCP-47 tag (e.g. pt-BR)");
    renderAt('/me');
    const user = userEvent.setup();
    const panel = await screen.findByRole('region', { name: 'About me' });
    await user.type(within(panel).getByLabelText('Start'), '17:00');
    await user.type(within(panel).getByLabelText('End'), '09:00');
    await user.click(within(panel).getByRole('button', { name: 'Save about me' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Your working day must end after it starts.');
    expect(saved).toEqual([]);
    await user.clear(within(panel).getByLabelText('Start'));
    await user.clear(within(panel).getByLabelText('End'));
    await user.type(within(panel).getByLabelText('Add a language'), 'x1{Enter}');
    await user.click(within(panel).getByRole('button', { name: 'Save about me' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain('is neither a language name');
    expect(within(panel).queryByRole('status', { name: SAVED })).toBeNull();
  });
});
