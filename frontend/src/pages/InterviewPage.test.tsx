import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const hr = meAs(authPerson('p-hr', 'Orla Quinn', { title: 'HR Partner' }), ['HR']);

function interview(over: Record<string, unknown> = {}) {
  return {
    id: 'iv1',
    externalId: 'iv-1',
    status: 'PUBLISHED',
    leaverName: 'Ben Okafor',
    scheduledFor: '2026-12-01T10:00:00Z',
    startedAt: '2026-12-01T10:00:00Z',
    completedAt: '2026-12-01T11:00:00Z',
    publishedAt: '2026-12-02T09:00:00Z',
    consent: true,
    summary: 'How retention schedules are kept, and who keeps them now.',
    leaver: { id: 'p2', name: 'Ben Okafor', status: 'LEAVING' },
    interviewer: { id: 'p-hr', name: 'Orla Quinn' },
    topics: [{ id: 's-ret', name: 'Retention schedules' }],
    successors: [
      { skill: { id: 's-ret', name: 'Retention schedules' }, person: { id: 'p3', name: 'Cara Doyle' }, note: null },
    ],
    ...over,
  };
}

const transcript = {
  interview: {
    id: 'iv1',
    transcript: {
      notes: null,
      outsideContacts: null,
      questions: [
        {
          position: 1,
          text: 'You are the only person here who knows Retention schedules.',
          origin: 'GENERATED',
          answer: null,
          skill: null,
        },
      ],
    },
  },
};

describe('Interview page', () => {
  it('shows a colleague the published summary and who to ask, but no transcript', async () => {
    const calls = mockApi({ Interview: () => ({ interview: interview() }) });
    renderAt('/interviews/iv1');
    await screen.findByRole('heading', { level: 1, name: /Interview with Ben Okafor/ });
    expect(screen.getByText('How retention schedules are kept, and who keeps them now.')).toBeTruthy();
    const successors = screen.getByRole('list', { name: 'Successors for Retention schedules' });
    expect(within(successors).getByRole('link', { name: 'Cara Doyle' }).getAttribute('href')).toBe('/people/p3');
    expect(screen.queryByRole('heading', { name: 'Transcript' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Next step' })).toBeNull();
    expect(calls.map((c) => c.operation)).toEqual(['Interview']);
    // Moments in the reader's own time zone, one way everywhere.
    expect(Array.from(document.querySelectorAll('.record-facts dd'), (d) => d.textContent)).toEqual([
      expect.stringMatching(/^1 Dec 2026, \d\d:\d\d$/),
      'Orla Quinn',
      expect.stringMatching(/^1 Dec 2026, \d\d:\d\d$/),
      expect.stringMatching(/^2 Dec 2026, \d\d:\d\d$/),
    ]);
  });

  it('says how soon an interview still to come is', async () => {
    // Monday 30 November 2026 from Hawaii to New Zealand; the interview is on the 1st there too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T10:30:00Z'));
    mockApi({
      Interview: () => ({
        interview: interview({
          status: 'SCHEDULED',
          startedAt: null,
          completedAt: null,
          publishedAt: null,
          summary: null,
          consent: false,
          successors: [],
        }),
      }),
      InterviewTranscript: () => transcript,
    });
    renderAt('/interviews/iv1', hr);
    await screen.findByRole('heading', { level: 1, name: /Interview with Ben Okafor/ });
    expect(screen.getByText(/^1 Dec 2026, \d\d:\d\d \(tomorrow\)$/)).toBeTruthy();
  });

  it('says an unpublished interview is not found for others', async () => {
    mockApi({
      Interview: () => {
        throw new GraphQLFailure('interview not found', 'NOT_FOUND');
      },
    });
    renderAt('/interviews/iv1');
    await screen.findByRole('heading', { level: 1, name: 'Interview not found' });
  });

  it('lets HR start an interview and record answers', async () => {
    let status = 'SCHEDULED';
    const answered: unknown[] = [];
    const calls = mockApi({
      Interview: () => ({
        interview: interview({
          status,
          publishedAt: null,
          completedAt: null,
          summary: null,
          consent: false,
          topics: [],
          successors: [],
        }),
      }),
      InterviewTranscript: () => transcript,
      StartInterview: () => {
        status = 'IN_PROGRESS';
        return { startInterview: { interview: { id: 'iv1', status } } };
      },
      AnswerQuestions: (v) => {
        answered.push(v.answers);
        return { answerQuestions: { interview: { id: 'iv1' } } };
      },
      UpdateInterview: () => ({ updateInterview: { interview: { id: 'iv1' } } }),
    });
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start interview' }));
    await screen.findByRole('button', { name: 'Complete interview' });
    const answer = await screen.findByLabelText('You are the only person here who knows Retention schedules.');
    await user.type(answer, 'Ask Cara.');
    await user.click(screen.getByRole('button', { name: 'Save answers and notes' }));
    await screen.findByText('Saved.');
    expect(answered).toEqual([[{ position: 1, answer: 'Ask Cara.' }]]);
    expect(calls.map((c) => c.operation)).toContain('StartInterview');
  });

  it('asks before completing with unanswered questions, and completes only when told to', async () => {
    let status = 'IN_PROGRESS';
    const completions: unknown[] = [];
    mockApi({
      Interview: () => ({
        interview: interview({ status, publishedAt: null, completedAt: null, summary: null, consent: false }),
      }),
      InterviewTranscript: () => transcript,
      CompleteInterview: (v) => {
        completions.push(v.skipUnanswered);
        if (!v.skipUnanswered) {
          throw new GraphQLFailure('1 of 1 questions have no answer: answer them, or complete anyway', 'CONFLICT');
        }
        status = 'COMPLETED';
        return { completeInterview: { interview: { id: 'iv1', status } } };
      },
    });
    const asked: string[] = [];
    let answer = false;
    window.confirm = (message?: string) => {
      asked.push(String(message));
      return answer;
    };
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Complete interview' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toContain('1 of 1 questions have no answer');
    expect(completions).toEqual([false]);
    expect(screen.getByRole('button', { name: 'Complete interview' })).toBeTruthy();
    answer = true;
    await user.click(screen.getByRole('button', { name: 'Complete interview' }));
    await waitFor(() => expect(completions).toEqual([false, false, true]));
  });

  it('suggests successors for the chosen topic from the ranking, with title, office, level and leaving', async () => {
    const named: unknown[] = [];
    mockApi({
      Interview: () => ({
        interview: interview({
          status: 'IN_PROGRESS',
          publishedAt: null,
          completedAt: null,
          summary: null,
          consent: false,
          successors: [],
        }),
      }),
      InterviewTranscript: () => transcript,
      SuccessorCandidates: () => ({
        interview: {
          id: 'iv1',
          successorCandidates: [
            {
              leaving: false,
              explanation: 'holds Retention schedules at level 4',
              person: {
                id: 'p7',
                name: 'Eamon Boyle',
                title: 'Records Officer',
                office: { name: 'Belfast' },
                skills: [{ level: 4, skill: { id: 's-ret' } }],
              },
            },
            {
              leaving: true,
              explanation: 'member of Records Network',
              person: { id: 'p8', name: 'Eamon Byrne', title: 'Archivist', office: { name: 'London' }, skills: [] },
            },
          ],
        },
      }),
      NameSuccessor: (v) => {
        named.push(v);
        return { nameSuccessor: { interview: { id: 'iv1' } } };
      },
    });
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('For the topic'), 's-ret');
    const list = await screen.findByRole('list', { name: 'Suggested successors for Retention schedules' });
    expect(within(list).getByText(/Records Officer · Belfast · level 4/)).toBeTruthy();
    expect(within(list).getByText(/Archivist · London · does not hold it yet/)).toBeTruthy();
    expect(within(list).getByText('leaving too')).toBeTruthy();
    await user.click(within(list).getByRole('button', { name: 'Name Eamon Boyle' }));
    await waitFor(() => expect(named).toEqual([{ id: 'iv1', skill: 's-ret', person: 'p7', note: null }]));
  });

  it('shows why publishing is refused in plain words', async () => {
    mockApi({
      Interview: () => ({ interview: interview({ status: 'COMPLETED', publishedAt: null, consent: true }) }),
      InterviewTranscript: () => transcript,
      InterviewRetention: () => retention(),
      PublishInterview: () => {
        throw new GraphQLFailure(
          'the leaver has not consented to publication: record their consent first',
          'BAD_USER_INPUT',
        );
      },
    });
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Publish summary' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('record their consent first');
    await waitFor(() => expect(screen.getByText(/^30 Nov 2032 \(in [\d,]+ days\)$/)).toBeTruthy());
  });

  it('asks a second person to approve early destruction, and never lets the requester approve', async () => {
    const asked: unknown[] = [];
    const decided: unknown[] = [];
    let mine = false;
    const pending = () => ({
      id: 'dr-1',
      kind: 'DISPOSE',
      retentionDays: null,
      reason: 'The leaver asked',
      status: 'PENDING',
      requestedBy: mine ? 'person:p-hr' : 'person:p9',
      requestedByName: mine ? 'Orla Quinn' : 'Wing Chan',
      requestedAt: '2026-12-06T10:00:00Z',
      decidedByName: null,
      decidedAt: null,
      note: null,
      canDecide: !mine,
      canWithdraw: mine,
      nextStep: 'Waiting for a second HR or admin person to approve or reject it; the requester may withdraw it.',
      interview: { id: 'iv1', leaverName: 'Ben Okafor', retention: { hold: false } },
    });
    let requests: unknown[] = [];
    mockApi({
      Interview: () => ({ interview: interview() }),
      InterviewTranscript: () => transcript,
      InterviewRetention: () => retention({}, requests),
      RequestDisposal: (v) => {
        asked.push(v.input);
        mine = true;
        requests = [pending()];
        return { requestDisposal: { request: { id: 'dr-1', status: 'PENDING' } } };
      },
      DecideDisposal: (v) => {
        decided.push(v.input);
        return {
          decideDisposalRequest: { request: { id: 'dr-1', status: 'APPROVED' }, certificates: [{ id: 'dc-1' }] },
        };
      },
    });
    window.confirm = () => true;
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    // A period below the configured one cannot be saved alone: the form says so and offers the request.
    const days = await screen.findByLabelText("This record's period, days from completion");
    await user.type(days, '30');
    expect(
      screen.getByText(/Below the configured 2190 days: a second HR or admin person must approve it/),
    ).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save retention' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByLabelText('New period, days from completion') as HTMLInputElement).value).toBe('30');
    await user.click(screen.getByLabelText('Dispose of the transcript now'));
    await user.type(screen.getByLabelText('Why (kept with the request and in the audit log)'), 'The leaver asked');
    await user.click(screen.getByRole('button', { name: 'Ask for approval' }));
    await waitFor(() =>
      expect(asked).toEqual([{ interviewId: 'iv1', kind: 'DISPOSE', retentionDays: null, reason: 'The leaver asked' }]),
    );
    // Her own request: she may withdraw it, not approve it.
    expect(await screen.findByText('You asked for this, so someone else in HR must approve it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByText(/Next: Waiting for a second HR or admin person/)).toBeTruthy();
  });

  it('lets a second HR person approve, and shows the hold and who placed it', async () => {
    const decided: unknown[] = [];
    const request = {
      id: 'dr-1',
      kind: 'SHORTEN',
      retentionDays: 0,
      reason: 'The leaver asked',
      status: 'PENDING',
      requestedBy: 'person:p9',
      requestedByName: 'Wing Chan',
      requestedAt: '2026-12-06T10:00:00Z',
      decidedByName: null,
      decidedAt: null,
      note: null,
      canDecide: true,
      canWithdraw: false,
      nextStep: 'Waiting for a second HR or admin person to approve or reject it; the requester may withdraw it.',
      interview: { id: 'iv1', leaverName: 'Ben Okafor', retention: { hold: false } },
    };
    mockApi({
      Interview: () => ({ interview: interview() }),
      InterviewTranscript: () => transcript,
      InterviewRetention: () => retention({}, [request]),
      DecideDisposal: (v) => {
        decided.push(v.input);
        return { decideDisposalRequest: { request: { id: 'dr-1', status: 'APPROVED' }, certificates: [] } };
      },
    });
    window.confirm = () => true;
    renderAt('/interviews/iv1', hr);
    const user = userEvent.setup();
    expect(await screen.findByText('shorten retention to 0 days from completion')).toBeTruthy();
    await user.type(screen.getByLabelText('Note for the record (optional)'), 'Agreed with legal');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(decided).toEqual([{ id: 'dr-1', decision: 'APPROVE', note: 'Agreed with legal' }]));
  });

  it('says who placed a hold and when', async () => {
    mockApi({
      Interview: () => ({ interview: interview() }),
      InterviewTranscript: () => transcript,
      InterviewRetention: () =>
        retention({
          hold: true,
          holdReason: 'Inquiry REF-7',
          holdBy: 'person:p9',
          holdByName: 'Wing Chan',
          holdAt: '2026-12-05T09:30:00Z',
        }),
    });
    renderAt('/interviews/iv1', hr);
    expect(await screen.findByText('Inquiry REF-7')).toBeTruthy();
    expect(screen.getByText(/placed by/).textContent).toContain('Wing Chan');
    expect(screen.getByText(/On hold: nothing in this record can be disposed of/)).toBeTruthy();
  });
});

function retention(over: Record<string, unknown> = {}, disposalRequests: unknown[] = []) {
  return {
    interview: {
      id: 'iv1',
      completedAt: '2026-12-01T11:00:00Z',
      retention: {
        retentionDays: null,
        defaultDays: 2190,
        transcriptDueOn: '2032-11-30',
        summaryDueOn: null,
        hold: false,
        holdReason: null,
        holdBy: null,
        holdByName: null,
        holdAt: null,
        disposedAt: null,
        summaryDisposedAt: null,
        ...over,
      },
      certificates: [],
      disposalRequests,
    },
  };
}
