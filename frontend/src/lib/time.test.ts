import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  daysUntil,
  formatDate,
  formatDateTime,
  formatDateWithRelative,
  formatMonth,
  locale,
  localTime,
  relativeDays,
  zoneName,
  zonePlace,
} from './time';

/** Pins the reader's locale, as the browser would give it. */
const readerLocale = (language: string) => vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);

beforeEach(() => {
  readerLocale('en-GB');
});

// Tuesday 14 January 2025, 10:30 UTC.
const now = new Date(Date.UTC(2025, 0, 14, 10, 30));

describe('locale', () => {
  it("is the browser's language, en-GB when it has none", () => {
    readerLocale('fr-FR');
    expect(locale()).toBe('fr-FR');
    readerLocale('');
    expect(locale()).toBe('en-GB');
  });
});

describe('localTime', () => {
  it('shows the weekday and wall-clock time in the given zone, with the place it is named for', () => {
    expect(localTime('Europe/London', now)).toEqual({ text: 'Tue 10:30', place: 'London', workingHours: true });
  });

  it('always names the weekday, which may already be tomorrow there', () => {
    expect(localTime('Australia/Sydney', new Date(Date.UTC(2025, 0, 14, 22, 13)))).toEqual({
      text: 'Wed 09:13',
      place: 'Sydney',
      workingHours: true,
    });
    expect(localTime('America/New_York', new Date(Date.UTC(2025, 0, 14, 3, 0)))).toMatchObject({
      text: 'Mon 22:00',
      workingHours: false,
    });
  });

  it("writes the time in the reader's locale but decides working hours the same way", () => {
    readerLocale('en-US');
    expect(localTime('Europe/London', now)).toMatchObject({ text: 'Tue 10:30 AM', workingHours: true });
    readerLocale('fr-FR');
    expect(localTime('Europe/London', new Date(Date.UTC(2025, 0, 18, 11, 0)))).toMatchObject({
      text: 'sam. 11:00',
      workingHours: false,
    });
  });

  it('treats weekends as outside working hours', () => {
    expect(localTime('Europe/London', new Date(Date.UTC(2025, 0, 18, 11, 0)))?.workingHours).toBe(false);
  });

  it('returns null for missing or unknown zones instead of throwing', () => {
    expect(localTime(null, now)).toBeNull();
    expect(localTime('Mars/Olympus', now)).toBeNull();
  });
});

describe('zone names', () => {
  it('writes the whole zone with spaces', () => {
    expect(zoneName('Asia/Hong_Kong')).toBe('Asia/Hong Kong');
  });

  it('names the place at the end of the zone', () => {
    expect(zonePlace('Australia/Sydney')).toBe('Sydney');
    expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zonePlace('UTC')).toBe('UTC');
  });
});

describe('formatDate', () => {
  it('writes calendar dates with a short month, without shifting the day', () => {
    expect(formatDate('2027-01-31')).toBe('31 Jan 2027');
    expect(formatDate('2027-01-01', 'Pacific/Honolulu')).toBe('1 Jan 2027');
    expect(formatDate(null)).toBe('');
    expect(formatDate('soon')).toBe('soon');
  });

  it('gives the day a moment falls on in the zone', () => {
    expect(formatDate('2026-12-06T22:00:00Z', 'UTC')).toBe('6 Dec 2026');
    expect(formatDate('2026-12-06T22:00:00Z', 'Australia/Sydney')).toBe('7 Dec 2026');
  });

  it("follows the reader's locale", () => {
    readerLocale('en-US');
    expect(formatDate('2027-01-31')).toBe('Jan 31, 2027');
    readerLocale('de-DE');
    expect(formatDate('2027-01-31')).toBe('31. Jan. 2027');
  });
});

describe('formatDateTime', () => {
  it('writes a moment with the date and the time in the zone', () => {
    expect(formatDateTime('2026-11-03T14:05:00Z', 'UTC')).toBe('3 Nov 2026, 14:05');
    expect(formatDateTime('2026-11-03T14:05:00Z', 'Australia/Sydney')).toBe('4 Nov 2026, 01:05');
    readerLocale('en-US');
    expect(formatDateTime('2026-11-03T14:05:00Z', 'UTC')).toBe('Nov 3, 2026, 2:05 PM');
  });

  it('leaves what it cannot read alone', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('2026-11-03T14:05:00Z', 'Mars/Olympus')).toBe('2026-11-03T14:05:00Z');
  });
});

describe('formatMonth', () => {
  it('writes a month with a short name', () => {
    expect(formatMonth('2026-12')).toBe('Dec 2026');
    expect(formatMonth('2027-01')).toBe('Jan 2027');
    expect(formatMonth('')).toBe('');
    expect(formatMonth('December')).toBe('December');
  });
});

// Sunday 6 December 2026, 23:30 UTC: already Monday 7 December in Sydney.
const lateSunday = new Date(Date.UTC(2026, 11, 6, 23, 30));

describe('daysUntil', () => {
  it("counts calendar days from today in the zone's days", () => {
    expect(daysUntil('2026-12-06', lateSunday, 'UTC')).toBe(0);
    expect(daysUntil('2026-12-10', lateSunday, 'UTC')).toBe(4);
    expect(daysUntil('2026-12-10', lateSunday, 'Australia/Sydney')).toBe(3);
    expect(daysUntil('2026-12-01', lateSunday, 'UTC')).toBe(-5);
    expect(daysUntil(null, lateSunday)).toBeNull();
    expect(daysUntil('soon', lateSunday)).toBeNull();
  });
});

describe('relativeDays', () => {
  const today = lateSunday;

  it('counts calendar days from today in words', () => {
    expect(relativeDays('2026-12-06', today, 'UTC')).toBe('today');
    expect(relativeDays('2026-12-07', today, 'UTC')).toBe('tomorrow');
    expect(relativeDays('2026-12-05', today, 'UTC')).toBe('yesterday');
    expect(relativeDays('2027-01-16', today, 'UTC')).toBe('in 41 days');
    expect(relativeDays('2026-10-26', today, 'UTC')).toBe('41 days ago');
  });

  it("takes today in the viewer's zone, and a moment's day there too", () => {
    expect(relativeDays('2026-12-07', today, 'Australia/Sydney')).toBe('today');
    expect(relativeDays('2026-12-07T09:00:00Z', today, 'UTC')).toBe('tomorrow');
    expect(relativeDays('2026-12-07T09:00:00Z', today, 'America/Los_Angeles')).toBe('tomorrow');
  });

  it('counts across a change of clocks and a leap day', () => {
    expect(relativeDays('2028-03-01', new Date(Date.UTC(2028, 1, 28, 12)), 'Europe/London')).toBe('in 2 days');
    expect(relativeDays('2027-03-29', new Date(Date.UTC(2027, 2, 27, 12)), 'Europe/London')).toBe('in 2 days');
  });

  it("speaks the reader's language, and says nothing for what it cannot read", () => {
    readerLocale('fr-FR');
    expect(relativeDays('2026-12-07', today, 'UTC')).toBe('demain');
    expect(relativeDays(null, today)).toBe('');
    expect(relativeDays('soon', today)).toBe('');
  });
});

describe('formatDateWithRelative', () => {
  const today = new Date(Date.UTC(2026, 11, 6, 12));

  it('writes a deadline with how far off it is', () => {
    expect(formatDateWithRelative('2027-01-31', today, 'UTC')).toBe('31 Jan 2027 (in 56 days)');
    expect(formatDateWithRelative('2026-12-06', today, 'UTC')).toBe('6 Dec 2026 (today)');
    expect(formatDateWithRelative('2026-11-03', today, 'UTC')).toBe('3 Nov 2026 (33 days ago)');
    expect(formatDateWithRelative(null, today)).toBe('');
    expect(formatDateWithRelative('soon', today)).toBe('soon');
  });
});

describe('localTime with a person’s own hours', () => {
  it('uses their hours and days instead of the weekday 09–18 guess', () => {
    // Tuesday 10:30 in London.
    const early = { start: '07:00', end: '10:00', days: ['TUESDAY'] };
    expect(localTime('Europe/London', now, early)?.workingHours).toBe(false);
    const late = { start: '10:30', end: '19:00', days: ['TUESDAY'] };
    expect(localTime('Europe/London', now, late)?.workingHours).toBe(true);
    const mondays = { start: '09:00', end: '17:00', days: ['MONDAY'] };
    expect(localTime('Europe/London', now, mondays)?.workingHours).toBe(false);
    // Monday 22:00 in New York: outside the guess, inside a night shift.
    const night = { start: '21:00', end: '23:59', days: ['MONDAY'] };
    expect(localTime('America/New_York', new Date(Date.UTC(2025, 0, 14, 3, 0)), night)?.workingHours).toBe(true);
  });
});
