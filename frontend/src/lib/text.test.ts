import { describe, expect, it } from 'vitest';
import { label } from './labels';
import { countryName, hashIndex, initials, plural } from './text';

describe('text helpers', () => {
  it('takes first and last initials', () => {
    expect(initials('Ana María López')).toBe('AL');
    expect(initials('  mei ')).toBe('M');
    expect(initials('')).toBe('?');
    expect(initials('Łukasz Żak')).toBe('ŁŻ');
  });

  it('picks a stable colour bucket', () => {
    expect(hashIndex('Mei Chen', 8)).toBe(hashIndex('Mei Chen', 8));
    expect(hashIndex('Mei Chen', 8)).toBeLessThan(8);
  });

  it('words counts, countries and enum values', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(1200, 'person', 'people')).toBe('1,200 people');
    expect(countryName('AU')).toBe('Australia');
    expect(label('SELF_DECLARED')).toBe('Self-declared');
    expect(label('SOMETHING_NEW')).toBe('Something new');
  });
});
