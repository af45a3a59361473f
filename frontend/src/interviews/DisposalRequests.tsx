import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { type FragmentOf, type ResultOf, readFragment } from '../graphql';
import { interviewPath } from '../lib/paths';
import { formatDateTime } from '../lib/time';
import { Actor } from './Certificates';
import { DecideDisposal, DisposalRequestFields } from './queries';

type Masked = FragmentOf<typeof DisposalRequestFields>;

const STATUS: Record<string, string> = {
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/** Requests for early destruction: what was asked, by whom and why, what comes next; a second HR person decides here. */
export function DisposalRequests({
  requests,
  onChange,
  showRecord = false,
}: {
  requests: ReadonlyArray<Masked>;
  /** Told what was decided ("Approved: …"), after the decision is saved. */
  onChange: (done: string) => void;
  showRecord?: boolean;
}) {
  if (requests.length === 0) return null;
  return (
    <ul className="plain-list disposal-requests">
      {requests.map((r) => (
        <DisposalRequestItem
          key={readFragment(DisposalRequestFields, r).id}
          masked={r}
          onChange={onChange}
          showRecord={showRecord}
        />
      ))}
    </ul>
  );
}

function what(r: ResultOf<typeof DisposalRequestFields>): string {
  return r.kind === 'SHORTEN'
    ? `shorten retention to ${r.retentionDays} day${r.retentionDays === 1 ? '' : 's'} from completion`
    : 'dispose of the transcript now';
}

function DisposalRequestItem({
  masked,
  onChange,
  showRecord,
}: {
  masked: Masked;
  onChange: (done: string) => void;
  showRecord: boolean;
}) {
  const r = readFragment(DisposalRequestFields, masked);
  const held = !!r.interview?.retention.hold;
  const action = useAction();
  const [note, setNote] = useState('');
  const decide = async (decision: 'APPROVE' | 'REJECT' | 'WITHDRAW') => {
    if (
      decision === 'APPROVE' &&
      !window.confirm(
        `Approve: ${what(r)} for the interview with ${r.interview?.leaverName ?? 'this leaver'}? This cannot be undone.`,
      )
    )
      return;
    const input = { id: r.id, decision, note: note.trim() || null };
    const answer = await action.run(() => request(DecideDisposal, { input }));
    if (!answer) return;
    const record = r.interview ? ` for the interview with ${r.interview.leaverName}` : '';
    const disposed = answer.decideDisposalRequest.certificates.length;
    onChange(
      decision === 'APPROVE'
        ? `Approved: ${what(r)}${record}.${disposed ? ' The transcript was disposed of; the certificate is below.' : ''}`
        : decision === 'REJECT'
          ? `Rejected: nothing was destroyed${record}.`
          : `Withdrawn: nothing was destroyed${record}.`,
    );
  };
  const noteId = `note-${r.id}`;
  return (
    <li className="card disposal-request">
      <p>
        <span className={`badge badge--${r.status.toLowerCase()}`}>{STATUS[r.status] ?? r.status}</span>{' '}
        <Actor name={r.requestedByName} id={r.requestedBy} /> asked on {formatDateTime(r.requestedAt)} to{' '}
        <strong>{what(r)}</strong>
        {showRecord && r.interview && (
          <>
            {' '}
            of the <Link to={interviewPath(r.interview.id)}>interview with {r.interview.leaverName}</Link>
          </>
        )}
        .
      </p>
      <p>
        Reason: <q>{r.reason}</q>
      </p>
      {r.decidedByName && (
        <p>
          {STATUS[r.status]} by {r.decidedByName} on {formatDateTime(r.decidedAt)}
          {r.note && (
            <>
              : <q>{r.note}</q>
            </>
          )}
        </p>
      )}
      <p className="muted">Next: {r.nextStep}</p>
      {(r.canDecide || r.canWithdraw) && (
        <div className="disposal-request__actions">
          {r.canDecide && (
            <div className="field">
              <label htmlFor={noteId}>Note for the record (optional)</label>
              <input id={noteId} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
          )}
          {r.canDecide && held && (
            <p className="status status--empty">
              The record is on hold: it cannot be approved until someone in HR lifts the hold.
            </p>
          )}
          {r.canDecide && (
            <>
              <button
                type="button"
                className="button button--danger"
                disabled={action.busy || held}
                onClick={() => decide('APPROVE')}
              >
                Approve
              </button>{' '}
              <button type="button" className="button" disabled={action.busy} onClick={() => decide('REJECT')}>
                Reject
              </button>
            </>
          )}
          {r.canWithdraw && (
            <>
              <p className="muted">You asked for this, so someone else in HR must approve it.</p>
              <button type="button" className="button" disabled={action.busy} onClick={() => decide('WITHDRAW')}>
                Withdraw request
              </button>
            </>
          )}
        </div>
      )}
      {action.busy && <p role="status">Saving…</p>}
      {action.error && <ErrorMessage error={action.error} />}
    </li>
  );
}
