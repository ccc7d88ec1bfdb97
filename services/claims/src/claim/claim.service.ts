import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { todayIn } from '../../../../domain/calendar.js';
import { nextStatus, type ClaimAction } from '../../../../domain/claims/claim-status.js';
import { DEFAULT_SUPERVISOR_THRESHOLD } from '../../../../domain/claims/approval.js';
import { assertBenefitRulesFor } from '../../../../domain/claims/intake.js';
import { secondJkmRefusal } from '../../../../domain/eligibility/claim-eligibility.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { storedHeirs } from '../heir/heir-input.js';
import { assertIncidentNotInFuture } from '../../../../domain/eligibility/coverage.js';
import { DomainError } from '../../../../domain/errors.js';
import type { Caller } from '../../../kit/src/context.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import { groupByKeys } from '../../../kit/src/batch.js';
import { preparedRows } from '../../../kit/src/read-query.js';
import { isUuid } from '../../../kit/src/ids.js';
import { rethrowAsDomainError } from '../../../kit/src/temporal.js';
import { acceptedPending, engineDidNotAnswer, mutationDeadlineMs, untilDeadline, workflowEngineAnswers } from '../../../kit/src/deadline.js';
import { idempotentId } from '../../../kit/src/idempotency.js';
import { domainErrorFromFailure } from '../../../../workflows/contracts/failures.js';
import {
  approveUpdate,
  cancelUpdate,
  reopenUpdate,
  requestDocumentsUpdate,
  resubmitDocumentsUpdate,
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
import { CLAIM_COLUMNS, claimFromRow } from './claim.rows.js';
import type { SubmitClaimInput } from './claim.inputs.js';

function commandBy(caller: Caller): ClaimCommand {
  return { actor: caller.identity.subject, roles: caller.identity.roles, cities: caller.identity.cities, requestId: caller.requestId, note: null };
}

/**
 * Claim use cases. Changes go through the claim's workflow (Temporal Updates, whose validators
 * hold the rules); reads come from the read model the workflow's activities keep.
 */
export class ClaimService {
  /** For the field resolvers' batched reads. */
  get db(): DataSource {
    return this.dataSource;
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
    private readonly cipher: FieldCipher,
    private readonly supervisorThreshold: bigint = DEFAULT_SUPERVISOR_THRESHOLD,
    private readonly deadlineMs: number = mutationDeadlineMs(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Files a claim: starts its workflow and waits for intake until the mutation deadline, then
   * answers ACCEPTED_PENDING with the claim id (the workflow takes the claim in on its own). With
   * an Idempotency-Key the claim id is derived from it: a retry returns the claim the first
   * attempt recorded, or joins its workflow while intake is still running.
   */
  async submit(input: SubmitClaimInput, caller: Caller): Promise<ClaimEntity> {
    const deadline = this.now().getTime() + this.deadlineMs;
    const heirs = storedHeirs(input, this.cipher);
    const heir = { name: heirs[0]!.name, relationship: heirs[0]!.relationship, phone: heirs[0]!.phone };
    // Jayapura is the easternmost zone: a date in its future has not happened anywhere in Indonesia.
    assertIncidentNotInFuture(input.incidentDate, todayIn('Asia/Jayapura', this.now()));
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
      const [first] = await this.findMany([keyed], caller.scope);
      if (first) return first;
    }
    if (input.program === 'JKM') await this.refuseOpenClaim(input.participantId, caller.scope);

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
      filedOn: todayIn('Asia/Jakarta', this.now()),
      submittedBy: caller.identity.subject,
      cities: caller.identity.cities,
      submitterRoles: caller.identity.roles,
      requestId: caller.requestId,
      supervisorThreshold: this.supervisorThreshold.toString(),
      queues: this.queues,
    };
    // Start and intake in one call: the answer comes once the claim is recorded, or refused.
    // A keyed retry joins the running workflow (USE_EXISTING) and its intake Update (same id).
    const workflowId = claimWorkflowId(claimId);
    const intake = await untilDeadline(this.temporal, deadline, () =>
      this.temporal.workflow.executeUpdateWithStart(intakeUpdate, {
        ...(keyed ? { updateId: `intake/${keyed}` } : {}),
        startWorkflowOperation: new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
          workflowId,
          taskQueue: this.queues.lifecycle,
          args: [workflowInput],
          workflowIdConflictPolicy: keyed ? 'USE_EXISTING' : 'FAIL',
        }),
      }),
    ).catch(rethrowAsDomainError);
    if (!intake.finished) {
      if (!(await this.workflowStarted(workflowId))) throw engineDidNotAnswer(this.deadlineMs);
      throw acceptedPending(
        `The claim was received and its intake is still running (a worker may be busy or down); it completes on its own. Follow it up as claim ${claimId}, or send the same request with the same Idempotency-Key for its result.`,
        { claimId },
      );
    }
    return this.require(claimId, caller.scope);
  }

  /** After the deadline: did the claim's workflow start (it then takes the claim in by itself)? */
  private async workflowStarted(workflowId: string): Promise<boolean> {
    if (!(await workflowEngineAnswers(this.temporal, workflowId))) return false;
    return this.temporal.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        () => false,
      );
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

  requestDocuments(claimId: string, caller: Caller, note: string): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'REQUEST_DOCUMENTS', requestDocumentsUpdate, { ...commandBy(caller), note });
  }

  resubmitDocuments(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'RESUBMIT_DOCUMENTS', resubmitDocumentsUpdate, { ...commandBy(caller), note });
  }

  cancel(claimId: string, caller: Caller, note: string): Promise<ClaimEntity> {
    return this.act(claimId, caller, 'CANCEL', cancelUpdate, { ...commandBy(caller), note });
  }

  /**
   * Reopens a rejected claim: a new run of workflow claim/<id> (the first ended with the
   * rejection) that starts from the documents step, with everyone who approved it before barred.
   * A second JKM claim opened meanwhile for the same person makes it NOT_ELIGIBLE (SECOND_JKM).
   */
  async reopen(claimId: string, caller: Caller, reason: string): Promise<ClaimEntity> {
    const claim = await this.require(claimId, caller.scope);
    nextStatus(claim.status, 'REOPEN');
    if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Say why the claim is reopened (reason).', 'reason');
    if (claim.program === 'JKM') {
      const [open] = (await this.dataSource.query(
        `SELECT number, status FROM claims.claim WHERE participant_id = $1 AND program = 'JKM' AND status NOT IN ('REJECTED', 'CANCELLED') AND id <> $2 LIMIT 1`,
        [claim.participantId, claim.id],
      )) as { number: string; status: string }[];
      if (open) throw secondJkmRefusal(open);
    }
    const approvers = (await this.dataSource.query(`SELECT approver FROM claims.claim_approval WHERE claim_id = $1`, [claimId])) as { approver: string }[];
    const heirs = (await this.dataSource.query(`SELECT name, relationship, phone FROM claims.claim_heir WHERE claim_id = $1 ORDER BY position LIMIT 1`, [claimId])) as {
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
      supervisorThreshold: this.supervisorThreshold.toString(),
      queues: this.queues,
      reopened: {
        by: caller.identity.subject,
        roles: caller.identity.roles,
        reason: reason.trim(),
        requestId: caller.requestId,
        benefitTotal: claim.benefitTotal.toString(),
        pastApprovers: approvers.map((a) => a.approver),
      },
    };
    const deadline = this.now().getTime() + this.deadlineMs;
    const keyed = idempotentId(caller, 'reopenClaim', { claimId, reason });
    const answer = await untilDeadline(this.temporal, deadline, () =>
      this.temporal.workflow.executeUpdateWithStart(reopenUpdate, {
        ...(keyed ? { updateId: `reopen/${keyed}` } : {}),
        startWorkflowOperation: new WithStartWorkflowOperation<ClaimLifecycleWorkflow>(CLAIM_LIFECYCLE_WORKFLOW, {
          workflowId: claimWorkflowId(claimId),
          taskQueue: this.queues.lifecycle,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      }),
    ).catch(rethrowAsDomainError);
    if (!answer.finished) throw acceptedPending(`Claim ${claim.number} is being reopened; reload it shortly.`, { claimId });
    return this.require(claimId, caller.scope);
  }

  /**
   * A caseworker's step, as an Update of the claim's workflow, answered by the mutation deadline.
   * With an Idempotency-Key the Update id is derived from it: Temporal answers a retry with the
   * first attempt's outcome while the workflow runs, and once the step is recorded (the workflow
   * may have ended since) the claim is returned as it is.
   */
  private async act<A extends ClaimCommand>(claimId: string, caller: Caller, action: ClaimAction, update: UpdateDefinition<ClaimProgress, [A]>, command: A): Promise<ClaimEntity> {
    const deadline = this.now().getTime() + this.deadlineMs;
    const claim = await this.require(claimId, caller.scope);
    const updateId = idempotentId(caller, action, { claimId, note: command.note, reasonCode: (command as { reasonCode?: string }).reasonCode ?? null });
    if (updateId && (await this.tookStep(claimId, action, caller.identity.subject))) return claim;
    // A closed claim's workflow has ended; say why in the caseworker's terms instead of Temporal's.
    nextStatus(claim.status, action);
    const workflowId = claimWorkflowId(claimId);
    const step = await untilDeadline(this.temporal, deadline, () =>
      this.temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [command], ...(updateId ? { updateId } : {}) }),
    ).catch(async (error: unknown) => {
      // A rule the workflow applied (a second approval that lost the race inside the workflow,
      // four eyes) keeps its code. Anything else while the claim moved on — the workflow ended
      // between our read and the Update (a simultaneous approval won and the claim was paid),
      // or was ending while the Update arrived — is judged against the claim as it is now.
      if (!domainErrorFromFailure(error)) nextStatus((await this.require(claimId, caller.scope)).status, action);
      return rethrowAsDomainError(error);
    });
    if (!step.finished) {
      if (!(await workflowEngineAnswers(this.temporal, workflowId))) throw engineDidNotAnswer(this.deadlineMs);
      throw acceptedPending(
        `Your step was handed to claim ${claim.number}'s workflow, which has not answered yet (a worker may be busy or down). It is carried out, or refused, once the workflow runs. Reload the claim, or send the same request with the same Idempotency-Key for its outcome.`,
        { claimId },
      );
    }
    return this.require(claimId, caller.scope);
  }

  /** Did this person already take this step on this claim (a keyed retry of a step that went through)? */
  private async tookStep(claimId: string, action: ClaimAction, actor: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM claims.claim_event WHERE claim_id = $1 AND action = $2 AND actor = $3 LIMIT 1`, [
      claimId,
      action,
      actor,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Only claims the caller may see count here: another city's claim must not leak its number. */
  private async refuseOpenClaim(participantId: string, scope: CityScopeFilter): Promise<void> {
    const [open] = (await this.dataSource.query(
      `SELECT number, status FROM claims.claim
        WHERE participant_id = $1 AND program = 'JKM' AND status NOT IN ('REJECTED', 'CANCELLED') AND ($2::text[] IS NULL OR region_code = ANY($2))
        LIMIT 1`,
      [participantId, scope.asSqlArray()],
    )) as { number: string; status: string }[];
    if (open) {
      throw secondJkmRefusal(open);
    }
  }

  async require(id: string, scope: CityScopeFilter): Promise<ClaimEntity> {
    const [claim] = await this.findMany([id], scope);
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${id}.`, 'claimId');
    return claim;
  }

  async findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ClaimEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? (await preparedRows(this.dataSource, 'claims-by-id', `SELECT ${CLAIM_COLUMNS} FROM claims.claim c WHERE c.id = ANY($1::uuid[])`, [valid])).map(claimFromRow)
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return scope.visible(
      ids.map((id) => byId.get(id) ?? null),
      (claim) => claim.regionCode,
    );
  }

  /** One statement for every participant of a page (city scope in the WHERE), oldest claim first. */
  async listByParticipants(participantIds: readonly string[], scope: CityScopeFilter): Promise<ClaimEntity[][]> {
    const valid = participantIds.filter(isUuid);
    const rows = valid.length
      ? (
          await preparedRows(
            this.dataSource,
            'claims-by-participants',
            `SELECT ${CLAIM_COLUMNS} FROM claims.claim c
              WHERE c.participant_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR c.region_code = ANY($2))
              ORDER BY c.submitted_at`,
            [valid, scope.asSqlArray()],
          )
        ).map(claimFromRow)
      : [];
    return groupByKeys(participantIds, rows, (row) => row.participantId);
  }
}
