import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { Done } from '../components/Done';
import { Lookup, type Choice } from '../components/Lookup';
import { ErrorMessage } from '../components/Status';
import { readFragment } from '../graphql';
import { personPath } from '../lib/paths';
import {
  AnswerQuestion,
  DeclineQuestion,
  MAX_ANSWER,
  MAX_NOTE,
  PassQuestion,
  QuestionFields,
  type Question,
  type Route,
} from './queries';
import { ReasonText } from './ReasonText';
import { useNetworkSettings } from './settings';

/** The other things someone asked can do instead of answering; one form shows at a time. */
type Other = 'not-me' | 'pass';

/** Who was asked last: the person "not me" or passing it on just sent it to. */
function newest(q: Question): Route | undefined {
  return q.routes.filter((r) => r.state !== 'SKIPPED').sort((a, b) => b.position - a.position)[0];
}

/**
 * For someone the question came to: why it came to them, and what they can
 * do while it is open: answer (again, if they like), say "not me" (it goes to
 * the next person), or pass it to a colleague with a note.
 */
export function ForYou({ question: q, route }: { question: Question; route: Route }) {
  const id = useId();
  const [done, setDone] = useState<string>();
  // The answer form's complaint lives here, so choosing "Not me" or passing on clears it.
  const [answerProblem, setAnswerProblem] = useState<string>();
  const [other, setOther] = useState<Other>();
  const buttons = useRef<HTMLDivElement>(null);
  const open = q.status === 'OPEN';
  const waiting = route.state === 'ROUTED';
  const choose = (next: Other | undefined) => {
    setAnswerProblem(undefined);
    setDone(undefined);
    setOther(next);
  };
  const cancel = (was: Other) => {
    setOther(undefined);
    setTimeout(() => buttons.current?.querySelector<HTMLButtonElement>(`[data-other="${was}"]`)?.focus());
  };
  return (
    <section className="panel for-you" aria-labelledby="for-you-heading">
      <h2 id="for-you-heading">{waiting && open ? 'Can you answer?' : 'Asked of you'}</h2>
      {route.passedBy ? (
        <p>
          <Link to={personPath(route.passedBy.id)}>{route.passedBy.name}</Link> passed it to you
          {route.note ? <>: “{route.note}”</> : '.'}
        </p>
      ) : (
        <p className="for-you__why">
          <span className="muted">Why you, from Tacit’s ranking:</span> <ReasonText text={route.reason} />
        </p>
      )}
      {done && <Done>{done}</Done>}
      {!open ? (
        <p className="muted">
          {q.status === 'ANSWERED'
            ? 'Answered — no reply needed: the asker has the answer they needed.'
            : 'Closed — no reply needed: the asker closed it.'}
        </p>
      ) : route.state === 'DECLINED' ? (
        <p className="muted">You said it is not for you{route.note ? `: “${route.note}”` : '.'}</p>
      ) : route.state === 'PASSED' ? (
        <p className="muted">You passed it on{route.note ? `: “${route.note}”` : '.'}</p>
      ) : (
        <>
          <AnswerForm
            question={q}
            again={route.state === 'ANSWERED'}
            problem={answerProblem}
            onProblem={setAnswerProblem}
            onStart={() => other === undefined || choose(undefined)}
            onDone={setDone}
          />
          {waiting && (
            <div className="for-you__other">
              <div className="for-you__choices" ref={buttons}>
                <button
                  type="button"
                  className="button"
                  data-other="not-me"
                  aria-expanded={other === 'not-me'}
                  aria-controls={`${id}-other`}
                  onClick={() => choose(other === 'not-me' ? undefined : 'not-me')}
                >
                  Not me
                </button>
                <button
                  type="button"
                  className="button"
                  data-other="pass"
                  aria-expanded={other === 'pass'}
                  aria-controls={`${id}-other`}
                  onClick={() => choose(other === 'pass' ? undefined : 'pass')}
                >
                  Pass to a colleague
                </button>
              </div>
              <div id={`${id}-other`}>
                {other === 'not-me' && <NotMeForm question={q} onDone={setDone} onCancel={() => cancel('not-me')} />}
                {other === 'pass' && <PassOnForm question={q} onDone={setDone} onCancel={() => cancel('pass')} />}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function AnswerForm({
  question: q,
  again,
  problem,
  onProblem: setProblem,
  onStart,
  onDone,
}: {
  question: Question;
  again: boolean;
  problem: string | undefined;
  onProblem: (problem: string | undefined) => void;
  /** The person turned to answering (a "Not me" or pass form open closes). */
  onStart: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const action = useAction();
  const settings = useNetworkSettings();
  const [text, setText] = useState('');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    onStart();
    if (!text.trim()) {
      setProblem('Write your answer first.');
      return;
    }
    setProblem(undefined);
    const ok = await action.run(() => request(AnswerQuestion, { questionId: q.id, text: text.trim() }));
    if (ok) {
      setText('');
      const asker = q.asker?.name ?? 'the asker';
      // The asker is e-mailed (for someone's first answer) only when the server sends e-mail; otherwise
      // they find it on the question's page.
      onDone(
        settings?.email && !again
          ? `Sent: ${asker} is told by e-mail, and sees it here.`
          : `Sent: ${asker} sees it here, on the question’s page.`,
      );
    }
  };
  return (
    <form className="answer-form" onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={`${id}-answer`}>{again ? 'Add to your answer' : 'Your answer'}</label>
        <textarea
          id={`${id}-answer`}
          rows={5}
          maxLength={MAX_ANSWER}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setProblem(undefined);
          }}
        />
        {problem && (
          <span id={`${id}-problem`} className="field__error">
            {problem}
          </span>
        )}
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'Send answer'}
      </button>
    </form>
  );
}

/** "Not me": the question goes to the next person; an optional note says why (the asker sees it). */
function NotMeForm({
  question: q,
  onDone,
  onCancel,
}: {
  question: Question;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const action = useAction();
  const [note, setNote] = useState('');
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const before = newest(q)?.position ?? 0;
    const ok = await action.run(() => request(DeclineQuestion, { questionId: q.id, note: note.trim() || null }));
    if (!ok) return;
    const next = newest(readFragment(QuestionFields, ok.declineQuestion.question));
    onDone(
      next && next.position > before
        ? `Thank you: Tacit asked ${next.person?.name ?? 'someone else'} instead.`
        : 'Thank you. Tacit found nobody else to ask just now.',
    );
  };
  return (
    <form className="for-you__form" aria-labelledby={`${id}-title`} onSubmit={send}>
      <h3 id={`${id}-title`}>Not for you?</h3>
      <p className="muted small">Tacit asks the next person instead, and learns from this who does not know.</p>
      <div className="field">
        <label htmlFor={`${id}-note`}>Why not? (optional; the asker sees it)</label>
        <textarea
          id={`${id}-note`}
          ref={first}
          rows={2}
          maxLength={MAX_NOTE}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      <div className="for-you__actions">
        <button type="submit" className="button" disabled={action.busy}>
          Not me: ask someone else
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Passes the question to a colleague the person knows is better placed, with a note saying why. */
function PassOnForm({
  question: q,
  onDone,
  onCancel,
}: {
  question: Question;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const action = useAction();
  const [person, setPerson] = useState<Choice>();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  // Not the asker, nor anyone it already went to: they show greyed, with why.
  const unavailable = new Map<string, string>();
  for (const r of q.routes)
    if (r.person) unavailable.set(r.person.id, r.state === 'SKIPPED' ? 'cannot be asked now' : 'already asked');
  if (q.asker) unavailable.set(q.asker.id, 'asked the question');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) {
      setProblem('Choose the colleague to pass it to.');
      return;
    }
    if (!note.trim()) {
      setProblem(`Say why ${person.name}: they see your note.`);
      return;
    }
    setProblem(undefined);
    const ok = await action.run(() =>
      request(PassQuestion, { questionId: q.id, personId: person.id, note: note.trim() }),
    );
    if (ok) onDone(`Passed to ${person.name}, with your note. Thank you.`);
  };
  return (
    <form ref={form} className="for-you__form" aria-labelledby={`${id}-title`} onSubmit={send} noValidate>
      <h3 id={`${id}-title`}>Pass to a colleague</h3>
      {person ? (
        <p>
          To <strong>{person.name}</strong>{' '}
          <button type="button" className="link-button" onClick={() => setPerson(undefined)}>
            choose someone else
          </button>
        </p>
      ) : (
        <Lookup kind="person" label="Colleague to pass it to" unavailable={unavailable} onChoose={setPerson} />
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>Why them? (they see it)</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={MAX_NOTE}
          required
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      <div className="for-you__actions">
        <button type="submit" className="button" disabled={action.busy}>
          Pass it on
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
