import { systemActor } from '../../domain/access.js';
import type { ClaimRecordActivities } from './claim-lifecycle.activities.js';
import type { ClaimState } from './claim-state.js';

/** The actor recorded for steps the claim workflow takes on its own. */
export const CLAIM_WORKFLOW_ACTOR = 'system:claim-lifecycle';

/**
 * Pays an approved claim and marks it PAID. The payout activity is idempotent on
 * (claim, instalment): a retry never pays twice.
 */
export async function payOut(claimId: string, state: ClaimState, claims: Pick<ClaimRecordActivities, 'payClaim' | 'recordTransition'>): Promise<string> {
  const payout = await claims.payClaim({ claimId, instalment: 1 });
  await claims.recordTransition({ claimId, action: 'PAY', from: 'APPROVED', to: 'PAID', actor: systemActor(CLAIM_WORKFLOW_ACTOR), reasonCode: null, note: payout.reference });
  state.progress.status = 'PAID';
  return payout.reference;
}
