import { useNow } from '../lib/hooks';
import { localTime, type OwnHours } from '../lib/time';

/**
 * "Mon 13:13 in Sydney": the weekday and time now in the person's IANA zone,
 * with a working-hours hint (from their own `hours` when given, else a guess).
 */
export function LocalTimeText({ timeZone, hours }: { timeZone: string | null | undefined; hours?: OwnHours | null }) {
  const now = useNow();
  const t = localTime(timeZone, now, hours);
  if (!t) return null;
  return (
    <span className="local-time" title={timeZone ?? undefined}>
      <time>{t.text}</time> in {t.place}
      {!t.workingHours && <span className="muted"> (outside working hours)</span>}
    </span>
  );
}
