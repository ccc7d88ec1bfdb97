import type { Actor } from '../../domain/access.js';
import type { BankAccount } from '../../domain/payouts/payout-key.js';

// The payout activities of the claim workflow (claims queue): types only, implemented by
// services/claims/src/payout/ (createPayoutActivities).

/** One transfer owed: to an heir, for an instalment. */
export interface PayoutLine {
  heirId: string;
  instalment: number;
  /** Rupiah as digits. */
  amount: string;
}

export interface PayoutLineRequest extends PayoutLine {
  claimId: string;
}

/** A transfer the provider accepted. */
export interface HeirPayoutReceipt {
  payoutId: string;
  reference: string;
  /** Rupiah as digits. */
  amount: string;
}

export interface PayoutAccountChange {
  claimId: string;
  heirId: string;
  account: BankAccount;
  actor: Actor;
}

export interface PayoutActivities {
  /** What the claim pays, per heir and instalment (heirs and shares; today one line for the heir on the form). */
  listPayoutLines(claimId: string): Promise<PayoutLine[]>;
  /** The ledger on approval: benefit expense against benefits payable, once per claim. */
  recordBenefitPayable(request: { claimId: string; amount: string }): Promise<void>;
  /**
   * Pays one line exactly once: a unique row per (claim, heir, instalment), a provider idempotency
   * key derived from it, and a status query to the provider before sending again after a crash.
   * A refusal for good fails non-retryable with PAYOUT_REFUSED; anything else is retried.
   */
  payHeir(request: PayoutLineRequest): Promise<HeirPayoutReceipt>;
  /** Records a corrected account; a payout it refused becomes PENDING again under the next attempt's key. */
  recordPayoutAccount(change: PayoutAccountChange): Promise<void>;
}
