import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';

// The MoU lifecycle. Pure: the MoU workflow (Update validators, its schedule) and the
// municipalities subgraph share it.
//
//   DRAFT ─sign─▶ AWAITING_SIGNATURES ─sign (other party)─▶ SIGNED ─validFrom─▶ ACTIVE
//   ACTIVE ─reminder window─▶ RENEWAL_DUE ─renew─▶ RENEWED (still in force until validTo)
//   ACTIVE | RENEWAL_DUE ─day after validTo─▶ EXPIRED;   any open status ─terminate─▶ TERMINATED
// A fully signed MoU whose term has begun goes straight to ACTIVE.

export const MOU_STATUSES = ['DRAFT', 'AWAITING_SIGNATURES', 'SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'RENEWED', 'EXPIRED', 'TERMINATED'] as const;
export type MouStatus = (typeof MOU_STATUSES)[number];

export const MOU_PARTIES = ['CITY', 'BPJS'] as const;
export type MouParty = (typeof MOU_PARTIES)[number];

/** Statuses in which the MoU funds coverage and may enrol workers (while its term runs). */
export const IN_FORCE_STATUSES: readonly MouStatus[] = ['ACTIVE', 'RENEWAL_DUE', 'RENEWED'];
/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: readonly MouStatus[] = ['EXPIRED', 'TERMINATED'];

export type MouPeriod = { validFrom: LocalDate; validTo: LocalDate };
export type MouLike = MouPeriod & { status: MouStatus };

/** DOMAIN default, overridable per MoU: reminders this many days before expiry. */
export const MOU_REMINDER_OFFSETS_DAYS: readonly number[] = [90, 60, 30, 7];
/** DOMAIN default [?]: not renewed this many days before expiry → escalated to BPJS administrators. */
export const MOU_ESCALATION_DAYS_BEFORE = 30;

const WHY_NOT: Record<MouStatus, string> = {
  DRAFT: 'This MoU is still a draft',
  AWAITING_SIGNATURES: 'This MoU is waiting for signatures',
  SIGNED: 'This MoU is signed but its term has not begun',
  ACTIVE: 'This MoU is active',
  RENEWAL_DUE: 'This MoU is due for renewal',
  RENEWED: 'This MoU has already been renewed',
  EXPIRED: 'This MoU has expired',
  TERMINATED: 'This MoU was terminated',
};

export function isInForce(status: MouStatus): boolean {
  return IN_FORCE_STATUSES.includes(status);
}

export function isFinal(status: MouStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Checks one party's signature; returns the status after it. Each party signs once. */
export function signMou(mou: MouLike & { signed: readonly MouParty[] }, party: MouParty, signedOn: LocalDate, today: LocalDate): MouStatus {
  if (mou.status !== 'DRAFT' && mou.status !== 'AWAITING_SIGNATURES') {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; only a draft can be signed.`, 'party');
  }
  if (mou.signed.includes(party)) {
    throw new DomainError('CONFLICT', `The ${party === 'CITY' ? 'city' : 'BPJS office'} has already signed this MoU; each party signs once.`, 'party');
  }
  parseLocalDate(signedOn, 'signedOn');
  if (compareLocalDates(signedOn, today) > 0) {
    throw new DomainError('BAD_USER_INPUT', `The signing date ${signedOn} is in the future; today is ${today}.`, 'signedOn');
  }
  if (compareLocalDates(mou.validTo, today) < 0) {
    throw new DomainError('BAD_USER_INPUT', `This MoU ended on ${mou.validTo}, before today (${today}); correct its end date before signing it.`, 'validTo');
  }
  if (mou.signed.length === 0) return 'AWAITING_SIGNATURES';
  return compareLocalDates(today, mou.validFrom) >= 0 ? 'ACTIVE' : 'SIGNED';
}

/** A renewal is decided while the MoU is in force and not yet renewed. */
export function renewMou(mou: MouLike, today: LocalDate): MouStatus {
  if (mou.status !== 'ACTIVE' && mou.status !== 'RENEWAL_DUE') {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; only an active MoU can be renewed.`, 'id');
  }
  if (compareLocalDates(today, mou.validTo) > 0) {
    throw new DomainError('INVALID_TRANSITION', `This MoU ended on ${mou.validTo}; it can no longer be renewed.`, 'id');
  }
  return 'RENEWED';
}

/** Ends an MoU early by decision of the parties (a draft can be abandoned the same way). */
export function terminateMou(mou: MouLike, reason: string): MouStatus {
  if (isFinal(mou.status)) {
    throw new DomainError('INVALID_TRANSITION', `${WHY_NOT[mou.status]}; it cannot be terminated.`, 'id');
  }
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Give the reason for terminating the MoU.', 'reason');
  if (reason.length > 500) throw new DomainError('BAD_USER_INPUT', 'The reason is longer than 500 characters.', 'reason');
  return 'TERMINATED';
}

/** The status as of today: a stored in-force status past its end date reads as ended. */
export function mouStatusOn(mou: MouLike, today: LocalDate): MouStatus {
  return (mou.status === 'ACTIVE' || mou.status === 'RENEWAL_DUE') && compareLocalDates(today, mou.validTo) > 0 ? 'EXPIRED' : mou.status;
}

/** Checks reminder offsets: whole days from 1 to 730, at least one. */
export function validateReminderOffsets(offsets: readonly number[], field = 'reminderOffsetsDays'): number[] {
  if (offsets.length === 0 || offsets.length > 12) throw new DomainError('BAD_USER_INPUT', 'Give between 1 and 12 reminder offsets (days before expiry).', field);
  for (const o of offsets) {
    if (!Number.isInteger(o) || o < 1 || o > 730) throw new DomainError('BAD_USER_INPUT', `A reminder offset must be a whole number of days from 1 to 730; got ${o}.`, field);
  }
  return [...new Set(offsets)].sort((a, b) => b - a);
}

/** Reminder dates before expiry, earliest first; those already past on `today` are left out when today is given. */
export function mouReminderDates(validTo: LocalDate, offsetsDays: readonly number[] = MOU_REMINDER_OFFSETS_DAYS, today?: LocalDate): { daysBefore: number; date: LocalDate }[] {
  return [...new Set(offsetsDays)]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ daysBefore, date: addDays(validTo, -daysBefore) }))
    .filter((r) => today === undefined || compareLocalDates(r.date, today) >= 0);
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
    throw new DomainError('NOT_ELIGIBLE', `The MoU ended on ${mou.validTo}, so no one can be enrolled under it on ${enrolDate}.`, 'enrolDate');
  }
  const coverageFrom = compareLocalDates(enrolDate, mou.validFrom) < 0 ? mou.validFrom : enrolDate;
  return { coverageFrom, coverageTo: mou.validTo };
}
