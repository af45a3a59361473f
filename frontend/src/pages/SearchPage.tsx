import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ExpertCard, ExpertCardFields } from '../components/ExpertCard';
import { SearchField, SelectField } from '../components/SearchField';
import { ErrorMessage } from '../components/Status';
import { graphql, type VariablesOf } from '../graphql';
import { SEARCH_DEBOUNCE_MS, useDebounced, usePageTitle } from '../lib/hooks';
import { countryName, plural, shorten } from '../lib/text';
import { WhereField } from '../search/WhereField';
import { type Narrowing as WhyNobodyNarrowing, WhyNobody } from '../search/WhyNobody';
import { viewerTimeZone, zoneName } from '../lib/time';
import { hoursText } from '../profile/hours';
import { AskForm } from '../questions/AskForm';
import { howToldText, routingText, useNetworkSettings } from '../questions/settings';
import { OfficesQuery } from './PeoplePage';

export const EXPERTS_PAGE_SIZE = 10;
const MAX_EXPERTS = 50;
/** The server refuses longer questions. */
const MAX_QUESTION_LENGTH = 500;

export const EXAMPLE_QUESTIONS = [
  'retention schedule for HR records',
  'who can help with a subject access request',
  'employment law for new starters',
  'data protection impact assessment',
] as const;

export const ExpertSearchQuery = graphql(
  `
    query ExpertSearch($query: String!, $filter: ExpertFilter, $first: Int!) {
      expertSearch(query: $query, filter: $filter, first: $first) {
        showingResultsFor
        clearMatch
        experts {
          person {
            id
          }
          ...ExpertCardFields
        }
      }
    }
  `,
  [ExpertCardFields],
);

/** Where and when the signed-in person works, as their profile says. */
export const MyZoneQuery = graphql(`
  query MyZone {
    me {
      person {
        id
        timezone
        workingHours {
          start
          end
          days
        }
      }
    }
  }
`);

/** How much of a long pasted question the summary repeats. */
const QUOTED = 80;

type Filter = NonNullable<VariablesOf<typeof ExpertSearchQuery>['filter']>;
type Narrowing = WhyNobodyNarrowing;

const OVERLAP_OPTIONS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  value: String(n),
  label: `At least ${plural(n, 'hour', 'hours')}`,
}));

/** Free-text expert search: the question and filters live in the address, so a search can be shared. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const office = params.get('office') ?? '';
  const country = params.get('country') ?? '';
  const overlap = clampOverlap(params.get('overlap'));
  usePageTitle(q ? `Who knows about “${shorten(q, 60)}”` : 'Search');

  const [text, setText] = useState(q);
  const typed = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  // The question this page last put in the address, to tell typing from the back button.
  const written = useRef(q);
  const input = useRef<HTMLInputElement>(null);
  const timeZone = useMemo(viewerTimeZone, []);
  // The server compares with the asker's own zone and hours when their profile has them; the page says the same.
  const mine = useQuery(MyZoneQuery, {}).data?.me?.person;
  const myZone = mine?.timezone;
  const myHours = mine?.workingHours;

  const updateAddress = (changes: Record<string, string>, replace: boolean) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace },
    );
  const setFilter = (name: string, value: string) => updateAddress({ [name]: value }, true);
  const clearFilters = () => updateAddress({ office: '', country: '', overlap: '' }, true);
  const setQuestion = (question: string) => {
    written.current = question;
    // A new search is a step in the history; refining or clearing it is not.
    updateAddress({ q: question }, q !== '');
  };

  useEffect(() => {
    if (typed !== q) setQuestion(typed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the settled text only; the back button is handled separately
  }, [typed]);

  // The address changed without typing (back button, an example, a link): show its question.
  useEffect(() => {
    if (q === written.current) return;
    written.current = q;
    setText(q);
  }, [q]);

  const ask = (question: string) => {
    setText(question);
    setQuestion(question);
    input.current?.focus();
  };

  const offices = useQuery(OfficesQuery, {});
  const officeList = offices.data?.offices ?? [];

  const focusFirstResult = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown') return;
    const first = document.querySelector<HTMLElement>('[data-result-link]');
    if (first) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <section aria-labelledby="search-heading" className="search">
      <h1 id="search-heading">Find an expert</h1>
      <form
        className="filters search__form"
        role="search"
        onSubmit={(e) => {
          // Enter searches at once, without waiting for the pause in typing.
          e.preventDefault();
          if (text.trim() !== q) setQuestion(text.trim());
        }}
      >
        <SearchField
          className="field--question"
          label="Who knows about…"
          value={text}
          onChange={setText}
          placeholder="e.g. retention schedule for HR records"
          maxLength={MAX_QUESTION_LENGTH}
          onKeyDown={focusFirstResult}
          inputRef={input}
        />
        <WhereField offices={officeList} value={{ office, country }} onChange={(w) => updateAddress({ ...w }, true)} />
        <SelectField
          label="Working hours overlap with mine"
          anyLabel="Any overlap"
          value={overlap ? String(overlap) : ''}
          onChange={(v) => setFilter('overlap', v)}
          options={OVERLAP_OPTIONS}
          disabled={!timeZone && !myZone}
          hint={
            myZone
              ? `Compared with ${myHours ? `your hours, ${hoursText(myHours)},` : 'your working day'} in ${zoneName(myZone)} (from your profile)`
              : timeZone
                ? `Your time zone: ${zoneName(timeZone)}`
                : 'Your browser does not say which time zone you are in.'
          }
        />
      </form>
      {offices.error && <p className="muted">Office and country filters are unavailable: {offices.error.message}</p>}

      {q ? (
        <ExpertResults
          question={q}
          narrowing={{ office, country, overlap }}
          timeZone={timeZone}
          input={input}
          onAsk={ask}
          onClearFilters={clearFilters}
          onSetFilter={setFilter}
          officeName={officeList.find((o) => o.id === office)?.name}
          countryName={country ? countryName(country) : undefined}
        />
      ) : (
        <Welcome onAsk={ask} />
      )}
    </section>
  );
}

function clampOverlap(value: string | null): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(8, Math.max(0, n)) : 0;
}

function Welcome({ onAsk }: { onAsk: (q: string) => void }) {
  return (
    <div className="search__welcome">
      <p className="lead">
        Describe what you need to know in your own words. Tacit suggests colleagues who are likely to know, wherever
        they work, and says why.
      </p>
      <h2>Try asking</h2>
      <ul className="examples" aria-label="Example questions">
        {EXAMPLE_QUESTIONS.map((question) => (
          <li key={question}>
            <button type="button" className="button example" onClick={() => onAsk(question)}>
              {question}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExpertResults(props: {
  question: string;
  narrowing: Narrowing;
  timeZone: string | undefined;
  input: RefObject<HTMLInputElement | null>;
  onAsk: (q: string) => void;
  onClearFilters: () => void;
  onSetFilter: (name: 'office' | 'country' | 'overlap', value: string) => void;
  officeName: string | undefined;
  countryName: string | undefined;
}) {
  const { question, narrowing, timeZone } = props;
  const { office, country, overlap } = narrowing;
  const key = JSON.stringify([question, office, country, overlap]);
  const [more, setMore] = useState({ key, first: EXPERTS_PAGE_SIZE });
  const first = more.key === key ? more.first : EXPERTS_PAGE_SIZE;

  const variables = useMemo(() => {
    const filter: Filter = {};
    if (office) filter.officeIds = [office];
    if (country) filter.countries = [country];
    if (overlap > 0) filter.minOverlapHours = overlap;
    if (timeZone) filter.timezone = timeZone;
    return { query: question, filter, first };
  }, [question, office, country, overlap, timeZone, first]);
  const { data, error, loading, retry } = useQuery(ExpertSearchQuery, variables);
  const answer = data?.expertSearch;
  const experts = answer?.experts ?? [];
  const filtered = Boolean(office || country || overlap);
  // How the question was read belongs to the answer on screen, not to one still loading.
  const settled = loading || error ? undefined : answer;
  const me = useMe();
  const settings = useNetworkSettings();
  // Beside "Leaving": whether they may still be asked (only the asking person needs to know).
  const leavingNote =
    me.person && settings
      ? `people leaving within ${plural(settings.leavingWithinDays, 'day', 'days')} are not asked questions`
      : undefined;

  const moveFocus = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-result-link]'));
    const card = (e.target as HTMLElement).closest('[data-expert]');
    const at = card ? links.findIndex((l) => card.contains(l)) : -1;
    const next = e.key === 'ArrowDown' ? at + 1 : at - 1;
    e.preventDefault();
    if (next < 0) props.input.current?.focus();
    else links[Math.min(next, links.length - 1)]?.focus();
  };

  const summary = loading
    ? 'Searching…'
    : error
      ? ''
      : experts.length === 0
        ? `Nobody found for “${shorten(question, QUOTED)}”.`
        : `${plural(experts.length, 'person', 'people')} who may know about “${shorten(question, QUOTED)}”${filtered ? ', with your filters' : ''}.`;

  return (
    <div className="search__results">
      <div className="search__status" role="status">
        {settled?.showingResultsFor && (
          <p className="search__corrected">
            Showing results for <em>{settled.showingResultsFor}</em>
          </p>
        )}
        <p className="search__summary">
          {loading && <span className="spinner" aria-hidden="true" />}
          {summary}
        </p>
        {settled && !settled.clearMatch && settled.experts.length > 0 && (
          <p className="search__unclear">No one clearly matches your question; the closest are:</p>
        )}
      </div>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : !data ? null : experts.length === 0 ? (
        <>
          <NobodyFound
            filtered={filtered}
            onAsk={props.onAsk}
            onClearFilters={props.onClearFilters}
            why={
              filtered ? (
                <WhyNobody
                  question={question}
                  narrowing={narrowing}
                  officeName={props.officeName}
                  countryName={props.countryName}
                  timeZone={timeZone}
                  onSetFilter={props.onSetFilter}
                />
              ) : null
            }
          />
          <AskThese key={question} question={question} filtered={filtered} nobody />
        </>
      ) : (
        <div className="search__body">
          <div className="search__list">
            {/* Shown while a result has the keyboard focus (over the list, so nothing moves); read with the list always. */}
            <p id="expert-keys" className="expert-keys">
              <kbd>Tab</kbd> or <kbd>↑</kbd> <kbd>↓</kbd>: next person · <kbd>→</kbd> <kbd>←</kbd>: the links in their
              explanation and skills
            </p>
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- arrow keys pressed on the result links */}
            <ol
              className="card-list expert-list"
              aria-label="Experts"
              aria-describedby="expert-keys"
              aria-busy={loading}
              onKeyDown={moveFocus}
            >
              {experts.map((expert) => (
                <ExpertCard key={expert.person.id} expert={expert} leavingNote={leavingNote} />
              ))}
            </ol>
            {experts.length >= first && first < MAX_EXPERTS && (
              <div className="load-more">
                <button
                  type="button"
                  className="button"
                  disabled={loading}
                  onClick={() => setMore({ key, first: first + EXPERTS_PAGE_SIZE })}
                >
                  {loading ? 'Loading…' : 'Show more people'}
                </button>
              </div>
            )}
          </div>
          <AskThese key={question} question={question} filtered={filtered} />
        </div>
      )}
    </div>
  );
}

/**
 * Beside the results (below them on a phone, and after them for the keyboard,
 * so the first result stays near the top): ask these people at once instead
 * of choosing one. On a phone a compact "Ask these people" shows beside the
 * summary at the top (after the results for the keyboard, like the panel) and
 * opens the form down here. When the search found nobody, it offers to ask
 * the network all the same. Only someone signed in as a person can ask;
 * focus comes back to the button when the form is cancelled.
 */
function AskThese({ question, filtered, nobody = false }: { question: string; filtered: boolean; nobody?: boolean }) {
  const me = useMe();
  const settings = useNetworkSettings();
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const aside = useRef<HTMLElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking || !returnFocus.current) return;
    returnFocus.current = false;
    button.current?.focus();
  }, [asking]);
  if (!me.person) return null;
  const jump = () => {
    if (asking) aside.current?.querySelector('textarea')?.focus();
    else setAsking(true);
    aside.current?.scrollIntoView?.({ block: 'start' });
  };
  const action = nobody ? 'Ask the network' : 'Ask these people';
  return (
    <>
      {!nobody && (
        <button
          type="button"
          className="button button--small button--primary ask-jump"
          aria-label="Ask these people: the form below the results"
          onClick={jump}
        >
          Ask these people
        </button>
      )}
      <aside ref={aside} className="search__aside" aria-label="Ask the network">
        {asking ? (
          <AskForm
            initialText={question}
            filtered={filtered}
            title={action}
            onCancel={() => {
              returnFocus.current = true;
              setAsking(false);
            }}
          />
        ) : (
          <div className="panel ask-these">
            <h2>{nobody ? 'Nobody matches yet — ask the network' : 'Not sure whom to ask?'}</h2>
            <p className="muted small">
              {nobody
                ? 'Tacit can still send your question to the colleagues most likely to know. It '
                : 'Send your question to the best few of these people at once. It '}
              {routingText(settings)}. They see it {howToldText(settings)}, and Tacit collects their answers.
            </p>
            <button type="button" ref={button} className="button button--primary" onClick={() => setAsking(true)}>
              {action}
            </button>
          </div>
        )}
      </aside>
    </>
  );
}

function NobodyFound(props: {
  filtered: boolean;
  why: React.ReactNode;
  onAsk: (q: string) => void;
  onClearFilters: () => void;
}) {
  return (
    <div className="panel nobody">
      <h2>Things to try</h2>
      <ul>
        {props.why}
        {props.filtered && (
          <li>
            Or start again without filters.{' '}
            <button type="button" className="button button--small" onClick={props.onClearFilters}>
              Clear filters
            </button>
          </li>
        )}
        <li>Check the spelling, or use fewer and more general words.</li>
        <li>
          Name a topic or skill, for example{' '}
          <button type="button" className="link-button" onClick={() => props.onAsk('records management')}>
            records management
          </button>
          .
        </li>
        <li>
          Browse the <Link to="/skills">skills</Link> or the <Link to="/communities">communities</Link> to find the
          right words.
        </li>
      </ul>
    </div>
  );
}
