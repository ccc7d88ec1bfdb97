import { DomainError } from './errors.js';

// Calendar dates ('YYYY-MM-DD') in a city's local time. Arithmetic is done on integer day
// numbers, not Date objects, so it is the same in services and in Temporal workflow code.
// Only todayIn() touches Intl; workflows must not call it (their "today" is an input).
export type LocalDate = string;

export const CITY_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type CityTimeZone = (typeof CITY_TIME_ZONES)[number];

export function isIndonesianTimeZone(tz: string): tz is CityTimeZone {
  return (CITY_TIME_ZONES as readonly string[]).includes(tz);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(s: string): { y: number; m: number; d: number } | undefined {
  const match = SHAPE.exec(s);
  if (!match) return undefined;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

export function isLocalDate(s: string): s is LocalDate {
  const p = parts(s);
  return p !== undefined && p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= daysInMonth(p.y, p.m);
}

/**
 * The dates Lindung takes from people: every birth, coverage period and incident falls inside
 * it, and PostgreSQL stores every date in it (year 0000, for one, it refuses).
 */
export const SUPPORTED_DATES = { from: '1900-01-01', to: '2100-12-31' } as const;

/** A real calendar date inside SUPPORTED_DATES. */
export function isSupportedDate(s: string): s is LocalDate {
  return isLocalDate(s) && s >= SUPPORTED_DATES.from && s <= SUPPORTED_DATES.to;
}

export function parseLocalDate(s: string, field = 'date'): LocalDate {
  const p = parts(s);
  if (!p) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be a date written as YYYY-MM-DD; got "${s}".`, field);
  }
  if (p.m < 1 || p.m > 12) {
    throw new DomainError('BAD_USER_INPUT', `${field} ${s} is not a real date: there is no month ${p.m}.`, field);
  }
  const max = daysInMonth(p.y, p.m);
  if (p.d < 1 || p.d > max) {
    throw new DomainError('BAD_USER_INPUT', `${field} ${s} is not a real date: ${MONTH_NAMES[p.m - 1]} ${p.y} has ${max} days.`, field);
  }
  return s;
}

function mustParse(s: string): { y: number; m: number; d: number } {
  parseLocalDate(s);
  return parts(s)!;
}

function format(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Days since 1970-01-01 (proleptic Gregorian); H. Hinnant's days_from_civil.
function toDayNumber(s: LocalDate): number {
  const { y: year, m, d } = mustParse(s);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // Same fixed-width shape, so string order is date order; parse to reject garbage.
  mustParse(a);
  mustParse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const p = mustParse(d);
  const index = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** Days from a to b: positive when b is later. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** from ≤ d ≤ to. */
export function isWithin(d: LocalDate, from: LocalDate, to: LocalDate): boolean {
  return compareLocalDates(from, d) <= 0 && compareLocalDates(d, to) <= 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  // 1970-01-01 was a Thursday.
  return (((toDayNumber(d) + 4) % 7) + 7) % 7;
}

/** Working days skip Saturdays, Sundays and the given public holidays (a per-year calendar kept as data). */
export function isWorkingDay(d: LocalDate, holidays: ReadonlySet<LocalDate> = new Set()): boolean {
  const dow = dayOfWeek(d);
  return dow !== 0 && dow !== 6 && !holidays.has(d);
}

/** The n-th working day after d (Friday + 1 → Monday); n = 0 gives d itself when it is a working day, else the next one. */
export function addWorkingDays(d: LocalDate, n: number, holidays: ReadonlySet<LocalDate> = new Set()): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole number ≥ 0; got ${n}.`);
  let day = d;
  if (n === 0) {
    while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
    return day;
  }
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}

/** The calendar date at `now` in an IANA time zone, e.g. todayIn('Asia/Jayapura', new Date()). */
export function todayIn(timeZone: string, now: Date): LocalDate {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new DomainError('BAD_USER_INPUT', `"${timeZone}" is not a known time zone; use e.g. Asia/Jakarta.`, 'timeZone');
  }
  const found = formatter.formatToParts(now);
  const get = (type: string) => found.find((p) => p.type === type)?.value ?? '';
  return parseLocalDate(`${get('year')}-${get('month')}-${get('day')}`);
}
