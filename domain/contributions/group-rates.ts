import { addDays, compareLocalDates, type LocalDate } from '../calendar.js';
import { tableInForce, type EffectiveDated } from '../effective-dated.js';
import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';
import type { OccupationGroup } from '../participants/occupation.js';
import { firstDayOfMonth, monthOf, type BillingMonth } from './billing-month.js';

// What a city pays per person per month in each occupation group, as effective-dated rows: the
// MoU's terms versions (original, addenda) each name a rate per group from their effective date.
// A month is billed at the rate in force on its first day, so every line of one invoice has
// one rate per group and a rate change starts with a whole month.

export type GroupRate = EffectiveDated & { group: OccupationGroup; monthlyRate: Rupiah };

/** The rows that terms versions produce: each version's group rates, in force until the next version starts. */
export function ratesFromTermsVersions(versions: readonly { effectiveFrom: LocalDate; groups: readonly { group: OccupationGroup; monthlyContribution: Rupiah }[] }[]): GroupRate[] {
  const sorted = [...versions].sort((a, b) => compareLocalDates(a.effectiveFrom, b.effectiveFrom));
  const rows: GroupRate[] = [];
  sorted.forEach((v, i) => {
    const next = sorted[i + 1];
    const validTo = next ? addDays(next.effectiveFrom, -1) : undefined;
    if (validTo !== undefined && compareLocalDates(validTo, v.effectiveFrom) < 0) return; // superseded on its first day
    for (const g of v.groups) rows.push({ group: g.group, monthlyRate: g.monthlyContribution, validFrom: v.effectiveFrom, ...(validTo ? { validTo } : {}) });
  });
  return rows;
}

/** The rate of one group for a billing month, or why there is none. */
export function rateForMonth(rates: readonly GroupRate[], group: OccupationGroup, month: BillingMonth): Rupiah {
  const row = tableInForce(
    rates.filter((r) => r.group === group),
    firstDayOfMonth(month),
  );
  if (!row) throw new DomainError('NOT_ELIGIBLE', `No monthly contribution is on record for ${group} in ${month}.`, 'group');
  return row.monthlyRate;
}

/** The rate of every group for a month (groups without a rate that month are left out). */
export function ratesForMonth(rates: readonly GroupRate[], month: BillingMonth): Map<OccupationGroup, Rupiah> {
  const out = new Map<OccupationGroup, Rupiah>();
  for (const r of rates) {
    if (out.has(r.group)) continue;
    const row = tableInForce(
      rates.filter((x) => x.group === r.group),
      firstDayOfMonth(month),
    );
    if (row) out.set(r.group, row.monthlyRate);
  }
  return out;
}

/**
 * The monthly contribution an enrolment states: its group's rate for the month coverage starts
 * in, the rate the month's invoice line will carry (on the start day itself when the MoU begins
 * mid-month). Null when the MoU names none for the group.
 */
export function enrolmentRate(rates: readonly GroupRate[], group: OccupationGroup, coverageFrom: LocalDate): Rupiah | null {
  const own = rates.filter((r) => r.group === group);
  return (tableInForce(own, firstDayOfMonth(monthOf(coverageFrom))) ?? tableInForce(own, coverageFrom))?.monthlyRate ?? null;
}
