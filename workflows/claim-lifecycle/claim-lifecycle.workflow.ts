import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { assertRejectionReason, checkApprover, nextStatus, type ClaimAction, type ClaimStatus } from '../../domain/claims/claim-status.js';
import { checkApprovalAuthority } from '../../domain/claims/approval.js';
import { assertClaimCovered, benefitFor } from '../../domain/claims/intake.js';
import type { ClaimActivities } from '../../services/claims/src/activities.js';
import type { ParticipantActivities } from '../../services/participants/src/activities.js';
import { ACTIVITY_RETRY, applyRule, asFailure } from '../failures.js';
import {
  approveUpdate,
  intakeUpdate,
  progressQuery,
  rejectUpdate,
  SYSTEM_ACTOR,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimOutcome,
  type ClaimProgress,
  type RejectCommand,
} from './claim-lifecycle.messages.js';

/**
 * One claim from filing to payout. Workflow id `claim/<claimId>`.
 * intake (coverage check, benefit, record) → documents verified → approved by a third
 * person → paid once → PAID; or REJECTED with a reason code. Every step is written to the
 * claims read model by an activity before the caller hears back.
 */
export async function claimLifecycle(input: ClaimLifecycleInput): Promise<ClaimOutcome> {
  const participants = proxyActivities<ParticipantActivities>({ taskQueue: input.queues.participants, startToCloseTimeout: '10s', retry: ACTIVITY_RETRY });
  const claims = proxyActivities<ClaimActivities>({ taskQueue: input.queues.claims, startToCloseTimeout: '10s', retry: ACTIVITY_RETRY });

  const progress: ClaimProgress = { status: 'SUBMITTED', verifiedBy: null, approvedBy: null };
  let benefitTotal = 0n;
  let intakeRefusal: ApplicationFailure | null | undefined;
  let busy = false;

  const checkAction = (action: ClaimAction, command: ClaimCommand | RejectCommand) =>
    applyRule(() => {
      nextStatus(progress.status, action);
      if (action === 'APPROVE') {
        checkApprover({ approver: command.actor, submitter: input.submittedBy, verifier: progress.verifiedBy });
        checkApprovalAuthority(command, benefitTotal, BigInt(input.supervisorThreshold));
      }
      if (action === 'REJECT') assertRejectionReason((command as RejectCommand).reasonCode, 'reasonCode');
    });

  // Caseworker steps run one at a time; each re-checks the rules after waiting its turn.
  const act = async (action: ClaimAction, command: ClaimCommand | RejectCommand): Promise<ClaimProgress> => {
    // Several waiters can be woken by the same release: whoever runs first takes the turn.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      checkAction(action, command);
      const to = nextStatus(progress.status, action);
      const reasonCode = action === 'REJECT' ? (command as RejectCommand).reasonCode : null;
      const actor = { subject: command.actor, roles: command.roles, cities: command.cities, clientId: null, requestId: command.requestId };
      await claims.recordTransition({ claimId: input.claimId, action, from: progress.status, to, actor, reasonCode, note: command.note });
      progress.status = to;
      if (action === 'VERIFY_DOCUMENTS') progress.verifiedBy = command.actor;
      if (action === 'APPROVE') progress.approvedBy = command.actor;
      return { ...progress };
    } catch (error) {
      throw toFailure(error);
    } finally {
      busy = false;
    }
  };

  setHandler(progressQuery, () => ({ ...progress }));
  setHandler(intakeUpdate, async () => {
    await condition(() => intakeRefusal !== undefined);
    if (intakeRefusal) throw intakeRefusal;
    return { ...progress };
  });
  setHandler(verifyDocumentsUpdate, (command) => act('VERIFY_DOCUMENTS', command), { validator: (command) => checkAction('VERIFY_DOCUMENTS', command) });
  setHandler(approveUpdate, (command) => act('APPROVE', command), { validator: (command) => checkAction('APPROVE', command) });
  setHandler(rejectUpdate, (command) => act('REJECT', command), { validator: (command) => checkAction('REJECT', command) });

  try {
    const coverage = await participants.checkCoverage({
      participantId: input.participantId,
      program: input.program,
      incidentDate: input.incidentDate,
      cities: input.cities,
    });
    applyRule(() => assertClaimCovered(coverage, input.participantId));
    const benefit = applyRule(() => benefitFor(input.program, input.incidentDate));
    benefitTotal = benefit.total;
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
  } catch (error) {
    intakeRefusal = toFailure(error);
    await condition(allHandlersFinished);
    return { status: 'NOT_ACCEPTED', payoutReference: null };
  }
  progress.status = 'AWAITING_VERIFICATION';
  intakeRefusal = null;

  // Caseworkers move the claim on through the Updates above; wait for the decision.
  const decided = (): ClaimStatus => progress.status;
  await condition(() => decided() === 'APPROVED' || decided() === 'REJECTED');
  if (decided() === 'REJECTED') {
    await condition(allHandlersFinished);
    return { status: 'REJECTED', payoutReference: null };
  }
  // The payout activity is idempotent on (claim, instalment): a retry never pays twice.
  const payout = await claims.payClaim({ claimId: input.claimId, instalment: 1 });
  const system = { subject: SYSTEM_ACTOR, roles: [], cities: 'ALL' as const, clientId: null, requestId: null };
  await claims.recordTransition({ claimId: input.claimId, action: 'PAY', from: 'APPROVED', to: 'PAID', actor: system, reasonCode: null, note: payout.reference });
  progress.status = 'PAID';
  await condition(allHandlersFinished);
  return { status: 'PAID', payoutReference: payout.reference };
}

/** Rule violations keep their code; anything else is reported as an internal failure. */
function toFailure(error: unknown): ApplicationFailure {
  const failure = asFailure(error);
  if (failure instanceof ApplicationFailure) return failure;
  if (failure instanceof ActivityFailure && failure.cause instanceof ApplicationFailure) return failure.cause;
  return ApplicationFailure.create({ message: 'The claim could not be processed; please try again.', type: 'INTERNAL', nonRetryable: true });
}
