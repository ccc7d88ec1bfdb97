import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City scoping filters MoUs by region code without a join. */
export class MouRegionCode1763800000000 implements MigrationInterface {
  name = 'MouRegionCode1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE municipalities.mou ADD COLUMN region_code text`);
    await q.query(`UPDATE municipalities.mou m SET region_code = c.code FROM municipalities.municipality c WHERE c.id = m.municipality_id`);
    await q.query(`ALTER TABLE municipalities.mou ALTER COLUMN region_code SET NOT NULL`);
    await q.query(`CREATE INDEX mou_region_idx ON municipalities.mou (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE municipalities.mou DROP COLUMN region_code`);
  }
}
