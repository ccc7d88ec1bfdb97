import { compareLocalDates, type LocalDate } from '../calendar.js';
import type { Rupiah } from '../money.js';
import type { OccupationGroup } from '../participants/occupation.js';

// Budget utilisation of one APBD fiscal-year line. Contributions are billed per calendar month:
// a person covered on any day of a month costs that month's full contribution. "Committed" is
// what the city owes for the fiscal year if every current enrolment runs to the end of the term;
// the budget runs out on the first day of the first month it can no longer pay in full.
// Rates are effective-dated (an addendum can change a group's contribution): each month is
// priced at the rates in force on its first day (on validFrom for a term that starts mid-month),
// like contributionForPeriod prices the BPU package; the monthly burn is today's.

/** Enrolments that share a group and a period (aggregated in SQL, so this stays small). */
export type EnrolmentSpan = { group: OccupationGroup; startsOn: LocalDate; endsOn: LocalDate | null; count: number };

/** A group's contribution per person and month, as in force from a date (one per terms version). */
export type GroupRates = Readonly<Partial<Record<OccupationGroup, Rupiah>>>;
export type RatePeriod = { from: LocalDate; rates: GroupRates };

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

/** The rates in force on `date`: the latest period that began by then (the earliest if none had). */
export function ratesOn(periods: readonly RatePeriod[], date: LocalDate): GroupRates {
  let found: RatePeriod | undefined;
  for (const p of periods) if (compareLocalDates(p.from, date) <= 0 && (!found || compareLocalDates(p.from, found.from) >= 0)) found = p;
  return (found ?? periods[0])?.rates ?? {};
}

export function budgetUtilisation(input: {
  fiscalYear: number;
  budget: Rupiah;
  validFrom: LocalDate;
  validTo: LocalDate;
  /** One set of rates for the whole term, or effective-dated periods (oldest first or not: the latest begun applies). */
  rates: GroupRates | readonly RatePeriod[];
  spans: readonly EnrolmentSpan[];
  today: LocalDate;
}): BudgetUtilisation {
  const { fiscalYear, budget, validFrom, validTo, spans, today } = input;
  const periods: readonly RatePeriod[] = Array.isArray(input.rates) ? input.rates : [{ from: validFrom, rates: input.rates as GroupRates }];
  const first = Math.max(fiscalYear * 12, monthIndex(validFrom));
  const last = Math.min(fiscalYear * 12 + 11, monthIndex(validTo));
  const current = monthIndex(today);
  const startOfTerm = monthIndex(validFrom);
  // The rates of each month of the line: those in force on its first day (validFrom in the first month of the term).
  const monthRates: GroupRates[] = [];
  for (let m = first; m <= last; m++) monthRates.push(ratesOn(periods, m === startOfTerm ? validFrom : firstDayOf(m)));
  const todays = ratesOn(periods, today);
  const perMonth: Rupiah[] = monthRates.map(() => 0n);
  let spentToDate = 0n;
  let monthlyBurn = 0n;
  for (const span of spans) {
    const count = BigInt(span.count);
    const end = span.endsOn ?? validTo;
    if (compareLocalDates(end, span.startsOn) < 0) continue; // ended before it began: never covered
    const from = Math.max(first, monthIndex(span.startsOn));
    const to = Math.min(last, monthIndex(end));
    const begun = compareLocalDates(span.startsOn, today) <= 0;
    for (let m = from; m <= to; m++) {
      const cost = (monthRates[m - first]![span.group] ?? 0n) * count;
      perMonth[m - first]! += cost;
      // Spent so far: months up to this one, of enrolments that have begun.
      if (begun && m <= current) spentToDate += cost;
    }
    if (begun && compareLocalDates(end, today) >= 0) monthlyBurn += (todays[span.group] ?? 0n) * count;
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

/** Share of a line committed at which managers are warned, in basis points; running out within the year is the last alarm. */
export const BUDGET_ALARM_THRESHOLDS_BP = [8_000, 9_500] as const;
export type BudgetAlarmLevel = 'COMMITTED_80' | 'COMMITTED_95' | 'RUN_OUT';

/**
 * The alarm a fiscal-year line calls for: RUN_OUT when it cannot pay the year (its projected run-out
 * falls inside it), else the highest commitment threshold reached; null when none is.
 */
export function budgetAlarm(u: Pick<BudgetUtilisation, 'projectedRunOut' | 'remaining' | 'utilisationBasisPoints'>): BudgetAlarmLevel | null {
  if (u.projectedRunOut !== null || u.remaining < 0n) return 'RUN_OUT';
  if (u.utilisationBasisPoints >= BUDGET_ALARM_THRESHOLDS_BP[1]) return 'COMMITTED_95';
  if (u.utilisationBasisPoints >= BUDGET_ALARM_THRESHOLDS_BP[0]) return 'COMMITTED_80';
  return null;
}
