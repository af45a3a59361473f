export interface LocalTime {
  /** e.g. "14:05" */
  time: string;
  /** e.g. "Tue"; shown when the day differs from the viewer's. */
  weekday: string;
  /** true when it is a weekday between 09:00 and 17:59 there. */
  workingHours: boolean;
  sameDayAsViewer: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      day: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time now in an IANA time zone, or `null` for a missing or unknown zone. */
export function localTime(timeZone: string | null | undefined, now: Date, viewerTimeZone?: string): LocalTime | null {
  if (!timeZone) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter(timeZone).formatToParts(now);
  } catch {
    return null;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour'));
  const weekday = part('weekday');
  let viewerDay = '';
  try {
    viewerDay = formatter(viewerTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone).formatToParts(now)
      .find((p) => p.type === 'day')?.value ?? '';
  } catch {
    viewerDay = part('day');
  }
  return {
    time: `${part('hour')}:${part('minute')}`,
    weekday,
    workingHours: hour >= 9 && hour < 18 && weekday !== 'Sat' && weekday !== 'Sun',
    sameDayAsViewer: viewerDay === part('day'),
  };
}

/** A calendar date `YYYY-MM-DD` written for people, e.g. "31 January 2027". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The viewer's IANA time zone from the browser, or `undefined` when it cannot say. */
export function viewerTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** "Europe/London" → "Europe/London", "Asia/Hong_Kong" → "Asia/Hong Kong". */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}

/** A moment (`DateTime`) in the viewer's own time, e.g. "3 Nov 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
