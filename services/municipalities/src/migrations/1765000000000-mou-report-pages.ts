import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes the managers' keyset pages walk: MoUs awaiting renewal by deadline, and each pipeline stage by deadline. */
export class MouReportPages1765000000000 implements MigrationInterface {
  name = 'MouReportPages1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX mou_expiring_page_idx ON municipalities.mou (valid_to, number, id) WHERE status IN ('ACTIVE', 'RENEWAL_DUE')`);
    await q.query(`CREATE INDEX mou_status_page_idx ON municipalities.mou (status, valid_to, number, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX municipalities.mou_status_page_idx`);
    await q.query(`DROP INDEX municipalities.mou_expiring_page_idx`);
  }
}
