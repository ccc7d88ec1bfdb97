import { describe, expect, it } from 'vitest';
import { contributionForPeriod, monthlyContribution, type BpuRateTable } from './bpu.js';

describe('monthlyContribution', () => {
  it('charges the standard city package at Rp 16,800 per person per month', () => {
    const c = monthlyContribution(['JKK', 'JKM'], '2026-01-15');
    expect(c.regulation).toBe('PP 44/2015');
    expect(c.components.map((x) => [x.program, x.amount])).toEqual([
      ['JKK', 10_000n],
      ['JKM', 6_800n],
    ]);
    expect(c.total).toBe(16_800n);
  });

  it('charges only the programs asked for', () => {
    expect(monthlyContribution(['JKM'], '2026-01-15').total).toBe(6_800n);
  });

  it('refuses dates before the first table and bad program lists', () => {
    expect(() => monthlyContribution(['JKM'], '2015-06-30')).toThrow('No contribution rates are on record for 2015-06-30.');
    expect(() => monthlyContribution([], '2026-01-15')).toThrow('programs must name at least one program');
    expect(() => monthlyContribution(['JKM', 'JKM'], '2026-01-15')).toThrow('programs lists JKM more than once.');
  });
});

describe('contributionForPeriod', () => {
  it('matches the Metro seed: 8,477 workers × Rp 16,800 × 12 months = Rp 1,708,963,200', () => {
    expect(contributionForPeriod({ programs: ['JKK', 'JKM'], firstMonth: '2025-01-01', months: 12, participants: 8477 })).toBe(1_708_963_200n);
  });

  it("shows Sorong's Rp 2.2 bn covers under 7 months for 19,336 workers", () => {
    const perMonth = contributionForPeriod({ programs: ['JKK', 'JKM'], firstMonth: '2024-01-01', months: 1, participants: 19_336 });
    expect(perMonth).toBe(324_844_800n);
    expect((2_200_000_000n * 10n) / perMonth).toBe(67n); // ≈ 6.8 months
  });

  it('prices each month by its own rate when a period crosses a rate change', () => {
    const tables: BpuRateTable[] = [
      { validFrom: '2015-07-01', validTo: '2026-03-31', regulation: 'old', rates: { JKK: 10_000n, JKM: 6_800n } },
      { validFrom: '2026-04-01', regulation: 'new', rates: { JKK: 10_000n, JKM: 8_000n } },
    ];
    // Jan–Mar at 16,800, Apr–Jun at 18,000.
    expect(contributionForPeriod({ programs: ['JKK', 'JKM'], firstMonth: '2026-01-01', months: 6, participants: 2, tables })).toBe(2n * (3n * 16_800n + 3n * 18_000n));
  });

  it('refuses nonsense periods and head counts', () => {
    const base = { programs: ['JKM'] as const, firstMonth: '2026-01-01' };
    expect(() => contributionForPeriod({ ...base, months: 0, participants: 1 })).toThrow('months must be a whole number from 1; got 0.');
    expect(() => contributionForPeriod({ ...base, months: 3, participants: -1 })).toThrow('participants must be a whole number, 0 or more; got -1.');
  });
});
