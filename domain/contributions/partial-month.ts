import { compareLocalDates, type LocalDate } from '../calendar.js';
import { firstDayOfMonth, lastDayOfMonth, type BillingMonth } from './billing-month.js';

// The partial-month rule, as a BPJS branch office bills BPU contributions: a contribution is a
// whole month's, never a daily fraction (iuran bulanan, no pro rata). A participant covered on
// at least one day of a calendar month owes that month in full: a worker who joins on the 20th
// is billed the whole joining month, and one whose coverage ends on the 3rd is billed the whole
// leaving month. A month with no covered day is not billed. The budget projection
// (domain/mou/budget.ts) counts months the same way, so invoices and projections agree.

export type CoverageSpan = { coverageFrom: LocalDate; coverageTo: LocalDate };

/** The covered days of `month` (null when none): what the invoice line states as its period. */
export function coveredDaysIn(span: CoverageSpan, month: BillingMonth): { from: LocalDate; to: LocalDate } | null {
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  if (compareLocalDates(span.coverageTo, span.coverageFrom) < 0) return null; // ended before it began
  if (compareLocalDates(span.coverageFrom, last) > 0 || compareLocalDates(span.coverageTo, first) < 0) return null;
  return {
    from: compareLocalDates(span.coverageFrom, first) > 0 ? span.coverageFrom : first,
    to: compareLocalDates(span.coverageTo, last) < 0 ? span.coverageTo : last,
  };
}

/** Whether the month is billed for this span: one covered day is enough, and it is billed in full. */
export function isBilledMonth(span: CoverageSpan, month: BillingMonth): boolean {
  return coveredDaysIn(span, month) !== null;
}

/** The amount a line carries for the month: the full monthly rate, or nothing. */
export function lineAmount(span: CoverageSpan, month: BillingMonth, monthlyRate: bigint): bigint {
  return isBilledMonth(span, month) ? monthlyRate : 0n;
}
