import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { SkillChips, type SkillChoice } from '../communities/SkillChips';
import { ErrorMessage } from '../components/Status';
import { questionPath } from '../lib/paths';
import { readFragment } from '../graphql';
import { AskQuestion, MAX_QUESTION, QuestionFields, VISIBILITY_TEXT } from './queries';

type Visibility = keyof typeof VISIBILITY_TEXT;

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
}: {
  initialText: string;
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
      <h2 id={`${id}-title`}>Ask these people</h2>
      <p className="muted small">
        Tacit sends your question by e-mail to the few people best placed to answer who are free to take it (not someone
        who already has their fair share of questions this week, or is leaving soon). If one says it is not for them, it
        goes to the next. Answers come to the question’s page.
        {filtered && ' Your filters are not used: anyone in the organisation may be asked.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-text`}>Your question</label>
        <textarea
          id={`${id}-text`}
          ref={box}
          rows={3}
          maxLength={MAX_QUESTION}
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
            {VISIBILITY_TEXT[v]}
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
