import { Link } from 'react-router';
import { skillPath } from '../lib/paths';
import { plural } from '../lib/text';
import { harvestCoverage, leaversByMonth, share, type MonthCount } from './charts';

export interface RiskRow {
  skill: { id: string; name: string };
  holders: number;
  leavingWithin180Days: number;
  harvestCoverage: number;
}

export const TOP_SKILLS = 8;

/** Three small charts over knowledge at risk, each with its figures in words or a table. */
export function RiskCharts({
  rows,
  leavingDates,
  today,
}: {
  rows: readonly RiskRow[];
  leavingDates: ReadonlyArray<string | null | undefined>;
  today: Date;
}) {
  return (
    <section className="panel" aria-labelledby="charts-heading">
      <h2 id="charts-heading">At a glance</h2>
      <div className="charts">
        <HoldersChart rows={rows.slice(0, TOP_SKILLS)} />
        <LeaversChart months={leaversByMonth(leavingDates, today)} />
        <CoverageChart rows={rows} />
      </div>
    </section>
  );
}

/** Holders of the riskiest skills, the part leaving within 180 days in red; the table is the chart. */
function HoldersChart({ rows }: { rows: readonly RiskRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.holders));
  return (
    <figure className="chart">
      <figcaption id="holders-chart">Holders of the riskiest skills</figcaption>
      <p className="chart__legend" aria-hidden="true">
        <span className="key key--stay" /> staying <span className="key key--leave" /> leaving within 180 days
      </p>
      <table className="chart-table" aria-labelledby="holders-chart">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Holders</th>
            <th scope="col">Leaving within 180 days</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.skill.id}>
              <th scope="row">
                <Link to={skillPath(r.skill.id)}>{r.skill.name}</Link>
              </th>
              <td className="chart-table__bar">
                <span className="hbar" aria-hidden="true" style={{ width: share(r.holders, max) }}>
                  <span className="hbar__leave" style={{ width: share(r.leavingWithin180Days, r.holders) }} />
                </span>
                <span className="chart-table__n">{r.holders}</span>
              </td>
              <td
                className={`chart-table__n chart-table__leave${r.leavingWithin180Days === 0 ? ' chart-table__leave--none' : ''}`}
              >
                {r.leavingWithin180Days} leaving
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const W = 320;
const H = 160;
const BASE = 130;

/** Columns per month from the leavers' dates, as SVG with the figures in its label. */
function LeaversChart({ months }: { months: readonly MonthCount[] }) {
  const max = Math.max(1, ...months.map((m) => m.count));
  const step = W / months.length;
  const total = months.reduce((n, m) => n + m.count, 0);
  const summary = `People leaving by month: ${months.map((m) => `${m.label} ${m.count}`).join(', ')}.`;
  return (
    <figure className="chart">
      <figcaption>Leavers over the next {months.length} months</figcaption>
      <svg className="columns-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line x1="0" y1={BASE} x2={W} y2={BASE} className="columns-chart__axis" />
        {months.map((m, i) => {
          const h = ((BASE - 24) * m.count) / max;
          const x = i * step + step * 0.2;
          return (
            <g key={m.month}>
              <rect x={x} y={BASE - h} width={step * 0.6} height={h} rx="3" className="columns-chart__bar" />
              <text x={x + step * 0.3} y={BASE - h - 6} textAnchor="middle" className="columns-chart__n">
                {m.count}
              </text>
              <text x={x + step * 0.3} y={BASE + 18} textAnchor="middle" className="columns-chart__label">
                {m.label.split(' ')[0]}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="chart__note">{plural(total, 'person leaves', 'people leave')} in these months.</p>
    </figure>
  );
}

/** How many at-risk skills a completed interview covers, as one split bar and the sentence that says it. */
function CoverageChart({ rows }: { rows: readonly RiskRow[] }) {
  const c = harvestCoverage(rows);
  const sentence = `${c.covered} of ${plural(c.total, 'skill', 'skills')} at risk (${c.percent}%) covered by a completed interview.`;
  return (
    <figure className="chart">
      <figcaption>Harvest coverage</figcaption>
      <p className="coverage__big" aria-hidden="true">
        {c.percent}%
      </p>
      <span className="coverage" aria-hidden="true">
        <span className="coverage__fill" style={{ width: share(c.covered, c.total) }} />
      </span>
      <p className="chart__note">{sentence}</p>
    </figure>
  );
}
