import { describe, expect, it } from 'vitest';
import { formatDate, localTime } from './time';

// Tuesday 14 January 2025, 10:30 UTC.
const now = new Date(Date.UTC(2025, 0, 14, 10, 30));

describe('localTime', () => {
  it('shows the wall-clock time in the given zone', () => {
    expect(localTime('Europe/London', now, 'Europe/London')).toEqual({
      time: '10:30',
      weekday: 'Tue',
      workingHours: true,
      sameDayAsViewer: true,
    });
  });

  it('knows when it is already tomorrow and outside working hours there', () => {
    const t = localTime('Pacific/Auckland', new Date(Date.UTC(2025, 0, 14, 20, 0)), 'Europe/London');
    expect(t).toMatchObject({ time: '09:00', weekday: 'Wed', sameDayAsViewer: false, workingHours: true });
    expect(localTime('America/New_York', new Date(Date.UTC(2025, 0, 14, 3, 0)), 'Europe/London')).toMatchObject({
      time: '22:00',
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

describe('formatDate', () => {
  it('writes ISO dates in words without shifting the day', () => {
    expect(formatDate('2027-01-31')).toBe('31 January 2027');
    expect(formatDate(null)).toBe('');
  });
});
