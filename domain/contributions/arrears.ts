import { addDays, compareLocalDates, type LocalDate } from '../calendar.js';
import { lastDayOfMonth, monthIndex, type BillingMonth } from './billing-month.js';

// DOMAIN: no late fee for BPU; three consecutive unpaid months make the membership inactive,
// and paying reactivates it. A month is unpaid for one enrolment when its invoice line still has
// something outstanding after the month's due date. The enrolment is covered through the end of
// the first unpaid month and INACTIVE from the day after, so a death in the second unpaid month
// is not covered, even once the arrears are paid (reactivation starts on the payment's date).

export const ARREARS_MONTHS = 3;

/** One enrolment's billed month: still owed (outstanding > 0) and when it fell due. */
export type BilledMonth = { month: BillingMonth; outstanding: bigint; dueOn: LocalDate };

export type ArrearsDecision =
  { action: 'NONE' } | { action: 'MARK_INACTIVE'; inactiveFrom: LocalDate; unpaidMonths: BillingMonth[] } | { action: 'REACTIVATE'; activeFrom: LocalDate };

/** Months past due and still owed on `today`, oldest first. */
export function unpaidMonths(months: readonly BilledMonth[], today: LocalDate): BillingMonth[] {
  return months
    .filter((m) => m.outstanding > 0n && compareLocalDates(m.dueOn, today) < 0)
    .map((m) => m.month)
    .sort();
}

/** The first run of `threshold` consecutive calendar months among the unpaid ones: its months, or null. */
export function firstArrearsRun(unpaid: readonly BillingMonth[], threshold = ARREARS_MONTHS): BillingMonth[] | null {
  let run: BillingMonth[] = [];
  for (const month of [...new Set(unpaid)].sort()) {
    const prev = run[run.length - 1];
    run = prev !== undefined && monthIndex(month) === monthIndex(prev) + 1 ? [...run, month] : [month];
    if (run.length >= threshold) return run.slice(0, threshold);
  }
  return null;
}

/**
 * What the billing run does with one enrolment on `today`: an ACTIVE one with three consecutive
 * unpaid months becomes INACTIVE from the day after the first of them ends; an INACTIVE one
 * (made so for arrears) whose past-due months are all paid is reactivated from `today`.
 */
export function decideArrears(status: 'ACTIVE' | 'INACTIVE', months: readonly BilledMonth[], today: LocalDate, threshold = ARREARS_MONTHS): ArrearsDecision {
  const unpaid = unpaidMonths(months, today);
  if (status === 'ACTIVE') {
    const run = firstArrearsRun(unpaid, threshold);
    if (!run) return { action: 'NONE' };
    return { action: 'MARK_INACTIVE', inactiveFrom: addDays(lastDayOfMonth(run[0]!), 1), unpaidMonths: unpaid };
  }
  return unpaid.length === 0 ? { action: 'REACTIVATE', activeFrom: today } : { action: 'NONE' };
}
