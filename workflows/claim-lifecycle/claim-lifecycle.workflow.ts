import { allHandlersFinished, condition, proxyActivities, setHandler, type ApplicationFailure } from '@temporalio/workflow';
import { systemActor } from '../../domain/access.js';
import { activityOptions, payoutActivityOptions } from '../shared/activity-options.js';
import { Mutex } from '../shared/mutex.js';
import { callerFailure } from '../shared/rules.js';
import type { ClaimRecordActivities, CoverageActivities } from './claim-lifecycle.activities.js';
import { intakeUpdate, progressQuery, reopenUpdate, type ClaimLifecycleInput, type ClaimOutcome } from './claim-lifecycle.messages.js';
import { handleCaseworkerSteps } from './caseworker-steps.js';
import { newClaimState, type ClaimState } from './claim-state.js';
import { takeIn } from './intake.js';
import { handlePayoutAccounts, payOut } from './payout.js';
import type { PayoutActivities } from './payout.activities.js';
import { watchSlaClocks } from './sla-watch.js';
import { recordDeathOfPaidJkm } from './people.js';
import { startScholarshipOfPaidClaim } from '../scholarship/start.js';

/**
 * One claim from filing to payout. Workflow id `claim/<claimId>`.
 * intake (coverage and eligibility, heirs in legal order, benefit, record) → documents
 * verified (or more requested and re-submitted) → approved by a third person → paid once →
 * PAID; or REJECTED with a reason code (a reopened claim runs again under the same id, from
 * the documents step), or CANCELLED. Every step is written to the claims read model by an
 * activity before the caller hears back; SLA clocks raise alerts while the claim waits.
 */
export async function claimLifecycle(input: ClaimLifecycleInput): Promise<ClaimOutcome> {
  const participants = proxyActivities<CoverageActivities>(activityOptions(input.queues.participants));
  const claims = proxyActivities<ClaimRecordActivities>(activityOptions(input.queues.claims));
  const payouts = proxyActivities<Pick<ClaimRecordActivities, 'payClaim'>>(payoutActivityOptions(input.queues.claims, input.payoutRetry));
  const state = newClaimState();
  const payoutSteps = proxyActivities<Omit<PayoutActivities, 'payHeir'>>(activityOptions(input.queues.claims));
  const heirPayouts = proxyActivities<Pick<PayoutActivities, 'payHeir'>>(payoutActivityOptions(input.queues.claims, input.payoutRetry));

  // The `intake` (or, for a reopened claim, `reopen`) Update sent with the start answers once that is decided.
  let intakeRefusal: ApplicationFailure | null | undefined;
  setHandler(progressQuery, () => ({ ...state.progress }));
  const answerIntake = async () => {
    await condition(() => intakeRefusal !== undefined);
    if (intakeRefusal) throw intakeRefusal;
    return { ...state.progress };
  };
  setHandler(intakeUpdate, answerIntake);
  setHandler(reopenUpdate, answerIntake);
  handleCaseworkerSteps(input, state, claims, new Mutex());
  const desk = handlePayoutAccounts(input, state, claims, payoutSteps);

  try {
    if (input.reopened) await reopen(input, state, claims);
    else await takeIn(input, state, participants, claims);
  } catch (error) {
    intakeRefusal = callerFailure(error);
    await condition(allHandlersFinished);
    return { status: 'NOT_ACCEPTED', payoutReference: null };
  }
  intakeRefusal = null;
  const watching = watchSlaClocks(input.claimId, state, claims);

  // Caseworkers move the claim on through the Updates; wait for the decision.
  await condition(() => ['APPROVED', 'REJECTED', 'CANCELLED'].includes(state.progress.status));
  if (state.progress.status === 'REJECTED' || state.progress.status === 'CANCELLED') {
    await condition(allHandlersFinished);
    return { status: state.progress.status, payoutReference: null };
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
  await watching;
  await recordDeathOfPaidJkm(input);
  await startScholarshipOfPaidClaim(input);
  await condition(allHandlersFinished);
  return { status: 'PAID', payoutReference };
}

/** A rejected claim taken up again: back to the documents step, with the earlier approvers barred. */
async function reopen(input: ClaimLifecycleInput, state: ClaimState, claims: Pick<ClaimRecordActivities, 'recordTransition'>): Promise<void> {
  const reopened = input.reopened!;
  state.benefitTotal = BigInt(reopened.benefitTotal);
  state.pastApprovers = [...reopened.pastApprovers];
  state.progress.status = 'REJECTED';
  await claims.recordTransition({
    claimId: input.claimId,
    action: 'REOPEN',
    from: 'REJECTED',
    to: 'AWAITING_VERIFICATION',
    actor: { ...systemActor(reopened.by), roles: reopened.roles, cities: input.cities, requestId: reopened.requestId },
    reasonCode: null,
    note: reopened.reason,
  });
  state.progress.status = 'AWAITING_VERIFICATION';
}
