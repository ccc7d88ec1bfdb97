import type { DataSource, EntityManager } from 'typeorm';
import { systemActor, type Actor } from '../../../../domain/access.js';
import { DomainError } from '../../../../domain/errors.js';
import { benefitApprovedEntry, payoutSentEntry } from '../../../../domain/ledger/journal.js';
import { bankCodeOf, claimFormHeirId, maskAccountNumber, PAYOUT_REFUSALS, payoutIdempotencyKey, refusalCode, type BankAccount } from '../../../../domain/payouts/payout-key.js';
import type { HeirPayoutReceipt, PayoutAccountChange, PayoutActivities, PayoutLine, PayoutLineRequest } from '../../../../workflows/claim-lifecycle/payout.activities.js';
import { recordAudit } from '../../../kit/src/audit.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import { payoutLines } from '../heir/heir.records.js';
import { postEntry } from '../ledger/ledger.records.js';
import type { PaymentProvider, TransferOutcome } from './payment-provider.js';

const LEDGER_ACTOR = 'system:ledger';

interface PayoutRow {
  id: string;
  status: string;
  attempt: number;
  amount: string;
  reference: string;
  idempotency_key: string;
  requested_at: Date | null;
  failure_code: string | null;
  failure_message: string | null;
  region_code: string;
  claim_number: string;
  program: string;
}

/**
 * The payout activities: written only by the claim workflow. Exactly one transfer per (claim,
 * heir, instalment): the row is unique on those three, the provider's idempotency key is derived
 * from them (and the attempt, which grows only after a refusal was corrected), and a row that
 * was requested before (a crash between sending and recording) is first looked up at the provider.
 */
export class PayoutRecords implements PayoutActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly provider: PaymentProvider,
  ) {}

  /**
   * One line per heir share (services/claims/src/heir/heir.records.ts); a claim filed before heirs
   * were recorded one by one pays the whole benefit to the heir on the form.
   */
  async listPayoutLines(claimId: string): Promise<PayoutLine[]> {
    const perHeir = await payoutLines(this.dataSource, claimId);
    if (perHeir.length > 0) return perHeir;
    const [claim] = (await this.dataSource.query(`SELECT benefit_total FROM claims.claim WHERE id = $1`, [claimId])) as { benefit_total: string }[];
    if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
    return [{ heirId: claimFormHeirId(claimId), instalment: 1, amount: claim.benefit_total }];
  }

  async recordBenefitPayable(request: { claimId: string; amount: string }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [claim] = (await tx.query(`SELECT number, region_code FROM claims.claim WHERE id = $1`, [request.claimId])) as { number: string; region_code: string }[];
      if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${request.claimId}.`, 'claimId');
      await postEntry(tx, benefitApprovedEntry(request.claimId, claim.number, BigInt(request.amount)), {
        regionCode: claim.region_code,
        claimId: request.claimId,
        postedBy: LEDGER_ACTOR,
      });
    });
  }

  async recordPayoutAccount(change: PayoutAccountChange): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [claim] = (await tx.query(`SELECT region_code FROM claims.claim WHERE id = $1`, [change.claimId])) as { region_code: string }[];
      if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${change.claimId}.`, 'claimId');
      const { bankCode, accountNumber, holderName } = change.account;
      await tx.query(
        `INSERT INTO claims.payout_account (claim_id, heir_id, bank_code, account_number_encrypted, account_last4, holder_name, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (claim_id, heir_id) DO UPDATE SET bank_code = EXCLUDED.bank_code, account_number_encrypted = EXCLUDED.account_number_encrypted,
           account_last4 = EXCLUDED.account_last4, holder_name = EXCLUDED.holder_name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [change.claimId, change.heirId, bankCode, this.cipher.encrypt(accountNumber), accountNumber.slice(-4), holderName, change.actor.subject],
      );
      // A refused payout of this heir is a new instruction now: next attempt, next key.
      const reopened = (await tx.query(
        `UPDATE claims.payout SET status = 'PENDING', attempt = attempt + 1, requested_at = NULL, failure_code = NULL, failure_message = NULL,
           idempotency_key = claim_id || '.' || heir_id || '.' || instalment || '.' || (attempt + 1)
         WHERE claim_id = $1 AND heir_id = $2 AND status = 'FAILED' RETURNING id, attempt`,
        [change.claimId, change.heirId],
      )) as [{ id: string; attempt: number }[], number];
      await recordAudit(tx, 'claims', {
        actor: change.actor,
        action: 'payout.account',
        entityType: 'Claim',
        entityId: change.claimId,
        regionCode: claim.region_code,
        before: null,
        after: { heirId: change.heirId, bankCode, account: maskAccountNumber(accountNumber), reopenedPayouts: reopened[0].map((r) => r.id) },
      });
    });
  }

  async payHeir(request: PayoutLineRequest): Promise<HeirPayoutReceipt> {
    await this.dataSource.query(
      `INSERT INTO claims.payout (claim_id, heir_id, instalment, amount, idempotency_key, reference, status, attempt, region_code)
       SELECT c.id, $2, $3, $4, $5, 'LDG' || lpad(nextval('claims.payout_reference_seq')::text, 10, '0'), 'PENDING', 1, c.region_code
         FROM claims.claim c WHERE c.id = $1 AND c.status = 'APPROVED'
       ON CONFLICT (claim_id, heir_id, instalment) DO NOTHING`,
      [request.claimId, request.heirId, request.instalment, request.amount, payoutIdempotencyKey(request, 1)],
    );
    const row = await this.row(this.dataSource.manager, request);
    if (!row) throw new DomainError('INVALID_TRANSITION', `Claim ${request.claimId} is not approved; nothing was paid.`, 'claimId');
    if (row.status === 'FAILED') throw refusal(row.failure_code!, row.failure_message);
    if (row.status !== 'PENDING') return receiptOf(row);
    const account = await this.account(request.claimId, request.heirId);
    if (!account) return this.settle(row, { outcome: 'REFUSED', code: 'ACCOUNT_MISSING', message: 'No bank account is on file for this heir; enter it from the savings book.' });
    // Sent before and not recorded (a crash, a timeout): ask the provider before sending again.
    if (row.requested_at !== null) {
      const known = await this.provider.status(row.idempotency_key);
      if (known) return this.settle(row, known);
    }
    await this.dataSource.query(`UPDATE claims.payout SET requested_at = now(), provider = $2 WHERE id = $1`, [row.id, this.provider.name]);
    const outcome = await this.provider.send({
      idempotencyKey: row.idempotency_key,
      reference: row.reference,
      amount: BigInt(row.amount),
      account,
      remark: `${row.program} ${row.claim_number}`,
      regionCode: row.region_code,
    });
    return this.settle(row, outcome);
  }

  /** Records what the provider said, with the ledger entry of a sent payout, in one transaction. */
  private async settle(row: PayoutRow, outcome: TransferOutcome): Promise<HeirPayoutReceipt> {
    await this.dataSource.transaction(async (tx) => {
      if (outcome.outcome === 'ACCEPTED') {
        const [, updated] = (await tx.query(
          `UPDATE claims.payout SET status = 'SENT', sent_at = now(), paid_at = now(), provider_reference = $3 WHERE id = $1 AND attempt = $2 AND status = 'PENDING'`,
          [row.id, row.attempt, outcome.providerReference],
        )) as [unknown, number];
        if (updated === 0) return;
        await postEntry(tx, payoutSentEntry(row.id, row.reference, BigInt(row.amount)), { regionCode: row.region_code, payoutId: row.id, postedBy: LEDGER_ACTOR });
      } else {
        const [, updated] = (await tx.query(
          `UPDATE claims.payout SET status = 'FAILED', failure_code = $3, failure_message = $4 WHERE id = $1 AND attempt = $2 AND status = 'PENDING'`,
          [row.id, row.attempt, refusalCode(outcome.code), outcome.message],
        )) as [unknown, number];
        if (updated === 0) return;
      }
      await this.audit(tx, row, outcome, systemActor('system:payouts'));
    });
    if (outcome.outcome === 'REFUSED') throw refusal(refusalCode(outcome.code), outcome.message);
    return receiptOf(row);
  }

  private async audit(tx: EntityManager, row: PayoutRow, outcome: TransferOutcome, actor: Actor): Promise<void> {
    await recordAudit(tx, 'claims', {
      actor,
      action: outcome.outcome === 'ACCEPTED' ? 'payout.sent' : 'payout.refused',
      entityType: 'Payout',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: 'PENDING', attempt: row.attempt },
      after:
        outcome.outcome === 'ACCEPTED'
          ? { status: 'SENT', provider: this.provider.name, providerReference: outcome.providerReference }
          : { status: 'FAILED', failureCode: outcome.code },
    });
  }

  private async row(manager: EntityManager, slot: { claimId: string; heirId: string; instalment: number }): Promise<PayoutRow | undefined> {
    const [row] = (await manager.query(
      `SELECT p.id, p.status, p.attempt, p.amount, p.reference, p.idempotency_key, p.requested_at, p.failure_code, p.failure_message, p.region_code,
              c.number AS claim_number, c.program
         FROM claims.payout p JOIN claims.claim c ON c.id = p.claim_id
        WHERE p.claim_id = $1 AND p.heir_id = $2 AND p.instalment = $3`,
      [slot.claimId, slot.heirId, slot.instalment],
    )) as PayoutRow[];
    return row;
  }

  /** The account a caseworker entered or corrected (setPayoutAccount) wins; else the one the heir gave on the claim form. */
  private async account(claimId: string, heirId: string): Promise<BankAccount | null> {
    const [row] = (await this.dataSource.query(`SELECT bank_code, account_number_encrypted, holder_name FROM claims.payout_account WHERE claim_id = $1 AND heir_id = $2`, [
      claimId,
      heirId,
    ])) as { bank_code: string; account_number_encrypted: string; holder_name: string }[];
    if (row) return { bankCode: row.bank_code, accountNumber: this.cipher.decrypt(row.account_number_encrypted), holderName: row.holder_name };
    const [heir] = (await this.dataSource.query(
      `SELECT name, bank_name, bank_account_enc, account_holder FROM claims.claim_heir WHERE claim_id = $1 AND id = $2 AND bank_account_enc IS NOT NULL`,
      [claimId, heirId],
    )) as { name: string; bank_name: string | null; bank_account_enc: string; account_holder: string | null }[];
    const bankCode = heir ? bankCodeOf(heir.bank_name) : null;
    if (!heir || !bankCode) return null;
    return { bankCode, accountNumber: this.cipher.decrypt(heir.bank_account_enc), holderName: heir.account_holder ?? heir.name };
  }
}

function receiptOf(row: PayoutRow): HeirPayoutReceipt {
  return { payoutId: row.id, reference: row.reference, amount: row.amount };
}

function refusal(code: string, message: string | null): DomainError {
  const label = PAYOUT_REFUSALS.find((r) => r.code === code)?.label ?? 'The provider refused the transfer.';
  return new DomainError('PAYOUT_REFUSED', message && message !== label ? `${label} ${message}` : label, 'account', { failureCode: code });
}
