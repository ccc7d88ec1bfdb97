import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activation of a bulk import finds its rows by participant id and takes the next page in row
 * order. Without these indexes each page scanned every row of the batch (quadratic in the file):
 * participant ids of claimed rows, the few rows claimed but not yet enrolled, and the rows still
 * waiting to be enrolled, in order.
 */
export class ImportRowActivationIndexes1766100000000 implements MigrationInterface {
  name = 'ImportRowActivationIndexes1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX import_row_participant_idx ON participants.import_row (participant_id) WHERE participant_id IS NOT NULL`);
    await q.query(`CREATE INDEX import_row_claimed_idx ON participants.import_row (batch_id, row_number) WHERE participant_id IS NOT NULL AND NOT activated`);
    await q.query(
      `CREATE INDEX import_row_pending_idx ON participants.import_row (batch_id, row_number) WHERE NOT activated AND verdict IN ('ACCEPTED', 'ACCEPTED_WITH_WARNINGS')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX participants.import_row_pending_idx`);
    await q.query(`DROP INDEX participants.import_row_claimed_idx`);
    await q.query(`DROP INDEX participants.import_row_participant_idx`);
  }
}
