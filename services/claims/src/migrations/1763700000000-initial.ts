import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE claims.claim_number_seq`);
    await q.query(`
      CREATE TABLE claims.claim (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        participant_id uuid NOT NULL,
        municipality_id uuid NOT NULL,
        program text NOT NULL CHECK (program IN ('JKK', 'JKM')),
        incident_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('SUBMITTED', 'AWAITING_VERIFICATION', 'AWAITING_APPROVAL', 'APPROVED', 'PAID', 'REJECTED')),
        heir_name text NOT NULL,
        heir_relationship text NOT NULL,
        heir_phone text,
        benefit_regulation text NOT NULL,
        benefit_components jsonb NOT NULL,
        benefit_total bigint NOT NULL CHECK (benefit_total >= 0),
        submitted_by text NOT NULL,
        verified_by text,
        approved_by text,
        rejected_by text,
        rejection_reason text,
        rejection_note text,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        -- four eyes, guarded by the database too
        CONSTRAINT claim_approver_not_submitter CHECK (approved_by IS NULL OR approved_by <> submitted_by),
        CONSTRAINT claim_approver_not_verifier CHECK (approved_by IS NULL OR verified_by IS NULL OR approved_by <> verified_by),
        CONSTRAINT claim_rejection_has_reason CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL))
      )`);
    // A person dies once: one JKM claim per participant unless an earlier one was rejected.
    await q.query(`CREATE UNIQUE INDEX claim_one_open_jkm ON claims.claim (participant_id) WHERE program = 'JKM' AND status <> 'REJECTED'`);
    await q.query(`CREATE INDEX claim_participant_idx ON claims.claim (participant_id, submitted_at)`);
    await q.query(`CREATE INDEX claim_municipality_status_idx ON claims.claim (municipality_id, status)`);
    await q.query(`
      CREATE TABLE claims.claim_event (
        id bigserial PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        reason_code text,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_event_claim_idx ON claims.claim_event (claim_id, id)`);
    await q.query(`
      CREATE TABLE claims.payout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        instalment integer NOT NULL CHECK (instalment > 0),
        amount bigint NOT NULL CHECK (amount > 0),
        idempotency_key text NOT NULL UNIQUE,
        reference text NOT NULL UNIQUE,
        paid_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (claim_id, instalment)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claims.payout`);
    await q.query(`DROP TABLE claims.claim_event`);
    await q.query(`DROP TABLE claims.claim`);
    await q.query(`DROP SEQUENCE claims.claim_number_seq`);
  }
}
