import { compareLocalDates, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { validateNik, type NikIssue } from '../nik.js';
import type { OccupationGroup, Sex } from './occupation.js';

// What a city submits for one person, as it is checked and stored.

export type EnrolmentApplicant = {
  nik: string;
  fullName: string;
  birthDate: LocalDate;
  sex: Sex;
  motherMaidenName: string;
  address: string;
};

/** The submitted form as checked and stored: leading and trailing spaces (a spreadsheet's) dropped. */
export function normaliseApplicant<T extends EnrolmentApplicant & { occupationGroup: OccupationGroup }>(input: T): T {
  return { ...input, nik: input.nik.trim(), fullName: input.fullName.trim(), motherMaidenName: input.motherMaidenName.trim(), address: input.address.trim() };
}

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
