/** Working days and hours as the API has them, and in words. */

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Hours {
  start: string;
  end: string;
  days: readonly string[];
}

const SHORT: Record<string, string | undefined> = {
  MONDAY: 'Mon',
  TUESDAY: 'Tue',
  WEDNESDAY: 'Wed',
  THURSDAY: 'Thu',
  FRIDAY: 'Fri',
  SATURDAY: 'Sat',
  SUNDAY: 'Sun',
};

export function dayName(day: string): string {
  return day.charAt(0) + day.slice(1).toLowerCase();
}

/** "Mon–Fri", "Mon, Wed, Fri", "Every day": runs of three or more days joined by a dash. */
export function daysText(days: readonly string[]): string {
  const on = WEEKDAYS.map((d) => days.includes(d));
  if (on.every(Boolean)) return 'Every day';
  const parts: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!on[i]) continue;
    let j = i;
    while (j + 1 < 7 && on[j + 1]) j++;
    const short = (n: number) => SHORT[WEEKDAYS[n] ?? ''] ?? '';
    if (j - i >= 2) parts.push(`${short(i)}–${short(j)}`);
    else for (let k = i; k <= j; k++) parts.push(short(k));
    i = j;
  }
  return parts.join(', ');
}

/** "09:00–17:30, Mon–Fri". */
export function hoursText(h: Hours): string {
  return `${h.start}–${h.end}, ${daysText(h.days)}`;
}
