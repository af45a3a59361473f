import { graphql, readFragment, type FragmentOf } from '../graphql';
import { hoursText } from './hours';

/** What a person says about themselves, as colleagues see it. */
export const AboutPersonFields = graphql(`
  fragment AboutPersonFields on Person @_unmask {
    timezone
    summary
    languages
    askMeAbout
    office {
      timezone
    }
    workingHours {
      start
      end
      days
    }
  }
`);

/** Summary, languages, "Ask me about" and working hours (in the person's own time); nothing when none is given. */
export function AboutPerson({ person: masked }: { person: FragmentOf<typeof AboutPersonFields> }) {
  const p = readFragment(AboutPersonFields, masked);
  const tz = p.timezone ?? p.office?.timezone;
  if (!p.summary && p.languages.length === 0 && p.askMeAbout.length === 0 && !p.workingHours) return null;
  return (
    <section className="panel about-person" aria-labelledby="about-heading">
      <h2 id="about-heading">About</h2>
      {p.summary && <p className="about-person__summary">{p.summary}</p>}
      <dl className="facts">
        {p.askMeAbout.length > 0 && (
          <div className="facts__item">
            <dt>Ask me about</dt>
            <dd>
              <ul className="chips" aria-label="Ask me about">
                {p.askMeAbout.map((t) => (
                  <li key={t} className="chip">
                    {t}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {p.languages.length > 0 && (
          <div className="facts__item">
            <dt>Languages</dt>
            <dd>{p.languages.map(languageName).join(', ')}</dd>
          </div>
        )}
        {p.workingHours && (
          <div className="facts__item">
            <dt>Working hours</dt>
            <dd>
              {hoursText(p.workingHours)}
              {tz && <span className="muted"> ({tz.replace(/_/g, ' ')} time)</span>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** "pt-BR" as "Brazilian Portuguese" (in the reader's language); a name such as "Irish" as written. */
export function languageName(tag: string): string {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return tag;
  try {
    return new Intl.DisplayNames([navigator.language || 'en-GB'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
