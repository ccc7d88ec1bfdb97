import { describe, expect, it } from 'vitest';
import { budgetUtilisation } from './budget.js';

const RATE = { RT_RW_HEAD: 16_800n, RELIGIOUS_TEACHER: 16_800n, HONORARY_STAFF: 36_800n } as const;

describe('budget utilisation of a fiscal-year line', () => {
  it("runs Sorong's Rp 2.2 bn for 19,336 workers out on 1 July: it pays six months of Rp 324,844,800", () => {
    const u = budgetUtilisation({
      fiscalYear: 2024,
      budget: 2_200_000_000n,
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
      rates: RATE,
      spans: [{ group: 'RT_RW_HEAD', startsOn: '2024-01-01', endsOn: null, count: 19_336 }],
      today: '2024-03-10',
    });
    expect(u.monthlyBurn).toBe(324_844_800n);
    expect(u.spentToDate).toBe(3n * 324_844_800n);
    expect(u.committed).toBe(12n * 324_844_800n);
    expect(u.remaining).toBe(2_200_000_000n - 12n * 324_844_800n);
    expect(u.utilisationBasisPoints).toBe(17718);
    expect(u.projectedRunOut).toBe('2024-07-01');
  });

  it("lasts the year for Metro's 8,477 workers on Rp 1,721 m (Rp 1,708,963,200 owed)", () => {
    const u = budgetUtilisation({
      fiscalYear: 2025,
      budget: 1_721_000_000n,
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      rates: RATE,
      spans: [{ group: 'RELIGIOUS_TEACHER', startsOn: '2025-01-01', endsOn: null, count: 8_477 }],
      today: '2025-06-30',
    });
    expect(u.committed).toBe(1_708_963_200n);
    expect(u.projectedRunOut).toBeNull();
    expect(u.utilisationBasisPoints).toBe(9930);
  });

  it('counts only the months of the fiscal year inside the term and the enrolment, a started month in full', () => {
    const u = budgetUtilisation({
      fiscalYear: 2026,
      budget: 10_000_000n,
      validFrom: '2025-07-01',
      validTo: '2026-06-30',
      rates: RATE,
      spans: [
        { group: 'RT_RW_HEAD', startsOn: '2025-08-20', endsOn: null, count: 10 }, // Jan–Jun 2026: 6 months
        { group: 'HONORARY_STAFF', startsOn: '2026-03-31', endsOn: '2026-04-01', count: 1 }, // March and April
        { group: 'RT_RW_HEAD', startsOn: '2026-05-02', endsOn: '2026-05-01', count: 3 }, // ended before it began
      ],
      today: '2026-03-15',
    });
    expect(u.committed).toBe(6n * 10n * 16_800n + 2n * 36_800n);
    expect(u.spentToDate).toBe(3n * 10n * 16_800n);
    expect(u.monthlyBurn).toBe(10n * 16_800n);
  });

  it('is zero for a line no one is enrolled under yet', () => {
    const u = budgetUtilisation({ fiscalYear: 2027, budget: 5n, validFrom: '2026-01-01', validTo: '2027-12-31', rates: RATE, spans: [], today: '2026-01-01' });
    expect(u).toMatchObject({ committed: 0n, spentToDate: 0n, remaining: 5n, projectedRunOut: null, utilisationBasisPoints: 0 });
  });
});
