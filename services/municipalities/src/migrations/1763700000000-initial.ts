import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipalities.municipality (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2}\\.[0-9]{2}$'),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        province text NOT NULL,
        time_zone text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE municipalities.mou (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        municipality_id uuid NOT NULL REFERENCES municipalities.municipality (id),
        city_signatory text NOT NULL,
        bpjs_office text NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'EXPIRED', 'TERMINATED')),
        budget bigint NOT NULL CHECK (budget > 0),
        quota integer NOT NULL CHECK (quota > 0),
        programs text[] NOT NULL CHECK (cardinality(programs) > 0 AND programs <@ ARRAY['JKK', 'JKM']),
        created_by text NOT NULL,
        activated_by text,
        activated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to > valid_from)
      )`);
    await q.query(`CREATE INDEX mou_municipality_idx ON municipalities.mou (municipality_id, valid_from)`);
    // Human MoU numbers count per region and year; the upsert hands them out without gaps or races.
    await q.query(`
      CREATE TABLE municipalities.mou_number_sequence (
        region_code text NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (region_code, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipalities.mou_number_sequence`);
    await q.query(`DROP TABLE municipalities.mou`);
    await q.query(`DROP TABLE municipalities.municipality`);
  }
}
