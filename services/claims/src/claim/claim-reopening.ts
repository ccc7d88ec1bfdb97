import { WithStartWorkflowOperation } from '@temporalio/client';
import { nextStatus } from '../../../../domain/claims/claim-status.js';
import { secondJkmRefusal } from '../../../../domain/eligibility/claim-eligibility.js';
import { DomainError } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import { acceptedPending, untilDeadline } from '../../../kit/src/deadline.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import {
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  reopenUpdate,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
} from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import type { ClaimEntity } from './claim.entity.js';
import type { ClaimWorkflowDeps } from './claim-workflow-deps.js';

/**
 * Reopens a rejected claim: a new run of workflow claim/<id> (the first ended with the
 * rejection) that starts from the documents step, with everyone who approved it before barred.
 * A second JKM claim opened meanwhile for the same person makes it NOT_ELIGIBLE (SECOND_JKM).
 */
export async function reopenClaim(deps: ClaimWorkflowDeps, claimId: string, caller: Caller, reason: string): Promise<ClaimEntity> {
  const claim = await deps.reads.require(claimId, caller.scope);
  nextStatus(claim.status, 'REOPEN');
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Say why the claim is reopened (reason).', 'reason');
  if (claim.program === 'JKM') {
    const [open] = (await deps.dataSource.query(
      `SELECT number, status FROM claims.claim WHERE participant_id = $1 AND program = 'JKM' AND status NOT IN ('REJECTED', 'CANCELLED') AND id <> $2 LIMIT 1`,
      [claim.participantId, claim.id],
    )) as { number: string; status: string }[];
    if (open) throw secondJkmRefusal(open);
  }
  const approvers = (await deps.dataSource.query(`SELECT approver FROM claims.claim_approval WHERE claim_id = $1`, [claimId])) as { approver: string }[];
  const heirs = (await deps.dataSource.query(`SELECT name, relationship, phone FROM claims.claim_heir WHERE claim_id = $1 ORDER BY position LIMIT 1`, [claimId])) as {
    name: string;
    relationship: ClaimEntity['heirRelationship'];
    phone: string | null;
  }[];
  const input: ClaimLifecycleInput = {
    claimId,
    participantId: claim.participantId,
    program: claim.program,
    incidentDate: claim.incidentDate,
    heir: heirs[0] ?? { name: claim.heirName, relationship: claim.heirRelationship, phone: claim.heirPhone },
    submittedBy: claim.submittedBy,
    cities: [claim.regionCode],
    submitterRoles: caller.identity.roles,
    requestId: caller.requestId,
    supervisorThreshold: deps.supervisorThreshold.toString(),
    queues: deps.queues,
    reopened: {
      by: caller.identity.subject,
      roles: caller.identity.roles,
      reason: reason.trim(),
      requestId: caller.requestId,
      benefitTotal: claim.benefitTotal.toString(),
      pastApprovers: approvers.map((a) => a.approver),
    },
  };
  const deadline = deps.now().getTime() + deps.deadlineMs;
  const keyed = idempotentId(caller, 'reopenClaim', { claimId, reason });
  const answer = await untilDeadline(deps.temporal, deadline, () =>
    deps.temporal.workflow.executeUpdateWithStart(reopenUpdate, {
      ...(keyed ? { updateId: `reopen/${keyed}` } : {}),
      startWorkflowOperation: new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
        workflowId: claimWorkflowId(claimId),
        taskQueue: deps.queues.lifecycle,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    }),
  ).catch(rethrowAsDomainError);
  if (!answer.finished) throw acceptedPending(`Claim ${claim.number} is being reopened; reload it shortly.`, { claimId });
  return deps.reads.require(claimId, caller.scope);
}
