import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery, type QueryState } from '../api/useQuery';
import { useMe } from '../auth/context';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { graphql, type ResultOf } from '../graphql';
import { canSeeRisk } from '../auth/roles';
import { usePageTitle } from '../lib/hooks';
import { interviewPath, personPath, skillPath } from '../lib/paths';
import { daysUntil, formatDateWithRelative } from '../lib/time';
import { STATUS_LABEL, ScheduleInterview } from '../interviews/queries';
import { RiskCharts } from '../risk/RiskCharts';

export const KnowledgeAtRiskQuery = graphql(`
  query KnowledgeAtRisk($first: Int!) {
    knowledgeAtRisk(first: $first) {
      skill {
        id
        name
      }
      holders
      leavingWithin30Days
      leavingWithin90Days
      leavingWithin180Days
      busFactor
      riskScore
      harvestCoverage
      harvestedFrom {
        id
        name
      }
      successors {
        id
        name
      }
    }
  }
`);

export const InterviewQueueQuery = graphql(`
  query InterviewQueue($first: Int!, $sort: QueueSort) {
    interviewQueue(first: $first, sort: $sort) {
      person {
        id
        name
        title
      }
      leavingOn
      priority
      why
      skills {
        skill {
          id
          name
        }
        otherHolders
      }
      interview {
        id
        status
      }
    }
  }
`);

type SkillRisk = ResultOf<typeof KnowledgeAtRiskQuery>['knowledgeAtRisk'][number];
type RiskRow = SkillRisk & { skill: NonNullable<SkillRisk['skill']> };
type Leaver = ResultOf<typeof InterviewQueueQuery>['interviewQueue'][number];

export const EMPTY_RISK = 'Nothing at risk: nobody holding scarce knowledge is leaving in the next 180 days.';

/** Whether someone with these roles may see knowledge at risk. */
const percent = (score: number) => Math.round(Math.max(0, Math.min(1, score)) * 100);

/** HR's view of knowledge that is about to walk out of the door, and whom to interview first. */
export function RiskPage() {
  const me = useMe();
  usePageTitle('Knowledge at risk');
  if (!canSeeRisk(me.roles)) {
    return (
      <section>
        <h1>Knowledge at risk</h1>
        <p>This page is for HR.</p>
      </section>
    );
  }
  return <RiskReport />;
}

/** How many skills and leavers the page asks for; the charts count all of them, the lists show the first. */
export const RISK_LIMIT = 100;
export const LIST_LIMIT = 20;

export const QUEUE_ORDERS = [
  { value: 'PRIORITY', label: 'Priority' },
  { value: 'LEAVING_DATE', label: 'Leaving date' },
  { value: 'RISK', label: 'Riskiest skill' },
] as const;
type QueueOrder = (typeof QUEUE_ORDERS)[number]['value'];

function RiskReport() {
  const [order, setOrder] = useState<QueueOrder>('PRIORITY');
  const risk = useQuery(KnowledgeAtRiskQuery, { first: RISK_LIMIT });
  const queue = useQuery(InterviewQueueQuery, { first: RISK_LIMIT, sort: order });
  const rows = (risk.data?.knowledgeAtRisk ?? []).flatMap((r) => (r.skill ? [{ ...r, skill: r.skill }] : []));
  const leavers = queue.data?.interviewQueue ?? [];
  return (
    <article>
      <h1>Knowledge at risk</h1>
      <p className="lead">
        Skills held by few people, some of whom are leaving soon, and who to interview before they go.
      </p>
      <RiskRule />
      {risk.data && queue.data && rows.length > 0 && (
        <RiskCharts rows={rows} leavingDates={leavers.map((l) => l.leavingOn)} today={new Date()} />
      )}
      <AtRiskSkills state={risk} rows={rows} />
      <InterviewQueue state={queue} leavers={leavers} order={order} onOrder={setOrder} />
    </article>
  );
}

/** How the score is worked out, in the page's own words (the rule is `harvest::risk` on the server). */
export function RiskRule() {
  return (
    <details className="risk-rule">
      <summary>How risk is worked out</summary>
      <p>
        A <strong>holder</strong> has the skill at level 3 or above and has not left. The risk is 70% how many holders
        leave and how soon (within 30 days counts fully, within 90 days 60%, within 180 days 30%) and 30% how few stay:
        one divided by one more than the people staying beyond 180 days (the <strong>bus factor</strong>).
      </p>
      <p>
        The harvest lowers it: a leaver whose completed or published interview covered the skill counts half, and a
        successor named for it who stays counts toward the bus factor.
      </p>
    </details>
  );
}

function AtRiskSkills({
  state: { data, error, loading, retry },
  rows,
}: {
  state: QueryState<unknown>;
  rows: ReadonlyArray<RiskRow>;
}) {
  return (
    <section aria-labelledby="risk-skills-heading" className="panel">
      <h2 id="risk-skills-heading">Skills at risk</h2>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="skills at risk" />
      ) : rows.length === 0 ? (
        <Empty>{EMPTY_RISK}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table risk-table">
            <caption className="visually-hidden">Skills at risk, riskiest first</caption>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Holders</th>
                <th scope="col">Leaving ≤30 days</th>
                <th scope="col">≤90 days</th>
                <th scope="col">≤180 days</th>
                <th scope="col">Bus factor</th>
                <th scope="col">Interviewed</th>
                <th scope="col">Risk</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, LIST_LIMIT).map((r) => (
                <SkillRow key={r.skill.id} risk={r} />
              ))}
            </tbody>
          </table>
          {rows.length > LIST_LIMIT && (
            <p className="muted">
              The {LIST_LIMIT} riskiest of {rows.length} skills at risk.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function SkillRow({ risk: r }: { risk: RiskRow }) {
  const pct = percent(r.riskScore);
  return (
    <tr>
      <th scope="row">
        <Link to={skillPath(r.skill.id)}>{r.skill.name}</Link>
        <HarvestNote risk={r} />
      </th>
      <td data-label="Holders">{r.holders}</td>
      <td data-label="Leaving within 30 days">{r.leavingWithin30Days}</td>
      <td data-label="Within 90 days">{r.leavingWithin90Days}</td>
      <td data-label="Within 180 days">{r.leavingWithin180Days}</td>
      <td data-label="Bus factor">{r.busFactor}</td>
      <td data-label="Leavers interviewed">{r.harvestCoverage}</td>
      <td data-label="Risk">
        <span className="risk">
          <span className="risk__bar" role="img" aria-label={`risk ${pct}%`}>
            <span className="risk__fill" style={{ width: `${pct}%` }} />
          </span>
          <span aria-hidden="true">{pct}%</span>
        </span>
      </td>
    </tr>
  );
}

/** "Harvested from Aoife Byrne · successor Jack Wilson", when the harvest has covered the skill. */
function HarvestNote({ risk: r }: { risk: RiskRow }) {
  if (r.harvestedFrom.length === 0 && r.successors.length === 0) return null;
  return (
    <span className="block muted small">
      {r.harvestedFrom.length > 0 && (
        <>
          Harvested from <PeopleLinks people={r.harvestedFrom} />
        </>
      )}
      {r.harvestedFrom.length > 0 && r.successors.length > 0 && ' · '}
      {r.successors.length > 0 && (
        <>
          {r.successors.length === 1 ? 'successor' : 'successors'} <PeopleLinks people={r.successors} />
        </>
      )}
    </span>
  );
}

function PeopleLinks({ people }: { people: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {people.map((p, i) => (
        <span key={p.id}>
          {i > 0 && ', '}
          <Link to={personPath(p.id)}>{p.name}</Link>
        </span>
      ))}
    </>
  );
}

function InterviewQueue({
  state: { data, error, loading, retry },
  leavers,
  order,
  onOrder,
}: {
  state: QueryState<unknown>;
  leavers: readonly Leaver[];
  order: QueueOrder;
  onOrder: (o: QueueOrder) => void;
}) {
  return (
    <section aria-labelledby="interview-heading" className="panel">
      <h2 id="interview-heading">Interview queue</h2>
      <p className="field field--inline">
        <label htmlFor="queue-order">Order by</label>{' '}
        <select id="queue-order" value={order} onChange={(e) => onOrder(e.target.value as QueueOrder)}>
          {QUEUE_ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </p>
      {error ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading what="interview queue" />
      ) : leavers.length === 0 ? (
        <Empty>{EMPTY_RISK}</Empty>
      ) : (
        <>
          <ol className="plain-list interview-queue" aria-label="Interview queue">
            {leavers.slice(0, LIST_LIMIT).map((l) => (
              <LeaverItem key={l.person.id} leaver={l} />
            ))}
          </ol>
          {leavers.length > LIST_LIMIT && (
            <p className="muted">
              The first {LIST_LIMIT} of {leavers.length} people leaving.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** "Leaving 10 Dec 2026 (in 12 days)" or "Left 3 Dec 2026 (3 days ago)", counted in the viewer's days. */
function leavingText(leavingOn: string | null | undefined): string {
  const today = new Date();
  if (!leavingOn) return 'Leaving date unknown';
  return `${(daysUntil(leavingOn, today) ?? 0) < 0 ? 'Left' : 'Leaving'} ${formatDateWithRelative(leavingOn, today)}`;
}

function othersText(n: number): string {
  if (n <= 0) return 'only holder at level 3+';
  return `${n} ${n === 1 ? 'other holds' : 'others hold'} it`;
}

function LeaverItem({ leaver: l }: { leaver: Leaver }) {
  const skills = l.skills.flatMap((s) => (s.skill ? [{ ...s, skill: s.skill }] : []));
  return (
    <li className="interview-queue__item">
      <p>
        <Link to={personPath(l.person.id)}>{l.person.name}</Link>
        {l.person.title && <span className="muted"> · {l.person.title}</span>}
        <span className="block">
          <strong>{leavingText(l.leavingOn)}</strong>
        </span>
        <span className="block muted small">{l.why}</span>
      </p>
      {l.interview ? (
        <p>
          <Link to={interviewPath(l.interview.id)}>Interview: {STATUS_LABEL[l.interview.status]?.toLowerCase()}</Link>
        </p>
      ) : (
        <Schedule leaver={l} />
      )}
      {skills.length > 0 && (
        <ul className="risk-skills" aria-label={`At-risk skills held by ${l.person.name}`}>
          {skills.map((s) => (
            <li key={s.skill.id}>
              <Link to={skillPath(s.skill.id)}>{s.skill.name}</Link>{' '}
              <span className="muted">— {othersText(s.otherHolders)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The next working day at 10:00 local time, as a `datetime-local` value. */
function tomorrowAtTen(): string {
  const d = new Date();
  d.setDate(d.getDate() + (d.getDay() === 5 ? 3 : d.getDay() === 6 ? 2 : 1));
  d.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

/** Schedules a harvest interview with this leaver (questions drawn from the graph) and opens it. */
function Schedule({ leaver: l }: { leaver: Leaver }) {
  const [at, setAt] = useState(tomorrowAtTen);
  const action = useAction();
  const navigate = useNavigate();
  const me = useMe();
  const inputId = `schedule-${l.person.id}`;
  return (
    <form
      className="schedule"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await action.run(() =>
          request(ScheduleInterview, {
            input: {
              leaverId: l.person.id,
              interviewerId: me.person?.id ?? null,
              scheduledFor: new Date(at).toISOString(),
              generateQuestions: true,
            },
          }),
        );
        if (result) navigate(interviewPath(result.scheduleInterview.interview.id));
      }}
    >
      <label htmlFor={inputId}>Interview {l.person.name} on</label>{' '}
      <input id={inputId} type="datetime-local" value={at} required onChange={(e) => setAt(e.target.value)} />{' '}
      <button type="submit" className="button button--small" disabled={action.busy}>
        Schedule interview
      </button>
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
