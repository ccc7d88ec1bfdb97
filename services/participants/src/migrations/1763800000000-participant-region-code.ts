import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City scoping filters participants by region code without asking another service. */
export class ParticipantRegionCode1763800000000 implements MigrationInterface {
  name = 'ParticipantRegionCode1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant ADD COLUMN region_code text`);
    // One-time backfill of rows enrolled before this column existed.
    await q.query(`UPDATE participants.participant p SET region_code = c.code FROM municipalities.municipality c WHERE c.id = p.municipality_id`);
    await q.query(`ALTER TABLE participants.participant ALTER COLUMN region_code SET NOT NULL`);
    await q.query(`CREATE INDEX participant_region_idx ON participants.participant (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant DROP COLUMN region_code`);
  }
}
