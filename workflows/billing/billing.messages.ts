import type { Actor } from '../../domain/access.js';
import type { BillingMonth } from '../../domain/contributions/billing-month.js';
import type { TaskQueues } from '../contracts/task-queues.js';

// Monthly contribution billing. A Temporal Schedule (BILLING_SCHEDULE_ID) starts the billing
// cycle once a month; the cycle starts one billing run per MoU and month not yet invoiced, each
// with the business id billing/<mouId>/<YYYY-MM>, so a month is never billed twice and a month
// the schedule missed is billed by the next cycle.

export const BILLING_RUN_WORKFLOW = 'billingRun';
export const BILLING_CYCLE_WORKFLOW = 'billingCycle';

/** The one schedule that bills every MoU in force. */
export const BILLING_SCHEDULE_ID = 'billing-monthly';

export function billingRunWorkflowId(mouId: string, month: BillingMonth): string {
  return `billing/${mouId}/${month}`;
}

/** The schedule's cycles (Temporal appends the scheduled time); per lifecycle queue, so isolated copies keep apart. */
export function billingCycleWorkflowId(lifecycleQueue: string): string {
  return lifecycleQueue === 'lifecycle' ? 'billing-cycle' : `billing-cycle/${lifecycleQueue}`;
}

export interface BillingRunInput {
  mouId: string;
  month: BillingMonth;
  queues: TaskQueues;
  actor: Actor;
}

export interface BillingRunOutcome {
  mouId: string;
  month: BillingMonth;
  invoiceId: string;
  invoiceNumber: string;
  /** Rupiah as digits. */
  total: string;
  lines: number;
  /** False when the month had been invoiced already (this run found it). */
  issued: boolean;
  /** Rupiah as digits: credit on the MoU's account (over- and prepayments) used for this invoice. */
  creditApplied: string;
  /** Enrolments made INACTIVE for three unpaid months, and made ACTIVE again, by this run. */
  inactivated: number;
  reactivated: number;
}

export interface BillingCycleInput {
  queues: TaskQueues;
  /** At most this many runs at once (the rest wait their turn). */
  concurrency?: number;
}

export interface BillingCycleOutcome {
  /** Runs started by this cycle, as mouId/month. */
  started: string[];
  /** Runs that were already under way or done (started by an earlier cycle). */
  alreadyStarted: string[];
}

/** What a running billing run reports (Query BILLING_RUN_STEP). */
export type BillingRunStep = 'READING_MOU' | 'ISSUING' | 'APPLYING_CREDIT' | 'REVIEWING_ARREARS' | 'DONE';
export const BILLING_RUN_STEP_QUERY = 'billingRunStep';

export type BillingRunWorkflow = (input: BillingRunInput) => Promise<BillingRunOutcome>;
export type BillingCycleWorkflow = (input: BillingCycleInput) => Promise<BillingCycleOutcome>;
