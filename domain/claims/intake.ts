import type { CoverageDecision } from '../eligibility/coverage.js';
import { DomainError } from '../errors.js';
import { jkkTableFor } from '../benefits/jkk.js';
import { jkmTableFor } from '../benefits/jkm.js';
import type { LocalDate } from '../calendar.js';
import type { Program } from '../programs.js';

/** Refuses an incident date no benefit table of the program covers (BAD_USER_INPUT). */
export function assertBenefitRulesFor(program: Program, incidentDate: LocalDate): void {
  if (program === 'JKM') jkmTableFor(incidentDate);
  else jkkTableFor(incidentDate);
}

/** A claim is taken in only for a known participant (a participant elsewhere is as good as unknown). */
export function assertClaimantKnown(check: { found: boolean; decision: CoverageDecision }, participantId: string): void {
  if (!check.found) throw new DomainError('NOT_FOUND', `No participant with id ${participantId}.`, 'participantId');
}
