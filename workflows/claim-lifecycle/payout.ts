import { ActivityFailure, log, patched, sleep } from '@temporalio/workflow';
import { systemActor } from '../../domain/access.js';
import { DEFAULT_PAYOUT_RETRY, type PayoutRetry } from '../shared/activity-options.js';
import type { ClaimRecordActivities, PayoutReceipt } from './claim-lifecycle.activities.js';
import type { ClaimState } from './claim-state.js';

/** The actor recorded for steps the claim workflow takes on its own. */
export const CLAIM_WORKFLOW_ACTOR = 'system:claim-lifecycle';

/** Longest pause between two payout schedules after the activity failed for good. */
const MAX_PAUSE_MS = 60 * 60 * 1000;

/**
 * Pays an approved claim and marks it PAID. The payout activity is idempotent on
 * (claim, instalment): a retry never pays twice, so it is retried until it succeeds — by
 * Temporal without a limit on attempts (payoutActivityOptions), and should the activity still
 * fail for good (a failure it does not retry, or a payout scheduled under the earlier 20-attempt
 * policy), by the workflow after a pause, with an alert in the worker's log. Meanwhile the claim
 * stays visibly APPROVED; it never ends there.
 */
export async function payOut(
  claimId: string,
  state: ClaimState,
  claims: Pick<ClaimRecordActivities, 'payClaim' | 'recordTransition'>,
  retry: PayoutRetry = DEFAULT_PAYOUT_RETRY,
): Promise<string> {
  const payout = await payUntilPaid(claimId, claims, retry);
  await claims.recordTransition({ claimId, action: 'PAY', from: 'APPROVED', to: 'PAID', actor: systemActor(CLAIM_WORKFLOW_ACTOR), reasonCode: null, note: payout.reference });
  state.progress.status = 'PAID';
  return payout.reference;
}

async function payUntilPaid(claimId: string, claims: Pick<ClaimRecordActivities, 'payClaim'>, retry: PayoutRetry): Promise<PayoutReceipt> {
  let pause = retry.pauseMs;
  for (let round = 1; ; round++) {
    try {
      return await claims.payClaim({ claimId, instalment: 1 });
    } catch (error) {
      // Histories recorded before this loop ended the workflow here; they must replay as they ran.
      if (!(error instanceof ActivityFailure) || !patched('payout-retried-until-paid')) throw error;
      log.error(`ALERT payout of claim ${claimId} failed for good (round ${round}); scheduling it again in ${Math.round(pause / 1000)} s`, {
        claimId,
        cause: error.cause?.message ?? error.message,
      });
      await sleep(pause);
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }
}
