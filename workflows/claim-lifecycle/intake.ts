import { assertClaimCovered, benefitFor } from '../../domain/claims/intake.js';
import { applyRule } from '../shared/rules.js';
import type { ClaimRecordActivities, CoverageActivities } from './claim-lifecycle.activities.js';
import type { ClaimLifecycleInput } from './claim-lifecycle.messages.js';
import type { ClaimState } from './claim-state.js';

/**
 * Takes the claim in: the person was covered on the incident date (asked of participants), the
 * benefit comes from the table in force that day, and the claim is recorded. A broken rule
 * throws with its code and nothing is written.
 */
export async function takeIn(
  input: ClaimLifecycleInput,
  state: ClaimState,
  participants: CoverageActivities,
  claims: Pick<ClaimRecordActivities, 'recordClaimSubmitted'>,
): Promise<void> {
  const coverage = await participants.checkCoverage({
    participantId: input.participantId,
    program: input.program,
    incidentDate: input.incidentDate,
    cities: input.cities,
  });
  applyRule(() => assertClaimCovered(coverage, input.participantId));
  const benefit = applyRule(() => benefitFor(input.program, input.incidentDate));
  state.benefitTotal = benefit.total;
  await claims.recordClaimSubmitted({
    claimId: input.claimId,
    participantId: input.participantId,
    municipalityId: coverage.municipalityId!,
    regionCode: coverage.regionCode!,
    program: input.program,
    incidentDate: input.incidentDate,
    heir: input.heir,
    submittedBy: { subject: input.submittedBy, roles: input.submitterRoles, cities: input.cities, clientId: null, requestId: input.requestId },
    regulation: benefit.regulation,
    components: benefit.components.map((c) => ({ code: c.code, label: c.label, amount: c.amount.toString() })),
    total: benefit.total.toString(),
  });
  state.progress.status = 'AWAITING_VERIFICATION';
}
