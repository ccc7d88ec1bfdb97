import { describe, expect, it } from 'vitest';
import { budgetAlarm, budgetUtilisation } from './budget.js';

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

  describe('at a rate change (an addendum raising a group contribution)', () => {
    // RT/RW heads: Rp 16,800 until an addendum from 1 July 2026 prices them at Rp 36,800 (JKK+JKM+JHT).
    const rates = [
      { from: '2026-01-01', rates: { RT_RW_HEAD: 16_800n } },
      { from: '2026-07-01', rates: { RT_RW_HEAD: 36_800n } },
    ];
    const base = {
      fiscalYear: 2026,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      rates,
      spans: [{ group: 'RT_RW_HEAD' as const, startsOn: '2026-01-01', endsOn: null, count: 100 }],
    };

    it('prices each month at its own rate: six months at the old, six at the new', () => {
      const u = budgetUtilisation({ ...base, budget: 40_000_000n, today: '2026-03-10' });
      expect(u.committed).toBe(100n * (6n * 16_800n + 6n * 36_800n));
      expect(u.spentToDate).toBe(3n * 100n * 16_800n);
      // Today's burn is today's rate, not the one to come.
      expect(u.monthlyBurn).toBe(100n * 16_800n);
    });

    it('projects the run-out from the dearer months: Rp 20 m lasts to the end of August, not the year', () => {
      // Jan–Jun: 6 × 1,680,000 = 10,080,000; July 3,680,000 → 13,760,000; Aug → 17,440,000; Sep → 21,120,000 > 20 m.
      const u = budgetUtilisation({ ...base, budget: 20_000_000n, today: '2026-08-05' });
      expect(u.projectedRunOut).toBe('2026-09-01');
      expect(u.monthlyBurn).toBe(100n * 36_800n);
      expect(u.spentToDate).toBe(100n * (6n * 16_800n + 2n * 36_800n));
      // At today's rate alone it would have run out in June: the old months are not repriced.
      expect(budgetUtilisation({ ...base, rates: { RT_RW_HEAD: 36_800n }, budget: 20_000_000n, today: '2026-08-05' }).projectedRunOut).toBe('2026-06-01');
    });

    it('applies a change effective mid-month from the next month (a month is priced on its first day)', () => {
      const midMonth = [rates[0]!, { from: '2026-07-15', rates: { RT_RW_HEAD: 36_800n } }];
      const u = budgetUtilisation({ ...base, rates: midMonth, budget: 40_000_000n, today: '2026-07-20' });
      expect(u.committed).toBe(100n * (7n * 16_800n + 5n * 36_800n));
      expect(u.monthlyBurn).toBe(100n * 36_800n);
    });

    it('prices the first month of a term starting mid-month at the rates of its first day', () => {
      const u = budgetUtilisation({
        fiscalYear: 2026,
        validFrom: '2026-03-15',
        validTo: '2026-12-31',
        rates: [{ from: '2026-03-15', rates: { RT_RW_HEAD: 16_800n } }],
        spans: [{ group: 'RT_RW_HEAD', startsOn: '2026-03-15', endsOn: '2026-03-31', count: 1 }],
        budget: 1_000_000n,
        today: '2026-03-20',
      });
      expect(u.committed).toBe(16_800n);
    });
  });
});

describe('budget alarms', () => {
  const at = (utilisationBasisPoints: number, projectedRunOut: string | null = null) => ({ utilisationBasisPoints, projectedRunOut, remaining: projectedRunOut ? -1n : 1n });
  it('warn at 80% and 95% committed, and when the line runs out before the fiscal year ends', () => {
    expect(budgetAlarm(at(7_999))).toBeNull();
    expect(budgetAlarm(at(8_000))).toBe('COMMITTED_80');
    expect(budgetAlarm(at(9_499))).toBe('COMMITTED_80');
    expect(budgetAlarm(at(9_500))).toBe('COMMITTED_95');
    expect(budgetAlarm(at(10_000))).toBe('COMMITTED_95'); // exactly spent: it lasts the year
    expect(budgetAlarm(at(10_001, '2026-12-01'))).toBe('RUN_OUT');
  });
});
