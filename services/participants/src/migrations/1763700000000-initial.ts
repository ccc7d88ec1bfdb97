import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE participants.participant (
        id uuid PRIMARY KEY,
        nik text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
        full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
        birth_date date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('M', 'F')),
        mother_maiden_name text NOT NULL,
        address text NOT NULL,
        occupation_group text NOT NULL,
        municipality_id uuid NOT NULL,
        mou_id uuid NOT NULL,
        programs text[] NOT NULL CHECK (cardinality(programs) > 0),
        coverage_from date NOT NULL,
        coverage_to date NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'TERMINATED')),
        enrolled_by text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        CHECK (coverage_to >= coverage_from)
      )`);
    // A person is covered by one city scheme at a time.
    await q.query(`CREATE UNIQUE INDEX participant_one_active_nik ON participants.participant (nik) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX participant_municipality_idx ON participants.participant (municipality_id, full_name, id)`);
    await q.query(`CREATE INDEX participant_mou_idx ON participants.participant (mou_id, full_name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participants.participant`);
  }
}
