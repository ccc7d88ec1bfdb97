import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import type { WebhookActivities } from '../../../../workflows/webhook-delivery/webhook-delivery.activities.js';
import {
  WEBHOOK_DELIVERY_WORKFLOW,
  webhookDeliveryWorkflowId,
  type WebhookDeliveryOutcome,
  type WebhookDeliveryWorkflow,
  type WebhookRetryPolicy,
} from '../../../../workflows/webhook-delivery/webhook-delivery.messages.js';
import { envInt } from '../../../kit/src/config.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';
import { startWorkflowOnce } from '../../../kit/src/temporal.js';

/** Retry settings from the environment (tests shorten them). Default: 2 s, doubling to 1 h between attempts, until 2xx. */
export function webhookRetryPolicy(): WebhookRetryPolicy {
  return {
    initialIntervalMs: envInt('LINDUNG_WEBHOOK_RETRY_INITIAL_MS', 2_000),
    backoffCoefficient: 2,
    maximumIntervalMs: envInt('LINDUNG_WEBHOOK_RETRY_MAX_MS', 3_600_000),
    maximumAttempts: envInt('LINDUNG_WEBHOOK_MAX_ATTEMPTS', 0),
    attemptTimeoutMs: envInt('LINDUNG_WEBHOOK_TIMEOUT_MS', 10_000),
  };
}

/**
 * Hands notifications to the webhooks that should see them — active, of the notification's city,
 * subscribed to its kind — and delivers them, signed per Standard Webhooks, one workflow each.
 */
export class WebhookDeliveries implements WebhookActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
  ) {}

  /** Creates the deliveries (once per webhook and notification) and starts their workflows. Safe to repeat. */
  async fanOut(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO municipalities.webhook_delivery (endpoint_id, notification_id, region_code)
       SELECT e.id, n.id, n.region_code
         FROM municipalities.notification n
         JOIN municipalities.webhook_endpoint e ON e.active AND n.region_code = ANY(e.cities) AND (e.kinds IS NULL OR n.kind = ANY(e.kinds))
        WHERE n.id = ANY($1)
       ON CONFLICT (endpoint_id, notification_id) DO NOTHING`,
      [notificationIds],
    );
    const pending = (await this.dataSource.query(`SELECT id FROM municipalities.webhook_delivery WHERE notification_id = ANY($1) AND status = 'PENDING'`, [notificationIds])) as {
      id: string;
    }[];
    const retry = webhookRetryPolicy();
    for (const { id } of pending) {
      await startWorkflowOnce<WebhookDeliveryWorkflow>(this.temporal, WEBHOOK_DELIVERY_WORKFLOW, {
        workflowId: webhookDeliveryWorkflowId(id),
        taskQueue: this.queues.lifecycle,
        args: [{ deliveryId: id, retry, queues: this.queues }],
      });
    }
  }

  async attemptWebhookDelivery(input: { deliveryId: string; timeoutMs: number }): Promise<WebhookDeliveryOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.status, d.attempts, d.last_status_code, e.url, e.secret_ciphertext,
              n.id AS notification_id, n.kind, n.region_code, n.municipality_id, n.mou_id, n.title, n.message, n.details, n.occurred_on, n.created_at
         FROM municipalities.webhook_delivery d
         JOIN municipalities.webhook_endpoint e ON e.id = d.endpoint_id
         JOIN municipalities.notification n ON n.id = d.notification_id
        WHERE d.id = $1`,
      [input.deliveryId],
    )) as SqlRow[];
    if (!row) throw ApplicationFailure.nonRetryable(`webhook delivery ${input.deliveryId} is missing`);
    if (row['status'] === 'DELIVERED') return { deliveryId: row['id'], attempts: row['attempts'], statusCode: row['last_status_code'] };
    const attempt = activityAttempt();
    const payload = JSON.stringify({
      type: `lindung.${String(row['kind']).toLowerCase()}`,
      timestamp: new Date(row['created_at']).toISOString(),
      data: {
        notificationId: row['notification_id'],
        kind: row['kind'],
        regionCode: row['region_code'],
        municipalityId: row['municipality_id'],
        mouId: row['mou_id'],
        title: row['title'],
        message: row['message'],
        details: row['details'],
        occurredOn: row['occurred_on'],
      },
    });
    // The message id stays the same across attempts, so a receiver can drop a repeat; the signature carries this attempt's time.
    const msgId = `msg_${row['id']}`;
    const signature = new Webhook(this.cipher.decrypt(row['secret_ciphertext'])).sign(msgId, new Date(), payload);
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row['url'], {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': msgId, 'webhook-timestamp': timestamp, 'webhook-signature': signature, 'user-agent': 'Lindung-Webhooks/1' },
        body: payload,
        signal: AbortSignal.timeout(input.timeoutMs),
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel();
    } catch (failure) {
      error = failure instanceof Error && failure.name === 'TimeoutError' ? `no answer within ${input.timeoutMs} ms` : 'connection failed';
    }
    const latency = Math.round(performance.now() - started);
    const delivered = status !== null && status >= 200 && status < 300;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO municipalities.webhook_attempt (delivery_id, attempt, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        row['id'],
        attempt,
        status,
        latency,
        error,
      ]);
      await tx.query(
        `UPDATE municipalities.webhook_delivery SET attempts = GREATEST(attempts, $2), last_status_code = $3,
                status = CASE WHEN $4 THEN 'DELIVERED' ELSE status END, delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [row['id'], attempt, status, delivered],
      );
    });
    if (!delivered) throw ApplicationFailure.retryable(`webhook answered ${status ?? error}`, 'WEBHOOK_NOT_ACCEPTED');
    return { deliveryId: row['id'], attempts: attempt, statusCode: status! };
  }
}

function activityAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}
