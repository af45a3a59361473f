/** Pure figures behind the knowledge manager's charts (no React, easy to test). */

import { formatDayMonth } from '../lib/time';

export interface WeekCount {
  /** The week's Monday, `YYYY-MM-DD`. */
  week: string;
  /** "7 Dec". */
  label: string;
  questions: number;
}

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The Monday (UTC) of the week `d` falls in. */
function monday(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/**
 * Every week of the last `days` days, oldest first, with the questions asked
 * in it: the server lists only weeks with questions (keyed by their Monday,
 * UTC), so the weeks between come back as zero.
 */
export function everyWeek(
  perWeek: ReadonlyArray<{ week: string; questions: number }>,
  days: number,
  now: Date,
): WeekCount[] {
  const counts = new Map(perWeek.map((w) => [w.week, w.questions]));
  const last = monday(now);
  const out: WeekCount[] = [];
  for (let at = monday(new Date(now.getTime() - days * DAY_MS)); at <= last; at = new Date(at.getTime() + 7 * DAY_MS)) {
    const week = isoDay(at);
    out.push({ week, label: formatDayMonth(week), questions: counts.get(week) ?? 0 });
  }
  // A week the server counted that the window above missed (clocks that disagree) still shows.
  for (const w of perWeek) {
    if (!out.some((o) => o.week === w.week))
      out.push({ week: w.week, label: formatDayMonth(w.week), questions: w.questions });
  }
  return out.sort((a, b) => a.week.localeCompare(b.week));
}

/** `part` of `whole` in whole percent; 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * Math.min(part, whole)) / whole) : 0;
}

/** A time to answer in words: "under a minute", "25 minutes", "3.5 hours", "2 days". */
export function durationText(hours: number): string {
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  if (hours < 48) {
    const h = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
    return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const d = Math.round((hours / 24) * 10) / 10;
  return `${d} days`;
}
