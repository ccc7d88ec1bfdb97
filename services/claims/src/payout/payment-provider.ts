import type { BankAccount } from '../../../../domain/payouts/payout-key.js';

/** One transfer as a provider sees it. */
export interface TransferInstruction {
  /** Derived from (claim, heir, instalment) and the attempt: the provider executes a key once. */
  idempotencyKey: string;
  /** Our reference, on the transfer and the bank statement (LDG…). */
  reference: string;
  amount: bigint;
  account: BankAccount;
  /** Remittance text for the heir's statement, e.g. "JKM JKM/2026/000001". */
  remark: string;
  regionCode: string;
}

/** What a provider says about a transfer: taken on (money is on its way), or refused for good. */
export type TransferOutcome = { outcome: 'ACCEPTED'; providerReference: string } | { outcome: 'REFUSED'; code: string; message: string };

/**
 * A way to move money to an heir. `send` is idempotent on the instruction's key; it throws
 * (retryable) when the provider cannot be reached or answers with a fault (timeout, 5xx).
 * `status` is asked before sending again after a crash: null when the provider never saw the key.
 */
export interface PaymentProvider {
  readonly name: string;
  send(instruction: TransferInstruction): Promise<TransferOutcome>;
  status(idempotencyKey: string): Promise<TransferOutcome | null>;
}

/** A provider that did not answer, or answered with a fault: retrying is safe and right. */
export class ProviderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderUnavailable';
  }
}
