import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aoife, ben, networkQuestion, questionRoute } from '../test/fixtures';
import { meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const me = { id: 'p-me', name: 'Niamh Walsh', title: 'Paralegal' };

describe('Questions', () => {
  it('lists the questions for me, open ones waiting for me first with why they came, and the ones I asked', async () => {
    const answered = networkQuestion({
      id: 'q-old',
      text: 'Who signs off a records disposal?',
      asker: aoife,
      myRoute: questionRoute(2, me, 'ANSWERED', 'has the skill *Records disposal*'),
    });
    const waiting = networkQuestion({
      id: 'q-new',
      text: 'What is the retention schedule for HR records?',
      asker: ben,
      myRoute: questionRoute(4, me, 'ROUTED', 'Aoife Byrne passed it on: she knows', {
        passedBy: { id: 'p1', name: 'Aoife Byrne' },
        note: 'she knows',
      }),
    });
    const routed = networkQuestion({
      id: 'q-mid',
      text: 'Where is the file plan?',
      asker: ben,
      myRoute: questionRoute(1, me, 'ROUTED', 'wrote *File plan 2026*'),
    });
    // Still marked as asked of me, but the asker accepted someone else's answer: nothing waits for me.
    const settled = networkQuestion({
      id: 'q-done',
      text: 'Who keeps the board minutes?',
      status: 'ANSWERED',
      asker: ben,
      myRoute: questionRoute(2, me, 'ROUTED', 'wrote *Board minutes*'),
    });
    const closed = networkQuestion({
      id: 'q-closed',
      text: 'Is there a records amnesty?',
      status: 'CLOSED',
      asker: ben,
      myRoute: questionRoute(2, me, 'ROUTED', 'wrote *Amnesty*'),
    });
    const mine = networkQuestion({
      id: 'q-mine',
      askedByMe: true,
      visibility: 'PRIVATE',
      text: 'Can we delete old CVs?',
      answers: [
        { id: 'a1', text: 'Yes', createdAt: '2026-12-07T10:00:00Z', accepted: false, author: aoife },
        { id: 'a2', text: 'After six months', createdAt: '2026-12-07T10:00:00Z', accepted: false, author: ben },
      ],
      routes: [
        questionRoute(1, aoife, 'ANSWERED', 'x'),
        questionRoute(2, ben, 'ANSWERED', 'x'),
        questionRoute(3, null, 'SKIPPED', 'leaving soon'),
      ],
    });
    const calls = mockApi({
      QuestionsForMe: () => ({ questionsForMe: [answered, settled, waiting, closed, routed] }),
      MyQuestions: () => ({ myQuestions: [mine] }),
    });
    renderAt('/questions');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Questions' }).getAttribute('aria-current')).toBe('page');

    const forMe = await screen.findByRole('list', { name: 'Questions for you' });
    const items = within(forMe).getAllByRole('listitem');
    expect(items.map((li) => within(li).getAllByRole('link')[0]?.textContent)).toEqual([
      'What is the retention schedule for HR records?',
      'Where is the file plan?',
      'Who signs off a records disposal?',
      'Who keeps the board minutes?',
      'Is there a records amnesty?',
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Questions for you · 2 waiting' })).toBeTruthy();
    expect(items[0]?.textContent).toContain('Waiting for you');
    expect(items[0]?.textContent).toContain('Aoife Byrne passed it to you: “she knows”');
    expect(items[1]?.textContent).toContain('Why you: Wrote File plan 2026');
    expect(items[2]?.textContent).toContain('You answered');
    expect(items[3]?.textContent).toContain('Answered — no reply needed');
    expect(items[4]?.textContent).toContain('Closed — no reply needed');
    expect(items.filter((li) => li.textContent?.includes('Waiting for you'))).toHaveLength(2);
    expect(within(forMe).getByRole('link', { name: 'Where is the file plan?' }).getAttribute('href')).toBe(
      '/questions/q-mid',
    );

    const asked = await screen.findByRole('list', { name: 'Your questions' });
    const line = within(asked).getByRole('listitem');
    expect(line.textContent).toContain('Open');
    expect(line.textContent).toContain('2 answers · asked of 2 people');
    expect(line.textContent).toContain('private');
    expect(calls.map((c) => [c.operation, c.variables])).toEqual([
      ['QuestionsForMe', { first: 50 }],
      ['MyQuestions', { first: 50 }],
    ]);
  });

  it('says what to do when there are none, and needs a person', async () => {
    mockApi({ QuestionsForMe: () => ({ questionsForMe: [] }), MyQuestions: () => ({ myQuestions: [] }) });
    const view = renderAt('/questions');
    // The default server e-mails nobody, and the page does not promise it.
    await screen.findByText('No questions for you yet. When Tacit thinks you can answer one, it lists it here.');
    expect((await screen.findByText(/You have not asked any yet\./)).textContent).toBe(
      'You have not asked any yet. Search for what you need to know, then choose “Ask these people”.',
    );
    view.unmount();
    renderAt('/questions', meAs(null, ['ADMIN']));
    expect(screen.getByText('Questions are asked and answered by people; you are signed in without one.')).toBeTruthy();
  });
});
