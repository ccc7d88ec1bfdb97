import { defineQuery, executeChild, ParentClosePolicy, proxyActivities, setHandler, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { systemActor } from '../../domain/access.js';
import { activityOptions } from '../shared/activity-options.js';
import type { BillingRecordActivities, MouBillingActivities } from './billing.activities.js';
import {
  BILLING_RUN_STEP_QUERY,
  BILLING_RUN_WORKFLOW,
  billingRunWorkflowId,
  type BillingCycleInput,
  type BillingCycleOutcome,
  type BillingRunInput,
  type BillingRunOutcome,
  type BillingRunStep,
} from './billing.messages.js';

export const billingRunStepQuery = defineQuery<BillingRunStep>(BILLING_RUN_STEP_QUERY);

/** Issuing an invoice writes every line in one statement: give it longer than a read. */
const ISSUE_TIMEOUT = '5m';

/**
 * One MoU, one month (workflow id billing/<mouId>/<YYYY-MM>): read the MoU's rates and budget
 * from municipalities, issue the invoice (idempotent per MoU and month), settle it from credit
 * on the account, then review arrears (INACTIVE after three unpaid months, ACTIVE once paid).
 */
export async function billingRun(input: BillingRunInput): Promise<BillingRunOutcome> {
  let step: BillingRunStep = 'READING_MOU';
  setHandler(billingRunStepQuery, () => step);
  const municipalities = proxyActivities<MouBillingActivities>(activityOptions(input.queues.municipalities));
  const issuing = proxyActivities<Pick<BillingRecordActivities, 'issueInvoice' | 'reviewArrears' | 'applyAccountCredit'>>({
    ...activityOptions(input.queues.participants),
    startToCloseTimeout: ISSUE_TIMEOUT,
  });

  const mou = await municipalities.getMouForBilling({ mouId: input.mouId });
  step = 'ISSUING';
  const invoice = await issuing.issueInvoice({ mou, month: input.month, actor: input.actor });
  step = 'APPLYING_CREDIT';
  const credit = await issuing.applyAccountCredit({ mouId: input.mouId, today: mou.today, actor: input.actor });
  step = 'REVIEWING_ARREARS';
  const arrears = await issuing.reviewArrears({ mouId: input.mouId, today: mou.today, actor: input.actor });
  step = 'DONE';
  return {
    mouId: input.mouId,
    month: input.month,
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    total: invoice.total,
    lines: invoice.lines,
    issued: invoice.issued,
    creditApplied: credit.applied,
    inactivated: arrears.inactivated,
    reactivated: arrears.reactivated,
  };
}

/**
 * What the monthly schedule starts: every MoU in force, every month from its term's start to
 * the city's current month that has no invoice yet (so a missed month is back-filled), one
 * billing run each, oldest month first per MoU, a few at a time.
 */
export async function billingCycle(input: BillingCycleInput): Promise<BillingCycleOutcome> {
  const municipalities = proxyActivities<MouBillingActivities>(activityOptions(input.queues.municipalities));
  const records = proxyActivities<BillingRecordActivities>(activityOptions(input.queues.participants));
  const mous = await municipalities.listBillableMous();
  const due = mous.length > 0 ? await records.unbilledMonths({ mous }) : [];
  const started: string[] = [];
  const alreadyStarted: string[] = [];
  // Months of one MoU run in order (arrears depend on the months before); MoUs run side by side.
  const byMou = new Map<string, string[]>();
  for (const d of due) byMou.set(d.mouId, [...(byMou.get(d.mouId) ?? []), d.month]);
  const queue = [...byMou.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [mouId, months] = next;
      for (const month of months) {
        try {
          await executeChild(BILLING_RUN_WORKFLOW, {
            workflowId: billingRunWorkflowId(mouId, month),
            args: [{ mouId, month, queues: input.queues, actor: systemActor('billing-schedule') } satisfies BillingRunInput],
            taskQueue: input.queues.lifecycle,
            // A finished month is never run again; one that failed may be.
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
          started.push(`${mouId}/${month}`);
        } catch (error) {
          // WorkflowExecutionAlreadyStartedError (from @temporalio/common, which a workflow does not import).
          if (!(error instanceof Error) || error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
          alreadyStarted.push(`${mouId}/${month}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? 4) }, worker));
  return { started, alreadyStarted };
}
