import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Claim documents uploaded as files (issue 15 item 3): the size and type of the stored bytes. */
export class DocumentFiles1766350000000 implements MigrationInterface {
  name = 'DocumentFiles1766350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim_document ADD COLUMN size_bytes bigint CHECK (size_bytes IS NULL OR size_bytes > 0), ADD COLUMN content_type text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim_document DROP COLUMN size_bytes, DROP COLUMN content_type`);
  }
}
