import { addMonths, compareLocalDates, type LocalDate } from '../calendar.js';
import { DomainError } from '../errors.js';
import { PROGRAM_LABELS, type Program } from '../programs.js';
import type { CoverageDecision } from './coverage.js';

// Whether a claim may be taken in, with one coded reason per broken rule so partner apps and
// caseworkers can tell "not covered that day" from "in arrears" from "already claimed".
// The code travels as `extensions.reason` next to the error code NOT_ELIGIBLE.

export const ELIGIBILITY_REASONS = {
  NOT_ENROLLED: 'The person has no enrolment covering that day.',
  BEFORE_START: 'The incident happened before coverage started.',
  ENDED: 'The incident happened after coverage ended.',
  INACTIVE_ARREARS: 'The membership was inactive for unpaid contributions (3 months in arrears).',
  PROGRAM_NOT_IN_MOU: 'The MoU does not include this program.',
  JKK_EXPIRED: 'JKK claims lapse 5 years after the accident.',
  SECOND_JKM: 'A person dies once: a JKM claim for them is already open or paid.',
  HEIR_ORDER: 'Heirs must be named in legal order.',
} as const;
export type EligibilityReason = keyof typeof ELIGIBILITY_REASONS;

export type EligibilityProblem = { reason: EligibilityReason; message: string };

/**
 * The coverage contract's reason codes in this module's vocabulary. The participants service
 * answers NOT_ENROLLED/ENDED/INACTIVE_ARREARS/BEFORE_START (people model), older builds
 * NOT_ACTIVE/BEFORE_COVERAGE/AFTER_COVERAGE/PROGRAM_NOT_COVERED; both are read here, in one place.
 */
export function eligibilityReasonOf(code: string, message = ''): EligibilityReason {
  switch (code) {
    case 'NOT_ENROLLED':
    case 'BEFORE_START':
    case 'ENDED':
    case 'INACTIVE_ARREARS':
      return code;
    case 'BEFORE_COVERAGE':
      return 'BEFORE_START';
    case 'AFTER_COVERAGE':
      return 'ENDED';
    case 'PROGRAM_NOT_COVERED':
    case 'PROGRAM_NOT_IN_MOU':
      return 'PROGRAM_NOT_IN_MOU';
    case 'NOT_ACTIVE':
      return /inactive/i.test(message) ? 'INACTIVE_ARREARS' : 'ENDED';
    default:
      return 'NOT_ENROLLED';
  }
}

export type EligibilityFacts = {
  program: Program;
  incidentDate: LocalDate;
  /** The day the claim is filed, in the city's calendar. */
  filedOn: LocalDate;
  coverage: CoverageDecision;
  /** Months after which a JKK claim lapses (from the JKK table in force). */
  jkkExpiryMonths: number;
};

export function eligibilityProblems(facts: EligibilityFacts): EligibilityProblem[] {
  const problems: EligibilityProblem[] = facts.coverage.reasons.map((r) => ({ reason: eligibilityReasonOf(r.code, r.message), message: r.message }));
  if (!facts.coverage.covered && problems.length === 0) problems.push({ reason: 'NOT_ENROLLED', message: `No enrolment covers ${facts.incidentDate}.` });
  if (facts.program === 'JKK') {
    const lapse = addMonths(facts.incidentDate, facts.jkkExpiryMonths);
    if (compareLocalDates(facts.filedOn, lapse) >= 0) {
      problems.push({
        reason: 'JKK_EXPIRED',
        message: `The accident on ${facts.incidentDate} can be claimed until the day before ${lapse}; this claim is filed on ${facts.filedOn}.`,
      });
    }
  }
  return problems;
}

/** Throws NOT_ELIGIBLE naming the first reason (extensions.reason) and every message. */
export function assertEligible(facts: EligibilityFacts): void {
  const problems = eligibilityProblems(facts);
  if (problems.length === 0) return;
  const field = problems[0]!.reason === 'PROGRAM_NOT_IN_MOU' ? 'program' : 'incidentDate';
  throw new DomainError('NOT_ELIGIBLE', `This ${PROGRAM_LABELS[facts.program]} claim cannot be accepted: ${problems.map((p) => p.message).join(' ')}`, field, {
    reason: problems[0]!.reason,
    reasons: problems.map((p) => p.reason).join(','),
  });
}

/** A second JKM claim for one person (the database's unique index says the same). */
export function secondJkmRefusal(existing: { number: string; status: string }): DomainError {
  return new DomainError('NOT_ELIGIBLE', `This participant already has JKM claim ${existing.number} (${existing.status}); a death can be claimed once.`, 'participantId', {
    reason: 'SECOND_JKM',
  });
}
