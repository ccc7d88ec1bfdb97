import type { CoverageDecision } from '../eligibility/coverage.js';
import { DomainError } from '../errors.js';
import { jkmBenefitFor, type BenefitBreakdown } from '../benefits/jkm.js';
import type { LocalDate } from '../calendar.js';
import type { Program } from '../programs.js';

/** The benefit a claim is worth, from the table in force on the incident date. */
export function benefitFor(program: Program, incidentDate: LocalDate): BenefitBreakdown {
  if (program !== 'JKM') {
    throw new DomainError('BAD_USER_INPUT', 'Only JKM (death) claims can be filed here so far; file JKK claims at the BPJS branch.', 'program');
  }
  return jkmBenefitFor(incidentDate);
}

/** A claim is taken in only for a known participant who was covered on the incident date. */
export function assertClaimCovered(check: { found: boolean; decision: CoverageDecision }, participantId: string): void {
  if (!check.found) throw new DomainError('NOT_FOUND', `No participant with id ${participantId}.`, 'participantId');
  if (!check.decision.covered) {
    const why = check.decision.reasons.map((reason) => reason.message).join(' ');
    throw new DomainError('NOT_ELIGIBLE', `This claim cannot be accepted: ${why}`, 'incidentDate');
  }
}
