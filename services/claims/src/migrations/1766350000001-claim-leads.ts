import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/** Claim leads (issue 15 item 9): a covered person's death reported by the civil registry, before any claim. */
export class ClaimLeads1766350000001 implements MigrationInterface {
  name = 'ClaimLeads1766350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claims.claim_lead (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        municipality_id uuid NOT NULL,
        region_code text NOT NULL,
        date_of_death date NOT NULL,
        source text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CONVERTED', 'DISMISSED')),
        claim_id uuid REFERENCES claims.claim (id),
        dismissed_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        resolved_at timestamptz,
        resolved_by text,
        UNIQUE (person_id, date_of_death),
        CONSTRAINT claim_lead_resolution CHECK (
          (status = 'OPEN' AND claim_id IS NULL AND dismissed_reason IS NULL AND resolved_at IS NULL)
          OR (status = 'CONVERTED' AND claim_id IS NOT NULL AND resolved_at IS NOT NULL)
          OR (status = 'DISMISSED' AND dismissed_reason IS NOT NULL AND resolved_at IS NOT NULL))
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON claims.claim_lead TO ${APP_ROLE}`);
    await q.query(`CREATE INDEX claim_lead_open_idx ON claims.claim_lead (region_code, date_of_death) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claims.claim_lead`);
  }
}
