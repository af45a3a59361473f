import { useEffect, useId, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { label } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { AuditChainCheck } from './AuditChainCheck';
import { AuditLogQuery, type AuditEntry } from './queries';

export const AUDIT_PAGE = 25;

/** The audit log, newest first, narrowed to one target, paged back with "older entries". */
export function AuditLog() {
  const id = useId();
  const [text, setText] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <p className="muted">Every sensitive action, refusal and export, in a hash chain that shows any tampering.</p>
      <AuditChainCheck />
      <form
        className="filters audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          setTarget(text.trim() || null);
        }}
      >
        <div className="field field--search">
          <label htmlFor={id}>Only entries about</label>
          <input id={id} value={text} placeholder="person:e1001 or token:…" autoComplete="off" spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button">Show</button>
        {target && (
          <button type="button" className="button" onClick={() => { setText(''); setTarget(null); }}>
            Show all entries
          </button>
        )}
      </form>
      <Entries key={target ?? ''} target={target} />
    </section>
  );
}

function Entries({ target }: { target: string | null }) {
  const { data, error, loading, retry } = useQuery(AuditLogQuery, { first: AUDIT_PAGE, before: null, target });
  const more = useAction();
  const [older, setOlder] = useState<AuditEntry[][]>([]);
  useEffect(() => setOlder([]), [data]);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !data) return <Loading what="the audit log" />;
  const pages = [data?.auditLog ?? [], ...older];
  const entries = pages.flat();
  const last = pages[pages.length - 1] ?? [];
  const hasOlder = last.length === AUDIT_PAGE;
  if (entries.length === 0) return <Empty>{target ? `No entries about “${target}”.` : 'The audit log is empty.'}</Empty>;
  const loadOlder = async () => {
    const before = entries[entries.length - 1]?.seq;
    const page = await more.run(() => request(AuditLogQuery, { first: AUDIT_PAGE, before, target }));
    if (page) setOlder((o) => [...o, page.auditLog]);
  };
  return (
    <>
      <div className="table-scroll">
        <table className="table audit">
          <caption className="visually-hidden">{target ? `Audit entries about ${target}, newest first` : 'Audit entries, newest first'}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">About</th>
              <th scope="col">Outcome</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <th scope="row">{e.seq}</th>
                <td data-label="When">{formatDateTime(e.at)}</td>
                <td data-label="Who"><code>{e.actor}</code></td>
                <td data-label="What">{e.action}</td>
                <td data-label="About">{e.target ? <code>{e.target}</code> : '—'}</td>
                <td data-label="Outcome" className={`outcome outcome--${e.outcome}`}>{label(e.outcome)}</td>
                <td data-label="Detail"><code className="audit__detail">{detailText(e.detail)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="load-more">
        <p className="muted">
          Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}, #{entries[0]?.seq} to #{entries[entries.length - 1]?.seq}
        </p>
        {hasOlder && (
          <button type="button" className="button" disabled={more.busy} onClick={loadOlder}>
            {more.busy ? 'Loading older entries…' : 'Show older entries'}
          </button>
        )}
      </div>
      {more.error && <ErrorMessage error={more.error} onRetry={loadOlder} />}
    </>
  );
}

/** The entry's detail as short text; empty objects say nothing. */
function detailText(detail: unknown): string {
  if (detail == null) return '';
  if (typeof detail === 'object' && Object.keys(detail).length === 0) return '';
  return JSON.stringify(detail);
}
