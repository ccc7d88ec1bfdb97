import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (target 4): the claim inbox's status and assignee filters read a city's claims in
 * filing order from an index that holds the filter too, so a page costs its size, not the number
 * of the city's claims the filter skips (a rare status scanned every claim of the city). The
 * (region_code, status) index is a prefix of the new one and goes.
 */
export class ClaimInboxFilterIndexes1767200000001 implements MigrationInterface {
  name = 'ClaimInboxFilterIndexes1767200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claim_inbox_status_idx ON claims.claim (region_code, status, submitted_at, id)`);
    await q.query(`CREATE INDEX claim_inbox_assignee_idx ON claims.claim (region_code, assignee, submitted_at, id) WHERE assignee IS NOT NULL`);
    await q.query(`DROP INDEX claims.claim_region_status_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claim_region_status_idx ON claims.claim (region_code, status)`);
    await q.query(`DROP INDEX claims.claim_inbox_assignee_idx`);
    await q.query(`DROP INDEX claims.claim_inbox_status_idx`);
  }
}
