import { useId, useState } from 'react';
import { formatMonth } from '../lib/time';

export interface MonthActivity {
  /** `YYYY-MM`. */
  month: string;
  documents: number;
  answers: number;
  joins: number;
}

const SERIES = [
  { key: 'documents', label: 'Documents', one: 'document', many: 'documents' },
  { key: 'answers', label: 'Answers', one: 'answer', many: 'answers' },
  { key: 'joins', label: 'Joins', one: 'join', many: 'joins' },
] as const;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One month in words, e.g. "Dec 2026: 2 documents, 1 answer, 3 joins". */
export function describeMonth(m: MonthActivity): string {
  return `${formatMonth(m.month)}: ${SERIES.map((s) => count(m[s.key], s.one, s.many)).join(', ')}`;
}

/**
 * What members wrote and who joined, month by month: per month, a bar of
 * documents and answers and a bar of joins, on one scale, with a legend; each
 * month says its numbers to screen readers, and the same numbers show as a
 * table on request.
 */
export function ActivityChart({ months }: { months: ReadonlyArray<MonthActivity> }) {
  const id = useId();
  const [table, setTable] = useState(false);
  const max = Math.max(1, ...months.map((m) => Math.max(m.documents + m.answers, m.joins)));
  const total = months.reduce((n, m) => n + m.documents + m.answers + m.joins, 0);
  const width = (n: number) => `${(100 * n) / max}%`;
  const first = months[0];
  const last = months[months.length - 1];
  const span = first && last ? `${formatMonth(first.month)} to ${formatMonth(last.month)}` : '';
  return (
    <figure className="activity" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
      <figcaption id={`${id}-title`} className="activity__title">
        Activity over the last {months.length} months
      </figcaption>
      <p id={`${id}-desc`} className="muted small">
        {total === 0
          ? `Nothing written by members and nobody joined from ${span}.`
          : `Documents and answers written by current members, and members who joined, per month from ${span}.`}
      </p>
      <ul className="plain-list activity__legend" aria-label="Legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <span className={`activity__swatch activity__swatch--${s.key}`} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
      <ul className="plain-list activity__months" aria-label="Activity by month">
        {months.map((m) => (
          <li key={m.month}>
            <span className="activity__row" role="img" aria-label={describeMonth(m)}>
              <span className="activity__label" aria-hidden="true">
                {formatMonth(m.month)}
              </span>
              <span className="activity__bars" aria-hidden="true">
                <span className="activity__bar">
                  <span className="activity__fill activity__fill--documents" style={{ width: width(m.documents) }} />
                  <span className="activity__fill activity__fill--answers" style={{ width: width(m.answers) }} />
                </span>
                <span className="activity__bar activity__bar--thin">
                  <span className="activity__fill activity__fill--joins" style={{ width: width(m.joins) }} />
                </span>
              </span>
              <span className="activity__numbers" aria-hidden="true">
                {m.documents}·{m.answers}·{m.joins}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        aria-expanded={table}
        aria-controls={`${id}-table`}
        onClick={() => setTable(!table)}
      >
        {table ? 'Hide the table' : 'Show as a table'}
      </button>
      <table id={`${id}-table`} className={table ? 'activity__table' : 'visually-hidden'}>
        <caption className="visually-hidden">Activity by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month)}</th>
              {SERIES.map((s) => (
                <td key={s.key}>{m[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
