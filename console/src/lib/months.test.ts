import { describe, expect, it } from 'vitest';
import { monthEndsUntil } from './months.js';

describe('month ends for coverage over time', () => {
  it('samples the last day of the 11 months before, then today, across a year change and February', () => {
    const dates = monthEndsUntil('2026-02-12');
    expect(dates).toHaveLength(12);
    expect(dates[0]).toBe('2025-03-31');
    expect(dates).toContain('2025-06-30');
    expect(dates[9]).toBe('2025-12-31');
    expect(dates[10]).toBe('2026-01-31');
    expect(dates[11]).toBe('2026-02-12');
  });

  it('knows leap Februaries', () => {
    expect(monthEndsUntil('2028-03-01', 2)).toEqual(['2028-02-29', '2028-03-01']);
  });
});
