import { useNow } from '../lib/hooks';
import { localTime } from '../lib/time';

/** "Mon 13:13 in Sydney": the weekday and time now in the person's IANA zone, with a working-hours hint. */
export function LocalTimeText({ timeZone }: { timeZone: string | null | undefined }) {
  const now = useNow();
  const t = localTime(timeZone, now);
  if (!t) return null;
  return (
    <span className="local-time" title={timeZone ?? undefined}>
      <time>{t.text}</time> in {t.place}
      {!t.workingHours && <span className="muted"> (outside working hours)</span>}
    </span>
  );
}
