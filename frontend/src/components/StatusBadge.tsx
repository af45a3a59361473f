import { label } from '../lib/labels';
import { formatDate } from '../lib/time';

/** Shows nothing for active people; "Leaving 31 Jan 2027" or "Left" otherwise. */
export function StatusBadge({
  status,
  leavingOn,
  note,
}: {
  status: string;
  leavingOn?: string | null;
  /** What the badge means here, as its tooltip and (visually hidden) to screen readers. */
  note?: string;
}) {
  const s = status.toUpperCase();
  if (s === 'ACTIVE') return null;
  const text = s === 'LEAVING' && leavingOn ? `Leaving ${formatDate(leavingOn)}` : label(status);
  return (
    <span className={`badge badge--${s.toLowerCase()}`} title={note}>
      {text}
      {note && <span className="visually-hidden"> ({note})</span>}
    </span>
  );
}
