import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * The JKM scholarship paid (issue 15): one row per (claim, child heir, instalment), a school year
 * each, written at the claim's PAID; its payout is the payout line of the same (claim, heir,
 * instalment). A later year's school certificate is verified on its row; an entitlement a
 * caseworker ends keeps its coded reason.
 */
export class ScholarshipInstalments1767000000000 implements MigrationInterface {
  name = 'ScholarshipInstalments1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claims.scholarship_instalment (
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        heir_id uuid NOT NULL,
        instalment integer NOT NULL CHECK (instalment >= 2),
        child_name text NOT NULL,
        school_year integer NOT NULL,
        level text NOT NULL CHECK (level IN ('TK_SD', 'SMP', 'SMA', 'UNIVERSITY')),
        amount bigint NOT NULL CHECK (amount > 0),
        due_on date NOT NULL,
        needs_certificate boolean NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'AWAITING_CERTIFICATE', 'READY', 'PAID', 'ENDED')),
        certificate_storage_key text,
        certificate_checksum text CHECK (certificate_checksum IS NULL OR certificate_checksum ~ '^sha256:[0-9a-f]{64}$'),
        certificate_file_name text,
        certificate_verified_by text,
        certificate_verified_at timestamptz,
        ended_reason text CHECK (ended_reason IS NULL OR ended_reason IN ('MARRIED', 'WORKING', 'LEFT_SCHOOL', 'DECEASED')),
        ended_note text,
        ended_by text,
        ended_at timestamptz,
        payout_id uuid REFERENCES claims.payout (id),
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_id, heir_id, instalment),
        UNIQUE (claim_id, heir_id, school_year),
        CONSTRAINT scholarship_certificate_file CHECK ((certificate_verified_at IS NULL) = (certificate_checksum IS NULL)),
        CONSTRAINT scholarship_ended_reason CHECK ((status = 'ENDED') = (ended_reason IS NOT NULL)),
        CONSTRAINT scholarship_paid_payout CHECK ((status = 'PAID') = (payout_id IS NOT NULL))
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON claims.scholarship_instalment TO ${APP_ROLE}`);
    // The instalments still to pay, by due day (the schedule views and the workflow's look-ups).
    await q.query(`CREATE INDEX scholarship_instalment_open_idx ON claims.scholarship_instalment (claim_id, due_on) WHERE status NOT IN ('PAID', 'ENDED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claims.scholarship_instalment`);
  }
}
