import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City scoping filters claims by region code without asking another service. */
export class ClaimRegionCode1763800000000 implements MigrationInterface {
  name = 'ClaimRegionCode1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim ADD COLUMN region_code text`);
    // One-time backfill of claims filed before this column existed.
    await q.query(`UPDATE claims.claim c SET region_code = m.code FROM municipalities.municipality m WHERE m.id = c.municipality_id`);
    await q.query(`ALTER TABLE claims.claim ALTER COLUMN region_code SET NOT NULL`);
    await q.query(`CREATE INDEX claim_region_status_idx ON claims.claim (region_code, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP COLUMN region_code`);
  }
}
