import { addDays, compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { enrolmentCoverage, isInForce, type MouStatus } from '../mou/mou-status.js';

export type EnrollableMou = { number: string; status: MouStatus; validFrom: LocalDate; validTo: LocalDate };

/**
 * Coverage for a worker enrolled today under this MoU, or why the MoU cannot take them. Places
 * are counted elsewhere: the municipalities service reserves one per (MoU, group) atomically.
 */
export function planEnrolment(mou: EnrollableMou, today: LocalDate): { coverageFrom: LocalDate; coverageTo: LocalDate } {
  if (!isInForce(mou.status)) {
    throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.number} is ${mou.status}; only an MoU in force (ACTIVE, RENEWAL_DUE or RENEWED) can enrol workers.`, 'mouId');
  }
  return enrolmentCoverage(mou, today);
}

/**
 * Checks ending an open (ACTIVE or INACTIVE) enrolment early: covered through `lastCoveredDay`, which lies within its
 * coverage (the day before it began means it never covered anyone), with a reason.
 */
export function checkEnrolmentEnd(enrolment: { status: string; coverageFrom: LocalDate; coverageTo: LocalDate }, lastCoveredDay: LocalDate, reason: string): void {
  if (enrolment.status !== 'ACTIVE' && enrolment.status !== 'INACTIVE') {
    throw new DomainError('INVALID_TRANSITION', `This enrolment is ${enrolment.status}; only an active (or inactive) enrolment can be ended.`, 'participantId');
  }
  parseLocalDate(lastCoveredDay, 'lastCoveredDay');
  if (compareLocalDates(lastCoveredDay, addDays(enrolment.coverageFrom, -1)) < 0 || compareLocalDates(lastCoveredDay, enrolment.coverageTo) > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The last covered day must lie within the coverage (${enrolment.coverageFrom} to ${enrolment.coverageTo}); got ${lastCoveredDay}.`,
      'lastCoveredDay',
    );
  }
  if (!reason.trim() || reason.length > 500) throw new DomainError('BAD_USER_INPUT', 'Give the reason the enrolment ends (at most 500 characters).', 'reason');
}
