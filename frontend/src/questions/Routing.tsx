import { Link } from 'react-router';
import { personPath } from '../lib/paths';
import { formatDateTime } from '../lib/time';
import { isWaiting, ROUTE_LABEL, type Question, type Route } from './queries';
import { ReasonText } from './ReasonText';

const byPosition = (a: Route, b: Route) => a.position - b.position;

/**
 * Who the question went to, in order, with the ranking's reason for each
 * and what they did; and (for the asker, HR and admins, who are given them)
 * the people the routing passed over, with why.
 */
export function Routing({ question }: { question: Question }) {
  const asked = question.routes.filter((r) => r.state !== 'SKIPPED').sort(byPosition);
  const skipped = question.routes.filter((r) => r.state === 'SKIPPED').sort(byPosition);
  return (
    <section className="panel" aria-labelledby="routing-heading">
      <h2 id="routing-heading">Who it went to</h2>
      <p className="muted small">
        Tacit chose them from its ranking for the question, the most likely to know first, preferring people whose
        working day it is. When someone says “not me”, it goes to the next person.
      </p>
      {asked.length === 0 ? (
        <p className="muted">Nobody has been asked.</p>
      ) : (
        <ol className="plain-list routes" aria-label="People asked">
          {asked.map((r) => (
            <RouteItem key={`${r.position}-${r.person?.id ?? ''}`} route={r} status={question.status} />
          ))}
        </ol>
      )}
      {skipped.length > 0 && (
        <>
          <h3 id="skipped-heading">Not asked</h3>
          <p className="muted small">
            People the ranking put higher, whom Tacit left alone.{' '}
            {question.askedByMe ? 'Only you, HR and admins see this.' : 'Only the asker, HR and admins see this.'}
          </p>
          <ul className="plain-list routes routes--skipped" aria-labelledby="skipped-heading">
            {skipped.map((r) => (
              <li key={`${r.position}-${r.person?.id ?? ''}`} className="route">
                <p className="route__who">
                  <PersonName route={r} />
                </p>
                <p className="route__reason">
                  <ReasonText text={r.reason} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PersonName({ route }: { route: Route }) {
  return route.person ? (
    <>
      <Link to={personPath(route.person.id)}>{route.person.name}</Link>
      {route.person.title && <span className="muted"> · {route.person.title}</span>}
    </>
  ) : (
    <span className="muted">Someone no longer listed</span>
  );
}

/** A route still "Asked" once the question is answered or closed: nobody waits for them any more. */
const OVER: Record<string, string> = {
  ANSWERED: 'Answered — no reply needed',
  CLOSED: 'Closed — no reply needed',
};

function RouteItem({ route: r, status }: { route: Route; status: string }) {
  const over = r.state === 'ROUTED' && !isWaiting(status, r.state);
  const state = over ? 'over' : r.state.toLowerCase();
  const label = over ? (OVER[status] ?? 'No reply needed') : (ROUTE_LABEL[r.state] ?? r.state);
  return (
    <li className={`route route--${state}`}>
      <p className="route__who">
        <span className="route__position" aria-label={`Asked ${ordinal(r.position)}`}>
          {r.position}
        </span>
        <span>
          <PersonName route={r} /> <span className={`badge badge--route badge--route-${state}`}>{label}</span>
        </span>
      </p>
      {r.passedBy ? (
        <p className="route__reason">
          <Link to={personPath(r.passedBy.id)}>{r.passedBy.name}</Link> passed it on
          {r.note ? <>: “{r.note}”</> : '.'}
        </p>
      ) : (
        <p className="route__reason">
          <ReasonText text={r.reason} />
        </p>
      )}
      {r.state === 'DECLINED' && r.note && <p className="route__note">“{r.note}”</p>}
      <p className="muted small route__when">
        Asked {formatDateTime(r.routedAt)}
        {r.respondedAt && ` · ${RESPONDED[r.state] ?? 'replied'} ${formatDateTime(r.respondedAt)}`}
      </p>
    </li>
  );
}

const RESPONDED: Record<string, string> = {
  ANSWERED: 'answered',
  DECLINED: 'said not me',
  PASSED: 'passed it on',
};

function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n - 1] ?? `number ${n}`;
}
