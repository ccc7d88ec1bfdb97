import type { UpdateDefinition } from '@temporalio/common';
import { nextStatus, type ClaimAction } from '../../../../domain/claims/claim-status.js';
import type { Caller } from '../../../kit/src/context.js';
import { acceptedPending, engineDidNotAnswer, untilDeadline, workflowEngineAnswers } from '../../../kit/src/deadline.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import { domainErrorFromFailure } from '../../../../workflows/contracts/failures.js';
import { claimWorkflowId, type ClaimCommand, type ClaimProgress } from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import type { ClaimEntity } from './claim.entity.js';
import type { ClaimWorkflowDeps } from './claim-workflow-deps.js';

/** The command of a caseworker's step: who takes it, with which roles and cities, under which request id. */
export function commandBy(caller: Caller): ClaimCommand {
  return { actor: caller.identity.subject, roles: caller.identity.roles, cities: caller.identity.cities, requestId: caller.requestId, note: null };
}

/**
 * A caseworker's step, as an Update of the claim's workflow, answered by the mutation deadline.
 * With an Idempotency-Key the Update id is derived from it: Temporal answers a retry with the
 * first attempt's outcome while the workflow runs, and once the step is recorded (the workflow
 * may have ended since) the claim is returned as it is.
 */
export async function takeClaimStep<A extends ClaimCommand>(
  deps: ClaimWorkflowDeps,
  claimId: string,
  caller: Caller,
  action: ClaimAction,
  update: UpdateDefinition<ClaimProgress, [A]>,
  command: A,
): Promise<ClaimEntity> {
  const deadline = deps.now().getTime() + deps.deadlineMs;
  const claim = await deps.reads.require(claimId, caller.scope);
  const updateId = idempotentId(caller, action, { claimId, note: command.note, reasonCode: (command as { reasonCode?: string }).reasonCode ?? null });
  if (updateId && (await tookStep(deps, claimId, action, caller.identity.subject))) return claim;
  // A closed claim's workflow has ended; say why in the caseworker's terms instead of Temporal's.
  nextStatus(claim.status, action);
  const workflowId = claimWorkflowId(claimId);
  const step = await untilDeadline(deps.temporal, deadline, () =>
    deps.temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [command], ...(updateId ? { updateId } : {}) }),
  ).catch(async (error: unknown) => {
    // A rule the workflow applied (a second approval that lost the race inside the workflow,
    // four eyes) keeps its code. Anything else while the claim moved on — the workflow ended
    // between our read and the Update (a simultaneous approval won and the claim was paid),
    // or was ending while the Update arrived — is judged against the claim as it is now.
    if (!domainErrorFromFailure(error)) nextStatus((await deps.reads.require(claimId, caller.scope)).status, action);
    return rethrowAsDomainError(error);
  });
  if (!step.finished) {
    if (!(await workflowEngineAnswers(deps.temporal, workflowId))) throw engineDidNotAnswer(deps.deadlineMs);
    throw acceptedPending(
      `Your step was handed to claim ${claim.number}'s workflow, which has not answered yet (a worker may be busy or down). It is carried out, or refused, once the workflow runs. Reload the claim, or send the same request with the same Idempotency-Key for its outcome.`,
      { claimId },
    );
  }
  return deps.reads.require(claimId, caller.scope);
}

/** Did this person already take this step on this claim (a keyed retry of a step that went through)? */
async function tookStep(deps: ClaimWorkflowDeps, claimId: string, action: ClaimAction, actor: string): Promise<boolean> {
  const rows = (await deps.dataSource.query(`SELECT 1 FROM claims.claim_event WHERE claim_id = $1 AND action = $2 AND actor = $3 LIMIT 1`, [claimId, action, actor])) as unknown[];
  return rows.length > 0;
}
