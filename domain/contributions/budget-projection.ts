import { addDays, daysInMonth, type LocalDate } from '../calendar.js';
import type { Rupiah } from '../money.js';
import { addBillingMonths, firstDayOfMonth, monthIndex, type BillingMonth } from './billing-month.js';

// Budget utilisation that follows what was really invoiced and paid: months already invoiced
// cost what their invoices say (less credit notes); later months are projected at the latest
// month's amount. The run-out date is the day the budget is used up, read linearly within the
// month it runs out in (Sorong: Rp 2.2 bn over 19,336 × Rp 16,800 a month lasts ≈ 6.8 months).

export type MonthAmount = { month: BillingMonth; amount: Rupiah };

export type BudgetFigures = {
  budget: Rupiah;
  billed: Rupiah;
  paid: Rupiah;
  outstanding: Rupiah;
  /** billed ÷ budget and paid ÷ budget, in basis points (10000 = 100%). */
  billedBasisPoints: number;
  paidBasisPoints: number;
  /** The amount a month is projected at from here on: the latest invoiced month's. */
  monthlyBurn: Rupiah;
  /** The day the budget is used up if billing continues at monthlyBurn; null if it lasts to lastMonth. */
  projectedRunOut: LocalDate | null;
};

const bp = (part: Rupiah, whole: Rupiah) => (whole > 0n ? Number((part * 10_000n) / whole) : 0);

export function budgetFigures(input: {
  budget: Rupiah;
  firstMonth: BillingMonth;
  lastMonth: BillingMonth;
  invoiced: readonly MonthAmount[];
  paid: Rupiah;
  projectedBurn?: Rupiah;
}): BudgetFigures {
  const byMonth = new Map<BillingMonth, Rupiah>();
  for (const m of input.invoiced) byMonth.set(m.month, (byMonth.get(m.month) ?? 0n) + m.amount);
  const billed = [...byMonth.values()].reduce((a, b) => a + b, 0n);
  const latest = [...byMonth.keys()].sort().pop();
  const monthlyBurn = input.projectedBurn ?? (latest ? byMonth.get(latest)! : 0n);
  let left = input.budget;
  let projectedRunOut: LocalDate | null = null;
  const months = monthIndex(input.lastMonth) - monthIndex(input.firstMonth) + 1;
  for (let i = 0; i < months; i++) {
    const month = addBillingMonths(input.firstMonth, i);
    const cost = byMonth.get(month) ?? (latest !== undefined && month < latest ? 0n : monthlyBurn);
    if (cost > left) {
      const y = Number(month.slice(0, 4));
      const days = daysInMonth(y, Number(month.slice(5, 7)));
      projectedRunOut = addDays(firstDayOfMonth(month), Number((left * BigInt(days)) / cost));
      break;
    }
    left -= cost;
  }
  return {
    budget: input.budget,
    billed,
    paid: input.paid,
    outstanding: billed - input.paid,
    billedBasisPoints: bp(billed, input.budget),
    paidBasisPoints: bp(input.paid, input.budget),
    monthlyBurn,
    projectedRunOut,
  };
}
