import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { questionPath } from '../lib/paths';
import { plural, shorten } from '../lib/text';
import { formatDateTime } from '../lib/time';
import { readFragment } from '../graphql';
import {
  isWaiting,
  MyQuestionsQuery,
  QuestionSummary,
  QuestionsForMeQuery,
  type QuestionLine,
} from '../questions/queries';
import { QuestionStatusBadge } from '../questions/QuestionStatusBadge';
import { ReasonText } from '../questions/ReasonText';
import { useNetworkSettings } from '../questions/settings';

/** How many questions each list asks for. */
export const QUESTIONS_SHOWN = 50;
const VARIABLES = { first: QUESTIONS_SHOWN };
/** How much of a long question a line shows. */
const QUOTED = 160;

/** What the signed-in person did with a question that came to them, in words. */
const MY_STATE: Record<string, string> = {
  ROUTED: 'Waiting for you',
  ANSWERED: 'You answered',
  DECLINED: 'You said not me',
  PASSED: 'You passed it on',
};

/** A question still asked of me once the asker has what they needed (or gave up): nothing to do. */
const NO_REPLY_NEEDED: Record<string, string> = {
  ANSWERED: 'Answered — no reply needed',
  CLOSED: 'Closed — no reply needed',
};

const waitingForMe = (q: QuestionLine) => isWaiting(q.status, q.myRoute?.state);

/** Where I stand with a question that came to me, in words. */
export function myStateText(q: QuestionLine): string {
  const state = q.myRoute?.state ?? '';
  if (state === 'ROUTED' && !waitingForMe(q)) return NO_REPLY_NEEDED[q.status] ?? 'No reply needed';
  return MY_STATE[state] ?? state;
}

/** Questions colleagues asked the signed-in person through Tacit, and the ones they asked. */
export function QuestionsPage() {
  const me = useMe();
  usePageTitle('Questions');
  return (
    <article>
      <h1>Questions</h1>
      <p className="lead">
        Questions Tacit brought to you, and the ones you asked. To ask one, <Link to="/search">search</Link> for who
        knows about it and choose “Ask these people”.
      </p>
      {me.person ? (
        <>
          <ForMe />
          <Mine />
        </>
      ) : (
        <Empty>Questions are asked and answered by people; you are signed in without one.</Empty>
      )}
    </article>
  );
}

function ForMe() {
  const { data, error, loading, retry } = useQuery(QuestionsForMeQuery, VARIABLES);
  // Open ones waiting for me first; then the rest as the server gives them, newest first.
  const list = (data?.questionsForMe ?? [])
    .map((q) => readFragment(QuestionSummary, q))
    .sort((a, b) => Number(waitingForMe(b)) - Number(waitingForMe(a)));
  const waiting = list.filter(waitingForMe).length;
  const settings = useNetworkSettings();
  return (
    <section className="panel" aria-labelledby="for-me-heading">
      <h2 id="for-me-heading">
        Questions for you
        {waiting > 0 && (
          <>
            {' '}
            <span className="muted">· {waiting} waiting</span>
          </>
        )}
      </h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="questions for you" />
      ) : list.length === 0 ? (
        <Empty>
          No questions for you yet. When Tacit thinks you can answer one, it lists it here
          {settings?.email ? ' and e-mails you' : settings?.webhook ? ' and says so in the team chat' : ''}.
        </Empty>
      ) : (
        <ul className="plain-list question-lines" aria-label="Questions for you">
          {list.map((q) => (
            <li key={q.id} className={waitingForMe(q) ? 'question-line question-line--waiting' : 'question-line'}>
              <p className="question-line__text">
                <Link to={questionPath(q.id)}>{shorten(q.text, QUOTED)}</Link>
              </p>
              <p className="question-line__facts">
                <QuestionStatusBadge status={q.status} />{' '}
                {q.myRoute && (
                  <span
                    className={
                      waitingForMe(q) || q.myRoute.state !== 'ROUTED'
                        ? 'badge badge--route'
                        : 'badge badge--route badge--route-over'
                    }
                  >
                    {myStateText(q)}
                  </span>
                )}{' '}
                <span className="muted small">
                  {q.asker?.name ?? 'Someone'} asked, {formatDateTime(q.createdAt)}
                </span>
              </p>
              {q.myRoute && (
                <p className="question-line__why small">
                  {q.myRoute.passedBy ? (
                    <>
                      {q.myRoute.passedBy.name} passed it to you{q.myRoute.note ? `: “${q.myRoute.note}”` : '.'}
                    </>
                  ) : (
                    <>
                      <span className="muted">Why you:</span> <ReasonText text={q.myRoute.reason} />
                    </>
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Mine() {
  const { data, error, loading, retry } = useQuery(MyQuestionsQuery, VARIABLES);
  const list = (data?.myQuestions ?? []).map((q) => readFragment(QuestionSummary, q));
  return (
    <section className="panel" aria-labelledby="mine-heading">
      <h2 id="mine-heading">Your questions</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="your questions" />
      ) : list.length === 0 ? (
        <Empty>
          You have not asked any yet. <Link to="/search">Search</Link> for what you need to know, then choose “Ask these
          people”.
        </Empty>
      ) : (
        <ul className="plain-list question-lines" aria-label="Your questions">
          {list.map((q) => {
            const asked = q.routes.filter((r) => r.state !== 'SKIPPED').length;
            return (
              <li key={q.id} className="question-line">
                <p className="question-line__text">
                  <Link to={questionPath(q.id)}>{shorten(q.text, QUOTED)}</Link>
                </p>
                <p className="question-line__facts">
                  <QuestionStatusBadge status={q.status} />{' '}
                  <span className="small">
                    {plural(q.answers.length, 'answer', 'answers')} · asked of {plural(asked, 'person', 'people')}
                  </span>{' '}
                  <span className="muted small">
                    · {formatDateTime(q.createdAt)} · {q.visibility === 'PUBLIC' ? 'public' : 'private'}
                  </span>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
