import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorMessage, Loading } from '../components/Status';
import { AddQuestions, AnswerQuestions, TranscriptQuery, UpdateInterview } from './queries';

const ORIGIN: Record<string, string> = {
  TEMPLATE: 'from a question set',
  GENERATED: 'from the knowledge graph',
  CUSTOM: 'added by HR',
};

/**
 * The transcript: questions, answers, notes and outside contacts. Only HR and
 * the leaver (while still here) can open it, and every opening is recorded in
 * the audit log, so it loads only when asked for.
 */
export function TranscriptPanel({
  id,
  editable,
  canAdd,
  disposed = false,
}: {
  id: string;
  editable: boolean;
  canAdd: boolean;
  /** The transcript was destroyed under retention: there is nothing left to open. */
  disposed?: boolean;
}) {
  const [open, setOpen] = useState(editable);
  useEffect(() => {
    if (editable) setOpen(true);
  }, [editable]);
  return (
    <section className="panel" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">Transcript</h2>
      {disposed ? (
        <p>
          The transcript (answers, notes, outside contacts) has been disposed of; its disposal certificate says when, by
          which rule and on whose authority.
        </p>
      ) : open ? (
        <TranscriptBody id={id} editable={editable} canAdd={canAdd} />
      ) : (
        <>
          <p className="muted">
            Only HR and the leaver can read the transcript; each reading is recorded in the audit log.
          </p>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Open transcript
          </button>
        </>
      )}
    </section>
  );
}

function TranscriptBody({ id, editable, canAdd }: { id: string; editable: boolean; canAdd: boolean }) {
  const { data, error, loading, retry } = useQuery(TranscriptQuery, { id });
  const t = data?.interview?.transcript;
  const action = useAction();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [notes, setNotes] = useState('');
  const [contacts, setContacts] = useState('');
  const [question, setQuestion] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!t) return;
    setAnswers(Object.fromEntries(t.questions.map((q) => [q.position, q.answer ?? ''])));
    setNotes(t.notes ?? '');
    setContacts(t.outsideContacts ?? '');
  }, [t]);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !t) return <Loading what="the transcript" />;
  if (!t) return null;

  const save = async () => {
    setSaved(false);
    const changed = t.questions
      .filter((q) => (q.answer ?? '') !== (answers[q.position] ?? ''))
      .map((q) => ({ position: q.position, answer: answers[q.position]?.trim() || null }));
    const done = await action.run(async () => {
      if (changed.length > 0) await request(AnswerQuestions, { id, answers: changed });
      await request(UpdateInterview, {
        input: { id, notes: notes.trim() || null, outsideContacts: contacts.trim() || null },
      });
      return true;
    });
    if (done) {
      setSaved(true);
      retry();
    }
  };
  const add = async () => {
    if (!question.trim()) return;
    if (await action.run(() => request(AddQuestions, { id, questions: [question.trim()] }))) {
      setQuestion('');
      retry();
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {t.questions.length === 0 && <p className="muted">No questions yet.</p>}
      <ol className="questions">
        {t.questions.map((q) => (
          <li key={q.position} className="question">
            <label htmlFor={`answer-${q.position}`} className="question__text">
              {q.text}
            </label>
            <span className="muted question__origin"> ({ORIGIN[q.origin] ?? q.origin})</span>
            {editable ? (
              <textarea
                id={`answer-${q.position}`}
                rows={3}
                maxLength={20000}
                value={answers[q.position] ?? ''}
                onChange={(e) => setAnswers({ ...answers, [q.position]: e.target.value })}
              />
            ) : (
              <p id={`answer-${q.position}`} className="question__answer">
                {q.answer ?? <span className="muted">No answer recorded.</span>}
              </p>
            )}
          </li>
        ))}
      </ol>
      {editable ? (
        <>
          <div className="field">
            <label htmlFor="interview-notes">Interviewer's notes</label>
            <textarea
              id="interview-notes"
              rows={3}
              maxLength={20000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="interview-contacts">Outside contacts to keep (suppliers, partners, regulators)</label>
            <textarea
              id="interview-contacts"
              rows={2}
              maxLength={20000}
              value={contacts}
              onChange={(e) => setContacts(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={action.busy}>
            Save answers and notes
          </button>
          {saved && !action.busy && <span role="status"> Saved.</span>}
        </>
      ) : (
        <dl className="record-facts">
          <dt>Interviewer's notes</dt>
          <dd>{t.notes ?? <span className="muted">None.</span>}</dd>
          <dt>Outside contacts</dt>
          <dd>{t.outsideContacts ?? <span className="muted">None.</span>}</dd>
        </dl>
      )}
      {canAdd && (
        <div className="add-question">
          <div className="field">
            <label htmlFor="new-question">Add a question</label>
            <input id="new-question" value={question} maxLength={2000} onChange={(e) => setQuestion(e.target.value)} />
          </div>
          <button type="button" className="button" disabled={action.busy || !question.trim()} onClick={add}>
            Add question
          </button>
        </div>
      )}
      {action.busy && <p role="status">Saving…</p>}
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
