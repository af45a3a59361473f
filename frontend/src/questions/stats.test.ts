import { describe, expect, it } from 'vitest';
import { durationText, everyWeek, percent } from './stats';

describe('network figures', () => {
  it('lists every week of the period, the weeks without questions as zero', () => {
    const now = new Date('2026-12-09T12:00:00Z'); // a Wednesday
    expect(
      everyWeek(
        [
          { week: '2026-11-23', questions: 2 },
          { week: '2026-12-07', questions: 1 },
        ],
        28,
        now,
      ),
    ).toEqual([
      { week: '2026-11-09', label: '9 Nov', questions: 0 },
      { week: '2026-11-16', label: '16 Nov', questions: 0 },
      { week: '2026-11-23', label: '23 Nov', questions: 2 },
      { week: '2026-11-30', label: '30 Nov', questions: 0 },
      { week: '2026-12-07', label: '7 Dec', questions: 1 },
    ]);
    expect(everyWeek([], 7, now).map((w) => w.week)).toEqual(['2026-11-30', '2026-12-07']);
    // A Monday the window does not reach still shows.
    expect(everyWeek([{ week: '2026-01-05', questions: 4 }], 7, now)[0]).toEqual({
      week: '2026-01-05',
      label: '5 Jan',
      questions: 4,
    });
  });

  it('gives shares in whole percent and waits in words', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 4)).toBe(100);
    expect(durationText(0.001)).toBe('under a minute');
    expect(durationText(1 / 60)).toBe('1 minute');
    expect(durationText(0.5)).toBe('30 minutes');
    expect(durationText(1)).toBe('1 hour');
    expect(durationText(3.46)).toBe('3.5 hours');
    expect(durationText(20.4)).toBe('20 hours');
    expect(durationText(60)).toBe('2.5 days');
  });
});
