import { describe, expect, it } from 'vitest';
import { harvestCoverage, leaversByMonth, share } from './charts';

describe('risk chart figures', () => {
  it('counts leavers per month from this month on, leaving out past and far dates', () => {
    const today = new Date(2026, 10, 20); // 20 November 2026
    const months = leaversByMonth(
      ['2026-11-19', '2026-11-20', '2026-11-30', '2027-01-05', '2027-01-31', '2027-05-01', '2027-06-01', null],
      today,
    );
    expect(months).toEqual([
      { month: '2026-11', label: 'Nov 2026', count: 2 },
      { month: '2026-12', label: 'Dec 2026', count: 0 },
      { month: '2027-01', label: 'Jan 2027', count: 2 },
      { month: '2027-02', label: 'Feb 2027', count: 0 },
      { month: '2027-03', label: 'Mar 2027', count: 0 },
      { month: '2027-04', label: 'Apr 2027', count: 0 },
    ]);
  });

  it('gives the share of at-risk skills a completed interview covers', () => {
    expect(harvestCoverage([{ harvestCoverage: 0 }, { harvestCoverage: 2 }, { harvestCoverage: 1 }])).toEqual({
      covered: 2,
      total: 3,
      percent: 67,
    });
    expect(harvestCoverage([])).toEqual({ covered: 0, total: 0, percent: 0 });
  });

  it('turns a part into a bar width, with a visible sliver for small non-zero parts', () => {
    expect(share(0, 10)).toBe('0%');
    expect(share(5, 10)).toBe('50%');
    expect(share(1, 100)).toBe('2%');
    expect(share(3, 0)).toBe('0%');
  });
});
