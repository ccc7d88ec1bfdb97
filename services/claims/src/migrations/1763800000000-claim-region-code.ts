import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City scoping filters claims by region code without asking another service. */
export class ClaimRegionCode1763800000000 implements MigrationInterface {
  name = 'ClaimRegionCode1763800000000';

  // A migration reads only its own schema. This one used to backfill claims filed before the
  // column existed from the city table in the municipalities schema; every database that had such rows ran that
  // version (TypeORM records it by name), so now it only runs on an empty table.
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim ADD COLUMN region_code text NOT NULL`);
    await q.query(`CREATE INDEX claim_region_status_idx ON claims.claim (region_code, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP COLUMN region_code`);
  }
}
