import { compareLocalDates, parseLocalDate, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { PROGRAM_LABELS, type Program } from '../programs.js';

// Was the participant covered for this claim? Every failing reason is listed, each with the
// dates involved, so a caseworker can explain a refusal without looking anything else up.
// Pure and Intl-free: the claim workflow calls this.

export type MembershipStatus = 'ACTIVE' | 'INACTIVE' | 'ENDED';

export type CoverageReasonCode = 'NOT_ACTIVE' | 'BEFORE_COVERAGE' | 'AFTER_COVERAGE' | 'PROGRAM_NOT_COVERED';

export type CoverageDecision = {
  covered: boolean;
  reasons: { code: CoverageReasonCode; message: string }[];
};

export type CoverageInput = {
  status: MembershipStatus;
  coverageFrom: LocalDate;
  coverageTo: LocalDate;
  programs: readonly Program[];
};

export type CoverageClaim = { program: Program; incidentDate: LocalDate };

export function decideCoverage(input: CoverageInput, claim: CoverageClaim): CoverageDecision {
  const incident = parseLocalDate(claim.incidentDate, 'incidentDate');
  const from = parseLocalDate(input.coverageFrom, 'coverageFrom');
  const to = parseLocalDate(input.coverageTo, 'coverageTo');
  const reasons: CoverageDecision['reasons'] = [];

  if (input.status !== 'ACTIVE') {
    // DOMAIN: incidents during inactive months (3 unpaid months) are not covered.
    const state = input.status === 'INACTIVE' ? 'inactive (contributions unpaid)' : 'ended';
    reasons.push({ code: 'NOT_ACTIVE', message: `The membership is ${state}, so the incident on ${incident} is not covered.` });
  }
  if (compareLocalDates(incident, from) < 0) {
    reasons.push({
      code: 'BEFORE_COVERAGE',
      message: `The incident on ${incident} happened before coverage started on ${from}.`,
    });
  }
  if (compareLocalDates(incident, to) > 0) {
    reasons.push({ code: 'AFTER_COVERAGE', message: `The incident on ${incident} happened after coverage ended on ${to}.` });
  }
  if (!input.programs.includes(claim.program)) {
    const has = input.programs.map((p) => PROGRAM_LABELS[p]).join(' and ') || 'no program';
    reasons.push({
      code: 'PROGRAM_NOT_COVERED',
      message: `This participant is not enrolled in ${PROGRAM_LABELS[claim.program]}; the enrolment covers ${has}.`,
    });
  }
  return { covered: reasons.length === 0, reasons };
}

export function assertIncidentNotInFuture(incidentDate: LocalDate, today: LocalDate): void {
  parseLocalDate(incidentDate, 'incidentDate');
  if (compareLocalDates(incidentDate, today) > 0) {
    throw new DomainError('BAD_USER_INPUT', `The incident date ${incidentDate} is in the future; today is ${today}.`, 'incidentDate');
  }
}
