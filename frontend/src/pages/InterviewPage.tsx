import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError, request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ErrorMessage, Loading, NotFound } from '../components/Status';
import { usePageTitle } from '../lib/hooks';
import { personPath, skillPath } from '../lib/paths';
import { formatDateTime } from '../lib/time';
import { Lookup } from '../components/Lookup';
import { SuccessorSuggestions } from '../interviews/SuccessorSuggestions';
import {
  CompleteInterview,
  InterviewQuery,
  PublishInterview,
  RecordConsent,
  STATUS_LABEL,
  StartInterview,
  isHr,
  scheduledText,
  type InterviewData,
} from '../interviews/queries';
import { RetentionPanel } from '../interviews/RetentionPanel';
import { TranscriptPanel } from '../interviews/TranscriptPanel';
import { NameSuccessor, RemoveSuccessor, SetTopics } from '../interviews/queries';

/**
 * One harvest interview. Everyone may read a published one (its summary,
 * topics and successors); HR run it here from scheduling to publication and
 * keep or dispose of the record; the leaver sees their transcript and gives
 * or withdraws consent.
 */
export function InterviewPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { data, error, loading, retry } = useQuery(InterviewQuery, { id });
  const interview = data?.interview;
  usePageTitle(interview ? `Interview with ${interview.leaverName}` : 'Interview');
  if (error?.code === 'NOT_FOUND') {
    return (
      <NotFound
        title="Interview not found"
        text="This interview does not exist, or it has not been published and is not yours to see."
        back="/interviews"
        backLabel="All published interviews"
      />
    );
  }
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !interview) return <Loading what="the interview" />;
  if (!interview) return null;
  const hr = isHr(me.roles);
  const isLeaver = me.person?.id === interview.leaver?.id;
  return (
    <article className="interview">
      <p className="muted">
        <Link to="/interviews">Interviews</Link>
      </p>
      <h1>
        Interview with{' '}
        {interview.leaver ? (
          <Link to={personPath(interview.leaver.id)}>{interview.leaverName}</Link>
        ) : (
          interview.leaverName
        )}{' '}
        <span className={`badge badge--interview badge--${interview.status.toLowerCase()}`}>
          {STATUS_LABEL[interview.status]}
        </span>
      </h1>
      <dl className="record-facts">
        <dt>Scheduled for</dt>
        <dd>{scheduledText(interview.scheduledFor, interview.status)}</dd>
        {interview.interviewer && (
          <>
            <dt>Interviewer</dt>
            <dd>
              <Link to={personPath(interview.interviewer.id)}>{interview.interviewer.name}</Link>
            </dd>
          </>
        )}
        {interview.completedAt && (
          <>
            <dt>Completed</dt>
            <dd>{formatDateTime(interview.completedAt)}</dd>
          </>
        )}
        {interview.publishedAt && (
          <>
            <dt>Published</dt>
            <dd>{formatDateTime(interview.publishedAt)}</dd>
          </>
        )}
      </dl>
      {hr && <Progress interview={interview} onChange={retry} />}
      <Summary interview={interview} />
      <Handover interview={interview} editable={hr && interview.status === 'IN_PROGRESS'} onChange={retry} />
      {(hr || isLeaver) && <Consent interview={interview} onChange={retry} />}
      {(hr || isLeaver) && (
        <TranscriptPanel
          id={interview.id}
          editable={hr && interview.status === 'IN_PROGRESS'}
          canAdd={hr && ['SCHEDULED', 'IN_PROGRESS'].includes(interview.status)}
          disposed={interview.status === 'DISPOSED'}
        />
      )}
      {hr && interview.completedAt && <RetentionPanel key={interview.status} id={interview.id} onChange={retry} />}
    </article>
  );
}

/** The next step of the interview, for HR: start, complete, publish. */
function Progress({ interview, onChange }: { interview: InterviewData; onChange: () => void }) {
  const action = useAction();
  const [summary, setSummary] = useState(interview.summary ?? '');
  useEffect(() => setSummary(interview.summary ?? ''), [interview.summary]);
  const step = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) onChange();
  };
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Next step</h2>
      {interview.status === 'SCHEDULED' && (
        <>
          <p>
            <strong>Next:</strong> HR (you or anyone in HR) starts the interview when sitting down with{' '}
            {interview.leaverName}, to record answers.
          </p>
          <button
            type="button"
            className="button button--primary"
            disabled={action.busy}
            onClick={() => step(() => request(StartInterview, { id: interview.id }))}
          >
            Start interview
          </button>
        </>
      )}
      {interview.status === 'IN_PROGRESS' && (
        <>
          <p>
            <strong>Next:</strong> HR records answers, topics and successors below, then completes the interview: the
            transcript locks and the topics and successors go into search.
          </p>
          <button
            type="button"
            className="button button--primary"
            disabled={action.busy}
            onClick={() =>
              step(async () => {
                try {
                  return await request(CompleteInterview, { id: interview.id, skipUnanswered: false });
                } catch (e) {
                  // Questions without an answer: say how many and ask before locking the transcript.
                  const err = asApiError(e);
                  if (err.code !== 'CONFLICT' || !err.message.includes('no answer')) throw err;
                  if (!window.confirm(`${err.message}.\n\nComplete the interview anyway?`)) return undefined;
                  return await request(CompleteInterview, { id: interview.id, skipUnanswered: true });
                }
              })
            }
          >
            Complete interview
          </button>
        </>
      )}
      {interview.status === 'COMPLETED' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void step(() => request(PublishInterview, { id: interview.id, summary: summary.trim() || null }));
          }}
        >
          <div className="field">
            <label htmlFor="summary">Summary for everyone (never the answers)</label>
            <textarea
              id="summary"
              rows={5}
              value={summary}
              maxLength={20000}
              onChange={(e) => setSummary(e.target.value)}
            />
          </div>
          <p>
            <strong>Next:</strong>{' '}
            {interview.consent
              ? 'HR publishes a summary for everyone; the answers stay private.'
              : `Waiting for ${interview.leaverName} to consent to publication: they can give it on this page while still here, or HR records it.`}
          </p>
          {!interview.consent && (
            <p className="status status--empty">The leaver has not consented to publication yet.</p>
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={action.busy || !interview.consent || !summary.trim()}
          >
            Publish summary
          </button>
        </form>
      )}
      {(interview.status === 'PUBLISHED' || interview.status === 'DISPOSED') && (
        <p>
          <strong>Next:</strong> nothing until the record's retention ends; then HR disposes of what is due (see
          Retention below). Earlier destruction needs a second HR or admin person's approval.
        </p>
      )}
      {action.busy && <p role="status">Saving…</p>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

function Summary({ interview }: { interview: InterviewData }) {
  if (!interview.summary) return null;
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{interview.publishedAt ? 'Summary' : 'Summary (draft, not published)'}</h2>
      <p className="interview__summary">{interview.summary}</p>
    </section>
  );
}

/** Topics covered and who to ask about each now. */
function Handover({
  interview,
  editable,
  onChange,
}: {
  interview: InterviewData;
  editable: boolean;
  onChange: () => void;
}) {
  const action = useAction();
  const [topic, setTopic] = useState('');
  const [note, setNote] = useState('');
  const topics = interview.topics;
  const change = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) onChange();
  };
  const topicIds = topics.map((t) => t.id);
  return (
    <section className="panel" aria-labelledby="handover-heading">
      <h2 id="handover-heading">Topics and successors</h2>
      {topics.length === 0 ? (
        <p className="muted">No topics recorded yet.</p>
      ) : (
        <ul className="plain-list handover">
          {topics.map((t) => {
            const named = interview.successors.filter((s) => s.skill?.id === t.id);
            return (
              <li key={t.id}>
                <Link to={skillPath(t.id)}>{t.name}</Link>
                {named.length > 0 ? (
                  <ul className="handover__successors" aria-label={`Successors for ${t.name}`}>
                    {named.map((s) =>
                      s.person ? (
                        <li key={s.person.id}>
                          Ask <Link to={personPath(s.person.id)}>{s.person.name}</Link>
                          {s.note && <span className="muted"> — {s.note}</span>}
                          {editable && (
                            <button
                              type="button"
                              className="button button--small"
                              aria-label={`Remove ${s.person.name} as successor for ${t.name}`}
                              onClick={() =>
                                change(() =>
                                  request(RemoveSuccessor, { id: interview.id, skill: t.id, person: s.person!.id }),
                                )
                              }
                            >
                              Remove
                            </button>
                          )}
                        </li>
                      ) : null,
                    )}
                  </ul>
                ) : (
                  <span className="muted"> — no successor named </span>
                )}
                {editable && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove topic ${t.name}`}
                    onClick={() =>
                      change(() => request(SetTopics, { id: interview.id, skills: topicIds.filter((x) => x !== t.id) }))
                    }
                  >
                    Remove topic
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editable && (
        <div className="handover__edit">
          <Lookup
            kind="skill"
            label="Add a topic"
            exclude={topicIds}
            onChoose={(s) => change(() => request(SetTopics, { id: interview.id, skills: [...topicIds, s.id] }))}
          />
          {topics.length > 0 && (
            <fieldset className="fieldset">
              <legend>Name a successor</legend>
              <div className="field">
                <label htmlFor="successor-topic">For the topic</label>
                <select
                  id="successor-topic"
                  value={topic}
                  onChange={(e) => {
                    // What to ask is about one topic: a note typed for another does not carry over.
                    setTopic(e.target.value);
                    setNote('');
                  }}
                >
                  <option value="">Choose a topic</option>
                  {topics.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="successor-note">What to ask them about (optional)</label>
                <input id="successor-note" value={note} maxLength={20000} onChange={(e) => setNote(e.target.value)} />
              </div>
              {topic && (
                <SuccessorSuggestions
                  key={topic}
                  interviewId={interview.id}
                  skill={topic}
                  named={interview.successors.flatMap((s) => (s.skill?.id === topic && s.person ? [s.person.id] : []))}
                  busy={action.busy}
                  skillName={topics.find((t) => t.id === topic)?.name ?? 'this topic'}
                  onChoose={(p) =>
                    void change(() =>
                      request(NameSuccessor, {
                        id: interview.id,
                        skill: topic,
                        person: p.id,
                        note: note.trim() || null,
                      }),
                    ).then(() => setNote(''))
                  }
                />
              )}
              <Lookup
                kind="person"
                label="Successor"
                exclude={interview.leaver ? [interview.leaver.id] : []}
                onChoose={(p) => {
                  if (!topic) {
                    action.clear();
                    return;
                  }
                  void change(() =>
                    request(NameSuccessor, { id: interview.id, skill: topic, person: p.id, note: note.trim() || null }),
                  ).then(() => setNote(''));
                }}
              />
              {!topic && <p className="field__hint">Choose the topic first, then the person.</p>}
            </fieldset>
          )}
        </div>
      )}
      {action.busy && <p role="status">Saving…</p>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}

/** The leaver's consent to publishing a summary: theirs to give, or HR's to record. */
function Consent({ interview, onChange }: { interview: InterviewData; onChange: () => void }) {
  const action = useAction();
  const [checked, setChecked] = useState(interview.consent);
  useEffect(() => setChecked(interview.consent), [interview.consent]);
  const open = ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED'].includes(interview.status);
  return (
    <section className="panel" aria-labelledby="consent-heading">
      <h2 id="consent-heading">Consent to publish</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          disabled={!open}
          aria-busy={action.busy || undefined}
          onChange={async (e) => {
            const consent = e.target.checked;
            setChecked(consent);
            if (await action.run(() => request(RecordConsent, { id: interview.id, consent }))) onChange();
            else setChecked(!consent);
          }}
        />{' '}
        {interview.leaverName} agrees that HR may publish a summary (never the answers) to everyone.
      </label>
      {!open && (
        <p className="muted">
          Consent can no longer change:{' '}
          {interview.status === 'DISPOSED'
            ? 'the transcript has been disposed of'
            : `the interview is ${STATUS_LABEL[interview.status]?.toLowerCase()}`}
          .
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
