import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import type { Rupiah } from '../money.js';
import { assertPrograms } from '../programs.js';

// MoU lifecycle and terms. Pure: the MoU workflow and the municipalities subgraph share it.

export const MOU_STATUSES = ['DRAFT', 'ACTIVE', 'EXPIRED', 'TERMINATED'] as const;
export type MouStatus = (typeof MOU_STATUSES)[number];

export type MouPeriod = { validFrom: LocalDate; validTo: LocalDate };
export type MouLike = MouPeriod & { status: MouStatus };

/** DOMAIN default, overridable per MoU: reminders this many days before expiry. */
export const MOU_REMINDER_OFFSETS_DAYS: readonly number[] = [90, 60, 30, 7];

const WHY_NOT: Record<MouStatus, string> = {
  DRAFT: 'This MoU is still a draft',
  ACTIVE: 'This MoU is already active',
  EXPIRED: 'This MoU has expired',
  TERMINATED: 'This MoU was terminated',
};

/** Checks that a draft MoU may be activated today; returns the new status. */
export function activateMou(mou: MouLike, today: LocalDate): MouStatus {
  if (mou.status !== 'DRAFT') {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; only a draft MoU can be activated.`, 'status');
  }
  if (compareLocalDates(mou.validTo, today) < 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `This MoU ended on ${mou.validTo}, before today (${today}); correct its end date before activating it.`,
      'validTo',
    );
  }
  return 'ACTIVE';
}

/** An active MoU ends early by decision of the parties. */
export function terminateMou(mou: MouLike): MouStatus {
  if (mou.status !== 'ACTIVE') {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; only an active MoU can be terminated.`, 'status');
  }
  return 'TERMINATED';
}

/** An active MoU expires the day after validTo. */
export function expireMou(mou: MouLike, today: LocalDate): MouStatus {
  if (mou.status !== 'ACTIVE') {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; only an active MoU can expire.`, 'status');
  }
  if (compareLocalDates(today, mou.validTo) <= 0) {
    throw new DomainError('INVALID_TRANSITION', `This MoU runs until ${mou.validTo}; it cannot expire on ${today}.`, 'status');
  }
  return 'EXPIRED';
}

/** The status as of today: a stored ACTIVE past its end date reads as EXPIRED. */
export function mouStatusOn(mou: MouLike, today: LocalDate): MouStatus {
  return mou.status === 'ACTIVE' && compareLocalDates(today, mou.validTo) > 0 ? 'EXPIRED' : mou.status;
}

/** Reminder dates before expiry, earliest first; those already past on `today` are left out when today is given. */
export function mouReminderDates(
  validTo: LocalDate,
  offsetsDays: readonly number[] = MOU_REMINDER_OFFSETS_DAYS,
  today?: LocalDate,
): { daysBefore: number; date: LocalDate }[] {
  return [...new Set(offsetsDays)]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ daysBefore, date: addDays(validTo, -daysBefore) }))
    .filter((r) => today === undefined || compareLocalDates(r.date, today) >= 0);
}

export type MouTerms = MouPeriod & { budget: Rupiah; quota: number; programs: readonly string[] };

export function validateMouTerms(terms: MouTerms): void {
  const from = parseLocalDate(terms.validFrom, 'validFrom');
  const to = parseLocalDate(terms.validTo, 'validTo');
  if (compareLocalDates(to, from) <= 0) {
    throw new DomainError('BAD_USER_INPUT', `validTo (${to}) must be after validFrom (${from}).`, 'validTo');
  }
  if (terms.budget <= 0n) {
    throw new DomainError('BAD_USER_INPUT', 'budget must be more than Rp 0.', 'budget');
  }
  if (!Number.isSafeInteger(terms.quota) || terms.quota <= 0) {
    throw new DomainError('BAD_USER_INPUT', `quota must be a whole number of participants above 0; got ${terms.quota}.`, 'quota');
  }
  assertPrograms(terms.programs, 'programs');
}

/** Human reference read out on the phone: mouNumber('18.72', 2026, 1) → 'MOU/1872/2026/0001'. */
export function mouNumber(regionCode: string, year: number, sequence: number): string {
  const region = /^(\d{2})\.?(\d{2})$/.exec(regionCode);
  if (!region) throw new DomainError('BAD_USER_INPUT', `regionCode must look like 18.72; got "${regionCode}".`, 'regionCode');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new DomainError('BAD_USER_INPUT', `year must have four digits; got ${year}.`, 'year');
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new DomainError('BAD_USER_INPUT', `sequence must be a whole number from 1; got ${sequence}.`, 'sequence');
  }
  return `MOU/${region[1]}${region[2]}/${year}/${String(sequence).padStart(4, '0')}`;
}

/** Coverage for someone enrolled under the MoU: from enrolment (not before the MoU starts) to the MoU's end. */
export function enrolmentCoverage(mou: MouPeriod, enrolDate: LocalDate): { coverageFrom: LocalDate; coverageTo: LocalDate } {
  parseLocalDate(enrolDate, 'enrolDate');
  if (compareLocalDates(enrolDate, mou.validTo) > 0) {
    throw new DomainError(
      'NOT_ELIGIBLE',
      `The MoU ended on ${mou.validTo}, so no one can be enrolled under it on ${enrolDate}.`,
      'enrolDate',
    );
  }
  const coverageFrom = compareLocalDates(enrolDate, mou.validFrom) < 0 ? mou.validFrom : enrolDate;
  return { coverageFrom, coverageTo: mou.validTo };
}
