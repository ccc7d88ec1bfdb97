import { compareLocalDates, type LocalDate } from '../calendar.js';
import type { Rupiah } from '../money.js';
import type { OccupationGroup } from '../participants/occupation.js';

// Budget utilisation of one APBD fiscal-year line. Contributions are billed per calendar month:
// a person covered on any day of a month costs that month's full contribution. "Committed" is
// what the city owes for the fiscal year if every current enrolment runs to the end of the term;
// the budget runs out on the first day of the first month it can no longer pay in full.

/** Enrolments that share a group and a period (aggregated in SQL, so this stays small). */
export type EnrolmentSpan = { group: OccupationGroup; startsOn: LocalDate; endsOn: LocalDate | null; count: number };

export type BudgetUtilisation = {
  fiscalYear: number;
  budget: Rupiah;
  /** Owed for the months of this fiscal year up to and including the current one. */
  spentToDate: Rupiah;
  /** Owed for the whole fiscal year at the current enrolment (open enrolments run to the end of the term). */
  committed: Rupiah;
  /** budget − committed; negative when the line is overcommitted. */
  remaining: Rupiah;
  /** What one month costs at today's enrolment and rates. */
  monthlyBurn: Rupiah;
  /** committed ÷ budget, in basis points (10000 = 100%). */
  utilisationBasisPoints: number;
  /** First day of the first month this line cannot pay in full; null if it lasts the fiscal year. */
  projectedRunOut: LocalDate | null;
};

const monthIndex = (d: LocalDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const firstDayOf = (index: number): LocalDate => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;

export function budgetUtilisation(input: {
  fiscalYear: number;
  budget: Rupiah;
  validFrom: LocalDate;
  validTo: LocalDate;
  rates: Readonly<Partial<Record<OccupationGroup, Rupiah>>>;
  spans: readonly EnrolmentSpan[];
  today: LocalDate;
}): BudgetUtilisation {
  const { fiscalYear, budget, validFrom, validTo, rates, spans, today } = input;
  const first = Math.max(fiscalYear * 12, monthIndex(validFrom));
  const last = Math.min(fiscalYear * 12 + 11, monthIndex(validTo));
  const current = monthIndex(today);
  const perMonth: Rupiah[] = [];
  for (let m = first; m <= last; m++) perMonth.push(0n);
  let spentToDate = 0n;
  let monthlyBurn = 0n;
  for (const span of spans) {
    const rate = rates[span.group] ?? 0n;
    const cost = rate * BigInt(span.count);
    const end = span.endsOn ?? validTo;
    if (compareLocalDates(end, span.startsOn) < 0) continue; // ended before it began: never covered
    const from = Math.max(first, monthIndex(span.startsOn));
    const to = Math.min(last, monthIndex(end));
    for (let m = from; m <= to; m++) perMonth[m - first]! += cost;
    // Spent so far: months up to this one, of enrolments that have begun.
    if (compareLocalDates(span.startsOn, today) <= 0) spentToDate += cost * BigInt(Math.max(0, Math.min(to, current) - from + 1));
    if (compareLocalDates(span.startsOn, today) <= 0 && compareLocalDates(end, today) >= 0) monthlyBurn += cost;
  }
  let committed = 0n;
  let projectedRunOut: LocalDate | null = null;
  perMonth.forEach((cost, i) => {
    committed += cost;
    if (projectedRunOut === null && committed > budget) projectedRunOut = firstDayOf(first + i);
  });
  return {
    fiscalYear,
    budget,
    spentToDate,
    committed,
    remaining: budget - committed,
    monthlyBurn,
    utilisationBasisPoints: budget > 0n ? Number((committed * 10_000n) / budget) : 0,
    projectedRunOut,
  };
}
