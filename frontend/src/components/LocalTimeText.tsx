import { useNow } from '../lib/hooks';
import { localTime } from '../lib/time';

/** "14:05 local time" in the person's IANA zone, with a working-hours hint. */
export function LocalTimeText({ timeZone }: { timeZone: string | null | undefined }) {
  const now = useNow();
  const t = localTime(timeZone, now);
  if (!t) return null;
  return (
    <span className="local-time" title={timeZone ?? undefined}>
      <time>
        {t.sameDayAsViewer ? '' : `${t.weekday} `}
        {t.time}
      </time>{' '}
      local time
      {!t.workingHours && <span className="muted"> (outside working hours)</span>}
    </span>
  );
}
