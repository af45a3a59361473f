import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { experts, expertSearch, networkQuestion, offices } from '../test/fixtures';
import { meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

type AskInput = { input: { text: string; skillIds: string[]; visibility: string } };

function askApi(ask: (v: AskInput) => unknown) {
  return mockApi({
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
    expect(screen.getByRole('status').textContent).toContain(
      'Asked. Tacit sent your question to 3 people; their answers show here',
    );
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

  it('is offered only beside results, and only to someone signed in as a person', async () => {
    askApi(() => ({}));
    const view = renderAt('/search?q=records%20retention', meAs(null, ['ADMIN']));
    await screen.findByRole('list', { name: 'Experts' });
    expect(screen.queryByRole('button', { name: 'Ask these people' })).toBeNull();
    view.unmount();
    mockApi({ Offices: () => ({ offices }), ExpertSearch: () => expertSearch([]) });
    renderAt('/search?q=zzqx');
    await screen.findByText('Nobody found for “zzqx”.');
    expect(screen.queryByRole('button', { name: 'Ask these people' })).toBeNull();
  });
});
