import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ClaimStatus } from '../../domain/claims/claim-status.js';
import type { Heir } from '../../domain/claims/heirs.js';
import type { Program } from '../../domain/programs.js';
import type { CityScope, Role } from '../../domain/access.js';
import type { TaskQueues } from '../contracts/task-queues.js';
import type { PayoutRetry } from '../shared/activity-options.js';
import type { BankAccount } from '../../domain/payouts/payout-key.js';
import type { StoredHeir } from './claim-lifecycle.activities.js';

export const CLAIM_LIFECYCLE_WORKFLOW = 'claimLifecycle';

/** Workflow id of a claim's lifecycle: one per claim, so a duplicate start is refused. */
export function claimWorkflowId(claimId: string): string {
  return `claim/${claimId}`;
}

export interface ClaimLifecycleInput {
  claimId: string;
  participantId: string;
  program: Program;
  incidentDate: string;
  heir: Heir;
  /** All heirs (the first is `heir`); absent in older histories, which had one. */
  heirs?: StoredHeir[];
  /** JKK: what happened (rupiah as digits); the income comes from the enrolment. */
  jkk?: JkkClaimFacts | null;
  /** The day the claim was filed, in the city's calendar (JKK expiry); absent in older histories. */
  filedOn?: string;
  /** Set when a rejected claim is reopened: the new run skips intake. */
  reopened?: ReopenedClaim | null;
  submittedBy: string;
  /** The submitter's cities: a participant elsewhere is as good as unknown. */
  cities: CityScope;
  /** The submitter's roles and request, for the audit log. */
  submitterRoles: Role[];
  requestId: string | null;
  /** Rupiah (digits) above which approval needs a supervisor. */
  supervisorThreshold: string;
  queues: TaskQueues;
  /** How payouts are retried (default DEFAULT_PAYOUT_RETRY); tests shorten it. */
  payoutRetry?: PayoutRetry;
}

export interface JkkClaimFacts {
  outcome: 'RECOVERED' | 'PARTIAL_DISABILITY' | 'TOTAL_DISABILITY' | 'DEATH';
  incapacityMonths?: number | null;
  disabilities?: string[] | null;
  medicalReceipts?: string[] | null;
  transportReceipts?: { mode: 'LAND' | 'SEA' | 'AIR'; amount: string }[] | null;
}

export interface ReopenedClaim {
  by: string;
  roles: Role[];
  reason: string;
  requestId: string | null;
  /** Rupiah as digits, the benefit assessed before. */
  benefitTotal: string;
  /** Everyone who approved this claim before: they may not approve it again. */
  pastApprovers: string[];
}

/** Who acted, for the audit trail and the four-eyes rule. */
export interface ClaimCommand {
  actor: string;
  roles: Role[];
  /** The acting person's cities and request, for the audit log. */
  cities: CityScope;
  requestId: string | null;
  note: string | null;
}

export interface RejectCommand extends ClaimCommand {
  reasonCode: string;
}

export interface ClaimProgress {
  status: ClaimStatus;
  verifiedBy: string | null;
  approvedBy: string | null;
}

export interface ClaimOutcome {
  status: 'NOT_ACCEPTED' | 'REJECTED' | 'PAID' | 'CANCELLED';
  payoutReference: string | null;
}

export type ClaimLifecycleWorkflow = (input: ClaimLifecycleInput) => Promise<ClaimOutcome>;

/** Answers once intake is decided: accepted (claim recorded) or refused with the rule's code. */
export const intakeUpdate = defineUpdate<ClaimProgress>('intake');
export const verifyDocumentsUpdate = defineUpdate<ClaimProgress, [ClaimCommand]>('verifyDocuments');
export const approveUpdate = defineUpdate<ClaimProgress, [ClaimCommand]>('approve');
export const rejectUpdate = defineUpdate<ClaimProgress, [RejectCommand]>('reject');
/** The heir is asked for more documents (note says which); the claim waits for them. */
export const requestDocumentsUpdate = defineUpdate<ClaimProgress, [ClaimCommand]>('requestDocuments');
/** The heir brought what was asked; the documents await verification again. */
export const resubmitDocumentsUpdate = defineUpdate<ClaimProgress, [ClaimCommand]>('resubmitDocuments');
/** Withdrawn by the heir or filed by mistake; the note says why. */
export const cancelUpdate = defineUpdate<ClaimProgress, [ClaimCommand]>('cancel');
/** Sent with the start of a reopened claim's new run: answers once the reopening is recorded. */
export const reopenUpdate = defineUpdate<ClaimProgress>('reopen');
export const progressQuery = defineQuery<ClaimProgress>('progress');

/** A caseworker enters or corrects an heir's bank account; a payout the bank refused is then retried. */
export interface PayoutAccountCommand extends ClaimCommand {
  heirId: string;
  account: BankAccount;
}

export const payoutAccountUpdate = defineUpdate<ClaimProgress, [PayoutAccountCommand]>('setPayoutAccount');
