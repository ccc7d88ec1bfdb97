import type { LocalDate } from '../calendar.js';
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
