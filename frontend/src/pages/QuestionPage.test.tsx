import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Question } from '../questions/queries';
import { aoife, ben, mei, networkQuestion, questionRoute, tomas } from '../test/fixtures';
import { authPerson, meAs } from '../test/mockAuth';
import { defaultNetworkSettings, GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';
import { POLL_MS } from './QuestionPage';

/** Signed in as Aoife Byrne, the first person the question went to. */
const asAoife = meAs(authPerson('p1', 'Aoife Byrne'));

const people = () => screen.getByRole('list', { name: 'People asked' });
const routeOf = (name: string) =>
  within(people())
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(name)) as HTMLElement;

/** A fake server over one question that the mutations change, as the real one would. */
function questionServer(start: Question, settings = defaultNetworkSettings) {
  let q = start;
  const answerQ = () => ({ question: q });
  const calls = mockApi({
    Question: answerQ,
    NetworkSettings: () => ({ networkSettings: settings }),
    PeopleLookup: () => ({
      people: {
        nodes: [
          { id: 'p9', name: 'Cara Doyle', title: 'Archivist', status: 'ACTIVE', office: { name: 'Belfast' } },
          { id: 'p2', name: 'Ben Okafor', title: 'Solicitor', status: 'ACTIVE', office: null },
          { id: 'p-me', name: 'Niamh Walsh', title: 'Paralegal', status: 'ACTIVE', office: null },
        ],
      },
    }),
    DeclineQuestion: (v) => {
      q = {
        ...q,
        routes: [
          ...q.routes.map((r) =>
            r.person?.id === 'p1'
              ? {
                  ...r,
                  state: 'DECLINED' as const,
                  note: (v.note as string | null) ?? null,
                  respondedAt: '2026-12-07T10:00:00Z',
                }
              : r,
          ),
          questionRoute(4, tomas, 'ROUTED', 'has the skill *Records retention*'),
        ],
      };
      q = { ...q, myRoute: q.routes[0] ?? null };
      return { declineQuestion: answerQ() };
    },
    AnswerQuestion: (v) => {
      q = {
        ...q,
        answers: [
          ...q.answers,
          { id: 'a1', text: v.text as string, createdAt: '2026-12-07T10:00:00Z', accepted: false, author: aoife },
        ],
        routes: q.routes.map((r) => (r.person?.id === 'p1' ? { ...r, state: 'ANSWERED' as const } : r)),
      };
      q = { ...q, myRoute: q.routes[0] ?? null };
      return { answerQuestion: { answer: { id: 'a1' }, ...answerQ() } };
    },
    PassQuestion: (v) => {
      q = {
        ...q,
        routes: [
          ...q.routes.map((r) => (r.person?.id === 'p1' ? { ...r, state: 'PASSED' as const } : r)),
          questionRoute(4, { id: 'p9', name: 'Cara Doyle' }, 'ROUTED', `Aoife Byrne passed it on: ${String(v.note)}`, {
            passedBy: { id: 'p1', name: 'Aoife Byrne' },
            note: v.note as string,
          }),
        ],
      };
      q = { ...q, myRoute: q.routes[0] ?? null };
      return { passQuestion: answerQ() };
    },
    AcceptAnswer: (v) => {
      q = {
        ...q,
        status: 'ANSWERED',
        closedAt: '2026-12-07T11:00:00Z',
        answers: q.answers.map((a) => ({ ...a, accepted: a.id === v.answerId })),
        // The server links answer evidence to the question's own public address (when it knows it);
        // the page then points to the author's profile instead of to itself.
        evidence:
          q.visibility === 'PUBLIC'
            ? { id: 'ev1', title: q.text, kind: 'answer', url: `https://tacit.example.org/questions/${q.externalId}` }
            : null,
      };
      return { acceptAnswer: answerQ() };
    },
    CloseQuestion: () => {
      q = { ...q, status: 'CLOSED', closedAt: '2026-12-07T11:00:00Z' };
      return { closeQuestion: answerQ() };
    },
  });
  return { calls, current: () => q, set: (next: Question) => (q = next) };
}

const routedToAoife = () => {
  const q = networkQuestion();
  return { ...q, myRoute: q.routes[0] ?? null };
};

describe('A question asked of the network', () => {
  it('tells the person it came to why, and sends "not me" on to the next person', async () => {
    const server = questionServer(routedToAoife());
    renderAt('/questions/q1', asAoife);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What is the retention schedule for HR records?' }),
    ).toBeTruthy();
    const forYou = screen.getByRole('region', { name: 'Can you answer?' });
    expect(forYou.textContent).toContain(
      'Why you, from Tacit’s ranking: Wrote Retention policy review; has the skill Records retention',
    );
    expect(within(forYou).getByLabelText('Your answer')).toBeTruthy();
    // The asker's controls are not offered to someone it was routed to.
    expect(screen.queryByRole('button', { name: 'None of these helped' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Niamh Walsh' }).getAttribute('href')).toBe('/people/p-me');

    const user = userEvent.setup();
    await user.click(within(forYou).getByRole('button', { name: 'Not me' }));
    const note = within(forYou).getByLabelText('Why not? (optional; the asker sees it)');
    expect(document.activeElement).toBe(note);
    await user.type(note, 'I only know the case system');
    await user.click(within(forYou).getByRole('button', { name: 'Not me: ask someone else' }));
    await within(forYou).findByText('Thank you: Tacit asked Tomás Ruiz instead.');
    expect(server.calls.filter((c) => c.operation === 'DeclineQuestion').map((c) => c.variables)).toEqual([
      { questionId: 'q1', note: 'I only know the case system' },
    ]);
    // The page shows the fourth person asked, and what Aoife said.
    await waitFor(() => expect(within(people()).getAllByRole('listitem')).toHaveLength(4));
    expect(routeOf('Tomás Ruiz').textContent).toContain('Asked, waiting');
    expect(routeOf('Aoife Byrne').textContent).toContain('Said not me');
    expect(routeOf('Aoife Byrne').textContent).toContain('“I only know the case system”');
    expect(within(forYou).getByText('You said it is not for you: “I only know the case system”')).toBeTruthy();
    expect(within(forYou).queryByLabelText('Your answer')).toBeNull();
  });

  it('lets the person it came to pass it to a colleague, with a note', async () => {
    const server = questionServer(routedToAoife());
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });

    // Passing on needs someone and a note; the asker and those already asked are not offered.
    await user.click(within(forYou).getByRole('button', { name: 'Pass to a colleague' }));
    await user.click(within(forYou).getByRole('button', { name: 'Pass it on' }));
    expect(within(forYou).getByRole('alert').textContent).toBe('Choose the colleague to pass it to.');
    await user.type(within(forYou).getByLabelText('Colleague to pass it to'), 'C');
    const matches = await within(forYou).findByRole('list', { name: 'Colleague to pass it to: matches' });
    expect(within(matches).queryByRole('button', { name: 'Ben Okafor' })).toBeNull();
    await user.click(within(matches).getByRole('button', { name: 'Cara Doyle' }));
    await user.click(within(forYou).getByRole('button', { name: 'Pass it on' }));
    expect(within(forYou).getByRole('alert').textContent).toBe('Say why Cara Doyle: they see your note.');
    await user.type(within(forYou).getByLabelText('Why them? (they see it)'), 'She wrote the HR schedule');
    await user.click(within(forYou).getByRole('button', { name: 'Pass it on' }));
    await within(forYou).findByText('Passed to Cara Doyle, with your note. Thank you.');
    expect(server.calls.filter((c) => c.operation === 'PassQuestion').map((c) => c.variables)).toEqual([
      { questionId: 'q1', personId: 'p9', note: 'She wrote the HR schedule' },
    ]);
    await waitFor(() =>
      expect(routeOf('Cara Doyle').textContent).toContain('Aoife Byrne passed it on: “She wrote the HR schedule”'),
    );
  });

  it('sends an answer, which then shows under Answers', async () => {
    const server = questionServer(routedToAoife());
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });
    await user.click(within(forYou).getByRole('button', { name: 'Send answer' }));
    expect(within(forYou).getByText('Write your answer first.')).toBeTruthy();
    await user.type(within(forYou).getByLabelText('Your answer'), 'Six years after they leave.');
    await user.click(within(forYou).getByRole('button', { name: 'Send answer' }));
    // Without e-mail the asker is not "told": they see it on the page.
    await within(forYou).findByText('Sent: Niamh Walsh sees it here, on the question’s page.');
    expect(server.calls.filter((c) => c.operation === 'AnswerQuestion').map((c) => c.variables)).toEqual([
      { questionId: 'q1', text: 'Six years after they leave.' },
    ]);
    const answers = await screen.findByRole('list', { name: 'Answers' });
    expect(within(answers).getByText('Six years after they leave.')).toBeTruthy();
    // They may add to it; "not me" and passing on are over once they answered.
    expect(within(forYou).getByLabelText('Add to your answer')).toBeTruthy();
    expect(within(forYou).queryByRole('button', { name: 'Not me' })).toBeNull();
    expect(routeOf('Aoife Byrne').textContent).toContain('Answered');
  });

  it('lets the asker accept the answer that helped, which becomes evidence', async () => {
    const asked = {
      ...networkQuestion({ askedByMe: true }),
      answers: [
        { id: 'a1', text: 'Ask Records.', createdAt: '2026-12-07T09:30:00Z', accepted: false, author: mei },
        { id: 'a2', text: 'Six years after leaving.', createdAt: '2026-12-07T09:40:00Z', accepted: false, author: ben },
      ],
    };
    const server = questionServer(asked);
    renderAt('/questions/q1');
    const answers = await screen.findByRole('list', { name: 'Answers' });
    expect(screen.getByRole('heading', { level: 2, name: 'Answers (2)' })).toBeTruthy();
    expect(screen.getByText(/Asked by you/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Can you answer?' })).toBeNull();
    expect(
      screen.getByText(
        'Public: the answer that helps is kept as evidence anyone can find, so the next person asking finds it.',
      ),
    ).toBeTruthy();

    const user = userEvent.setup();
    await user.click(within(answers).getByRole('button', { name: 'This answered it: Ben Okafor’s answer' }));
    await screen.findByText(
      'Thank you: Ben Okafor sees it here, and their answer is kept as evidence of what they know.',
    );
    expect(server.calls.filter((c) => c.operation === 'AcceptAnswer').map((c) => c.variables)).toEqual([
      { answerId: 'a2' },
    ]);
    await waitFor(() => expect(screen.getByText('Answered').className).toContain('badge--question-answered'));
    expect(within(answers).getByText('The answer that helped').closest('li')?.textContent).toContain(
      'Six years after leaving.',
    );
    expect(within(answers).queryByRole('button', { name: /This answered it/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'None of these helped' })).toBeNull();
    const evidence = screen.getByText(/Kept as evidence/).closest('p') as HTMLElement;
    expect(evidence.textContent).toBe(
      'Kept as evidence: What is the retention schedule for HR records? (under Evidence on Ben Okafor’s profile)',
    );
    expect(within(evidence).getByRole('link').getAttribute('href')).toBe('/people/p2');
  });

  it('lets the asker say none of the answers helped, once there is one', async () => {
    const server = questionServer(networkQuestion({ askedByMe: true }));
    const view = renderAt('/questions/q1');
    const user = userEvent.setup();
    await screen.findByText('No answers yet. They show here as they come; you need not reload the page.');
    // Nothing to judge yet.
    expect(screen.queryByRole('button', { name: 'None of these helped' })).toBeNull();
    server.set({
      ...server.current(),
      answers: [{ id: 'a1', text: 'Ask Records.', createdAt: '2026-12-07T09:30:00Z', accepted: false, author: mei }],
    });
    view.unmount();
    renderAt('/questions/q1');
    await user.click(await screen.findByRole('button', { name: 'None of these helped' }));
    await user.click(screen.getByRole('button', { name: 'Yes, close it' }));
    await screen.findByText('Closed. Nobody else will be asked; try the search with other words, or ask again.');
    expect(server.calls.filter((c) => c.operation === 'CloseQuestion').map((c) => c.variables)).toEqual([
      { questionId: 'q1' },
    ]);
    await waitFor(() => expect(screen.getByText('Closed: none helped')).toBeTruthy());
  });

  it('shows the asker who was passed over and why', async () => {
    questionServer(
      networkQuestion({
        askedByMe: true,
        routes: [
          questionRoute(1, aoife, 'ROUTED', 'wrote *Retention policy review*'),
          questionRoute(2, ben, 'ROUTED', 'has the skill *Retention schedules*'),
          questionRoute(3, mei, 'ROUTED', 'member of *Records Management Network*'),
          questionRoute(
            4,
            tomas,
            'SKIPPED',
            'already has 2 open questions from the last seven days: the fair-share cap is 2',
          ),
        ],
      }),
    );
    renderAt('/questions/q1');
    const skipped = await screen.findByRole('list', { name: 'Not asked' });
    expect(within(skipped).getByRole('link', { name: 'Tomás Ruiz' }).getAttribute('href')).toBe('/people/p4');
    expect(skipped.textContent).toContain(
      'Already has 2 open questions from the last seven days: the fair-share cap is 2',
    );
    expect(screen.getByText(/Only you, HR and admins see this\./)).toBeTruthy();
    // The people asked are listed apart from the skipped one, in order, each with the ranking's reason.
    expect(within(people()).getAllByRole('listitem')).toHaveLength(3);
    expect(routeOf('Aoife Byrne').textContent).toContain('Wrote Retention policy review');
    expect(within(routeOf('Aoife Byrne')).getByLabelText('Asked first')).toBeTruthy();
  });

  it('asks again every few seconds while open, so answers show as they come', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const server = questionServer(networkQuestion({ askedByMe: true }));
    renderAt('/questions/q1');
    await screen.findByText('No answers yet. They show here as they come; you need not reload the page.');
    const asked = () => server.calls.filter((c) => c.operation === 'Question').length;
    const before = asked();
    server.set({
      ...server.current(),
      answers: [
        { id: 'a9', text: 'Try the HR handbook.', createdAt: '2026-12-07T09:10:00Z', accepted: false, author: ben },
      ],
    });
    await act(async () => {
      vi.advanceTimersByTime(POLL_MS);
    });
    await screen.findByText('Try the HR handbook.');
    expect(asked()).toBe(before + 1);
  });

  it('makes the answer that helped the main choice, and the links in answers links, never markup', async () => {
    questionServer({
      ...networkQuestion({ askedByMe: true }),
      answers: [
        {
          id: 'a1',
          text: 'See https://wiki.example.org/hr/retention (section 2). <img src=x onerror=alert(1)> javascript:alert(1)',
          createdAt: '2026-12-07T09:30:00Z',
          accepted: false,
          author: mei,
        },
      ],
    });
    renderAt('/questions/q1');
    const answers = await screen.findByRole('list', { name: 'Answers' });
    const link = within(answers).getByRole('link', { name: 'https://wiki.example.org/hr/retention' });
    expect(link.getAttribute('href')).toBe('https://wiki.example.org/hr/retention');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    const text = link.closest('p') as HTMLElement;
    expect(text.textContent).toBe(
      'See https://wiki.example.org/hr/retention (section 2). <img src=x onerror=alert(1)> javascript:alert(1)',
    );
    expect(text.querySelector('img')).toBeNull();
    expect(within(text).getAllByRole('link')).toHaveLength(1);
    // "This answered it" is the primary button; "None of these helped" a plain one.
    expect(within(answers).getByRole('button', { name: 'This answered it: Mei Chen’s answer' }).className).toContain(
      'button--primary',
    );
    const none = screen.getByRole('button', { name: 'None of these helped' });
    expect(none.className).not.toContain('button--primary');
    expect(none.className).not.toContain('button--danger');
  });

  it('says the asker is told by e-mail only when the server sends e-mail', async () => {
    questionServer(routedToAoife(), { ...defaultNetworkSettings, email: true });
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });
    await user.type(within(forYou).getByLabelText('Your answer'), 'Six years.');
    await user.click(within(forYou).getByRole('button', { name: 'Send answer' }));
    await within(forYou).findByText('Sent: Niamh Walsh is told by e-mail, and sees it here.');
  });

  it('clears a complaint about the answer when the person turns to "Not me" or passing on, one form at a time', async () => {
    questionServer(routedToAoife());
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });
    await user.click(within(forYou).getByRole('button', { name: 'Send answer' }));
    expect(within(forYou).getByText('Write your answer first.')).toBeTruthy();
    const notMe = within(forYou).getByRole('button', { name: 'Not me' });
    await user.click(notMe);
    expect(within(forYou).queryByText('Write your answer first.')).toBeNull();
    expect(notMe.getAttribute('aria-expanded')).toBe('true');
    // Choosing the other closes the first: never two forms side by side.
    await user.click(within(forYou).getByRole('button', { name: 'Pass to a colleague' }));
    expect(within(forYou).queryByRole('button', { name: 'Not me: ask someone else' })).toBeNull();
    expect(within(forYou).getByRole('form', { name: 'Pass to a colleague' })).toBeTruthy();
    expect(notMe.getAttribute('aria-expanded')).toBe('false');
    await user.click(within(forYou).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(forYou).getByRole('button', { name: 'Pass to a colleague' })),
    );
    expect(within(forYou).queryByRole('form', { name: 'Pass to a colleague' })).toBeNull();
  });

  it('shows the asker greyed among colleagues to pass it to, saying they asked it', async () => {
    questionServer(routedToAoife());
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });
    await user.click(within(forYou).getByRole('button', { name: 'Pass to a colleague' }));
    await user.type(within(forYou).getByLabelText('Colleague to pass it to'), 'N');
    const matches = await within(forYou).findByRole('list', { name: 'Colleague to pass it to: matches' });
    expect(within(forYou).queryByText(/No match/)).toBeNull();
    const asker = within(matches).getByText('Niamh Walsh').closest('li') as HTMLElement;
    expect(asker.textContent).toBe('Niamh Walsh asked the question');
    expect(within(asker).queryByRole('button')).toBeNull();
    expect(within(matches).getByText('Ben Okafor').closest('li')?.textContent).toBe('Ben Okafor already asked');
    expect(within(matches).getByRole('button', { name: 'Cara Doyle' })).toBeTruthy();
  });

  it('says nobody still asked need reply once the question is answered or closed', async () => {
    const server = questionServer({
      ...routedToAoife(),
      status: 'ANSWERED',
      closedAt: '2026-12-07T11:00:00Z',
    });
    const view = renderAt('/questions/q1', asAoife);
    const mine = await screen.findByRole('region', { name: 'Asked of you' });
    expect(mine.textContent).toContain('Answered — no reply needed');
    expect(within(mine).queryByLabelText('Your answer')).toBeNull();
    expect(routeOf('Aoife Byrne').textContent).toContain('Answered — no reply needed');
    expect(screen.queryByText('Asked, waiting')).toBeNull();
    view.unmount();
    server.set({ ...server.current(), status: 'CLOSED' });
    renderAt('/questions/q1', asAoife);
    await waitFor(() => expect(routeOf('Ben Okafor').textContent).toContain('Closed — no reply needed'));
  });

  it('finds a question by the id its e-mail links with', async () => {
    mockApi({ Question: (v) => ({ question: v.id === 'q-1' ? networkQuestion() : null }) });
    renderAt('/questions/q-1');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What is the retention schedule for HR records?' }),
    ).toBeTruthy();
  });

  it('says so when the question is not there or private', async () => {
    mockApi({ Question: () => ({ question: null }) });
    renderAt('/questions/nope');
    expect(await screen.findByRole('heading', { level: 1, name: 'Question not found' })).toBeTruthy();
  });

  it('shows a refusal in words', async () => {
    mockApi({
      Question: () => ({ question: routedToAoife() }),
      DeclineQuestion: () => {
        throw new GraphQLFailure('this question is no longer open', 'CONFLICT');
      },
    });
    renderAt('/questions/q1', asAoife);
    const user = userEvent.setup();
    const forYou = await screen.findByRole('region', { name: 'Can you answer?' });
    await user.click(within(forYou).getByRole('button', { name: 'Not me' }));
    await user.click(within(forYou).getByRole('button', { name: 'Not me: ask someone else' }));
    expect((await within(forYou).findByRole('alert')).textContent).toContain('this question is no longer open');
  });
});
