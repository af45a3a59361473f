/**
 * Every date and time the app shows, written one way: in the reader's locale,
 * dates with a short month ("31 Jan 2027"), moments in the viewer's own time
 * zone ("3 Nov 2026, 14:05"), other people's time with its weekday ("Mon 13:13").
 * Pages never format dates themselves.
 */

/** The reader's locale from the browser, "en-GB" when it cannot say. */
export function locale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-GB';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter; throws for an unknown time zone. */
function dateFormat(options: Intl.DateTimeFormatOptions, loc = locale()): Intl.DateTimeFormat {
  const key = `${loc} ${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(loc, options);
    dateFormats.set(key, f);
  }
  return f;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(): Intl.RelativeTimeFormat {
  const loc = locale();
  let f = relativeFormats.get(loc);
  if (!f) {
    f = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
    relativeFormats.set(loc, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Hours and minutes as the reader's clock has them: "09:05" on a 24-hour clock, "9:05 AM" on a 12-hour one. */
function clock(): Intl.DateTimeFormatOptions {
  const cycle = dateFormat({ hour: 'numeric' }).resolvedOptions().hourCycle;
  return { hour: cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit', minute: '2-digit' };
}

/** The viewer's IANA time zone from the browser, or `undefined` when it cannot say. */
export function viewerTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

function moment(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The calendar day of `value` as a UTC midnight: a `YYYY-MM-DD` date as it is, a
 * moment (`DateTime`) as the day it falls on in `timeZone` (the viewer's by
 * default). `null` when it cannot be read.
 */
function day(value: string | Date, timeZone?: string): Date | null {
  if (typeof value === 'string') {
    const match = CALENDAR_DATE.exec(value);
    if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  }
  const date = typeof value === 'string' ? moment(value) : value;
  if (!date) return null;
  try {
    const parts = dateFormat({ year: 'numeric', month: 'numeric', day: 'numeric', timeZone }, 'en-GB').formatToParts(
      date,
    );
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  } catch {
    return null;
  }
}

/**
 * A date for people, e.g. "31 Jan 2027": a calendar date `YYYY-MM-DD` as it is,
 * or the day a moment falls on in `timeZone` (the viewer's by default).
 */
export function formatDate(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  const d = day(value, timeZone);
  return d ? dateFormat({ ...DATE, timeZone: 'UTC' }).format(d) : value;
}

/** A moment (`DateTime`) in the viewer's own time (or `timeZone`), e.g. "3 Nov 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = moment(iso);
  if (!date) return iso;
  try {
    return dateFormat({ ...DATE, ...clock(), timeZone }).format(date);
  } catch {
    return iso;
  }
}

/** A month `YYYY-MM`, e.g. "2026-12" → "Dec 2026". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '';
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return dateFormat({ month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)),
  );
}

/** A calendar date `YYYY-MM-DD` without its year, for a chart's axis, e.g. "7 Dec". */
export function formatDayMonth(value: string | null | undefined): string {
  if (!value) return '';
  const match = CALENDAR_DATE.exec(value);
  if (!match) return value;
  return dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/**
 * Calendar days from `today` to a date (or a moment's day), in the viewer's
 * days (or those of `timeZone`): 0 today, 1 tomorrow, -1 yesterday. `null`
 * when the date cannot be read.
 */
export function daysUntil(value: string | null | undefined, today: Date, timeZone?: string): number | null {
  if (!value) return null;
  const [then, now] = [day(value, timeZone), day(today, timeZone)];
  return then && now ? Math.round((then.getTime() - now.getTime()) / 86_400_000) : null;
}

/** How far a date is from `today` in words: "today", "tomorrow", "yesterday", "in 41 days", "41 days ago"; empty when it cannot be read. */
export function relativeDays(value: string | null | undefined, today: Date, timeZone?: string): string {
  const days = daysUntil(value, today, timeZone);
  return days == null ? '' : relativeFormat().format(days, 'day');
}

/** A deadline with how far off it is, e.g. "31 Jan 2027 (in 56 days)". */
export function formatDateWithRelative(value: string | null | undefined, today: Date, timeZone?: string): string {
  const date = formatDate(value, timeZone);
  const relative = relativeDays(value, today, timeZone);
  return relative ? `${date} (${relative})` : date;
}

export interface LocalTime {
  /** The weekday and time there in the reader's locale, e.g. "Mon 13:13": always with the weekday, as their day may not be the reader's. */
  text: string;
  /** The place the zone is named for, e.g. "Sydney" for Australia/Sydney. */
  place: string;
  /** true when it is within their working hours there: their own when given, else a weekday between 09:00 and 17:59. */
  workingHours: boolean;
}

/** A person's own working hours: `HH:MM` local start and end, and days (`MONDAY` …). */
export interface OwnHours {
  start: string;
  end: string;
  days: readonly string[];
}

const WEEKDAY_NAMES: Record<string, string> = {
  Mon: 'MONDAY',
  Tue: 'TUESDAY',
  Wed: 'WEDNESDAY',
  Thu: 'THURSDAY',
  Fri: 'FRIDAY',
  Sat: 'SATURDAY',
  Sun: 'SUNDAY',
};

/** Working hours for someone who has not given theirs, as the server guesses them. */
const GUESSED_HOURS: OwnHours = {
  start: '09:00',
  end: '17:00',
  days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
};

/** The wall-clock time `now` in an IANA time zone, or `null` for a missing or unknown zone; `hours` are the person's own. */
export function localTime(timeZone: string | null | undefined, now: Date, hours?: OwnHours | null): LocalTime | null {
  if (!timeZone) return null;
  try {
    // Fixed English parts to decide working hours; the reader's locale for the words shown.
    const parts = dateFormat({ timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }, 'en-GB').formatToParts(
      now,
    );
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    const hour = Number(part('hour'));
    const minute = Number(dateFormat({ timeZone, minute: 'numeric' }, 'en-GB').format(now));
    const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    // Without their own hours, the server's guess: Monday to Friday, 09:00–17:00.
    const own = hours ?? GUESSED_HOURS;
    const working = own.days.includes(WEEKDAY_NAMES[part('weekday')] ?? '') && at >= own.start && at < own.end;
    return {
      text: dateFormat({ timeZone, weekday: 'short', ...clock() }).format(now),
      place: zonePlace(timeZone),
      workingHours: working,
    };
  } catch {
    return null;
  }
}

/** "Europe/London" → "Europe/London", "Asia/Hong_Kong" → "Asia/Hong Kong". */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}

/** "Australia/Sydney" → "Sydney", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
export function zonePlace(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
