import type { DataSource } from 'typeorm';
import type { PayoutReceipt, PayoutRequest } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import { groupByKeys } from '../../../kit/src/batch.js';
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

  async forClaims(claimIds: readonly string[]): Promise<PayoutEntity[][]> {
    const rows = claimIds.length
      ? await this.dataSource
          .getRepository(PayoutEntity)
          .createQueryBuilder('p')
          .where('p.claim_id = ANY(:ids)', { ids: [...claimIds] })
          // Money sent: a payout still pending or refused is in payoutLines, not here.
          .andWhere(`p.status IN ('SENT', 'CONFIRMED')`)
          .orderBy('p.instalment')
          .getMany()
      : [];
    return groupByKeys(claimIds, rows, (row) => row.claimId);
  }
}
