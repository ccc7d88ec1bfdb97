import { compareLocalDates, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { enrolmentCoverage } from '../mou/mou-status.js';
import { validateNik, type NikIssue } from '../nik.js';

export type EnrolmentApplicant = {
  nik: string;
  fullName: string;
  birthDate: LocalDate;
  sex: 'M' | 'F';
  motherMaidenName: string;
  address: string;
};

/** Checks what a city submitted for one person; the first problem is reported with its field. */
export function validateApplicant(applicant: EnrolmentApplicant, today: LocalDate): void {
  const nik = validateNik(applicant.nik);
  const nikError = nik.errors[0];
  if (nikError) throw new DomainError('BAD_USER_INPUT', nikError.message, 'nik');
  const required: [keyof EnrolmentApplicant, string][] = [
    ['fullName', 'the full name as on the KTP'],
    ['motherMaidenName', 'the mother’s maiden name (BPJS uses it to match the civil registry)'],
    ['address', 'the address'],
  ];
  for (const [field, what] of required) {
    if (!applicant[field].trim()) throw new DomainError('BAD_USER_INPUT', `Fill in ${what}.`, field);
  }
  if (compareLocalDates(applicant.birthDate, today) >= 0) {
    throw new DomainError('BAD_USER_INPUT', `The birth date ${applicant.birthDate} is not in the past.`, 'birthDate');
  }
}

/** Mismatches a NIK cannot settle (it records where it was first issued): shown, not refused. */
export function applicantWarnings(applicant: EnrolmentApplicant, regionCode: string): NikIssue[] {
  return validateNik(applicant.nik, { expectedRegionCode: regionCode, birthDate: applicant.birthDate, sex: applicant.sex }).warnings;
}

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
