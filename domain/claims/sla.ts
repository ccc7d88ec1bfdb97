import { addWorkingDays, compareLocalDates, isWorkingDay, type LocalDate, addDays } from '../calendar.js';
import type { Program } from '../programs.js';

// Service-level clocks, as data: how many working days a step may take on the city's calendar
// (weekends, public holidays and collective leave days), and when to warn a supervisor.

export type SlaRule = { step: string; program: Program; workingDays: number; /** warn this many working days before the deadline */ warnBefore: number };

/** Defaults; the claims schema keeps the rules in `sla_rule` (editable), seeded with these. */
export const DEFAULT_SLA_RULES: readonly SlaRule[] = [
  // DOMAIN.md: JKM paid about 3 working days after documents are complete. [R]
  { step: 'PAYMENT', program: 'JKM', workingDays: 3, warnBefore: 1 },
  // JKK: not found [?]; a default of 7 working days, editable.
  { step: 'PAYMENT', program: 'JKK', workingDays: 7, warnBefore: 2 },
  { step: 'VERIFICATION', program: 'JKM', workingDays: 5, warnBefore: 1 },
  { step: 'VERIFICATION', program: 'JKK', workingDays: 10, warnBefore: 2 },
];

export type SlaClock = { startedOn: LocalDate; dueOn: LocalDate; warnOn: LocalDate };

/** The clock of a step started on `startedOn` (a day off counts from the next working day). */
export function startSlaClock(startedOn: LocalDate, rule: Pick<SlaRule, 'workingDays' | 'warnBefore'>, holidays: ReadonlySet<LocalDate>): SlaClock {
  const dueOn = addWorkingDays(startedOn, rule.workingDays, holidays);
  const warnOn = addWorkingDays(startedOn, Math.max(0, rule.workingDays - rule.warnBefore), holidays);
  return { startedOn, dueOn, warnOn };
}

export type SlaRisk = 'MET' | 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

/** Where a clock stands on `today` (the city's date), or when the step was done on `metOn`. */
export function slaRisk(clock: Pick<SlaClock, 'dueOn' | 'warnOn'>, today: LocalDate, metOn: LocalDate | null = null): SlaRisk {
  if (metOn !== null) return compareLocalDates(metOn, clock.dueOn) <= 0 ? 'MET' : 'BREACHED';
  if (compareLocalDates(today, clock.dueOn) > 0) return 'BREACHED';
  if (compareLocalDates(today, clock.warnOn) >= 0) return 'AT_RISK';
  return 'ON_TRACK';
}

/** Working days from `from` (exclusive) to `to` (inclusive): how long a step took. */
export function workingDaysBetween(from: LocalDate, to: LocalDate, holidays: ReadonlySet<LocalDate>): number {
  let n = 0;
  for (let d = addDays(from, 1); compareLocalDates(d, to) <= 0; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
  return n;
}

/**
 * The time zone of a city from its Kemendagri region code's province: Papua and Maluku (81–82,
 * 91–97) keep WIT, Bali and Nusa Tenggara (51–53), South/East/North Kalimantan (63–65) and
 * Sulawesi (71–76) WITA, the rest WIB. Deadlines and "today" are the city's local date.
 */
export function timeZoneOfRegion(regionCode: string): 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura' {
  const province = Number(regionCode.slice(0, 2));
  if ((province >= 81 && province <= 82) || province >= 91) return 'Asia/Jayapura';
  if ((province >= 51 && province <= 53) || (province >= 63 && province <= 65) || (province >= 71 && province <= 76)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}
