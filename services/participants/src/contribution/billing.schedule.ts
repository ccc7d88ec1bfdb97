import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { BILLING_CYCLE_WORKFLOW, BILLING_SCHEDULE_ID, billingCycleWorkflowId, type BillingCycleInput } from '../../../../workflows/billing/billing.messages.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';

/**
 * The one Temporal Schedule that bills every MoU in force: the billing cycle on the 1st of each
 * month at 01:00 WIB (by then the month has begun in every Indonesian zone: 02:00 WIT, 03:00 WITA
 * … the month begins earliest in WIT, so 01:00 WIB is 03:00 WIT).
 * - Overlap BUFFER_ONE: a cycle still running when the next is due is followed by one more, never
 *   two at once and never dropped.
 * - Catch-up window 35 days: a server that was down on the 1st runs the missed cycle when it is
 *   back within the month. Beyond that no cycle is lost either, because every cycle bills all
 *   months from each term's start that have no invoice yet; runs are named billing/<mouId>/<YYYY-MM>
 *   and invoices are unique per MoU and month, so nothing is billed twice.
 * The schedule id carries the lifecycle task queue, so isolated copies of the system (tests) keep apart.
 */
export async function ensureBillingSchedule(client: Client, queues: TaskQueues): Promise<string> {
  const scheduleId = queues.lifecycle === 'lifecycle' ? BILLING_SCHEDULE_ID : `${BILLING_SCHEDULE_ID}/${queues.lifecycle}`;
  const input: BillingCycleInput = { queues, concurrency: 4 };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { calendars: [{ dayOfMonth: 1, hour: 1, minute: 0, comment: 'monthly contribution billing' }], timezone: 'Asia/Jakarta' },
      action: { type: 'startWorkflow', workflowType: BILLING_CYCLE_WORKFLOW, workflowId: billingCycleWorkflowId(queues.lifecycle), taskQueue: queues.lifecycle, args: [input] },
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '35 days' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  return scheduleId;
}
