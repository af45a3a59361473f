import { useId, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { graphql, readFragment, type FragmentOf } from '../graphql';
import { Done } from '../components/Done';
import { dayName, WEEKDAYS, type Weekday } from './hours';
import { ListEditor, withDraft } from './ListEditor';

/** What the panel shows and edits: the person's own words about themselves. */
export const AboutMeFields = graphql(`
  fragment AboutMeFields on Person @_unmask {
    id
    timezone
    summary
    languages
    askMeAbout
    workingHours {
      start
      end
      days
    }
  }
`);

export const UpdateProfile = graphql(
  `
    mutation UpdateProfile($input: UpdateProfileInput!) {
      updateProfile(input: $input) {
        person {
          ...AboutMeFields
        }
      }
    }
  `,
  [AboutMeFields],
);

export const SAVED = 'Saved. Colleagues now see your profile as it is here.';
const SUMMARY_MAX = 500;

/** "About me" on My profile: summary, languages, "ask me about" topics and working hours, saved together. */
export function AboutMe({ person: masked }: { person: FragmentOf<typeof AboutMeFields> }) {
  const person = readFragment(AboutMeFields, masked);
  const ids = { summary: useId(), summaryHint: useId(), start: useId(), end: useId(), hoursHint: useId() };
  const action = useAction();
  const [summary, setSummary] = useState(person.summary ?? '');
  const [languages, setLanguages] = useState<string[]>([...person.languages]);
  const [topics, setTopics] = useState<string[]>([...person.askMeAbout]);
  // Typed but not yet added: saved too, so nothing typed is lost.
  const [languageDraft, setLanguageDraft] = useState('');
  const [topicDraft, setTopicDraft] = useState('');
  const [start, setStart] = useState(person.workingHours?.start ?? '');
  const [end, setEnd] = useState(person.workingHours?.end ?? '');
  const [days, setDays] = useState<string[]>([
    ...(person.workingHours?.days ?? ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']),
  ]);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState('');
  const edited = () => setSaved(false);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setProblem('');
    const hasHours = start !== '' || end !== '';
    if (hasHours && (!start || !end))
      return setProblem('Give both the start and the end of your working day, or neither.');
    if (hasHours && end <= start) return setProblem('Your working day must end after it starts.');
    if (hasHours && days.length === 0) return setProblem('Choose at least one working day.');
    const result = await action.run(() =>
      request(UpdateProfile, {
        input: {
          personId: person.id,
          summary: summary.trim() || null,
          languages: withDraft(languages, languageDraft),
          askMeAbout: withDraft(topics, topicDraft),
          workingHours: hasHours ? { start, end, days: days as Weekday[] } : null,
        },
      }),
    );
    if (!result) return;
    const p = readFragment(AboutMeFields, result.updateProfile.person);
    setSummary(p.summary ?? '');
    setLanguages([...p.languages]);
    setTopics([...p.askMeAbout]);
    setLanguageDraft('');
    setTopicDraft('');
    setSaved(true);
  };

  return (
    <section className="panel about-me" aria-labelledby="about-me-heading">
      <h2 id="about-me-heading">About me</h2>
      <form onSubmit={save} onChange={edited} noValidate>
        <div className="field">
          <label htmlFor={ids.summary}>Summary</label>
          <textarea
            id={ids.summary}
            rows={3}
            maxLength={SUMMARY_MAX}
            aria-describedby={ids.summaryHint}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <p id={ids.summaryHint} className="field__hint">
            A sentence or two on what you do and know ({summary.length} of {SUMMARY_MAX} characters).
          </p>
        </div>
        <ListEditor
          label="Languages I speak"
          noun="language"
          items={languages}
          onChange={(l) => {
            setLanguages(l);
            edited();
          }}
          max={10}
          maxLength={40}
          hint="A name such as Irish, or a tag such as pt-BR."
          disabled={action.busy}
          draft={languageDraft}
          onDraft={setLanguageDraft}
        />
        <ListEditor
          label="Ask me about"
          noun="topic"
          items={topics}
          onChange={(t) => {
            setTopics(t);
            edited();
          }}
          max={10}
          maxLength={60}
          hint="Short topics (up to 60 characters each) colleagues may ask you about; expert search finds you by them."
          disabled={action.busy}
          draft={topicDraft}
          onDraft={setTopicDraft}
        />
        <fieldset className="working-hours" aria-describedby={ids.hoursHint}>
          <legend>Working hours</legend>
          <p id={ids.hoursHint} className="field__hint">
            In your own time{person.timezone ? ` (${person.timezone.replace(/_/g, ' ')})` : ''}. Leave both times empty
            and colleagues see a guess from your time zone.
          </p>
          <div className="working-hours__times">
            <div className="field">
              <label htmlFor={ids.start}>Start</label>
              <input id={ids.start} type="time" value={start} onChange={(e) => setStart(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.end}>End</label>
              <input id={ids.end} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
            </div>
          </div>
          <fieldset className="working-hours__days">
            <legend>Working days</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={days.includes(d)}
                  onChange={(e) =>
                    setDays(
                      e.target.checked
                        ? WEEKDAYS.filter((w) => w === d || days.includes(w))
                        : days.filter((x) => x !== d),
                    )
                  }
                />
                {dayName(d)}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save about me'}
        </button>
      </form>
      {saved && !action.busy && <Done>{SAVED}</Done>}
      {problem && (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
