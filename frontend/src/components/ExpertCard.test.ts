import { describe, expect, it } from 'vitest';
import { overlapText } from './ExpertCard';

describe('overlap text', () => {
  it('is true at the moment it is read', () => {
    expect(overlapText(8)).toBe('Working hours overlap yours by 8 hours');
    expect(overlapText(8, true)).toBe('Working hours overlap yours by 8 hours');
    expect(overlapText(8, false)).toBe('Working hours overlap yours by 8 hours, but they are outside working hours now');
    expect(overlapText(0, false)).toBe('No overlap with your working hours');
    expect(overlapText(1)).toBe('Working hours overlap yours by 1 hour');
  });
});
