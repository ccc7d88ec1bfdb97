import type { LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { enrolmentCoverage } from '../mou/mou-status.js';

export type EnrollableMou = { number: string; status: string; validFrom: LocalDate; validTo: LocalDate; quota: number };

/** Coverage for a worker enrolled today under this MoU, or why the MoU cannot take them. */
export function planEnrolment(mou: EnrollableMou, today: LocalDate, activeCount: number): { coverageFrom: LocalDate; coverageTo: LocalDate } {
  if (mou.status !== 'ACTIVE') {
    throw new DomainError('NOT_ELIGIBLE', `MoU ${mou.number} is ${mou.status}; only an ACTIVE MoU can enrol workers.`, 'mouId');
  }
  if (activeCount >= mou.quota) {
    throw new DomainError('QUOTA_EXCEEDED', `MoU ${mou.number} already covers its quota of ${mou.quota} workers.`, 'mouId');
  }
  return enrolmentCoverage(mou, today);
}
