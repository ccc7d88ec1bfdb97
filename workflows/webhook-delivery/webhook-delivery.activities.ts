import type { WebhookDeliveryOutcome } from './webhook-delivery.messages.js';

// ── municipalities queue ─────────────────────────────────────────────────────────────────

export interface WebhookActivities {
  /**
   * One signed attempt (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature),
   * logged with its status and latency. Fails, to be retried, unless the receiver answers 2xx;
   * a delivery already made returns at once.
   */
  attemptWebhookDelivery(input: { deliveryId: string; timeoutMs: number }): Promise<WebhookDeliveryOutcome>;
}
