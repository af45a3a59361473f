import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { SkillChips, type SkillChoice } from '../communities/SkillChips';
import { ErrorMessage } from '../components/Status';
import { questionPath } from '../lib/paths';
import { readFragment } from '../graphql';
import { AskQuestion, MAX_QUESTION, QuestionFields, VISIBILITY_TEXT } from './queries';
import { howToldText, routingText, useNetworkSettings } from './settings';

type Visibility = keyof typeof VISIBILITY_TEXT;

/** From how many characters the question box shows its count against the limit. */
export const COUNT_FROM = MAX_QUESTION - 200;

/** "1,950 / 2,000". */
const count = (n: number) => `${n.toLocaleString('en-GB')} / ${MAX_QUESTION.toLocaleString('en-GB')}`;

/** What the question page is told when it opens on a question just asked. */
export interface AskedState {
  asked: true;
}

/**
 * "Ask these people": the question (the search text to start with), the
 * skills it is about if the asker wants to steer it, and whether the answer
 * that helps becomes evidence. Sends it with `askQuestion` and opens the
 * question's page, where the answers come.
 */
export function AskForm({
  initialText,
  filtered,
  onCancel,
  title = 'Ask these people',
}: {
  initialText: string;
  /** The form's heading and name: "Ask these people", or "Ask the network" when the search found nobody. */
  title?: string;
  /** The search had filters, which routing does not use. */
  filtered: boolean;
  onCancel: () => void;
}) {
  const id = useId();
  const navigate = useNavigate();
  const action = useAction();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [skills, setSkills] = useState<SkillChoice[]>([]);
  const [visibility, setVisibility] = useState<Visibility>('PUBLIC');
  const [problem, setProblem] = useState<string>();
  // Set when typed or pasted text went past the limit and was cut there.
  const [cut, setCut] = useState(false);
  const settings = useNetworkSettings();

  useEffect(() => box.current?.focus(), []);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const question = text.trim();
    if (!question) {
      setProblem('Write the question first.');
      box.current?.focus();
      return;
    }
    setProblem(undefined);
    const done = await action.run(() =>
      request(AskQuestion, { input: { text: question, skillIds: skills.map((s) => s.id), visibility } }),
    );
    if (done) {
      const state: AskedState = { asked: true };
      navigate(questionPath(readFragment(QuestionFields, done.askQuestion.question).id), { state });
    }
  };

  return (
    <form className="panel ask-form" aria-labelledby={`${id}-title`} onSubmit={send} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted small">
        Your question {routingText(settings)} (and nobody who is leaving soon). They see it {howToldText(settings)}. If
        one says it is not for them, it goes to the next. Answers come to the question’s page.
        {filtered && ' Your filters are not used: anyone in the organisation may be asked.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-text`}>Your question</label>
        <textarea
          id={`${id}-text`}
          ref={box}
          rows={3}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={
            [problem && `${id}-problem`, text.length >= COUNT_FROM && `${id}-count`, cut && `${id}-cut`]
              .filter(Boolean)
              .join(' ') || undefined
          }
          onChange={(e) => {
            // The box takes no more than the server does; what went past the limit is cut, and the form says so.
            const value = e.target.value;
            const over = value.length > MAX_QUESTION;
            setText(over ? value.slice(0, MAX_QUESTION) : value);
            setCut(over);
            if (value.trim()) setProblem(undefined);
          }}
        />
        {text.length >= COUNT_FROM && (
          <span
            id={`${id}-count`}
            className={text.length >= MAX_QUESTION ? 'field__count field__count--full' : 'field__count'}
          >
            {count(text.length)} characters
          </span>
        )}
        <span id={`${id}-cut`} className="field__error field__cut" role="status">
          {cut &&
            `Cut to ${MAX_QUESTION.toLocaleString('en-GB')} characters, the longest a question can be: the end of what you typed or pasted is not in it.`}
        </span>
        {problem && (
          <span id={`${id}-problem`} className="field__error">
            {problem}
          </span>
        )}
      </div>
      <SkillChips
        skills={skills}
        onChange={setSkills}
        legend="Skills it is about (optional)"
        label="Add a skill"
        empty="Naming a skill steers who is asked, and tags the answer with it."
      />
      <fieldset className="ask-form__visibility">
        <legend>Who may see it</legend>
        {(['PUBLIC', 'PRIVATE'] as const).map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={v}
              checked={visibility === v}
              onChange={() => setVisibility(v)}
            />{' '}
            <span>{VISIBILITY_TEXT[v]}</span>
          </label>
        ))}
      </fieldset>
      {action.error && <ErrorMessage error={action.error} />}
      <p className="ask-form__actions">
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {action.busy ? 'Sending…' : 'Send the question'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
