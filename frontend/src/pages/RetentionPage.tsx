import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { Actor, Certificates } from '../interviews/Certificates';
import { DisposalRequests } from '../interviews/DisposalRequests';
import { DisposalDueQuery, DisposeInterview, isHr } from '../interviews/queries';
import { usePageTitle } from '../lib/hooks';
import { interviewPath } from '../lib/paths';
import { formatDateTime, formatDateWithRelative } from '../lib/time';

/** HR's retention view: early-destruction requests to decide, records due for disposal with progress, holds, certificates. */
export function RetentionPage() {
  const me = useMe();
  usePageTitle('Retention and disposal');
  if (!isHr(me.roles)) {
    return (
      <section>
        <h1>Retention and disposal</h1>
        <p>This page is for HR.</p>
      </section>
    );
  }
  return <Retention />;
}

function Retention() {
  const { data, error, loading, retry } = useQuery(DisposalDueQuery, {});
  const action = useAction();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [decided, setDecided] = useState('');
  const due = data?.disposalDue ?? [];
  const disposable = due.filter((d) => !d.onHold);

  const disposeAll = async () => {
    if (!window.confirm(`Destroy what is due in ${disposable.length} record(s)? This cannot be undone.`)) return;
    await action.run(async () => {
      setProgress({ done: 0, total: disposable.length });
      for (const [n, d] of disposable.entries()) {
        await request(DisposeInterview, { id: d.interview.id });
        setProgress({ done: n + 1, total: disposable.length });
      }
    });
    retry();
  };

  return (
    <article>
      <h1>Retention and disposal</h1>
      <p className="lead">
        Requests for early destruction to decide, records whose retention period has ended, and records on hold.
        Disposal destroys the transcript (answers, notes, outside contacts), keeps the record's facts and leaves a
        certificate naming who authorised it. Records on hold are kept.
      </p>
      <section className="panel" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Early destruction requests</h2>
        <p className="muted">
          Shortening a record's retention below the configured period, or disposing of it early, needs a second HR or
          admin person: whoever asked cannot approve.
        </p>
        {data && data.disposalRequests.length === 0 ? (
          <Empty>No request is waiting for a decision.</Empty>
        ) : (
          <DisposalRequests
            requests={data?.disposalRequests ?? []}
            onChange={(done) => {
              setDecided(done);
              retry();
            }}
            showRecord
          />
        )}
        {decided && <p role="status">{decided}</p>}
      </section>
      <section className="panel" aria-labelledby="due-heading">
        <h2 id="due-heading">Due for disposal</h2>
        {error ? (
          <ErrorMessage error={error} onRetry={retry} />
        ) : loading && !data ? (
          <Loading what="records due" />
        ) : due.length === 0 ? (
          <Empty>Nothing is due for disposal today.</Empty>
        ) : (
          <>
            <ul className="plain-list">
              {due.map((d) => (
                <li key={d.interview.id}>
                  <Link to={interviewPath(d.interview.id)}>Interview with {d.interview.leaverName}</Link>{' '}
                  <span className="muted">
                    — {d.parts.map((p) => (p === 'TRANSCRIPT' ? 'transcript' : 'summary')).join(' and ')} due{' '}
                    {formatDateWithRelative(d.dueOn, new Date())}
                  </span>
                  {d.onHold && <span className="badge badge--leaving"> on hold</span>}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--danger"
              disabled={action.busy || disposable.length === 0}
              onClick={disposeAll}
            >
              Dispose of {disposable.length} due record{disposable.length === 1 ? '' : 's'}
            </button>
          </>
        )}
        {progress && (
          <p role="status">
            <progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total} disposed of
          </p>
        )}
        {action.error && <ErrorMessage error={action.error} />}
      </section>
      <section className="panel" aria-labelledby="holds-heading">
        <h2 id="holds-heading">Records on hold</h2>
        {data && data.recordsOnHold.length === 0 ? (
          <Empty>No record is on hold.</Empty>
        ) : (
          <ul className="plain-list">
            {(data?.recordsOnHold ?? []).map((h) => (
              <li key={h.id}>
                <Link to={interviewPath(h.id)}>Interview with {h.leaverName}</Link> —{' '}
                {h.retention.holdReason ? <q>{h.retention.holdReason}</q> : 'no reason given'}
                {h.retention.holdBy && (
                  <span className="muted">
                    {' '}
                    · placed by <Actor name={h.retention.holdByName} id={h.retention.holdBy} /> on{' '}
                    {formatDateTime(h.retention.holdAt)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">Certificates</h2>
        {data && data.disposalCertificates.length === 0 ? (
          <Empty>No record has been disposed of yet.</Empty>
        ) : (
          <Certificates certificates={data?.disposalCertificates ?? []} showRecord />
        )}
      </section>
    </article>
  );
}
