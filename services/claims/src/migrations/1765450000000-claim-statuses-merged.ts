import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 came in two parts whose migrations each rewrote the claim status check:
 * 1765300000000-claims-complete (DOCUMENTS_REQUESTED, CANCELLED) and, after it by timestamp,
 * 1765400000000-payouts-and-ledger (PAYOUT_FAILED), which dropped the first part's statuses.
 * This one allows every status of domain/claims/claim-status.ts.
 */
export class ClaimStatusesMerged1765450000000 implements MigrationInterface {
  name = 'ClaimStatusesMerged1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP CONSTRAINT claim_status_check`);
    await q.query(`ALTER TABLE claims.claim ADD CONSTRAINT claim_status_check
      CHECK (status IN ('SUBMITTED', 'AWAITING_VERIFICATION', 'DOCUMENTS_REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED', 'PAID', 'REJECTED', 'CANCELLED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP CONSTRAINT claim_status_check`);
    await q.query(`ALTER TABLE claims.claim ADD CONSTRAINT claim_status_check
      CHECK (status IN ('SUBMITTED', 'AWAITING_VERIFICATION', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED', 'PAID', 'REJECTED'))`);
  }
}
