import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City scoping filters participants by region code without asking another service. */
export class ParticipantRegionCode1763800000000 implements MigrationInterface {
  name = 'ParticipantRegionCode1763800000000';

  // A migration reads only its own schema. This one used to backfill participants enrolled before the
  // column existed from the city table in the municipalities schema; every database that had such rows ran that
  // version (TypeORM records it by name), so now it only runs on an empty table.
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant ADD COLUMN region_code text NOT NULL`);
    await q.query(`CREATE INDEX participant_region_idx ON participants.participant (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant DROP COLUMN region_code`);
  }
}
