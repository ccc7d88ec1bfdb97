import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { nextStatus, type ClaimAction } from '../../../../domain/claims/claim-status.js';
import { validateHeir } from '../../../../domain/claims/heirs.js';
import { DEFAULT_SUPERVISOR_THRESHOLD } from '../../../../domain/claims/approval.js';
import { benefitFor } from '../../../../domain/claims/intake.js';
import { assertIncidentNotInFuture } from '../../../../domain/eligibility/coverage.js';
import { DomainError } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { findVisibleByIds, groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import {
  approveUpdate,
  CLAIM_LIFECYCLE_WORKFLOW,
  claimWorkflowId,
  intakeUpdate,
  rejectUpdate,
  verifyDocumentsUpdate,
  type ClaimCommand,
  type ClaimLifecycleInput,
  type ClaimLifecycleWorkflow,
  type ClaimProgress,
} from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import { ClaimEntity } from './claim.entity.js';
import type { SubmitClaimInput } from './claim.inputs.js';

function commandBy(caller: Caller): ClaimCommand {
  return { actor: caller.identity.subject, roles: caller.identity.roles, cities: caller.identity.cities, requestId: caller.requestId, note: null };
}

/**
 * Claim use cases. Changes go through the claim's workflow (Temporal Updates, whose validators
 * hold the rules); reads come from the read model the workflow's activities keep.
 */
export class ClaimService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly supervisorThreshold: bigint = DEFAULT_SUPERVISOR_THRESHOLD,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(input: SubmitClaimInput, caller: Caller): Promise<ClaimEntity> {
    const heir = validateHeir({ name: input.heir.name, relationship: input.heir.relationship, phone: input.heir.phone ?? null });
    // Jayapura is the easternmost zone: a date in its future has not happened anywhere in Indonesia.
    assertIncidentNotInFuture(input.incidentDate, todayIn('Asia/Jayapura', this.now()));
    benefitFor(input.program, input.incidentDate);
    if (!isUuid(input.participantId)) throw new DomainError('NOT_FOUND', `No participant with id ${input.participantId}.`, 'participantId');
    await this.refuseOpenClaim(input.participantId, caller.scope);

    const claimId = randomUUID();
    const workflowInput: ClaimLifecycleInput = {
      claimId,
      participantId: input.participantId,
      program: input.program,
      incidentDate: input.incidentDate,
      heir,
      submittedBy: caller.identity.subject,
      cities: caller.identity.cities,
      submitterRoles: caller.identity.roles,
      requestId: caller.requestId,
      supervisorThreshold: this.supervisorThreshold.toString(),
      queues: this.queues,
    };
    // Start and intake in one call: the answer comes once the claim is recorded, or refused.
    await this.temporal.workflow
      .executeUpdateWithStart(intakeUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
          workflowId: claimWorkflowId(claimId),
          taskQueue: this.queues.lifecycle,
          args: [workflowInput],
          workflowIdConflictPolicy: 'FAIL',
        }),
      })
      .catch(rethrowAsDomainError);
    return this.require(claimId, caller.scope);
  }

  verifyDocuments(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'VERIFY_DOCUMENTS', verifyDocumentsUpdate, { ...commandBy(caller), note });
  }

  approve(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'APPROVE', approveUpdate, { ...commandBy(caller), note });
  }

  reject(claimId: string, caller: Caller, reasonCode: string, note: string | null): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'REJECT', rejectUpdate, { ...commandBy(caller), note, reasonCode });
  }

  private async act<A extends ClaimCommand>(
    claimId: string,
    caller: Caller,
    action: ClaimAction,
    update: UpdateDefinition<ClaimProgress, [A]>,
    command: A,
  ): Promise<ClaimEntity> {
    const claim = await this.require(claimId, caller.scope);
    // A closed claim's workflow has ended; say why in the caseworker's terms instead of Temporal's.
    nextStatus(claim.status, action);
    await this.temporal.workflow
      .getHandle(claimWorkflowId(claimId))
      .executeUpdate(update, { args: [command] })
      .catch(async (error: unknown) => {
        // The workflow finished between our read and the Update (a simultaneous approval won and
        // the claim was paid): judge the action against the claim as it is now.
        if (error instanceof WorkflowNotFoundError) nextStatus((await this.require(claimId, caller.scope)).status, action);
        return rethrowAsDomainError(error);
      });
    return this.require(claimId, caller.scope);
  }

  /** Only claims the caller may see count here: another city's claim must not leak its number. */
  private async refuseOpenClaim(participantId: string, scope: CityScopeFilter): Promise<void> {
    const [open] = (await this.dataSource.query(
      `SELECT number, status FROM claims.claim
        WHERE participant_id = $1 AND program = 'JKM' AND status <> 'REJECTED' AND ($2::text[] IS NULL OR region_code = ANY($2))
        LIMIT 1`,
      [participantId, scope.asSqlArray()],
    )) as { number: string; status: string }[];
    if (open) {
      throw new DomainError('CONFLICT', `This participant already has JKM claim ${open.number} (${open.status}); a death can be claimed once.`, 'participantId');
    }
  }

  async require(id: string, scope: CityScopeFilter): Promise<ClaimEntity> {
    const [claim] = await this.findMany([id], scope);
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${id}.`, 'claimId');
    return claim;
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ClaimEntity | null)[]> {
    return findVisibleByIds(this.dataSource.getRepository(ClaimEntity), ids, scope, (claim) => claim.regionCode);
  }

  async listByParticipants(participantIds: readonly string[], scope: CityScopeFilter): Promise<ClaimEntity[][]> {
    const valid = participantIds.filter(isUuid);
    const visible = scope.where('c.region_code');
    const rows = valid.length
      ? await this.dataSource
          .getRepository(ClaimEntity)
          .createQueryBuilder('c')
          .where('c.participant_id = ANY(:ids)', { ids: valid })
          .andWhere(visible.sql, visible.params)
          .orderBy('c.submitted_at', 'ASC')
          .getMany()
      : [];
    return groupByKeys(participantIds, rows, (row) => row.participantId);
  }
}
