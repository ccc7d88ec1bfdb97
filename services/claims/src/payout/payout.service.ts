import type { DataSource } from 'typeorm';
import type { PayoutReceipt, PayoutRequest } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import { groupByKeys } from '../../../kit/src/batch.js';
import { isUuid } from '../../../kit/src/ids.js';
import { preparedRows } from '../../../kit/src/read-query.js';
import { PayoutEntity } from './payout.entity.js';

/**
 * Pays an approved claim's instalment. The idempotency key (claim, instalment) is unique in the
 * database, so however often Temporal retries this activity, money leaves once.
 */
export class PayoutService {
  constructor(private readonly dataSource: DataSource) {}

  async pay(request: PayoutRequest): Promise<PayoutReceipt> {
    const key = `${request.claimId}/${request.instalment}`;
    // The payout of workflows started before payouts went per heir (payout.records.ts): to the heir on the form.
    await this.dataSource.query(
      `INSERT INTO claims.payout (claim_id, heir_id, instalment, amount, idempotency_key, reference, status, region_code, sent_at, paid_at)
       SELECT c.id, c.id, $2::int, c.benefit_total, $3, 'PAY/' || c.number || '/' || ($2::int)::text, 'SENT', c.region_code, now(), now()
         FROM claims.claim c
        WHERE c.id = $1 AND c.status IN ('APPROVED', 'PAID')
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [request.claimId, request.instalment, key],
    );
    const payout = await this.dataSource.getRepository(PayoutEntity).findOneBy({ idempotencyKey: key });
    if (!payout) throw new Error(`claim ${request.claimId} is not approved; nothing was paid`);
    return { reference: payout.reference, amount: payout.amount.toString() };
  }

  /** Money sent for each claim, first instalment first: one statement for all of them. */
  async forClaims(claimIds: readonly string[]): Promise<PayoutEntity[][]> {
    const rows = claimIds.length
      ? await preparedRows(
          this.dataSource,
          'payouts-by-claims',
          // Money sent: a payout still pending or refused is in payoutLines, not here.
          `SELECT p.id, p.claim_id, p.instalment, p.amount::text AS amount, p.idempotency_key, p.reference, p.paid_at
             FROM claims.payout p
            WHERE p.claim_id = ANY($1::uuid[]) AND p.status IN ('SENT', 'CONFIRMED')
            ORDER BY p.instalment`,
          [claimIds.filter(isUuid)],
        )
      : [];
    return groupByKeys(
      claimIds,
      rows.map((row): PayoutEntity => ({
        id: row['id'],
        claimId: row['claim_id'],
        instalment: row['instalment'],
        amount: BigInt(row['amount']),
        idempotencyKey: row['idempotency_key'],
        reference: row['reference'],
        paidAt: row['paid_at'],
      })),
      (row) => row.claimId,
    );
  }
}
