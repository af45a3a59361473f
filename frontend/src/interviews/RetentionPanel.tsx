import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorMessage, Loading } from '../components/Status';
import { type ResultOf, readFragment } from '../graphql';
import { formatDate, formatDateTime, formatDateWithRelative } from '../lib/time';
import { Actor, Certificates } from './Certificates';
import { DisposalRequests } from './DisposalRequests';
import { DisposalRequestFields, DisposeInterview, RequestDisposal, RetentionQuery, SetRetention } from './queries';

type Retention = NonNullable<ResultOf<typeof RetentionQuery>['interview']>['retention'];

/** A whole number of days typed in, or NaN for anything else (e.g. "1.5"), which the forms refuse before sending. */
function wholeDays(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** What happens next to this record and who can do it, in words. */
function nextForRecord(r: Retention, completed: boolean, pending: boolean): string {
  if (r.hold) return 'On hold: nothing in this record can be disposed of until someone in HR lifts the hold.';
  if (pending) return 'A request for early destruction is waiting for a second HR or admin person (see below).';
  if (!completed) return 'Retention starts when the interview is completed.';
  if (r.disposedAt) {
    return r.summaryDueOn
      ? `The transcript is gone; the published summary is kept until ${formatDate(r.summaryDueOn)}, when HR disposes of it.`
      : 'The transcript is gone; nothing more is due.';
  }
  return `HR disposes of the transcript when it is due (${formatDateWithRelative(r.transcriptDueOn, new Date())}). Destroying it earlier needs a second HR or admin person's approval.`;
}

/** How long this record is kept, a hold on disposal, early destruction with four eyes, and its certificates (HR). */
export function RetentionPanel({ id, onChange }: { id: string; onChange: () => void }) {
  const { data, error, loading, retry } = useQuery(RetentionQuery, { id });
  const interview = data?.interview;
  const r = interview?.retention;
  const action = useAction();
  const [days, setDays] = useState('');
  const [hold, setHold] = useState(false);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (!r) return;
    setDays(r.retentionDays == null ? '' : String(r.retentionDays));
    setHold(r.hold);
    setReason(r.holdReason ?? '');
  }, [r]);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !r) return <Loading what="retention" />;
  if (!interview || !r) return null;
  const refresh = () => {
    retry();
    onChange();
  };
  const requests = interview.disposalRequests;
  const pending = requests.some((q) => readFragment(DisposalRequestFields, q).status === 'PENDING');
  const typed = days.trim() === '' ? null : wholeDays(days);
  const notWhole = typed != null && Number.isNaN(typed);
  const below = typed != null && typed < r.defaultDays && typed !== r.retentionDays;
  const completed = !!interview.completedAt;
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <dl className="record-facts">
        <dt>Transcript due for disposal</dt>
        <dd>
          {r.disposedAt
            ? `disposed of ${formatDateTime(r.disposedAt)}`
            : r.transcriptDueOn
              ? formatDateWithRelative(r.transcriptDueOn, new Date())
              : '—'}
        </dd>
        <dt>Published summary due</dt>
        <dd>
          {r.summaryDisposedAt
            ? `disposed of ${formatDateTime(r.summaryDisposedAt)}`
            : r.summaryDueOn
              ? formatDateWithRelative(r.summaryDueOn, new Date())
              : 'not published'}
        </dd>
        {r.hold && (
          <>
            <dt>On hold</dt>
            <dd>
              {r.holdReason ? <q>{r.holdReason}</q> : 'no reason given'}
              {r.holdBy && (
                <>
                  {' '}
                  — placed by <Actor name={r.holdByName} id={r.holdBy} /> on {formatDateTime(r.holdAt)}
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="next-step">
        <strong>Next:</strong> {nextForRecord(r, completed, pending)}
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved('');
          const input = {
            interviewId: id,
            retentionDays: typed,
            hold,
            holdReason: hold ? reason.trim() || null : null,
          };
          if (await action.run(() => request(SetRetention, { input }))) {
            setSaved(
              `Saved: ${typed == null ? `the default ${r.defaultDays} days` : `${typed} days`} from completion${hold ? ', on hold' : ''}.`,
            );
            refresh();
          }
        }}
      >
        <div className="field">
          <label htmlFor="retention-days">This record's period, days from completion</label>
          <input
            id="retention-days"
            type="number"
            min={0}
            max={36500}
            inputMode="numeric"
            placeholder={`default ${r.defaultDays}`}
            value={days}
            aria-describedby="retention-days-hint"
            onChange={(e) => setDays(e.target.value)}
          />
          <p id="retention-days-hint" className="muted">
            {notWhole
              ? 'Give a whole number of days, 0 or more.'
              : below
                ? `Below the configured ${r.defaultDays} days: a second HR or admin person must approve it. Ask below.`
                : `The configured period is ${r.defaultDays} days; a longer one needs no approval.`}
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} /> Hold: keep this record
          until the hold is lifted
        </label>
        {hold && (
          <div className="field">
            <label htmlFor="hold-reason">Why (e.g. an inquiry or a request)</label>
            <input
              id="hold-reason"
              required
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        )}
        <button
          type="submit"
          className="button"
          disabled={action.busy || below || notWhole || (hold && !reason.trim())}
        >
          Save retention
        </button>{' '}
        <button
          type="button"
          className="button button--danger"
          disabled={action.busy || r.hold || !!r.disposedAt || !completed}
          onClick={async () => {
            if (!window.confirm('Destroy what is due in this record? This cannot be undone.')) return;
            if (await action.run(() => request(DisposeInterview, { id }))) refresh();
          }}
        >
          Dispose of what is due
        </button>
      </form>
      {action.busy && <p role="status">Working…</p>}
      {saved && !action.busy && <p role="status">{saved}</p>}
      {action.error && <ErrorMessage error={action.error} />}
      <h3>Early destruction</h3>
      <DisposalRequests
        requests={requests}
        onChange={(done) => {
          setSaved(done);
          refresh();
        }}
      />
      {completed && !r.disposedAt && !r.hold && !pending && (
        <AskForDestruction id={id} defaultDays={r.defaultDays} initialDays={below ? typed : null} onAsked={refresh} />
      )}
      <Certificates certificates={interview.certificates} />
    </section>
  );
}

/** Asks a second HR or admin person to approve a shorter period or disposal now. */
function AskForDestruction({
  id,
  defaultDays,
  initialDays,
  onAsked,
}: {
  id: string;
  defaultDays: number;
  initialDays: number | null;
  onAsked: () => void;
}) {
  const action = useAction();
  const [kind, setKind] = useState<'SHORTEN' | 'DISPOSE'>(initialDays != null ? 'SHORTEN' : 'DISPOSE');
  const [days, setDays] = useState(initialDays != null ? String(initialDays) : '');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (initialDays != null) {
      setKind('SHORTEN');
      setDays(String(initialDays));
    }
  }, [initialDays]);
  return (
    <form
      className="ask-destruction"
      onSubmit={async (e) => {
        e.preventDefault();
        const input = {
          interviewId: id,
          kind,
          retentionDays: kind === 'SHORTEN' ? wholeDays(days) : null,
          reason: reason.trim(),
        };
        if (await action.run(() => request(RequestDisposal, { input }))) onAsked();
      }}
    >
      <fieldset>
        <legend>Ask for early destruction (a second HR or admin person approves)</legend>
        <label className="checkbox">
          <input type="radio" name="destroy-kind" checked={kind === 'DISPOSE'} onChange={() => setKind('DISPOSE')} />{' '}
          Dispose of the transcript now
        </label>
        <label className="checkbox">
          <input type="radio" name="destroy-kind" checked={kind === 'SHORTEN'} onChange={() => setKind('SHORTEN')} />{' '}
          Shorten this record's period below {defaultDays} days
        </label>
        {kind === 'SHORTEN' && (
          <div className="field">
            <label htmlFor="shorter-days">New period, days from completion</label>
            <input
              id="shorter-days"
              type="number"
              min={0}
              max={defaultDays - 1}
              inputMode="numeric"
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="destroy-reason">Why (kept with the request and in the audit log)</label>
          <textarea
            id="destroy-reason"
            rows={2}
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button"
          disabled={action.busy || !reason.trim() || (kind === 'SHORTEN' && Number.isNaN(wholeDays(days)))}
        >
          Ask for approval
        </button>
      </fieldset>
      {action.busy && <p role="status">Sending…</p>}
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
