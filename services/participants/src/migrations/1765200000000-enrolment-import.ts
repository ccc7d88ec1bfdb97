import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * Bulk enrolment (issue 13): one row per import batch with its progress, the staging table its
 * rows are COPYed into and judged in, and the civil-registry extract rows are verified against
 * (blocked by pg_trgm on the normalised name).
 */
export class EnrolmentImport1765200000000 implements MigrationInterface {
  name = 'EnrolmentImport1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE participants.enrolment_import (
        batch_id text PRIMARY KEY,
        mou_id uuid NOT NULL,
        region_code text,
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        storage_key text NOT NULL,
        file_kind text NOT NULL CHECK (file_kind IN ('csv', 'xlsx')),
        dry_run boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED', 'PARSING', 'VALIDATING', 'ACTIVATING', 'AWAITING_REVIEW', 'DONE', 'CANCELLED', 'FAILED')),
        failure text,
        header text[],
        rows_parsed integer NOT NULL DEFAULT 0,
        rows_validated integer NOT NULL DEFAULT 0,
        rows_activated integer NOT NULL DEFAULT 0,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX enrolment_import_region_idx ON participants.enrolment_import (region_code, created_at)`);
    await q.query(`
      CREATE TABLE participants.import_row (
        batch_id text NOT NULL REFERENCES participants.enrolment_import (batch_id),
        row_number integer NOT NULL,
        cells_ciphertext text NOT NULL,
        nik_ciphertext text,
        nik_index text,
        full_name text,
        name_norm text,
        birth_date date,
        sex text,
        mother_maiden_name text,
        mother_norm text,
        address text,
        occupation_group text,
        issues jsonb NOT NULL DEFAULT '[]',
        verdict text NOT NULL CHECK (verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS', 'NEEDS_REVIEW', 'REJECTED')),
        registry_nik_index text,
        registry_score jsonb,
        participant_id uuid,
        activated boolean NOT NULL DEFAULT false,
        reviewed_by text,
        PRIMARY KEY (batch_id, row_number)
      )`);
    await q.query(`CREATE INDEX import_row_nik_idx ON participants.import_row (batch_id, nik_index)`);
    await q.query(`CREATE INDEX import_row_verdict_idx ON participants.import_row (batch_id, verdict, row_number)`);
    await q.query(`
      CREATE TABLE participants.registry_person (
        nik_index text PRIMARY KEY,
        nik_ciphertext text NOT NULL,
        full_name text NOT NULL,
        name_norm text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL,
        mother_maiden_name text NOT NULL,
        mother_norm text NOT NULL,
        region_code text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX registry_person_birth_idx ON participants.registry_person (birth_date)`);
    await q.query(`CREATE INDEX registry_person_name_trgm ON participants.registry_person USING gin (name_norm gin_trgm_ops)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON participants.enrolment_import, participants.import_row, participants.registry_person TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participants.import_row`);
    await q.query(`DROP TABLE participants.enrolment_import`);
    await q.query(`DROP TABLE participants.registry_person`);
  }
}
