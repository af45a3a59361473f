import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ConfirmButton } from '../components/ConfirmButton';
import { Done } from '../components/Done';
import { Empty, ErrorMessage } from '../components/Status';
import { personPath } from '../lib/paths';
import { linkParts, safeHref } from '../lib/links';
import { formatDateTime } from '../lib/time';
import { readFragment } from '../graphql';
import { AcceptAnswer, CloseQuestion, QuestionFields, type Question } from './queries';
import { toldOutside, useNetworkSettings } from './settings';

type Answer = Question['answers'][number];

const authorName = (a: Answer) => a.author?.name ?? 'Someone no longer listed';

/**
 * The answers as they came, oldest first. The asker of an open question marks
 * the one that helped ("This answered it") or says none did; once one is
 * accepted, a public question's answer is evidence, and the page says where.
 */
export function Answers({ question: q }: { question: Question }) {
  const action = useAction();
  const settings = useNetworkSettings();
  const [done, setDone] = useState<string>();
  const deciding = q.askedByMe && q.status === 'OPEN';
  const accepted = q.answers.find((a) => a.accepted);

  const accept = async (a: Answer) => {
    setDone(undefined);
    const ok = await action.run(() => request(AcceptAnswer, { answerId: a.id }));
    if (ok) {
      // Said only when the server tells people outside Tacit; otherwise they see it on the question's page.
      const told = toldOutside(settings) ? `${authorName(a)} is told` : `${authorName(a)} sees it here`;
      setDone(
        readFragment(QuestionFields, ok.acceptAnswer.question).evidence
          ? `Thank you: ${told}, and their answer is kept as evidence of what they know.`
          : `Thank you: ${told}. The question is private, so nothing is kept.`,
      );
    }
  };
  const close = async () => {
    setDone(undefined);
    const ok = await action.run(() => request(CloseQuestion, { questionId: q.id }));
    if (ok) setDone('Closed. Nobody else will be asked; try the search with other words, or ask again.');
  };

  return (
    <section className="panel" aria-labelledby="answers-heading">
      <h2 id="answers-heading">{q.answers.length > 1 ? `Answers (${q.answers.length})` : 'Answers'}</h2>
      {q.answers.length === 0 ? (
        <Empty>
          {q.status === 'OPEN'
            ? 'No answers yet. They show here as they come; you need not reload the page.'
            : 'Nobody answered.'}
        </Empty>
      ) : (
        <ol className="plain-list answers" aria-label="Answers">
          {q.answers.map((a) => (
            <li key={a.id} className={a.accepted ? 'answer answer--accepted' : 'answer'}>
              <p className="answer__who">
                {a.author ? <Link to={personPath(a.author.id)}>{a.author.name}</Link> : authorName(a)}
                <span className="muted"> · {formatDateTime(a.createdAt)}</span>{' '}
                {a.accepted && <span className="badge badge--accepted">The answer that helped</span>}
              </p>
              <p className="answer__text">
                <LinkedText text={a.text} />
              </p>
              {deciding && (
                <button
                  type="button"
                  className="button button--primary"
                  aria-label={`This answered it: ${authorName(a)}’s answer`}
                  disabled={action.busy}
                  onClick={() => void accept(a)}
                >
                  This answered it
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {deciding && q.answers.length > 0 && (
        <div className="answers__decide">
          <p className="muted small">
            {`Marking the answer that helped closes the question${q.visibility === 'PUBLIC' ? ' and keeps the answer as evidence, so the next person asking finds it and its author' : ''}. If none did, say so: nobody else is asked.`}
          </p>
          <ConfirmButton
            secondary
            label="None of these helped"
            name="None of these helped"
            question="Close the question without an answer?"
            confirm="Yes, close it"
            disabled={action.busy}
            onConfirm={() => void close()}
          />
        </div>
      )}
      {done && <Done>{done}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
      {q.evidence && <EvidenceNote question={q} evidence={q.evidence} answer={accepted} />}
    </section>
  );
}

/** An answer's text as text, its http(s) addresses as links (nothing in it is read as HTML). */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** Where the accepted answer now lives as evidence: its own link when it has one, else its author's profile. */
function EvidenceNote({
  question,
  evidence,
  answer,
}: {
  question: Question;
  evidence: NonNullable<Question['evidence']>;
  answer: Answer | undefined;
}) {
  // Evidence that links back to this very question (the server's public address for it) is better
  // shown where it now counts: under Evidence on its author's profile.
  const href = isThisQuestion(evidence.url, question) ? undefined : safeHref(evidence.url);
  const title = evidence.title ?? 'the answer';
  return (
    <p className="evidence-note">
      Kept as evidence:{' '}
      {href ? (
        <a href={href} rel="noreferrer">
          {title}
        </a>
      ) : answer?.author ? (
        <Link to={personPath(answer.author.id)}>{title}</Link>
      ) : (
        <strong>{title}</strong>
      )}
      {!href && answer?.author && <span className="muted"> (under Evidence on {answer.author.name}’s profile)</span>}
    </p>
  );
}

/** Whether `url` is the address of `q`'s own page (by its id or the external id e-mails link with). */
function isThisQuestion(url: string | null | undefined, q: Question): boolean {
  if (!url) return false;
  try {
    const last = decodeURIComponent(new URL(url, window.location.origin).pathname.replace(/\/+$/, ''));
    return last === `/questions/${q.id}` || last === `/questions/${q.externalId}`;
  } catch {
    return false;
  }
}
