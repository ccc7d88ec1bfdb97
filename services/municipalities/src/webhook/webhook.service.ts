import { randomBytes } from 'node:crypto';
import { idempotentId } from '../../../kit/src/idempotency.js';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { NOTIFICATION_KINDS } from '../../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';

export interface WebhookRow {
  id: string;
  clientId: string;
  url: string;
  cities: string[];
  kinds: string[] | null;
  active: boolean;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  notificationId: string;
  kind: string;
  regionCode: string;
  status: string;
  attempts: { attempt: number; at: Date; statusCode: number | null; latencyMs: number; error: string | null }[];
  deliveredAt: Date | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks a receiver URL: https, or plain http to this machine when explicitly allowed (development and tests). */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DomainError('BAD_USER_INPUT', `"${raw}" is not a URL.`, 'url');
  }
  if (raw.length > 2000) throw new DomainError('BAD_USER_INPUT', 'The URL is longer than 2000 characters.', 'url');
  if (url.username || url.password) throw new DomainError('BAD_USER_INPUT', 'The URL may not carry a user name or password.', 'url');
  const loopbackAllowed = process.env['LINDUNG_WEBHOOK_ALLOW_HTTP_LOOPBACK'] === '1' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackAllowed)) {
    throw new DomainError('BAD_USER_INPUT', 'Webhooks are delivered over https only.', 'url');
  }
  return url.toString();
}

/** Webhook registrations and their delivery log. A partner registers for its own cities only. */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async register(
    input: { url: string; cities?: string[] | null; kinds?: string[] | null; clientId?: string | null },
    caller: Caller,
  ): Promise<{ webhook: WebhookRow; secret: string }> {
    const url = checkWebhookUrl(input.url);
    const isAdmin = caller.identity.roles.includes('admin');
    const clientId = (isAdmin ? input.clientId?.trim() : caller.identity.clientId) ?? '';
    if (!clientId) {
      throw new DomainError('BAD_USER_INPUT', isAdmin ? 'Name the partner app (clientId) the webhook is for.' : 'Your token names no partner app (client).', 'clientId');
    }
    const cities = [...new Set(input.cities ?? (caller.scope.cities === 'ALL' ? [] : caller.scope.cities))];
    if (cities.length === 0) throw new DomainError('BAD_USER_INPUT', 'Name the cities (region codes) the webhook receives notifications of.', 'cities');
    for (const city of cities) {
      if (!/^\d{2}\.\d{2}$/.test(city)) throw new DomainError('BAD_USER_INPUT', `"${city}" is not a region code like 18.72.`, 'cities');
      if (!caller.scope.allows(city)) throw new DomainError('FORBIDDEN', `You may not receive notifications of ${city}: it is not one of your cities.`, 'cities');
    }
    const kinds = input.kinds?.length ? [...new Set(input.kinds)] : null;
    for (const kind of kinds ?? []) {
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind))
        throw new DomainError('BAD_USER_INPUT', `"${kind}" is not a notification kind; use ${NOTIFICATION_KINDS.join(', ')}.`, 'kinds');
    }
    // With an Idempotency-Key the registration's id comes from it: a retry gets the first
    // registration and its secret back instead of a second receiver.
    const keyed = idempotentId(caller, 'registerWebhook', { url, clientId, cities, kinds });
    if (keyed) {
      const [earlier] = (await this.dataSource.query(
        `SELECT id, client_id, url, cities, kinds, active, created_at, secret_ciphertext FROM municipalities.webhook_endpoint WHERE id = $1`,
        [keyed],
      )) as SqlRow[];
      if (earlier) return { webhook: toWebhook(earlier), secret: this.cipher.decrypt(earlier['secret_ciphertext']) };
    }
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    return this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `INSERT INTO municipalities.webhook_endpoint (id, client_id, url, secret_ciphertext, cities, kinds, created_by)
         VALUES (COALESCE($7::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6)
         RETURNING id, client_id, url, cities, kinds, active, created_at`,
        [clientId, url, this.cipher.encrypt(secret), cities, kinds, caller.identity.subject, keyed],
      )) as SqlRow[];
      const webhook = toWebhook(row!);
      await recordAudit(tx, 'municipalities', {
        actor: auditActorOf(caller),
        action: 'webhook.register',
        entityType: 'Webhook',
        entityId: webhook.id,
        regionCode: cities.length === 1 ? cities[0]! : null,
        before: null,
        after: webhook,
      });
      return { webhook, secret };
    });
  }

  /** Webhooks you may see: a partner its own app's, an administrator those of their cities. */
  async list(caller: Caller): Promise<WebhookRow[]> {
    const isAdmin = caller.identity.roles.includes('admin');
    const rows = (await this.dataSource.query(
      `SELECT id, client_id, url, cities, kinds, active, created_at FROM municipalities.webhook_endpoint
        WHERE ($1::text[] IS NULL OR cities <@ $1) AND ($2::text IS NULL OR client_id = $2) ORDER BY created_at, id`,
      [caller.scope.asSqlArray(), isAdmin ? null : (caller.identity.clientId ?? '')],
    )) as SqlRow[];
    return rows.map(toWebhook);
  }

  /** The delivery log, newest first, each with its attempts (status, latency, error). */
  async deliveries(webhookId: string | null, first: number, caller: Caller): Promise<DeliveryRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > 200) throw new DomainError('BAD_USER_INPUT', `Ask for between 1 and 200 deliveries; got ${first}.`, 'first');
    if (webhookId !== null && !isUuid(webhookId)) return [];
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.endpoint_id, d.notification_id, n.kind, d.region_code, d.status, d.delivered_at
         FROM municipalities.webhook_delivery d JOIN municipalities.notification n ON n.id = d.notification_id
        WHERE ($1::uuid IS NULL OR d.endpoint_id = $1) AND ($2::text[] IS NULL OR d.region_code = ANY($2))
        ORDER BY d.created_at DESC, d.id LIMIT $3`,
      [webhookId, caller.scope.asSqlArray(), first],
    )) as SqlRow[];
    const attempts = rows.length
      ? ((await this.dataSource.query(
          `SELECT delivery_id, attempt, at, status_code, latency_ms, error FROM municipalities.webhook_attempt WHERE delivery_id = ANY($1) ORDER BY attempt`,
          [rows.map((r) => r['id'])],
        )) as SqlRow[])
      : [];
    return rows.map((r) => ({
      id: r['id'],
      webhookId: r['endpoint_id'],
      notificationId: r['notification_id'],
      kind: r['kind'],
      regionCode: r['region_code'],
      status: r['status'],
      deliveredAt: r['delivered_at'],
      attempts: attempts
        .filter((a) => a['delivery_id'] === r['id'])
        .map((a) => ({ attempt: a['attempt'], at: a['at'], statusCode: a['status_code'], latencyMs: a['latency_ms'], error: a['error'] })),
    }));
  }
}

function toWebhook(r: SqlRow): WebhookRow {
  return { id: r['id'], clientId: r['client_id'], url: r['url'], cities: r['cities'], kinds: r['kinds'], active: r['active'], createdAt: r['created_at'] };
}
