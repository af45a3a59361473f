import { describe, expect, it } from 'vitest';
import { daysText, hoursText } from './hours';

describe('working hours in words', () => {
  it('joins runs of days and names the hours', () => {
    expect(daysText(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'])).toBe('Mon–Fri');
    expect(daysText(['MONDAY', 'WEDNESDAY', 'FRIDAY'])).toBe('Mon, Wed, Fri');
    expect(daysText(['SATURDAY', 'SUNDAY', 'MONDAY'])).toBe('Mon, Sat, Sun');
    expect(daysText(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'])).toBe('Every day');
    expect(hoursText({ start: '09:00', end: '17:30', days: ['MONDAY', 'TUESDAY'] })).toBe('09:00–17:30, Mon, Tue');
  });
});
