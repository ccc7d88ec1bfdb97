import { daysInMonth, isLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';

// A billing month is a calendar month of the city's local calendar, written 'YYYY-MM'.
// Arithmetic runs on a month index (year × 12 + month − 1), so it is exact and Intl-free:
// services and the billing workflow share it.
export type BillingMonth = string;

const SHAPE = /^(\d{4})-(\d{2})$/;

export function isBillingMonth(s: string): boolean {
  const m = SHAPE.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1900 && Number(m[1]) <= 2100;
}

export function parseBillingMonth(s: string, field = 'month'): BillingMonth {
  if (!isBillingMonth(s)) throw new DomainError('BAD_USER_INPUT', `${field} must be a month written as YYYY-MM between 1900-01 and 2100-12; got "${s}".`, field);
  return s;
}

export function monthIndex(month: BillingMonth): number {
  const m = SHAPE.exec(month);
  if (!m) throw new DomainError('BAD_USER_INPUT', `"${month}" is not a month (YYYY-MM).`, 'month');
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthAt(index: number): BillingMonth {
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String(index - y * 12 + 1).padStart(2, '0')}`;
}

/** The month a local date falls in. */
export function monthOf(date: LocalDate): BillingMonth {
  const text: string = date;
  if (!isLocalDate(text)) throw new DomainError('BAD_USER_INPUT', `"${date}" is not a date (YYYY-MM-DD).`, 'date');
  return text.slice(0, 7);
}

export function addBillingMonths(month: BillingMonth, n: number): BillingMonth {
  return monthAt(monthIndex(month) + n);
}

/** Months from a to b: 1 when b is the month after a. */
export function monthsBetween(a: BillingMonth, b: BillingMonth): number {
  return monthIndex(b) - monthIndex(a);
}

export function firstDayOfMonth(month: BillingMonth): LocalDate {
  monthIndex(month);
  return `${month}-01`;
}

export function lastDayOfMonth(month: BillingMonth): LocalDate {
  const i = monthIndex(month);
  return `${month}-${String(daysInMonth(Math.floor(i / 12), (i % 12) + 1)).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when to is before from). */
export function monthRange(from: BillingMonth, to: BillingMonth): BillingMonth[] {
  const out: BillingMonth[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthAt(i));
  return out;
}

/** DOMAIN [?]: contributions for a month are due on the 15th of that month (configurable per MoU). */
export const DEFAULT_DUE_DAY = 15;

/** The due date of a month's invoice: its due day, or the month's last day in a short month. */
export function dueDate(month: BillingMonth, dueDay = DEFAULT_DUE_DAY): LocalDate {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) throw new DomainError('BAD_USER_INPUT', `The due day must be from 1 to 31; got ${dueDay}.`, 'dueDay');
  const last = lastDayOfMonth(month);
  return Number(last.slice(8)) < dueDay ? last : `${month}-${String(dueDay).padStart(2, '0')}`;
}
