import { label } from '../lib/labels';
import { formatDate } from '../lib/time';

/** Shows nothing for active people; "Leaving 31 Jan 2027" or "Left" otherwise. */
export function StatusBadge({ status, leavingOn }: { status: string; leavingOn?: string | null }) {
  const s = status.toUpperCase();
  if (s === 'ACTIVE') return null;
  const text = s === 'LEAVING' && leavingOn ? `Leaving ${formatDate(leavingOn)}` : label(status);
  return <span className={`badge badge--${s.toLowerCase()}`}>{text}</span>;
}
