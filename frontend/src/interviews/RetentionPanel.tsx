import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorMessage, Loading } from '../components/Status';
import { Certificates } from './Certificates';
import { DisposeInterview, RetentionQuery, SetRetention } from './queries';

/** How long this record is kept, a hold on disposal, and its disposal certificates (HR). */
export function RetentionPanel({ id, onChange }: { id: string; onChange: () => void }) {
  const { data, error, loading, retry } = useQuery(RetentionQuery, { id });
  const r = data?.interview?.retention;
  const action = useAction();
  const [days, setDays] = useState('');
  const [hold, setHold] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!r) return;
    setDays(r.retentionDays == null ? '' : String(r.retentionDays));
    setHold(r.hold);
    setReason(r.holdReason ?? '');
  }, [r]);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !r) return <Loading what="retention" />;
  if (!r) return null;
  const refresh = () => {
    retry();
    onChange();
  };
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <dl className="record-facts">
        <dt>Transcript due for disposal</dt>
        <dd>{r.disposedAt ? `disposed of ${new Date(r.disposedAt).toLocaleDateString()}` : (r.transcriptDueOn ?? '—')}</dd>
        <dt>Published summary due</dt>
        <dd>{r.summaryDisposedAt ? `disposed of ${new Date(r.summaryDisposedAt).toLocaleDateString()}` : (r.summaryDueOn ?? 'not published')}</dd>
      </dl>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const n = days.trim() === '' ? null : Number(days);
          const input = { interviewId: id, retentionDays: n, hold, holdReason: hold ? reason.trim() || null : null };
          if (await action.run(() => request(SetRetention, { input }))) refresh();
        }}
      >
        <div className="field">
          <label htmlFor="retention-days">This record's period, days from completion</label>
          <input id="retention-days" type="number" min={0} max={36500} inputMode="numeric" placeholder={`default ${r.defaultDays}`} value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} /> Hold: keep this record until the hold is lifted
        </label>
        {hold && (
          <div className="field">
            <label htmlFor="hold-reason">Why (e.g. an inquiry or a request)</label>
            <input id="hold-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </div>
        )}
        <button type="submit" className="button" disabled={action.busy}>
          Save retention
        </button>{' '}
        <button
          type="button"
          className="button button--danger"
          disabled={action.busy || r.hold || !!r.disposedAt}
          onClick={async () => {
            if (!window.confirm('Destroy what is due in this record? This cannot be undone.')) return;
            if (await action.run(() => request(DisposeInterview, { id }))) refresh();
          }}
        >
          Dispose of what is due
        </button>
      </form>
      {action.busy && <p role="status">Working…</p>}
      {action.error && <ErrorMessage error={action.error} />}
      <Certificates certificates={data?.interview?.certificates ?? []} />
    </section>
  );
}
