import { proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from './webhook-delivery.activities.js';
import type { WebhookDeliveryInput, WebhookDeliveryOutcome } from './webhook-delivery.messages.js';

/**
 * Delivers one notification to one registered webhook, retried with exponential backoff until
 * the receiver answers 2xx (or the attempts allowed run out). Workflow id
 * `webhook-delivery/<deliveryId>`. Each attempt is signed afresh (the signature carries its time).
 */
export async function webhookDelivery(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome> {
  const { retry } = input;
  const webhooks = proxyActivities<WebhookActivities>({
    taskQueue: input.queues.municipalities,
    startToCloseTimeout: retry.attemptTimeoutMs + 5_000,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      // Unset means: no limit, until the receiver answers 2xx.
      ...(retry.maximumAttempts > 0 ? { maximumAttempts: retry.maximumAttempts } : {}),
    },
  });
  return webhooks.attemptWebhookDelivery({ deliveryId: input.deliveryId, timeoutMs: retry.attemptTimeoutMs });
}
