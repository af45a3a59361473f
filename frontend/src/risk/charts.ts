/** Pure figures behind the knowledge-at-risk charts (no React, easy to test). */

import { formatMonth } from '../lib/time';

export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  /** "Nov 2026". */
  label: string;
  count: number;
}

/**
 * How many people leave in each of the `months` calendar months starting with
 * the one `today` is in. Dates are `YYYY-MM-DD`; earlier or later dates, and
 * missing ones, are left out.
 */
export function leaversByMonth(dates: ReadonlyArray<string | null | undefined>, today: Date, months = 6): MonthCount[] {
  const year = today.getFullYear();
  const month = today.getMonth();
  const buckets = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(year, month + i, 1));
    const key = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return { month: key, label: formatMonth(key), count: 0 };
  });
  const todayKey = `${year}-${String(month + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  for (const date of dates) {
    if (!date || date < todayKey) continue;
    const bucket = buckets.find((b) => date.startsWith(b.month));
    if (bucket) bucket.count += 1;
  }
  return buckets;
}

export interface Coverage {
  covered: number;
  total: number;
  /** 0–100, rounded. */
  percent: number;
}

/** The share of at-risk skills that at least one completed interview covers. */
export function harvestCoverage(rows: ReadonlyArray<{ harvestCoverage: number }>): Coverage {
  const covered = rows.filter((r) => r.harvestCoverage > 0).length;
  const total = rows.length;
  return { covered, total, percent: total === 0 ? 0 : Math.round((100 * covered) / total) };
}

/** `part` of `whole` as a CSS width, never below a sliver for a non-zero part. */
export function share(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  return `${Math.max(2, (100 * Math.min(part, whole)) / whole)}%`;
}
