import { DomainError } from '../errors.js';
import { sumRupiah, type Rupiah } from '../money.js';
import type { OccupationGroup } from '../participants/occupation.js';
import { addBillingMonths, type BillingMonth } from './billing-month.js';
import { rateForMonth, type GroupRate } from './group-rates.js';

// DOMAIN: a city may pay 3, 6 or 12 months ahead. The quote prices the current participants
// month by month at each month's rate; the payment is recorded like any other and its credit
// settles each month's invoice as the billing run issues it.

export const PREPAYMENT_MONTHS = [3, 6, 12] as const;
export type PrepaymentMonths = (typeof PREPAYMENT_MONTHS)[number];

export type PrepaymentQuote = { firstMonth: BillingMonth; lastMonth: BillingMonth; months: PrepaymentMonths; perMonth: { month: BillingMonth; amount: Rupiah }[]; total: Rupiah };

export function assertPrepaymentMonths(months: number): asserts months is PrepaymentMonths {
  if (!(PREPAYMENT_MONTHS as readonly number[]).includes(months)) {
    throw new DomainError('BAD_USER_INPUT', `Prepayment covers 3, 6 or 12 months; got ${months}.`, 'months');
  }
}

export function prepaymentQuote(input: {
  firstMonth: BillingMonth;
  months: number;
  participantsByGroup: ReadonlyMap<OccupationGroup, number>;
  rates: readonly GroupRate[];
}): PrepaymentQuote {
  assertPrepaymentMonths(input.months);
  const perMonth: PrepaymentQuote['perMonth'] = [];
  for (let i = 0; i < input.months; i++) {
    const month = addBillingMonths(input.firstMonth, i);
    let amount = 0n;
    for (const [group, count] of input.participantsByGroup) amount += rateForMonth(input.rates, group, month) * BigInt(count);
    perMonth.push({ month, amount });
  }
  return {
    firstMonth: input.firstMonth,
    lastMonth: addBillingMonths(input.firstMonth, input.months - 1),
    months: input.months,
    perMonth,
    total: sumRupiah(perMonth.map((m) => m.amount)),
  };
}
