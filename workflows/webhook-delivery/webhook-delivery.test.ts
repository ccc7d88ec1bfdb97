import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories, startWorkflowTestBed, type WorkflowTestBed } from '../../test/harness/workflow-worker.js';
import type { WebhookActivities } from './webhook-delivery.activities.js';
import { WEBHOOK_DELIVERY_WORKFLOW, webhookDeliveryWorkflowId, type WebhookDeliveryInput, type WebhookDeliveryWorkflow } from './webhook-delivery.messages.js';

// The delivery workflow on the real Temporal dev server with a fake attempt: backoff and the
// number of attempts are inputs, so retries take milliseconds.
const HISTORIES = new URL('./histories/', import.meta.url);
const attempts = new Map<string, number[]>();
/** Receivers that refuse this many attempts before answering 2xx. */
const refusals = new Map<string, number>();

const fakes: WebhookActivities = {
  async attemptWebhookDelivery({ deliveryId }) {
    const at = [...(attempts.get(deliveryId) ?? []), Date.now()];
    attempts.set(deliveryId, at);
    if (at.length <= (refusals.get(deliveryId) ?? 0)) throw ApplicationFailure.retryable('webhook answered 500', 'WEBHOOK_NOT_ACCEPTED');
    return { deliveryId, attempts: at.length, statusCode: 204 };
  },
};

let bed: WorkflowTestBed;
beforeAll(async () => {
  bed = await startWorkflowTestBed('webhook-delivery', fakes);
});
afterAll(async () => {
  await bed?.stop();
});

function input(deliveryId: string, maximumAttempts = 0): WebhookDeliveryInput {
  return { deliveryId, retry: { initialIntervalMs: 50, backoffCoefficient: 2, maximumIntervalMs: 400, maximumAttempts, attemptTimeoutMs: 500 }, queues: bed.queues };
}

const start = (i: WebhookDeliveryInput) =>
  bed.client.workflow.start<WebhookDeliveryWorkflow>(WEBHOOK_DELIVERY_WORKFLOW, {
    workflowId: webhookDeliveryWorkflowId(i.deliveryId),
    taskQueue: bed.queues.lifecycle,
    args: [i],
  });

describe('webhook delivery workflow (fake attempts)', () => {
  it('retries with growing pauses until the receiver answers 2xx', async () => {
    const id = randomUUID();
    refusals.set(id, 4);
    const handle = await start(input(id));
    expect(await handle.result()).toEqual({ deliveryId: id, attempts: 5, statusCode: 204 });
    const at = attempts.get(id)!;
    const pauses = at.slice(1).map((t, i) => t - at[i]!);
    // 50, 100, 200, 400 ms (capped at 400); the dev server's timers may add to each, never take away.
    expect(pauses.map((p, i) => p >= [50, 100, 200, 400][i]! * 0.9)).toEqual([true, true, true, true]);
    await histories.keep(HISTORIES, 'delivered-after-retries', await handle.fetchHistory());
  });

  it('stops after the attempts allowed, when a limit is given', async () => {
    const id = randomUUID();
    refusals.set(id, 10);
    const failure = await (await start(input(id, 3))).result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(attempts.get(id)).toHaveLength(3);
  });

  it('replays every recorded history', async () => {
    expect(await histories.replayAll(HISTORIES)).toEqual(['delivered-after-retries.json']);
  });
});
