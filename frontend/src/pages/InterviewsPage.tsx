import { useState } from 'react';
import { Link } from 'react-router';
import { useConnection } from '../api/useQuery';
import { useMe } from '../auth/context';
import { ListFooter } from '../components/LoadMore';
import { SelectField } from '../components/SearchField';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { InterviewsQuery, STATUS_LABEL, isHr, scheduledText } from '../interviews/queries';
import { usePageTitle } from '../lib/hooks';
import { interviewPath } from '../lib/paths';
import { formatDate } from '../lib/time';

const STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'PUBLISHED', 'DISPOSED'] as const;
type Status = (typeof STATUSES)[number];

/**
 * What leavers handed over: published interview summaries for everyone; HR
 * also see every interview in progress, and can narrow by status.
 */
export function InterviewsPage() {
  const me = useMe();
  const hr = isHr(me.roles);
  const [status, setStatus] = useState<'' | Status>('');
  usePageTitle('Interviews');
  const list = useConnection(
    InterviewsQuery,
    { first: 20, filter: status ? { status: [status] } : null },
    (d) => d.interviews,
  );
  return (
    <article>
      <h1>{hr ? 'Harvest interviews' : 'What leavers handed over'}</h1>
      <p className="lead">
        {hr
          ? 'Every knowledge-harvest interview, soonest first. Schedule new ones from the interview queue on Knowledge at risk.'
          : 'Summaries of what colleagues who left shared before they went, and who to ask now.'}
      </p>
      {hr && (
        <div className="filters">
          <SelectField
            label="Status"
            value={status}
            anyLabel="Any status"
            options={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s }))}
            onChange={(v) => setStatus(v as '' | Status)}
          />
        </div>
      )}
      {list.error && list.nodes.length === 0 ? (
        <ErrorMessage error={list.error} onRetry={list.retry} />
      ) : list.loading && list.nodes.length === 0 ? (
        <Loading what="interviews" />
      ) : list.nodes.length === 0 ? (
        <Empty>{hr ? 'No interviews yet.' : 'No interview summaries have been published yet.'}</Empty>
      ) : (
        <ul className="plain-list interview-list">
          {list.nodes.map((i) => (
            <li key={i.id} className="panel">
              <h2 className="interview-list__title">
                <Link to={interviewPath(i.id)}>Interview with {i.leaverName}</Link>{' '}
                <span className={`badge badge--interview badge--${i.status.toLowerCase()}`}>
                  {STATUS_LABEL[i.status]}
                </span>
              </h2>
              <p className="muted">
                {i.publishedAt
                  ? `Published ${formatDate(i.publishedAt)}`
                  : `Scheduled for ${scheduledText(i.scheduledFor, i.status)}`}
                {i.topics.length > 0 && ` · ${i.topics.map((t) => t.name).join(', ')}`}
              </p>
              {i.summary && <p>{i.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      <ListFooter list={list} noun="interviews" />
    </article>
  );
}
