import { allHandlersFinished, condition, proxyActivities, setHandler, type ApplicationFailure } from '@temporalio/workflow';
import { activityOptions, payoutActivityOptions } from '../shared/activity-options.js';
import { Mutex } from '../shared/mutex.js';
import { callerFailure } from '../shared/rules.js';
import type { ClaimRecordActivities, CoverageActivities } from './claim-lifecycle.activities.js';
import { intakeUpdate, progressQuery, type ClaimLifecycleInput, type ClaimOutcome } from './claim-lifecycle.messages.js';
import { handleCaseworkerSteps } from './caseworker-steps.js';
import { newClaimState } from './claim-state.js';
import { takeIn } from './intake.js';
import { handlePayoutAccounts, payOut } from './payout.js';
import type { PayoutActivities } from './payout.activities.js';

/**
 * One claim from filing to payout. Workflow id `claim/<claimId>`.
 * intake (coverage check, benefit, record) → documents verified → approved by a third
 * person → paid once → PAID; or REJECTED with a reason code. Every step is written to the
 * claims read model by an activity before the caller hears back.
 */
export async function claimLifecycle(input: ClaimLifecycleInput): Promise<ClaimOutcome> {
  const participants = proxyActivities<CoverageActivities>(activityOptions(input.queues.participants));
  const claims = proxyActivities<ClaimRecordActivities>(activityOptions(input.queues.claims));
  const payouts = proxyActivities<Pick<ClaimRecordActivities, 'payClaim'>>(payoutActivityOptions(input.queues.claims, input.payoutRetry));
  const state = newClaimState();
  const payoutSteps = proxyActivities<Omit<PayoutActivities, 'payHeir'>>(activityOptions(input.queues.claims));
  const heirPayouts = proxyActivities<Pick<PayoutActivities, 'payHeir'>>(payoutActivityOptions(input.queues.claims, input.payoutRetry));

  // The `intake` Update (sent with the start) answers once intake is decided.
  let intakeRefusal: ApplicationFailure | null | undefined;
  setHandler(progressQuery, () => ({ ...state.progress }));
  setHandler(intakeUpdate, async () => {
    await condition(() => intakeRefusal !== undefined);
    if (intakeRefusal) throw intakeRefusal;
    return { ...state.progress };
  });
  handleCaseworkerSteps(input, state, claims, new Mutex());
  const desk = handlePayoutAccounts(input, state, claims, payoutSteps);

  try {
    await takeIn(input, state, participants, claims);
  } catch (error) {
    intakeRefusal = callerFailure(error);
    await condition(allHandlersFinished);
    return { status: 'NOT_ACCEPTED', payoutReference: null };
  }
  intakeRefusal = null;

  // Caseworkers move the claim on through the Updates; wait for the decision.
  await condition(() => state.progress.status === 'APPROVED' || state.progress.status === 'REJECTED');
  if (state.progress.status === 'REJECTED') {
    await condition(allHandlersFinished);
    return { status: 'REJECTED', payoutReference: null };
  }
  const payoutReference = await payOut(input.claimId, state, { payClaim: payouts.payClaim, recordTransition: claims.recordTransition }, input.payoutRetry, {
    // Activity proxies have no own keys to spread: name each function.
    payouts: {
      listPayoutLines: payoutSteps.listPayoutLines,
      recordBenefitPayable: payoutSteps.recordBenefitPayable,
      recordPayoutAccount: payoutSteps.recordPayoutAccount,
      payHeir: heirPayouts.payHeir,
    },
    desk,
  });
  await condition(allHandlersFinished);
  return { status: 'PAID', payoutReference };
}
