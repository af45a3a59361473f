import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Chips } from '../components/Chips';
import { Done } from '../components/Done';
import { ErrorMessage, Loading, NotFound } from '../components/Status';
import { readFragment } from '../graphql';
import { usePageTitle, useEvery } from '../lib/hooks';
import { personPath, skillPath } from '../lib/paths';
import { plural, shorten } from '../lib/text';
import { formatDateTime } from '../lib/time';
import { Answers } from '../questions/Answers';
import type { AskedState } from '../questions/AskForm';
import { ForYou } from '../questions/ForYou';
import { QuestionFields, QuestionQuery, VISIBILITY_TEXT, type Question } from '../questions/queries';
import { QuestionStatusBadge } from '../questions/QuestionStatusBadge';
import { Routing } from '../questions/Routing';
import { howToldText, useNetworkSettings } from '../questions/settings';

/** How often an open question is asked for again, so answers and new routes show as they come. */
export const POLL_MS = 5000;

/**
 * A question asked of the network: what was asked, by whom, where it stands;
 * for someone it came to, answering, "not me" and passing it on; the answers,
 * which the asker can accept; and who it went to, and why.
 */
export function QuestionPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(QuestionQuery, { id });
  // The address holds the global id, or the external id an e-mail links with.
  const isThis = (q: Question | null | undefined): q is Question => q?.id === id || q?.externalId === id;
  // A failed refresh keeps the question on screen, with the error above it.
  const last = useRef<Question>(undefined);
  const fresh = data && (data.question ? readFragment(QuestionFields, data.question) : null);
  if (isThis(fresh)) last.current = fresh;
  const question = isThis(last.current) ? last.current : undefined;
  usePageTitle(question ? shorten(question.text, 60) : 'Question');
  useEvery(question?.status === 'OPEN' ? POLL_MS : null, retry);

  if (!question) {
    if (error) return <ErrorMessage error={error} onRetry={retry} />;
    if (loading || fresh !== null) return <Loading what="the question" />;
    return (
      <NotFound
        title="Question not found"
        text="This question is not available to you: the link may be wrong, or it is a private question that was not asked of you."
        back="/questions"
        backLabel="Back to questions"
      />
    );
  }
  return (
    <>
      {error && <ErrorMessage error={error} onRetry={retry} />}
      <QuestionView question={question} />
    </>
  );
}

function QuestionView({ question: q }: { question: Question }) {
  const state = useLocation().state as AskedState | null;
  // How many it went to when it was asked (a "not me" later asks one more).
  const [sentTo] = useState(() => q.routes.filter((r) => r.state !== 'SKIPPED').length);
  const settings = useNetworkSettings();
  return (
    <article className="question-page">
      <p className="breadcrumb">
        <Link to="/questions">Questions</Link>
      </p>
      {state?.asked && q.askedByMe && (
        <Done>
          Asked. Tacit sent your question to {plural(sentTo, 'person', 'people')}; they see it {howToldText(settings)}.
          Their answers show here{settings?.email ? ', and you get an e-mail as each person first answers' : ''}.
        </Done>
      )}
      <header className="question-page__header">
        <p className="question-page__status">
          <QuestionStatusBadge status={q.status} />{' '}
          <span className="muted">{q.visibility === 'PUBLIC' ? 'Public question' : 'Private question'}</span>
        </p>
        <h1 className="question-page__text">{q.text}</h1>
        <p className="muted">
          Asked by{' '}
          {q.askedByMe ? (
            'you'
          ) : q.asker ? (
            <Link to={personPath(q.asker.id)}>{q.asker.name}</Link>
          ) : (
            'someone no longer listed'
          )}
          , {formatDateTime(q.createdAt)}
          {q.closedAt && ` · ${q.status === 'ANSWERED' ? 'answered' : 'closed'} ${formatDateTime(q.closedAt)}`}
        </p>
        <Chips items={q.skills} to={skillPath} label="Skills it is about" />
        {q.askedByMe && <p className="muted small">{VISIBILITY_TEXT[q.visibility]}</p>}
      </header>
      {q.myRoute && <ForYou question={q} route={q.myRoute} />}
      <Answers question={q} />
      <Routing question={q} />
    </article>
  );
}
