import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { viewerTimeZone } from '../lib/time';
import { expert, experts, expertSearch, fullPerson, offices } from '../test/fixtures';
import { GraphQLFailure, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

type Vars = { query: string; first: number; filter?: Record<string, unknown> };

const box = () => screen.getByLabelText('Who knows about…') as HTMLInputElement;
const results = () => screen.getByRole('list', { name: 'Experts' });
const names = () => Array.from(results().querySelectorAll('[data-result-link]'), (a) => a.textContent);
const searches = (calls: { operation: string; variables: Record<string, unknown> }[]) =>
  calls.filter((c) => c.operation === 'ExpertSearch').map((c) => c.variables as Vars);

function searchApi(answer: (v: Vars) => ReturnType<typeof expertSearch> = () => expertSearch(experts)) {
  return mockApi({
    Offices: () => ({ offices }),
    ExpertSearch: (v) => answer(v as Vars),
    Person: () => ({ person: fullPerson }),
  });
}

/** A promise settled from outside, to control the order answers arrive in. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Expert search', () => {
  it('is the home page and starts with example questions', async () => {
    const calls = searchApi();
    renderAt('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Find an expert' })).toBeTruthy();
    expect(box().placeholder).toBe('e.g. retention schedule for HR records');
    const examples = within(screen.getByRole('list', { name: 'Example questions' })).getAllByRole('button');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(searches(calls)).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'retention schedule for HR records' }));
    expect(box().value).toBe('retention schedule for HR records');
    await waitFor(() => expect(names()).toEqual(['Aoife Byrne', 'Mei Chen', 'Tomás Ruiz']));
    expect(searches(calls)).toHaveLength(1);
    expect(document.activeElement).toBe(box());
  });

  it('says a person is outside working hours from their own hours and days, not a guess', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-09T12:00:00Z')); // a Wednesday, midday in London
    const weekender = expert('p1', 'Aoife Byrne', {
      person: {
        id: 'p1',
        name: 'Aoife Byrne',
        title: 'Records Manager',
        country: 'GB',
        leavingOn: null,
        workingHours: { start: '09:00', end: '17:00', days: ['SATURDAY', 'SUNDAY'] },
      },
    });
    searchApi(() => expertSearch([weekender, expert('p5', 'Ciara Doyle')]));
    renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    const [aoife, ciara] = within(results())
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === results());
    expect(aoife?.textContent).toContain('(outside working hours)');
    expect(ciara?.textContent).not.toContain('(outside working hours)');
  });

  it('makes each result one tab stop, with its links on the arrow keys', async () => {
    searchApi();
    renderAt('/search?q=records%20retention');
    await screen.findByRole('list', { name: 'Experts' });
    const tabbable = Array.from(results().querySelectorAll('a')).filter((a) => a.tabIndex >= 0);
    expect(tabbable.map((a) => a.textContent)).toEqual(['Aoife Byrne', 'Mei Chen', 'Tomás Ruiz']);

    within(results())
      .getByRole('link', { name: /Aoife Byrne/ })
      .focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('Records retention');
    expect(document.activeElement?.getAttribute('href')).toBe('/skills/s-ret');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('Records retention');
    expect(document.activeElement?.closest('ul')?.getAttribute('aria-label')).toBe('Matching skills of Aoife Byrne');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('Aoife Byrne');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Mei Chen');
  });

  it('shows who, where, when and why, with the names in the explanation linked', async () => {
    const calls = searchApi();
    renderAt('/search?q=records%20retention');
    expect(box().value).toBe('records retention');
    await screen.findByRole('list', { name: 'Experts' });
    expect(screen.getByRole('status').textContent).toBe('3 people who may know about “records retention”.');
    expect(searches(calls)).toEqual([
      { query: 'records retention', first: 10, filter: { timezone: viewerTimeZone() } },
    ]);

    const [aoife, mei, tomas] = within(results())
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === results());
    if (!aoife || !mei || !tomas) throw new Error('expected three results');
    const card = within(aoife);
    expect(card.getByRole('link', { name: 'Aoife Byrne' }).getAttribute('href')).toBe('/people/p1');
    expect(aoife.querySelector('.avatar')?.textContent).toBe('AB');
    expect(card.getByText('Records Manager')).toBeTruthy();
    expect(card.getByText('Belfast, United Kingdom')).toBeTruthy();
    expect(aoife.querySelector('.local-time')?.textContent).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d in London/,
    );
    expect(aoife.querySelector('.local-time')?.getAttribute('title')).toBe('Europe/London');
    expect(card.getByText('Working hours overlap yours by 8 hours')).toBeTruthy();

    const why = aoife.querySelector('.explanation') as HTMLElement;
    expect(why.textContent).toBe(
      'wrote 4 documents tagged Records retention; member of Information Governance Network; wrote Retention policy review',
    );
    expect(within(why).getByRole('link', { name: 'Records retention' }).getAttribute('href')).toBe('/skills/s-ret');
    expect(within(why).getByRole('link', { name: 'Information Governance Network' }).getAttribute('href')).toBe(
      '/communities/c-ig',
    );
    expect(within(why).queryByRole('link', { name: 'Retention policy review' })).toBeNull();
    expect(within(why).getByText('Retention policy review').tagName).toBe('EM');
    expect(
      within(card.getByRole('list', { name: 'Matching skills of Aoife Byrne' }))
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/skills/s-ret');

    expect(within(mei).getByText('Sydney, Australia')).toBeTruthy();
    expect(within(mei).getByText('No overlap with your working hours')).toBeTruthy();
    expect(tomas.querySelector('.overlap')).toBeNull();
    await waitFor(() => expect(document.title).toBe('Who knows about “records retention” · Tacit'));
  });

  it('says when the question was read with corrected spelling, and when nobody matches it clearly', async () => {
    const weak = experts.map((e) => ({ ...e, strength: 'WEAK' as const }));
    searchApi((v) =>
      v.query === 'kubernetis'
        ? expertSearch(weak, { showingResultsFor: 'who knows kubernetes', clearMatch: false })
        : v.query === 'zzqxv'
          ? expertSearch([], { clearMatch: false })
          : expertSearch(experts),
    );
    renderAt('/search?q=kubernetis');
    await screen.findByRole('list', { name: 'Experts' });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(
      'Showing results for who knows kubernetes' +
        '3 people who may know about “kubernetis”.' +
        'No one clearly matches your question; the closest are:',
    );
    expect(within(status).getByText('who knows kubernetes').tagName).toBe('EM');
    const note = screen.getByText('No one clearly matches your question; the closest are:');
    expect(note.compareDocumentPosition(results()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(names()).toEqual(['Aoife Byrne', 'Mei Chen', 'Tomás Ruiz']);

    await userEvent.clear(box());
    await userEvent.type(box(), 'records{Enter}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 people who may know about “records”.'));
    expect(screen.queryByText(/Showing results for/)).toBeNull();
    expect(screen.queryByText(/No one clearly matches/)).toBeNull();

    await userEvent.clear(box());
    await userEvent.type(box(), 'zzqxv{Enter}');
    expect(await screen.findByRole('heading', { name: 'Things to try' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Nobody found for “zzqxv”.');
    expect(screen.queryByRole('list', { name: 'Experts' })).toBeNull();
  });

  it('labels each result with how well it matches, a name match and leaving, in words and without extra tab stops', async () => {
    searchApi(() =>
      expertSearch([
        expert('p1', 'Aoife Byrne', { nameMatch: true }),
        expert('p2', 'Ben Okafor', {
          strength: 'PARTIAL',
          leaving: true,
          person: {
            id: 'p2',
            name: 'Ben Okafor',
            title: 'Solicitor',
            country: 'GB',
            leavingOn: '2027-01-31',
            workingHours: null,
          },
        }),
        expert('p3', 'Mei Chen', {
          strength: 'WEAK',
          leaving: true,
          person: {
            id: 'p3',
            name: 'Mei Chen',
            title: 'Data Engineer',
            country: 'AU',
            leavingOn: null,
            workingHours: null,
          },
        }),
      ]),
    );
    renderAt('/search?q=aoife%20byrne');
    await screen.findByRole('list', { name: 'Experts' });
    expect(names()).toEqual(['Aoife Byrne', 'Ben Okafor', 'Mei Chen']);
    const [aoife, ben, mei] = within(results())
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === results());
    if (!aoife || !ben || !mei) throw new Error('expected three results');
    const labels = (card: HTMLElement) =>
      Array.from(card.querySelectorAll('.expert-card__labels > *'), (l) => l.textContent);

    expect(labels(aoife)).toEqual(['Strong match', 'Name match']);
    // "Leaving" says, as a tooltip and to screen readers, that people leaving soon are not asked questions.
    const note = 'people leaving within 30 days are not asked questions';
    await waitFor(() => expect(labels(ben)).toEqual(['Partial match', `Leaving 31 Jan 2027 (${note})`]));
    expect(labels(mei)).toEqual(['Weak match', `Leaving (${note})`]);
    expect(
      within(ben)
        .getByText(/^Leaving 31 Jan 2027/)
        .getAttribute('title'),
    ).toBe(note);
    expect(within(mei).getByText('Weak match').className).toBe('match match--weak');

    // Moving to a name says how it matches; the labels themselves are not stops.
    expect(
      within(aoife).getByRole('link', { name: 'Aoife Byrne', description: 'Strong match Name match' }),
    ).toBeTruthy();
    expect(
      within(ben).getByRole('link', {
        name: 'Ben Okafor',
        description: /^Partial match Leaving 31 Jan 2027/,
      }),
    ).toBeTruthy();
    for (const card of [aoife, ben, mei]) {
      expect(card.querySelector('.expert-card__labels')?.querySelectorAll('a, button, input, [tabindex]')).toHaveLength(
        0,
      );
      // The name, the two named in the explanation and the one matching skill, as before.
      expect(card.querySelectorAll('a[href], button, input, select, [tabindex]')).toHaveLength(4);
    }
  });

  it('searches after a pause in typing and ignores answers that arrive late', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<unknown>>>();
    const calls = mockApi({
      Offices: () => ({ offices }),
      ExpertSearch: (v) => {
        const answer = deferred<unknown>();
        answers.set(String(v.query), answer);
        return answer.promise;
      },
    });
    renderAt('/search');
    await userEvent.type(box(), 'rec');
    await waitFor(() => expect(searches(calls).map((s) => s.query)).toEqual(['rec']));
    await userEvent.type(box(), 'ords');
    await waitFor(() => expect(searches(calls).map((s) => s.query)).toEqual(['rec', 'records']));
    expect(screen.getByRole('status').textContent).toBe('Searching…');

    answers.get('records')?.resolve(expertSearch(experts.slice(0, 1)));
    await waitFor(() => expect(names()).toEqual(['Aoife Byrne']));
    answers.get('rec')?.resolve(expertSearch(experts.slice(1)));
    await new Promise((r) => setTimeout(r, 50));
    expect(names()).toEqual(['Aoife Byrne']);
    expect(screen.getByRole('status').textContent).toBe('1 person who may know about “records”.');
  });

  it('says when nobody is found and suggests what to try', async () => {
    const calls = searchApi((v) => expertSearch(v.filter?.officeIds || v.query === 'zzqx' ? [] : experts));
    renderAt('/search?q=zzqx&office=o-syd');
    expect(await screen.findByRole('heading', { name: 'Things to try' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Nobody found for “zzqx”.');
    expect(screen.getByRole('link', { name: 'skills' }).getAttribute('href')).toBe('/skills');

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(searches(calls).at(-1)?.filter).toEqual({ timezone: viewerTimeZone() }));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'records management' }));
    expect(box().value).toBe('records management');
    await waitFor(() => expect(names()).toHaveLength(3));
  });

  it('says which filter leaves nobody, and the one change that would find someone', async () => {
    const calls = mockApi({
      Offices: () => ({ offices }),
      ExpertSearch: (v) => expertSearch((v as Vars).filter?.minOverlapHours ? [] : experts),
      WhyNobody: () => expertSearch(experts),
      Person: () => ({ person: fullPerson }),
    });
    renderAt('/search?q=records&office=o-syd&overlap=4');
    // Mei Chen in Sydney knows, but Sydney's day never meets mine.
    expect(await screen.findByText('Sydney’s working day never overlaps yours.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Any overlap' }));
    await waitFor(() =>
      expect(searches(calls).at(-1)?.filter).toEqual({ officeIds: ['o-syd'], timezone: viewerTimeZone() }),
    );
    await waitFor(() => expect(names()).toContain('Mei Chen'));
  });

  it('says when nobody in the chosen office knows, and offers every office', async () => {
    mockApi({
      Offices: () => ({ offices }),
      ExpertSearch: (v) => expertSearch((v as Vars).filter?.officeIds ? [] : experts),
      WhyNobody: () => expertSearch(experts.slice(0, 1)),
      Person: () => ({ person: fullPerson }),
    });
    renderAt('/search?q=records&office=o-syd');
    expect(await screen.findByText(/1 person may know about it, but none works in Sydney\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Search all offices' })).toBeTruthy();
  });

  it('shows errors in plain words and can try again', async () => {
    let failure: GraphQLFailure | undefined = new GraphQLFailure(
      'ranking panicked at src/rank.rs:12',
      'INTERNAL_SERVER_ERROR',
    );
    mockApi({
      Offices: () => ({ offices }),
      ExpertSearch: () => {
        if (failure) throw failure;
        return expertSearch(experts);
      },
    });
    renderAt('/search?q=gdpr');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on the server. Please try again in a moment.');
    expect(alert.textContent).not.toContain('panicked');
    failure = undefined;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(names()).toHaveLength(3));

    failure = new GraphQLFailure('the question is longer than 500 characters', 'BAD_USER_INPUT');
    await userEvent.type(box(), ' law');
    expect((await screen.findByRole('alert')).textContent).toContain('the question is longer than 500 characters');
  });

  it('narrows by office or country and by working-hours overlap in my time zone', async () => {
    const calls = searchApi();
    renderAt('/search?q=gdpr');
    await screen.findByRole('option', { name: 'Sydney' });
    const where = screen.getByLabelText('Where they work');
    // Offices are listed under their country, each country also as a whole.
    expect(
      within(where)
        .getAllByRole('group')
        .map((g) => g.getAttribute('label')),
    ).toEqual(['Australia', 'United Kingdom']);
    await userEvent.selectOptions(where, 'All of Australia');
    await waitFor(() =>
      expect(searches(calls).at(-1)?.filter).toEqual({ countries: ['AU'], timezone: viewerTimeZone() }),
    );
    await userEvent.selectOptions(where, 'Sydney');
    const overlap = screen.getByLabelText('Working hours overlap with mine');
    expect(overlap.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(`Your time zone: ${viewerTimeZone()?.replace(/_/g, ' ')}`)).toBeTruthy();
    await userEvent.selectOptions(overlap, 'At least 4 hours');
    await waitFor(() =>
      expect(searches(calls).at(-1)).toEqual({
        query: 'gdpr',
        first: 10,
        filter: { officeIds: ['o-syd'], minOverlapHours: 4, timezone: viewerTimeZone() },
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('3 people who may know about “gdpr”, with your filters.'),
    );
  });

  it('compares working hours with the zone and hours of my profile when it has them, and says so', async () => {
    mockApi({
      Offices: () => ({ offices }),
      ExpertSearch: () => expertSearch(experts),
      MyZone: () => ({
        me: {
          person: {
            id: 'p-me',
            timezone: 'Australia/Sydney',
            workingHours: {
              start: '08:00',
              end: '16:00',
              days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
            },
          },
        },
      }),
    });
    renderAt('/search?q=gdpr');
    expect(
      await screen.findByText(
        'Compared with your hours, 08:00–16:00, Mon–Fri, in Australia/Sydney (from your profile)',
      ),
    ).toBeTruthy();
  });

  it('moves between results with the arrow keys and opens one with Enter', async () => {
    searchApi();
    renderAt('/search?q=gdpr');
    await screen.findByRole('list', { name: 'Experts' });
    box().focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Aoife Byrne');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Tomás Ruiz');
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Mei Chen');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(box());
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: /Ben Okafor/ })).toBeTruthy();
  });

  it('follows the address when it changes without typing, and shows more people on request', async () => {
    const many = Array.from({ length: 25 }, (_, i) => expert(`p${i}`, `Person ${i}`));
    const calls = searchApi((v) => expertSearch(many.slice(0, v.first)));
    renderAt('/search?q=gdpr');
    await waitFor(() => expect(names()).toHaveLength(10));
    await userEvent.click(screen.getByRole('button', { name: 'Show more people' }));
    await waitFor(() => expect(names()).toHaveLength(20));
    expect(searches(calls).at(-1)).toMatchObject({ query: 'gdpr', first: 20 });

    await userEvent.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Search' }),
    );
    expect(await screen.findByRole('list', { name: 'Example questions' })).toBeTruthy();
    expect(box().value).toBe('');
  });
});

describe('shorten', () => {
  it('keeps short questions and cuts long ones at a word with an ellipsis', async () => {
    const { shorten } = await import('../lib/text');
    expect(shorten('records retention', 80)).toBe('records retention');
    const long =
      'How long must we keep the personnel files of staff who left after a tribunal claim was settled out of court';
    const cut = shorten(long, 40);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(41);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
