import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SLA_RULES } from '../../../../domain/claims/sla.js';
import { APP_ROLE } from '../../../kit/src/app-role.js';
import { HOLIDAYS_2026 } from './holidays-2026.js';

/**
 * Issue 15 (items 2-5, 8): several heirs with shares and encrypted bank accounts, the document
 * checklist, approvals (nobody approves twice), the stages DOCUMENTS_REQUESTED and CANCELLED,
 * SLA rules and clocks on a holiday table, claims notifications, and inbox assignment.
 */
export class ClaimsComplete1765300000000 implements MigrationInterface {
  name = 'ClaimsComplete1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP CONSTRAINT claim_status_check`);
    await q.query(`ALTER TABLE claims.claim ADD CONSTRAINT claim_status_check CHECK (status IN
      ('SUBMITTED', 'AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'PAID', 'REJECTED', 'CANCELLED'))`);
    await q.query(`ALTER TABLE claims.claim
      ADD COLUMN benefit_rule_version text,
      ADD COLUMN claim_facts jsonb,
      ADD COLUMN scholarship jsonb,
      ADD COLUMN assignee text,
      ADD COLUMN assigned_at timestamptz,
      ADD COLUMN cancelled_by text,
      ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
      ADD COLUMN documents_complete_at timestamptz,
      ADD COLUMN paid_at timestamptz`);
    // A cancelled claim, like a rejected one, does not block a new claim for the same death.
    await q.query(`DROP INDEX claims.claim_one_open_jkm`);
    await q.query(`CREATE UNIQUE INDEX claim_one_open_jkm ON claims.claim (participant_id) WHERE program = 'JKM' AND status NOT IN ('REJECTED', 'CANCELLED')`);
    // The inbox: keyset pages per city in filing order, and per assignee.
    await q.query(`CREATE INDEX claim_inbox_idx ON claims.claim (region_code, submitted_at, id)`);
    await q.query(`CREATE INDEX claim_assignee_idx ON claims.claim (assignee, submitted_at, id) WHERE assignee IS NOT NULL`);

    await q.query(`
      CREATE TABLE claims.claim_heir (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        position integer NOT NULL CHECK (position >= 1),
        name text NOT NULL,
        relationship text NOT NULL,
        legal_order integer NOT NULL CHECK (legal_order BETWEEN 1 AND 6),
        share_numerator integer NOT NULL CHECK (share_numerator > 0),
        share_denominator integer NOT NULL CHECK (share_denominator >= share_numerator),
        phone text,
        bank_name text,
        -- AES-256-GCM (services/kit/src/field-cipher.ts); the last four digits for masked display
        bank_account_enc text,
        bank_account_last4 text,
        account_holder text,
        birth_date date,
        education_level text,
        UNIQUE (claim_id, position)
      )`);
    await q.query(`
      CREATE TABLE claims.claim_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        type text NOT NULL,
        required boolean NOT NULL,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'RECEIVED', 'VERIFIED', 'REJECTED')),
        storage_key text,
        checksum text CHECK (checksum IS NULL OR checksum ~ '^sha256:[0-9a-f]{64}$'),
        file_name text,
        received_at timestamptz,
        received_by text,
        reviewed_at timestamptz,
        reviewed_by text,
        rejection_reason text,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (claim_id, type),
        CONSTRAINT claim_document_file CHECK (state = 'PENDING' OR (storage_key IS NOT NULL AND checksum IS NOT NULL)),
        CONSTRAINT claim_document_rejection CHECK ((state = 'REJECTED') = (rejection_reason IS NOT NULL))
      )`);
    // Nobody approves what they submitted, verified or already approved (also after a reopen).
    await q.query(`
      CREATE TABLE claims.claim_approval (
        id bigserial PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        approver text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (claim_id, approver)
      )`);
    await q.query(`CREATE FUNCTION claims.refuse_own_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM claims.claim c WHERE c.id = NEW.claim_id AND (c.submitted_by = NEW.approver OR c.verified_by = NEW.approver)) THEN
          RAISE EXCEPTION 'four eyes: % submitted or verified claim %', NEW.approver, NEW.claim_id USING ERRCODE = 'check_violation', CONSTRAINT = 'claim_approval_four_eyes';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER claim_approval_four_eyes BEFORE INSERT ON claims.claim_approval FOR EACH ROW EXECUTE FUNCTION claims.refuse_own_approval()`);

    // The working-day calendar: public holidays and collective leave, national ('*') or per city.
    await q.query(`
      CREATE TABLE claims.holiday (
        day date NOT NULL,
        region_code text NOT NULL DEFAULT '*',
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PUBLIC_HOLIDAY', 'COLLECTIVE_LEAVE')),
        PRIMARY KEY (day, region_code)
      )`);
    for (const h of HOLIDAYS_2026) await q.query(`INSERT INTO claims.holiday (day, name, kind) VALUES ($1, $2, $3)`, [h.day, h.name, h.kind]);
    await q.query(`
      CREATE TABLE claims.sla_rule (
        step text NOT NULL,
        program text NOT NULL CHECK (program IN ('JKK', 'JKM')),
        working_days integer NOT NULL CHECK (working_days BETWEEN 1 AND 60),
        warn_before integer NOT NULL CHECK (warn_before >= 0),
        PRIMARY KEY (step, program)
      )`);
    for (const r of DEFAULT_SLA_RULES) {
      await q.query(`INSERT INTO claims.sla_rule (step, program, working_days, warn_before) VALUES ($1, $2, $3, $4)`, [r.step, r.program, r.workingDays, r.warnBefore]);
    }
    await q.query(`
      CREATE TABLE claims.claim_sla (
        claim_id uuid NOT NULL REFERENCES claims.claim (id),
        step text NOT NULL,
        started_on date NOT NULL,
        warn_on date NOT NULL,
        due_on date NOT NULL,
        met_on date,
        warned_at timestamptz,
        breached_at timestamptz,
        PRIMARY KEY (claim_id, step)
      )`);
    await q.query(`CREATE INDEX claim_sla_open_idx ON claims.claim_sla (due_on) WHERE met_on IS NULL`);
    await q.query(`
      CREATE TABLE claims.claim_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code text NOT NULL,
        recipient_role text NOT NULL,
        claim_id uuid REFERENCES claims.claim (id),
        kind text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by text
      )`);
    await q.query(`CREATE INDEX claim_notification_inbox_idx ON claims.claim_notification (region_code, recipient_role, created_at DESC, id)`);
    // The city's time zone from its region code (domain/claims/sla.ts timeZoneOfRegion), for "today" in SQL.
    await q.query(`CREATE FUNCTION claims.region_time_zone(code text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
      SELECT CASE WHEN p BETWEEN 81 AND 82 OR p >= 91 THEN 'Asia/Jayapura'
                  WHEN p BETWEEN 51 AND 53 OR p BETWEEN 63 AND 65 OR p BETWEEN 71 AND 76 THEN 'Asia/Makassar'
                  ELSE 'Asia/Jakarta' END
        FROM (SELECT CASE WHEN split_part(code, '.', 1) ~ '^[0-9]{1,2}$' THEN split_part(code, '.', 1)::int ELSE 0 END AS p) x $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION claims.region_time_zone(text) TO ${APP_ROLE}`);
    for (const table of ['claim_heir', 'claim_document', 'claim_approval', 'holiday', 'sla_rule', 'claim_sla', 'claim_notification']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON claims.${table} TO ${APP_ROLE}`);
    }
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA claims TO ${APP_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON claims.claim_approval FROM ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER claim_approval_append_only BEFORE UPDATE OR DELETE ON claims.claim_approval FOR EACH ROW EXECUTE FUNCTION claims.refuse_history_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['claim_notification', 'claim_sla', 'sla_rule', 'holiday', 'claim_approval', 'claim_document', 'claim_heir']) await q.query(`DROP TABLE claims.${table}`);
    await q.query(`DROP FUNCTION claims.refuse_own_approval()`);
    await q.query(`DROP FUNCTION claims.region_time_zone(text)`);
  }
}
