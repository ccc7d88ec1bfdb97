import type { TaskQueues } from '../contracts/task-queues.js';

export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery';

/** One workflow per (endpoint, notification) delivery: a duplicate start is refused. */
export function webhookDeliveryWorkflowId(deliveryId: string): string {
  return `webhook-delivery/${deliveryId}`;
}

/** Backoff between attempts; every figure is an input, so tests retry in milliseconds. */
export interface WebhookRetryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** 0: until the receiver answers 2xx. */
  maximumAttempts: number;
  /** One attempt waits this long for an answer. */
  attemptTimeoutMs: number;
}

export interface WebhookDeliveryInput {
  deliveryId: string;
  retry: WebhookRetryPolicy;
  queues: TaskQueues;
}

export interface WebhookDeliveryOutcome {
  deliveryId: string;
  attempts: number;
  statusCode: number;
}

export type WebhookDeliveryWorkflow = (input: WebhookDeliveryInput) => Promise<WebhookDeliveryOutcome>;
