import { useId, useState } from 'react';
import { Link } from 'react-router';
import { share } from '../risk/charts';
import { personPath, skillPath } from '../lib/paths';
import { plural } from '../lib/text';
import { formatDate } from '../lib/time';
import type { NetworkStats } from './queries';
import { durationText, everyWeek, percent, type WeekCount } from './stats';

/** How many people and skills the bar tables show. */
export const TOP_ROWS = 10;

/**
 * The knowledge manager's view of the network: what was asked and how it
 * ended, questions per week, how many had an answer within a day, the median
 * wait for a first answer, routed and answered per person (the fair share),
 * and what is still open by skill. Every chart says its figures in words or
 * as a table.
 */
export function NetworkCharts({ stats, now }: { stats: NetworkStats; now: Date }) {
  const weeks = everyWeek(stats.perWeek, stats.days, now);
  return (
    <>
      <section className="panel" aria-labelledby="network-figures-heading">
        <h2 id="network-figures-heading">In the last {plural(stats.days, 'day', 'days')}</h2>
        <dl className="network-figures">
          <Figure term="Asked" value={stats.asked} />
          <Figure term="Answered" value={stats.answered} note="an answer was accepted" />
          <Figure term="Closed" value={stats.closed} note="none helped" />
          <Figure term="Open" value={stats.open} />
        </dl>
      </section>
      <section className="panel" aria-labelledby="network-speed-heading">
        <h2 id="network-speed-heading">Questions and answers</h2>
        <div className="charts">
          <WeeksChart weeks={weeks} />
          <WithinDay answered={stats.answeredWithinDay} asked={stats.asked} />
          <MedianWait hours={stats.medianHoursToFirstAnswer ?? null} />
        </div>
      </section>
      <section className="panel" aria-labelledby="network-share-heading">
        <h2 id="network-share-heading">Who carries the questions</h2>
        <div className="charts charts--wide">
          <PeopleChart people={stats.people} />
          <OpenBySkill skills={stats.openBySkill} />
        </div>
      </section>
    </>
  );
}

function Figure({ term, value, note }: { term: string; value: number; note?: string }) {
  return (
    <div className="network-figures__item">
      <dt>{term}</dt>
      <dd>
        <span className="network-figures__n">{value.toLocaleString('en-GB')}</span>
        {note && <span className="muted small block">{note}</span>}
      </dd>
    </div>
  );
}

const W = 320;
const H = 160;
const BASE = 130;

/** Columns per week (SVG, its figures in its label), and the same figures as a table on request. */
function WeeksChart({ weeks }: { weeks: readonly WeekCount[] }) {
  const id = useId();
  const [table, setTable] = useState(false);
  const max = Math.max(1, ...weeks.map((w) => w.questions));
  const step = W / Math.max(1, weeks.length);
  // Room for about seven labels under the axis.
  const every = Math.ceil(weeks.length / 7);
  const summary = `Questions asked per week, by the week's Monday: ${weeks.map((w) => `${w.label} ${w.questions}`).join(', ')}.`;
  return (
    <figure className="chart">
      <figcaption id={`${id}-caption`}>Questions asked per week</figcaption>
      <svg className="columns-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line x1="0" y1={BASE} x2={W} y2={BASE} className="columns-chart__axis" />
        {weeks.map((w, i) => {
          const h = ((BASE - 24) * w.questions) / max;
          const x = i * step + step * 0.2;
          return (
            <g key={w.week}>
              <rect x={x} y={BASE - h} width={step * 0.6} height={h} rx="3" className="columns-chart__bar" />
              {w.questions > 0 && (
                <text x={x + step * 0.3} y={BASE - h - 6} textAnchor="middle" className="columns-chart__n">
                  {w.questions}
                </text>
              )}
              {(weeks.length - 1 - i) % every === 0 && (
                <text x={x + step * 0.3} y={BASE + 18} textAnchor="middle" className="columns-chart__label">
                  {w.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <button
        type="button"
        className="button button--small"
        aria-expanded={table}
        aria-controls={`${id}-table`}
        onClick={() => setTable(!table)}
      >
        {table ? 'Hide the table' : 'Show as a table'}
      </button>
      <table id={`${id}-table`} className={table ? 'chart-table network-weeks' : 'visually-hidden'}>
        <caption className="visually-hidden">Questions asked per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Questions</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">{formatDate(w.week)}</th>
              <td className="chart-table__n">{w.questions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The share of questions with a first answer within 24 hours, as a split bar and the sentence that says it. */
function WithinDay({ answered, asked }: { answered: number; asked: number }) {
  const pct = percent(answered, asked);
  return (
    <figure className="chart">
      <figcaption>Answered within a day</figcaption>
      <p className="coverage__big" aria-hidden="true">
        {asked > 0 ? `${pct}%` : '–'}
      </p>
      <span className="coverage" aria-hidden="true">
        <span className="coverage__fill" style={{ width: share(answered, asked) }} />
      </span>
      <p className="chart__note">
        {asked > 0
          ? `${answered} of ${plural(asked, 'question', 'questions')} asked (${pct}%) had a first answer within 24 hours.`
          : 'No questions were asked in this period.'}
      </p>
    </figure>
  );
}

function MedianWait({ hours }: { hours: number | null }) {
  return (
    <figure className="chart">
      <figcaption>Time to the first answer</figcaption>
      <p className="coverage__big" aria-hidden="true">
        {hours == null ? '–' : durationText(hours)}
      </p>
      <p className="chart__note">
        {hours == null
          ? 'No question had an answer in this period.'
          : `Half of the answered questions had their first answer within ${durationText(hours)} (the median).`}
      </p>
    </figure>
  );
}

/** Routed and answered per person, most routed first; the table is the chart. */
function PeopleChart({ people }: { people: NetworkStats['people'] }) {
  const shown = people.slice(0, TOP_ROWS);
  const max = Math.max(1, ...shown.map((p) => p.routed));
  return (
    <figure className="chart">
      <figcaption id="people-chart">Routed and answered, per person</figcaption>
      <p className="chart__legend" aria-hidden="true">
        <span className="key key--routed" /> routed <span className="key key--answered" /> answered
      </p>
      {shown.length === 0 ? (
        <p className="chart__note">Nobody was asked in this period.</p>
      ) : (
        <table className="chart-table chart-table--people" aria-labelledby="people-chart">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Routed</th>
              <th scope="col">Answered</th>
              <th scope="col">Said not me</th>
              <th scope="col">Passed on</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={p.person?.id ?? `gone-${i}`}>
                <th scope="row">
                  {p.person ? (
                    <Link to={personPath(p.person.id)}>{p.person.name}</Link>
                  ) : (
                    <span className="muted">No longer listed</span>
                  )}
                </th>
                <td className="chart-table__bar">
                  <span className="hbar" aria-hidden="true" style={{ width: share(p.routed, max) }}>
                    <span className="hbar__part" style={{ width: share(p.answered, p.routed) }} />
                  </span>
                  <span className="chart-table__n">{p.routed}</span>
                </td>
                <td className="chart-table__n chart-table__answered">{p.answered} answered</td>
                <td className="chart-table__n chart-table__other muted">{p.declined} not me</td>
                <td className="chart-table__n chart-table__other muted">{p.passed} passed</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="chart__note">
        {people.length > TOP_ROWS ? `The ${TOP_ROWS} people asked most of ${people.length}. ` : ''}
        Tacit asks nobody more than their fair share of open questions in seven days.
      </p>
    </figure>
  );
}

function OpenBySkill({ skills }: { skills: NetworkStats['openBySkill'] }) {
  const shown = skills.slice(0, TOP_ROWS);
  const max = Math.max(1, ...shown.map((s) => s.open));
  return (
    <figure className="chart">
      <figcaption id="open-skills-chart">Open questions by skill</figcaption>
      {shown.length === 0 ? (
        <p className="chart__note">No open question names a skill.</p>
      ) : (
        <table className="chart-table" aria-labelledby="open-skills-chart">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Open questions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s, i) => (
              <tr key={s.skill?.id ?? `gone-${i}`}>
                <th scope="row">
                  {s.skill ? <Link to={skillPath(s.skill.id)}>{s.skill.name}</Link> : 'A removed skill'}
                </th>
                <td className="chart-table__bar">
                  <span className="hbar" aria-hidden="true" style={{ width: share(s.open, max) }} />
                  <span className="chart-table__n">{s.open}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="chart__note">Counted from the skills askers named; a question without one is not here.</p>
    </figure>
  );
}
