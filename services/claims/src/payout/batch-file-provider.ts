import type { DataSource } from 'typeorm';
import { writeBatchFile } from '../../../../domain/payouts/batch-file.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { PaymentProvider, TransferInstruction, TransferOutcome } from './payment-provider.js';

/**
 * Payouts by bank transfer file: each accepted instruction becomes a row of the day's bulk
 * transfer file for its city (domain/payouts/batch-file.ts), which a treasury officer downloads
 * (`payoutBatchFile`) and uploads to the bank. The bank cannot refuse here; a transfer it rejects
 * later shows up as MISSING when its statement is reconciled. One row per idempotency key.
 */
export class BatchFileProvider implements PaymentProvider {
  readonly name = 'batch-file';

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async send(instruction: TransferInstruction): Promise<TransferOutcome> {
    await this.dataSource.query(
      `INSERT INTO claims.payout_batch_transfer (idempotency_key, reference, region_code, value_date, bank_code, account_number_encrypted, holder_name, amount, remark)
       VALUES ($1, $2, $3, (now() AT TIME ZONE 'Asia/Jakarta')::date, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        instruction.idempotencyKey,
        instruction.reference,
        instruction.regionCode,
        instruction.account.bankCode,
        this.cipher.encrypt(instruction.account.accountNumber),
        instruction.account.holderName,
        instruction.amount.toString(),
        instruction.remark,
      ],
    );
    return (await this.status(instruction.idempotencyKey))!;
  }

  async status(idempotencyKey: string): Promise<TransferOutcome | null> {
    const [row] = (await this.dataSource.query(`SELECT region_code, to_char(value_date, 'YYYYMMDD') AS day FROM claims.payout_batch_transfer WHERE idempotency_key = $1`, [
      idempotencyKey,
    ])) as {
      region_code: string;
      day: string;
    }[];
    return row ? { outcome: 'ACCEPTED', providerReference: `BATCH/${row.region_code}/${row.day}` } : null;
  }

  /** The bulk-transfer file of one city and value date (YYYY-MM-DD), rows in reference order. */
  async file(regionCode: string, valueDate: string, debitAccount: string): Promise<{ text: string; count: number; total: bigint }> {
    const rows = (await this.dataSource.query(
      `SELECT reference, bank_code, account_number_encrypted, holder_name, amount, remark FROM claims.payout_batch_transfer
        WHERE region_code = $1 AND value_date = $2 ORDER BY reference`,
      [regionCode, valueDate],
    )) as { reference: string; bank_code: string; account_number_encrypted: string; holder_name: string; amount: string; remark: string }[];
    const transfers = rows.map((r) => ({
      bankCode: r.bank_code,
      accountNumber: this.cipher.decrypt(r.account_number_encrypted),
      holderName: r.holder_name,
      amount: BigInt(r.amount),
      reference: r.reference,
      remark: r.remark,
    }));
    const text = writeBatchFile({ batchId: `LDG-${regionCode}-${valueDate.replaceAll('-', '')}`, valueDate, debitAccount }, transfers);
    return { text, count: transfers.length, total: transfers.reduce((sum, t) => sum + t.amount, 0n) };
  }
}
