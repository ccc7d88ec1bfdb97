import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * MoUs as a BPJS office and a city finance office keep them: both parties' signatures, versioned
 * terms (the original and each addendum, from its effective date) with budget lines per APBD
 * fiscal year and quota and contribution per occupation group; quota reservations held per
 * enrolment; notifications; and the informal workforce of each city, for coverage %.
 */
export class MouTermsAndLifecycle1764100000000 implements MigrationInterface {
  name = 'MouTermsAndLifecycle1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE municipalities.municipality
        ADD COLUMN informal_workforce integer CHECK (informal_workforce > 0),
        ADD COLUMN workforce_year integer CHECK (workforce_year BETWEEN 1990 AND 2100),
        ADD COLUMN workforce_source text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CHECK ((informal_workforce IS NULL) = (workforce_year IS NULL))`);

    await q.query(`ALTER TABLE municipalities.mou DROP CONSTRAINT IF EXISTS mou_status_check`);
    await q.query(`
      ALTER TABLE municipalities.mou
        ADD CONSTRAINT mou_status_check CHECK (status IN ('DRAFT', 'AWAITING_SIGNATURES', 'SIGNED', 'ACTIVE', 'RENEWAL_DUE', 'RENEWED', 'EXPIRED', 'TERMINATED')),
        ADD COLUMN bpjs_signatory text,
        ADD COLUMN jht boolean NOT NULL DEFAULT false,
        ADD COLUMN reminder_offsets_days integer[] NOT NULL DEFAULT '{90,60,30,7}' CHECK (cardinality(reminder_offsets_days) > 0),
        ADD COLUMN escalation_days_before integer NOT NULL DEFAULT 30 CHECK (escalation_days_before >= 0),
        ADD COLUMN predecessor_id uuid UNIQUE REFERENCES municipalities.mou (id),
        ADD COLUMN places_used integer NOT NULL DEFAULT 0 CHECK (places_used >= 0),
        ADD COLUMN terms_version integer NOT NULL DEFAULT 1,
        ADD COLUMN termination_reason text,
        ADD COLUMN ended_on date,
        ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE municipalities.mou SET bpjs_signatory = '(not recorded)' WHERE bpjs_signatory IS NULL`);
    await q.query(`ALTER TABLE municipalities.mou ALTER COLUMN bpjs_signatory SET NOT NULL`);
    await q.query(`CREATE INDEX mou_region_valid_to_idx ON municipalities.mou (region_code, valid_to)`);

    await q.query(`
      CREATE TABLE municipalities.mou_signature (
        mou_id uuid NOT NULL REFERENCES municipalities.mou (id),
        party text NOT NULL CHECK (party IN ('CITY', 'BPJS')),
        signatory text NOT NULL CHECK (length(trim(signatory)) > 0),
        signed_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mou_id, party)
      )`);

    await q.query(`
      CREATE TABLE municipalities.mou_terms (
        mou_id uuid NOT NULL REFERENCES municipalities.mou (id),
        version integer NOT NULL CHECK (version >= 1),
        effective_from date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ORIGINAL', 'ADDENDUM')),
        reason text,
        signed_on date,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        quota integer NOT NULL CHECK (quota > 0),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mou_id, version),
        CHECK (valid_to > valid_from),
        CHECK ((kind = 'ORIGINAL') = (version = 1))
      )`);
    await q.query(`
      CREATE TABLE municipalities.mou_terms_group (
        mou_id uuid NOT NULL,
        version integer NOT NULL,
        occupation_group text NOT NULL,
        quota integer NOT NULL CHECK (quota > 0),
        monthly_contribution bigint NOT NULL CHECK (monthly_contribution > 0),
        PRIMARY KEY (mou_id, version, occupation_group),
        FOREIGN KEY (mou_id, version) REFERENCES municipalities.mou_terms (mou_id, version)
      )`);
    await q.query(`
      CREATE TABLE municipalities.mou_budget_line (
        mou_id uuid NOT NULL,
        version integer NOT NULL,
        fiscal_year integer NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        apbd_reference text,
        PRIMARY KEY (mou_id, version, fiscal_year),
        FOREIGN KEY (mou_id, version) REFERENCES municipalities.mou_terms (mou_id, version)
      )`);

    // MoUs recorded before terms were versioned: their one budget and quota become version 1,
    // the budget as one line for the fiscal year the term starts in, every group open up to the
    // total quota at the standard package rate for their programs.
    await q.query(`
      INSERT INTO municipalities.mou_terms (mou_id, version, effective_from, kind, valid_from, valid_to, quota, recorded_by)
      SELECT id, 1, valid_from, 'ORIGINAL', valid_from, valid_to, quota, created_by FROM municipalities.mou`);
    await q.query(`
      INSERT INTO municipalities.mou_terms_group (mou_id, version, occupation_group, quota, monthly_contribution)
      SELECT m.id, 1, g.name, m.quota,
             (CASE WHEN 'JKK' = ANY(m.programs) THEN 10000 ELSE 0 END) + (CASE WHEN 'JKM' = ANY(m.programs) THEN 6800 ELSE 0 END)
        FROM municipalities.mou m
        CROSS JOIN unnest(ARRAY['RT_RW_HEAD', 'RELIGIOUS_TEACHER', 'MOSQUE_CARETAKER', 'CEMETERY_KEEPER', 'POSYANDU_CADRE',
                                'PARKING_ATTENDANT', 'MARKET_PORTER', 'HONORARY_STAFF', 'OTHER']) AS g(name)`);
    await q.query(`
      INSERT INTO municipalities.mou_budget_line (mou_id, version, fiscal_year, amount)
      SELECT id, 1, extract(year FROM valid_from)::int, budget FROM municipalities.mou`);
    await q.query(`ALTER TABLE municipalities.mou DROP COLUMN budget, DROP COLUMN quota`);

    // One row per enrolment holding a place: the ledger behind the counters, and the enrolment
    // periods budget utilisation is computed from. The counters make reserving O(1).
    await q.query(`
      CREATE TABLE municipalities.quota_reservation (
        participant_id uuid PRIMARY KEY,
        mou_id uuid NOT NULL REFERENCES municipalities.mou (id),
        occupation_group text NOT NULL,
        region_code text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        reserved_by text NOT NULL,
        reserved_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        CHECK (ends_on IS NULL OR ends_on >= starts_on - 1)
      )`);
    await q.query(`CREATE INDEX quota_reservation_mou_idx ON municipalities.quota_reservation (mou_id, occupation_group)`);
    await q.query(`
      CREATE TABLE municipalities.mou_quota_use (
        mou_id uuid NOT NULL REFERENCES municipalities.mou (id),
        occupation_group text NOT NULL,
        used integer NOT NULL CHECK (used >= 0),
        PRIMARY KEY (mou_id, occupation_group)
      )`);

    await q.query(`
      CREATE TABLE municipalities.notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        recipient_role text NOT NULL,
        region_code text NOT NULL,
        municipality_id uuid NOT NULL REFERENCES municipalities.municipality (id),
        mou_id uuid REFERENCES municipalities.mou (id),
        title text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by text,
        acknowledged_at timestamptz,
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
      )`);
    await q.query(`CREATE INDEX notification_region_idx ON municipalities.notification (region_code, created_at DESC, id)`);

    for (const table of ['mou_signature', 'mou_terms', 'mou_terms_group', 'mou_budget_line', 'quota_reservation', 'mou_quota_use', 'notification']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON municipalities.${table} TO ${APP_ROLE}`);
    }
    // Signed documents and their versions are history: never rewritten.
    for (const table of ['mou_signature', 'mou_terms', 'mou_terms_group', 'mou_budget_line']) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON municipalities.${table} FROM ${APP_ROLE}`);
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON municipalities.${table} FOR EACH ROW EXECUTE FUNCTION municipalities.refuse_history_change()`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Versioned MoU terms cannot be folded back into one budget and quota.');
  }
}
