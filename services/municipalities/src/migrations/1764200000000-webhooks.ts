import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/** Webhooks registered by partner apps, one delivery per (webhook, notification), and every attempt. */
export class Webhooks1764200000000 implements MigrationInterface {
  name = 'Webhooks1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipalities.webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret_ciphertext text NOT NULL CHECK (secret_ciphertext LIKE 'v1:%'),
        cities text[] NOT NULL CHECK (cardinality(cities) > 0),
        kinds text[],
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE municipalities.webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES municipalities.webhook_endpoint (id),
        notification_id uuid NOT NULL REFERENCES municipalities.notification (id),
        region_code text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (endpoint_id, notification_id)
      )`);
    await q.query(`
      CREATE TABLE municipalities.webhook_attempt (
        delivery_id uuid NOT NULL REFERENCES municipalities.webhook_delivery (id),
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        latency_ms integer NOT NULL,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    for (const table of ['webhook_endpoint', 'webhook_delivery', 'webhook_attempt']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON municipalities.${table} TO ${APP_ROLE}`);
    }
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON municipalities.webhook_attempt FROM ${APP_ROLE}`);
    await q.query(
      `CREATE TRIGGER webhook_attempt_append_only BEFORE UPDATE OR DELETE ON municipalities.webhook_attempt FOR EACH ROW EXECUTE FUNCTION municipalities.refuse_history_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipalities.webhook_attempt, municipalities.webhook_delivery, municipalities.webhook_endpoint`);
  }
}
