import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { experts, expertSearch, networkQuestion, offices } from '../test/fixtures';
import { meAs } from '../test/mockAuth';
import { defaultNetworkSettings, GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

type AskInput = { input: { text: string; skillIds: string[]; visibility: string } };

function askApi(ask: (v: AskInput) => unknown, settings = defaultNetworkSettings) {
  return mockApi({
    NetworkSettings: () => ({ networkSettings: settings }),
    Offices: () => ({ offices }),
    ExpertSearch: () => expertSearch(experts),
    AskQuestion: (v) => ask(v as AskInput),
    Question: () => ({ question: networkQuestion({ askedByMe: true, text: 'records retention for leavers' }) }),
    SkillsLookup: () => ({ skills: { nodes: [{ id: 's-ret', name: 'Records retention' }] } }),
  });
}

describe('Asking the people a search found', () => {
  it('asks with the search text, a skill and a visibility, then opens the question', async () => {
    const asked: AskInput[] = [];
    askApi((v) => {
      asked.push(v);
      return { askQuestion: { question: networkQuestion({ askedByMe: true, text: v.input.text }) } };
    });
    renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ask these people' }));

    const form = screen.getByRole('form', { name: 'Ask these people' });
    const text = within(form).getByLabelText('Your question') as HTMLTextAreaElement;
    expect(text.value).toBe('records retention');
    expect(document.activeElement).toBe(text);
    // Public is the default, each choice said in one line.
    expect((within(form).getByRole('radio', { name: /^Public: / }) as HTMLInputElement).checked).toBe(true);
    expect(
      within(form)
        .getByRole('radio', { name: /^Private: / })
        .closest('label')?.textContent,
    ).toBe(' Private: only you, the people asked, HR and admins see it, and nothing is kept as evidence.');
    await user.type(text, ' for leavers');
    await user.type(within(form).getByLabelText('Add a skill'), 'Rec');
    await user.click(await within(form).findByRole('button', { name: 'Records retention' }));
    await user.click(within(form).getByRole('radio', { name: /^Private: / }));
    await user.click(within(form).getByRole('button', { name: 'Send the question' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'records retention for leavers' })).toBeTruthy();
    expect(asked).toEqual([
      { input: { text: 'records retention for leavers', skillIds: ['s-ret'], visibility: 'PRIVATE' } },
    ]);
    // Nobody is e-mailed by a server without e-mail or a webhook, and the page does not say so.
    expect(screen.getByRole('status').textContent).toBe(
      '✓ Asked. Tacit sent your question to 3 people; they see it under Questions in Tacit (nobody is e-mailed). Their answers show here.',
    );
  });

  it('says how many are asked, the fair share, and how they hear of it, as the server is set up', async () => {
    askApi(() => ({}), { ...defaultNetworkSettings, people: 4, maxOpenPerWeek: 2 });
    const view = renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    const user = userEvent.setup();
    const panel = screen.getByRole('complementary', { name: 'Ask the network' });
    await waitFor(() =>
      expect(panel.textContent).toContain(
        'It goes to the 4 people most likely to know; nobody gets more than 2 a week. They see it under Questions in Tacit (nobody is e-mailed), and Tacit collects their answers.',
      ),
    );
    expect(panel.textContent).not.toMatch(/e-mails them/);
    await user.click(screen.getByRole('button', { name: 'Ask these people' }));
    const form = screen.getByRole('form', { name: 'Ask these people' });
    expect(form.textContent).toContain(
      'Your question goes to the 4 people most likely to know; nobody gets more than 2 a week (and nobody who is leaving soon). They see it under Questions in Tacit (nobody is e-mailed).',
    );
    view.unmount();

    askApi(() => ({}), { ...defaultNetworkSettings, email: true, webhook: true });
    renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    await user.click(screen.getByRole('button', { name: 'Ask these people' }));
    await waitFor(() =>
      expect(screen.getByRole('form', { name: 'Ask these people' }).textContent).toContain(
        'Your question goes to the 3 people most likely to know; nobody gets more than 5 a week (and nobody who is leaving soon). They see it by e-mail and in the team chat, and under Questions in Tacit.',
      ),
    );
  });

  it('counts the characters near the limit, and says when pasted text was cut', async () => {
    askApi(() => ({}));
    renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ask these people' }));
    const form = screen.getByRole('form', { name: 'Ask these people' });
    const text = within(form).getByLabelText('Your question') as HTMLTextAreaElement;
    // Far from the limit, no count.
    expect(within(form).queryByText(/\/ 2,000 characters/)).toBeNull();
    await user.clear(text);
    await user.click(text);
    await user.paste('a'.repeat(1950));
    expect(within(form).getByText('1,950 / 2,000 characters')).toBeTruthy();
    expect(text.getAttribute('aria-describedby')).toContain(within(form).getByText('1,950 / 2,000 characters').id);
    expect(within(form).getByRole('status').textContent).toBe('');
    await user.paste('b'.repeat(100));
    expect(text.value).toBe('a'.repeat(1950) + 'b'.repeat(50));
    expect(within(form).getByText('2,000 / 2,000 characters')).toBeTruthy();
    expect(within(form).getByRole('status').textContent).toBe(
      'Cut to 2,000 characters, the longest a question can be: the end of what you typed or pasted is not in it.',
    );
    // Making room again takes the note away.
    await user.type(text, '{Backspace}');
    expect(within(form).getByText('1,999 / 2,000 characters')).toBeTruthy();
    expect(within(form).getByRole('status').textContent).toBe('');
  });

  it('says why a question could not be asked, and gives focus back when cancelled', async () => {
    askApi(() => {
      throw new GraphQLFailure(
        'nobody can be asked this now: no one matches it who is here, findable and under the fair-share cap; try other words or name a skill',
        'CONFLICT',
      );
    });
    renderAt('/search?q=records%20retention&office=o-bel');
    await screen.findByRole('list', { name: 'Experts' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ask these people' }));
    const form = screen.getByRole('form', { name: 'Ask these people' });
    expect(form.textContent).toContain('Your filters are not used: anyone in the organisation may be asked.');
    await user.clear(within(form).getByLabelText('Your question'));
    await user.click(within(form).getByRole('button', { name: 'Send the question' }));
    expect(within(form).getByText('Write the question first.')).toBeTruthy();
    await user.type(within(form).getByLabelText('Your question'), 'records retention');
    await user.click(within(form).getByRole('button', { name: 'Send the question' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('nobody can be asked this now');

    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Ask these people' })));
    expect(screen.queryByRole('form', { name: 'Ask these people' })).toBeNull();
  });

  it('is offered only to someone signed in as a person; when nobody is found, as asking the network', async () => {
    askApi(() => ({}));
    const view = renderAt('/search?q=records%20retention', meAs(null, ['ADMIN']));
    await screen.findByRole('list', { name: 'Experts' });
    expect(screen.queryByRole('button', { name: 'Ask these people' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Ask these people/ })).toBeNull();
    view.unmount();
    mockApi({ Offices: () => ({ offices }), ExpertSearch: () => expertSearch([]) });
    renderAt('/search?q=zzqx');
    await screen.findByText('Nobody found for “zzqx”.');
    expect(screen.queryByRole('button', { name: 'Ask these people' })).toBeNull();
    const panel = screen.getByRole('complementary', { name: 'Ask the network' });
    expect(within(panel).getByRole('heading', { name: 'Nobody matches yet — ask the network' })).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Ask the network' }));
    const form = screen.getByRole('form', { name: 'Ask the network' });
    expect((within(form).getByLabelText('Your question') as HTMLTextAreaElement).value).toBe('zzqx');
  });

  it('on a phone, offers a compact "Ask these people" by the summary, after the results for the keyboard', async () => {
    askApi(() => ({}));
    renderAt('/search?q=records%20retention');
    const list = await screen.findByRole('list', { name: 'Experts' });
    const jump = screen.getByRole('button', { name: 'Ask these people: the form below the results' });
    expect(jump.textContent).toBe('Ask these people');
    // After the last result in the page's order, so Tab still reaches the results first.
    expect(list.compareDocumentPosition(jump) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await userEvent.click(jump);
    const form = screen.getByRole('form', { name: 'Ask these people' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Your question'));
  });
});
