import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TaskQueues } from '../contracts/task-queues.js';
import type { PayoutRetry } from '../shared/activity-options.js';

export const SCHOLARSHIP_WORKFLOW = 'scholarshipPayouts';

/** One per claim: started by the claim's PAID (an activity), so a second start finds the first. */
export function scholarshipWorkflowId(claimId: string): string {
  return `scholarship/${claimId}`;
}

export interface ScholarshipInput {
  claimId: string;
  queues: TaskQueues;
  /** How payouts are retried (default DEFAULT_PAYOUT_RETRY); tests shorten it. */
  payoutRetry?: PayoutRetry;
  /** The longest sleep between two looks at the schedule (default one day); tests shorten it. */
  recheckMs?: number;
}

export interface ScholarshipOutcome {
  /** Instalments this run (and the runs it continued) paid. */
  paid: number;
}

export type ScholarshipWorkflow = (input: ScholarshipInput) => Promise<ScholarshipOutcome>;

/**
 * Something changed that the schedule depends on: a school certificate verified, an entitlement
 * ended, a refused payout's account corrected. The workflow looks at its schedule again.
 */
export const scholarshipChangedSignal = defineSignal<[{ reason: 'CERTIFICATE_VERIFIED' | 'ENTITLEMENT_ENDED' | 'ACCOUNT_CORRECTED' }]>('scholarshipChanged');

export interface ScholarshipProgress {
  paid: number;
  open: number;
  /** Instalments the bank refused, waiting for a corrected account. */
  refused: number;
}
export const scholarshipProgressQuery = defineQuery<ScholarshipProgress>('scholarshipProgress');
