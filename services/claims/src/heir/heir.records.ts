import type { DataSource, EntityManager } from 'typeorm';
import { splitByShares } from '../../../../domain/claims/heirs.js';
import { claimFormHeirId } from '../../../../domain/payouts/payout-key.js';
import type { SharedHeir } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';

/** One heir's part of one instalment, as the payout contract's `listPayoutLines` answers it (workflows/claim-lifecycle/payout.activities.ts on the payout branch). */
export type PayoutLine = { heirId: string; instalment: number; /** Rupiah as digits. */ amount: string };

/**
 * Writes a claim's heirs in the claim's own transaction (the bank account arrives encrypted). The
 * first heir on the form has the claim's own id (claimFormHeirId, as payouts name the heir of a
 * single-heir claim); the others get new ids.
 */
export async function insertHeirs(tx: Pick<EntityManager, 'query'>, claimId: string, heirs: readonly SharedHeir[]): Promise<void> {
  for (const [i, h] of heirs.entries()) {
    await tx.query(
      `INSERT INTO claims.claim_heir (id, claim_id, position, name, relationship, legal_order, share_numerator, share_denominator, phone,
         bank_name, bank_account_enc, bank_account_last4, account_holder, birth_date, education_level)
       VALUES (COALESCE($15::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        claimId,
        i + 1,
        h.name,
        h.relationship,
        h.legalOrder,
        h.shareNumerator,
        h.shareDenominator,
        h.phone,
        h.bankName ?? null,
        h.bankAccountEncrypted ?? null,
        h.bankAccountLast4 ?? null,
        h.accountHolder ?? null,
        h.birthDate ?? null,
        h.educationLevel ?? null,
        i === 0 ? claimFormHeirId(claimId) : null,
      ],
    );
  }
}

export type HeirRow = {
  id: string;
  claim_id: string;
  position: number;
  name: string;
  relationship: string;
  legal_order: number;
  share_numerator: number;
  share_denominator: number;
  phone: string | null;
  bank_name: string | null;
  bank_account_enc: string | null;
  bank_account_last4: string | null;
  account_holder: string | null;
  benefit_total: string;
};

export async function heirsOfClaims(db: Pick<DataSource, 'query'>, claimIds: readonly string[]): Promise<HeirRow[]> {
  if (claimIds.length === 0) return [];
  return (await db.query(
    `SELECT h.*, c.benefit_total::text AS benefit_total FROM claims.claim_heir h JOIN claims.claim c ON c.id = h.claim_id
      WHERE h.claim_id = ANY($1) ORDER BY h.claim_id, h.position`,
    [[...claimIds]],
  )) as HeirRow[];
}

/** Each heir's amount: the benefit split by the shares, the rounding rupiah to the first heir. */
export function heirAmounts(rows: readonly HeirRow[]): Map<string, bigint> {
  const amounts = new Map<string, bigint>();
  if (rows.length === 0) return amounts;
  const parts = splitByShares(
    BigInt(rows[0]!.benefit_total),
    rows.map((r) => ({ numerator: r.share_numerator, denominator: r.share_denominator })),
  );
  rows.forEach((r, i) => amounts.set(r.id, parts[i]!));
  return amounts;
}

/**
 * The payout lines of a claim: the benefit split by the heirs' shares, one per heir, instalment 1
 * (JKM and JKK cash benefits are paid at once). Implements the payout contract's listPayoutLines.
 */
export async function payoutLines(db: Pick<DataSource, 'query'>, claimId: string): Promise<PayoutLine[]> {
  const rows = await heirsOfClaims(db, [claimId]);
  const amounts = heirAmounts(rows);
  return rows.map((r) => ({ heirId: r.id, instalment: 1, amount: amounts.get(r.id)!.toString() })).filter((l) => l.amount !== '0');
}
