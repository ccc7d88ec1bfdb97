import { describe, expect, it } from 'vitest';
import { allocatePayment, assertPaymentAmount, type OpenLine } from './allocation.js';
import { decideArrears, firstArrearsRun, type BilledMonth } from './arrears.js';
import { dueDate, monthRange } from './billing-month.js';
import { budgetFigures } from './budget-projection.js';
import { ratesFromTermsVersions } from './group-rates.js';
import { prepaymentQuote } from './prepayment.js';

const line = (key: string, month: string, outstanding: bigint, invoiceNumber = `INV/1872/${month.slice(0, 4)}/0000${month.slice(5)}`, lineNo = 1): OpenLine => ({
  key,
  month,
  invoiceNumber,
  lineNo,
  outstanding,
});

describe('payment allocation: oldest open line first', () => {
  const lines = [line('mar-1', '2026-03', 16_800n), line('jan-2', '2026-01', 16_800n, undefined, 2), line('jan-1', '2026-01', 16_800n), line('feb-1', '2026-02', 16_800n)];
  it.each([
    [
      'exact payment of the two oldest',
      33_600n,
      [
        ['jan-1', 16_800n],
        ['jan-2', 16_800n],
      ],
      0n,
      33_600n,
    ],
    [
      'under-payment leaves a line part-paid',
      40_000n,
      [
        ['jan-1', 16_800n],
        ['jan-2', 16_800n],
        ['feb-1', 6_400n],
      ],
      0n,
      27_200n,
    ],
    [
      'over-payment stays as credit',
      70_000n,
      [
        ['jan-1', 16_800n],
        ['jan-2', 16_800n],
        ['feb-1', 16_800n],
        ['mar-1', 16_800n],
      ],
      2_800n,
      0n,
    ],
  ] as const)('%s', (_what, amount, want, unallocated, outstandingAfter) => {
    const result = allocatePayment(amount, lines);
    expect(result.allocations.map((a) => [a.key, a.amount])).toEqual(want);
    expect(result.unallocated).toBe(unallocated);
    expect(result.outstandingAfter).toBe(outstandingAfter);
    expect(result.allocated + result.unallocated).toBe(amount);
  });

  it('skips settled lines and refuses payments of nothing', () => {
    expect(allocatePayment(100n, [line('a', '2026-01', 0n), line('b', '2026-02', 50n)]).allocations).toEqual([{ key: 'b', amount: 50n }]);
    expect(() => assertPaymentAmount(0n)).toThrow('must be more than Rp 0');
    expect(() => assertPaymentAmount(-5n)).toThrow('must be more than Rp 0');
  });
});

describe('prepayment of 3, 6 or 12 months', () => {
  const rates = ratesFromTermsVersions([{ effectiveFrom: '2026-01-01', groups: [{ group: 'RT_RW_HEAD', monthlyContribution: 16_800n }] }]);
  it.each([3, 6, 12])('%i months for 100 heads', (months) => {
    const quote = prepaymentQuote({ firstMonth: '2026-01', months, participantsByGroup: new Map([['RT_RW_HEAD', 100]]), rates });
    expect(quote.total).toBe(16_800n * 100n * BigInt(months));
    expect(quote.perMonth).toHaveLength(months);
  });
  it.each([0, 1, 2, 4, 24])('refuses %i months', (months) => {
    expect(() => prepaymentQuote({ firstMonth: '2026-01', months, participantsByGroup: new Map(), rates })).toThrow('Prepayment covers 3, 6 or 12 months');
  });
});

describe('arrears: three consecutive unpaid months', () => {
  const months = (paid: Record<string, boolean>): BilledMonth[] =>
    Object.entries(paid).map(([month, isPaid]) => ({ month, outstanding: isPaid ? 0n : 16_800n, dueOn: dueDate(month) }));
  it.each([
    [
      'three unpaid in a row, the third past due',
      'ACTIVE',
      { '2026-01': false, '2026-02': false, '2026-03': false },
      '2026-03-16',
      { action: 'MARK_INACTIVE', inactiveFrom: '2026-02-01' },
    ],
    ['the third not yet due', 'ACTIVE', { '2026-01': false, '2026-02': false, '2026-03': false }, '2026-03-15', { action: 'NONE' }],
    ['a paid month between breaks the run', 'ACTIVE', { '2026-01': false, '2026-02': true, '2026-03': false, '2026-04': false }, '2026-05-01', { action: 'NONE' }],
    [
      'the run starts after paid months',
      'ACTIVE',
      { '2026-01': true, '2026-02': false, '2026-03': false, '2026-04': false },
      '2026-04-20',
      { action: 'MARK_INACTIVE', inactiveFrom: '2026-03-01' },
    ],
    ['two unpaid only', 'ACTIVE', { '2026-11': false, '2026-12': false }, '2027-01-20', { action: 'NONE' }],
    ['inactive, arrears paid', 'INACTIVE', { '2026-01': true, '2026-02': true, '2026-03': true }, '2026-04-02', { action: 'REACTIVATE', activeFrom: '2026-04-02' }],
    ['inactive, one month still owed', 'INACTIVE', { '2026-01': true, '2026-02': true, '2026-03': false }, '2026-04-02', { action: 'NONE' }],
  ] as const)('%s', (_what, status, paid, today, want) => {
    expect(decideArrears(status, months(paid), today)).toMatchObject(want);
  });

  it('finds the first run across a year end', () => {
    expect(firstArrearsRun(['2026-11', '2026-12', '2027-01', '2027-02'])).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(firstArrearsRun(['2026-01', '2026-03', '2026-05'])).toBeNull();
  });
});

describe('budget figures from invoices and payments', () => {
  it('Sorong: Rp 2.2 bn for 19,336 workers runs out about 6.8 months after the start', () => {
    const monthly = 19_336n * 16_800n;
    const f = budgetFigures({ budget: 2_200_000_000n, firstMonth: '2024-01', lastMonth: '2024-12', invoiced: [{ month: '2024-01', amount: monthly }], paid: monthly });
    expect(f.projectedRunOut).toBe('2024-07-24'); // 6.77 months: July's 31 days × 0.77
    expect(f.billed).toBe(324_844_800n);
    expect(f.outstanding).toBe(0n);
    expect(f.billedBasisPoints).toBe(1476);
  });
  it('a budget that lasts the year has no run-out; over-payment shows as negative outstanding', () => {
    const invoiced = monthRange('2025-01', '2025-03').map((month) => ({ month, amount: 8_477n * 16_800n }));
    const f = budgetFigures({ budget: 1_721_000_000n, firstMonth: '2025-01', lastMonth: '2025-12', invoiced, paid: 500_000_000n });
    expect(f.projectedRunOut).toBeNull();
    expect(f.outstanding).toBe(3n * 8_477n * 16_800n - 500_000_000n);
  });
});
