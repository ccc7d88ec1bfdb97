import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { DEFAULT_SUPERVISOR_THRESHOLD } from '../../../../domain/claims/approval.js';
import type { Caller } from '../../../kit/src/context.js';
import { mutationDeadlineMs } from '../../../kit/src/deadline.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import {
  approveUpdate,
  cancelUpdate,
  rejectUpdate,
  requestDocumentsUpdate,
  resubmitDocumentsUpdate,
  verifyDocumentsUpdate,
} from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import type { ClaimEntity } from './claim.entity.js';
import type { SubmitClaimInput } from './claim.inputs.js';
import { ClaimReads } from './claim-reads.js';
import { reopenClaim } from './claim-reopening.js';
import { commandBy, takeClaimStep } from './claim-steps.js';
import { submitClaim } from './claim-submission.js';
import type { ClaimWorkflowDeps } from './claim-workflow-deps.js';

/**
 * Claim use cases. Changes go through the claim's workflow (Temporal Updates, whose validators
 * hold the rules): filing (claim-submission.ts), a caseworker's steps (claim-steps.ts) and
 * reopening (claim-reopening.ts); reads come from the read model the workflow's activities keep
 * (claim-reads.ts).
 */
export class ClaimService {
  private readonly deps: ClaimWorkflowDeps;
  private readonly reads: ClaimReads;

  /** For the field resolvers' batched reads. */
  get db(): DataSource {
    return this.reads.db;
  }

  constructor(
    dataSource: DataSource,
    temporal: Client,
    queues: TaskQueues,
    cipher: FieldCipher,
    supervisorThreshold: bigint = DEFAULT_SUPERVISOR_THRESHOLD,
    deadlineMs: number = mutationDeadlineMs(),
    now: () => Date = () => new Date(),
  ) {
    this.reads = new ClaimReads(dataSource);
    this.deps = { dataSource, temporal, queues, cipher, supervisorThreshold, deadlineMs, now, reads: this.reads };
  }

  submit(input: SubmitClaimInput, caller: Caller): Promise<ClaimEntity> {
    return submitClaim(this.deps, input, caller);
  }

  verifyDocuments(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'VERIFY_DOCUMENTS', verifyDocumentsUpdate, { ...commandBy(caller), note });
  }

  approve(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'APPROVE', approveUpdate, { ...commandBy(caller), note });
  }

  reject(claimId: string, caller: Caller, reasonCode: string, note: string | null): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'REJECT', rejectUpdate, { ...commandBy(caller), note, reasonCode });
  }

  requestDocuments(claimId: string, caller: Caller, note: string): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'REQUEST_DOCUMENTS', requestDocumentsUpdate, { ...commandBy(caller), note });
  }

  resubmitDocuments(claimId: string, caller: Caller, note: string | null): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'RESUBMIT_DOCUMENTS', resubmitDocumentsUpdate, { ...commandBy(caller), note });
  }

  cancel(claimId: string, caller: Caller, note: string): Promise<ClaimEntity> {
    return takeClaimStep(this.deps, claimId, caller, 'CANCEL', cancelUpdate, { ...commandBy(caller), note });
  }

  reopen(claimId: string, caller: Caller, reason: string): Promise<ClaimEntity> {
    return reopenClaim(this.deps, claimId, caller, reason);
  }

  require(id: string, scope: CityScopeFilter): Promise<ClaimEntity> {
    return this.reads.require(id, scope);
  }

  findMany(ids: readonly string[], scope: CityScopeFilter): Promise<(ClaimEntity | null)[]> {
    return this.reads.findMany(ids, scope);
  }

  listByParticipants(participantIds: readonly string[], scope: CityScopeFilter): Promise<ClaimEntity[][]> {
    return this.reads.listByParticipants(participantIds, scope);
  }
}
