import { describe, expect, it } from 'vitest';
import { addBillingMonths, dueDate, lastDayOfMonth, monthOf, monthRange, monthsBetween, parseBillingMonth } from './billing-month.js';
import { coveredDaysIn, lineAmount } from './partial-month.js';
import { enrolmentRate, rateForMonth, ratesFromTermsVersions } from './group-rates.js';
import { formatDocumentNumber, invoiceNumber, parseDocumentNumber } from './invoice-number.js';
import { numberInWords, terbilang } from './terbilang.js';

describe('billing months', () => {
  it.each([
    ['2026-01', 1, '2026-02'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2024-03', 12, '2025-03'],
    ['2026-05', -17, '2024-12'],
  ])('%s + %i months = %s', (m, n, want) => expect(addBillingMonths(m, n)).toBe(want));

  it.each([
    ['2024-02', '2024-02-29'],
    ['2026-02', '2026-02-28'],
    ['2100-02', '2100-02-28'],
    ['2026-04', '2026-04-30'],
    ['2026-12', '2026-12-31'],
  ])('the last day of %s is %s', (m, want) => expect(lastDayOfMonth(m)).toBe(want));

  it('counts, lists and places months', () => {
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(dueDate('2026-02')).toBe('2026-02-15');
    expect(dueDate('2026-02', 31)).toBe('2026-02-28');
  });

  it.each(['2026-13', '2026-00', '26-01', '2026-1', '2101-01', ''])('refuses "%s"', (m) => expect(() => parseBillingMonth(m)).toThrow('must be a month written as YYYY-MM'));
});

describe('partial-month rule: one covered day bills the whole month', () => {
  const rate = 16_800n;
  it.each([
    ['covered the whole month', '2026-01-01', '2026-12-31', '2026-03', rate, { from: '2026-03-01', to: '2026-03-31' }],
    ['joins on the 20th', '2026-03-20', '2026-12-31', '2026-03', rate, { from: '2026-03-20', to: '2026-03-31' }],
    ['joins on the last day', '2026-03-31', '2026-12-31', '2026-03', rate, { from: '2026-03-31', to: '2026-03-31' }],
    ['joins next month', '2026-04-01', '2026-12-31', '2026-03', 0n, null],
    ['leaves on the 3rd', '2025-01-01', '2026-03-03', '2026-03', rate, { from: '2026-03-01', to: '2026-03-03' }],
    ['left the day before the month', '2025-01-01', '2026-02-28', '2026-03', 0n, null],
    ['ended before it began', '2026-03-10', '2026-03-09', '2026-03', 0n, null],
    ['joins and leaves within the month', '2026-03-10', '2026-03-12', '2026-03', rate, { from: '2026-03-10', to: '2026-03-12' }],
  ])('%s', (_what, coverageFrom, coverageTo, month, amount, days) => {
    expect(lineAmount({ coverageFrom, coverageTo }, month, rate)).toBe(amount);
    expect(coveredDaysIn({ coverageFrom, coverageTo }, month)).toEqual(days);
  });

  it('totals the Metro seed: 8,477 workers × 12 months at Rp 16,800 = Rp 1,708,963,200', () => {
    let total = 0n;
    for (const month of monthRange('2025-01', '2025-12')) total += lineAmount({ coverageFrom: '2025-01-01', coverageTo: '2025-12-31' }, month, rate) * 8477n;
    expect(total).toBe(1_708_963_200n);
  });
});

describe('group rates as effective-dated data', () => {
  const rates = ratesFromTermsVersions([
    {
      effectiveFrom: '2026-01-01',
      groups: [
        { group: 'RT_RW_HEAD', monthlyContribution: 16_800n },
        { group: 'HONORARY_STAFF', monthlyContribution: 36_800n },
      ],
    },
    { effectiveFrom: '2026-07-10', groups: [{ group: 'RT_RW_HEAD', monthlyContribution: 18_000n }] },
  ]);
  it.each([
    ['RT_RW_HEAD', '2026-01', 16_800n],
    ['RT_RW_HEAD', '2026-07', 16_800n], // the addendum starts mid-month: the month keeps its first day's rate
    ['RT_RW_HEAD', '2026-08', 18_000n],
    ['HONORARY_STAFF', '2026-06', 36_800n],
  ] as const)('%s in %s pays %s', (group, month, want) => expect(rateForMonth(rates, group, month)).toBe(want));

  it('refuses a group the terms in force do not fund', () => {
    expect(() => rateForMonth(rates, 'HONORARY_STAFF', '2026-08')).toThrow('No monthly contribution is on record for HONORARY_STAFF in 2026-08.');
    expect(() => rateForMonth(rates, 'RT_RW_HEAD', '2025-12')).toThrow('No monthly contribution');
  });

  it('gives an enrolment the rate its first invoice line will carry, or null when the MoU names none', () => {
    expect(enrolmentRate(rates, 'RT_RW_HEAD', '2026-07-20')).toBe(16_800n); // July is billed at its first day's rate
    expect(enrolmentRate(rates, 'RT_RW_HEAD', '2026-08-01')).toBe(18_000n);
    expect(enrolmentRate(rates, 'HONORARY_STAFF', '2026-03-15')).toBe(36_800n);
    expect(enrolmentRate(rates, 'RT_RW_HEAD', '2025-12-31')).toBeNull();
    // A term that begins mid-month: the start day's rate (the month's first day has none).
    expect(enrolmentRate(ratesFromTermsVersions([{ effectiveFrom: '2026-03-10', groups: [{ group: 'OTHER', monthlyContribution: 20_000n }] }]), 'OTHER', '2026-03-10')).toBe(
      20_000n,
    );
  });
});

describe('invoice numbers', () => {
  it('number per city and year, and read back', () => {
    expect(invoiceNumber('18.72', '2026-03', 42)).toBe('INV/1872/2026/000042');
    expect(formatDocumentNumber('CN', '96.71', 2024, 1)).toBe('CN/9671/2024/000001');
    expect(parseDocumentNumber('INV/1872/2026/000042')).toEqual({ kind: 'INV', regionCode: '18.72', year: 2026, sequence: 42 });
  });
  it.each([() => invoiceNumber('1872', '2026-03', 1), () => invoiceNumber('18.72', '2026-03', 0), () => parseDocumentNumber('INV-1872-2026-1')])(
    'refuses malformed parts (%#)',
    (f) => expect(f).toThrow(),
  );
});

describe('terbilang', () => {
  it.each([
    [0n, 'nol'],
    [1n, 'satu'],
    [10n, 'sepuluh'],
    [11n, 'sebelas'],
    [15n, 'lima belas'],
    [20n, 'dua puluh'],
    [99n, 'sembilan puluh sembilan'],
    [100n, 'seratus'],
    [101n, 'seratus satu'],
    [110n, 'seratus sepuluh'],
    [250n, 'dua ratus lima puluh'],
    [1_000n, 'seribu'],
    [1_001n, 'seribu satu'],
    [1_500n, 'seribu lima ratus'],
    [2_000n, 'dua ribu'],
    [11_000n, 'sebelas ribu'],
    [16_800n, 'enam belas ribu delapan ratus'],
    [100_000n, 'seratus ribu'],
    [1_000_000n, 'satu juta'],
    [1_001_000n, 'satu juta seribu'],
    [42_000_000n, 'empat puluh dua juta'],
    [1_708_963_200n, 'satu miliar tujuh ratus delapan juta sembilan ratus enam puluh tiga ribu dua ratus'],
    [3_000_000_000_000n, 'tiga triliun'],
    [
      999_999_999_999_999n,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
  ])('%s → %s', (n, words) => expect(numberInWords(n)).toBe(words));

  it('says rupiah and refuses what it cannot spell', () => {
    expect(terbilang(42_000_000n)).toBe('empat puluh dua juta rupiah');
    expect(() => numberInWords(-1n)).toThrow('cannot be negative');
    expect(() => numberInWords(10n ** 15n)).toThrow('too large');
  });
});
