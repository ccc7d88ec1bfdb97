import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { todayIn } from '../../../../domain/calendar.js';
import { assertBenefitRulesFor } from '../../../../domain/claims/intake.js';
import { secondJkmRefusal } from '../../../../domain/eligibility/claim-eligibility.js';
import { assertIncidentNotInFuture } from '../../../../domain/eligibility/coverage.js';
import { DomainError } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import { acceptedPending, engineDidNotAnswer, untilDeadline, workflowEngineAnswers } from '../../../kit/src/deadline.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import {
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  intakeUpdate,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
} from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import { storedHeirs } from '../heir/heir-input.js';
import type { ClaimEntity } from './claim.entity.js';
import type { SubmitClaimInput } from './claim.inputs.js';
import type { ClaimWorkflowDeps } from './claim-workflow-deps.js';

/**
 * Files a claim: starts its workflow and waits for intake until the mutation deadline, then
 * answers ACCEPTED_PENDING with the claim id (the workflow takes the claim in on its own). With
 * an Idempotency-Key the claim id is derived from it: a retry returns the claim the first
 * attempt recorded, or joins its workflow while intake is still running.
 */
export async function submitClaim(deps: ClaimWorkflowDeps, input: SubmitClaimInput, caller: Caller): Promise<ClaimEntity> {
  const deadline = deps.now().getTime() + deps.deadlineMs;
  const heirs = storedHeirs(input, deps.cipher);
  const heir = { name: heirs[0]!.name, relationship: heirs[0]!.relationship, phone: heirs[0]!.phone };
  // Jayapura is the easternmost zone: a date in its future has not happened anywhere in Indonesia.
  assertIncidentNotInFuture(input.incidentDate, todayIn('Asia/Jayapura', deps.now()));
  assertBenefitRulesFor(input.program, input.incidentDate);
  if (input.program === 'JKK' && !input.jkk)
    throw new DomainError('BAD_USER_INPUT', 'Describe the accident (jkk: outcome, months of incapacity, receipts) for a JKK claim.', 'jkk');
  if (input.program === 'JKM' && input.jkk) throw new DomainError('BAD_USER_INPUT', 'jkk describes a work accident; leave it out of a JKM claim.', 'jkk');
  if (!isUuid(input.participantId)) throw new DomainError('NOT_FOUND', `No participant with id ${input.participantId}.`, 'participantId');
  const keyed = idempotentId(caller, 'submitClaim', {
    ...input,
    jkk: input.jkk ? JSON.parse(JSON.stringify(input.jkk, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) : null,
  });
  if (keyed) {
    const [first] = await deps.reads.findMany([keyed], caller.scope);
    if (first) return first;
  }
  if (input.program === 'JKM') await refuseOpenClaim(deps, input.participantId, caller.scope);

  const claimId = keyed ?? randomUUID();
  const workflowInput: ClaimLifecycleInput = {
    claimId,
    participantId: input.participantId,
    program: input.program,
    incidentDate: input.incidentDate,
    heir,
    heirs,
    jkk: input.jkk
      ? {
          outcome: input.jkk.outcome,
          incapacityMonths: input.jkk.incapacityMonths ?? null,
          disabilities: input.jkk.disabilities ?? null,
          medicalReceipts: input.jkk.medicalReceipts?.map(String) ?? null,
          transportReceipts: input.jkk.transportReceipts?.map((t) => ({ mode: t.mode, amount: t.amount.toString() })) ?? null,
        }
      : null,
    filedOn: todayIn('Asia/Jakarta', deps.now()),
    submittedBy: caller.identity.subject,
    cities: caller.identity.cities,
    submitterRoles: caller.identity.roles,
    requestId: caller.requestId,
    supervisorThreshold: deps.supervisorThreshold.toString(),
    queues: deps.queues,
  };
  // Start and intake in one call: the answer comes once the claim is recorded, or refused.
  // A keyed retry joins the running workflow (USE_EXISTING) and its intake Update (same id).
  const workflowId = claimWorkflowId(claimId);
  const intake = await untilDeadline(deps.temporal, deadline, () =>
    deps.temporal.workflow.executeUpdateWithStart(intakeUpdate, {
      ...(keyed ? { updateId: `intake/${keyed}` } : {}),
      startWorkflowOperation: new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
        workflowId,
        taskQueue: deps.queues.lifecycle,
        args: [workflowInput],
        workflowIdConflictPolicy: keyed ? 'USE_EXISTING' : 'FAIL',
      }),
    }),
  ).catch(rethrowAsDomainError);
  if (!intake.finished) {
    if (!(await workflowStarted(deps, workflowId))) throw engineDidNotAnswer(deps.deadlineMs);
    throw acceptedPending(
      `The claim was received and its intake is still running (a worker may be busy or down); it completes on its own. Follow it up as claim ${claimId}, or send the same request with the same Idempotency-Key for its result.`,
      { claimId },
    );
  }
  return deps.reads.require(claimId, caller.scope);
}

/** After the deadline: did the claim's workflow start (it then takes the claim in by itself)? */
async function workflowStarted(deps: ClaimWorkflowDeps, workflowId: string): Promise<boolean> {
  if (!(await workflowEngineAnswers(deps.temporal, workflowId))) return false;
  return deps.temporal.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      () => true,
      () => false,
    );
}

/** Only claims the caller may see count here: another city's claim must not leak its number. */
async function refuseOpenClaim(deps: ClaimWorkflowDeps, participantId: string, scope: CityScopeFilter): Promise<void> {
  const [open] = (await deps.dataSource.query(
    `SELECT number, status FROM claims.claim
      WHERE participant_id = $1 AND program = 'JKM' AND status NOT IN ('REJECTED', 'CANCELLED') AND ($2::text[] IS NULL OR region_code = ANY($2))
      LIMIT 1`,
    [participantId, scope.asSqlArray()],
  )) as { number: string; status: string }[];
  if (open) {
    throw secondJkmRefusal(open);
  }
}
