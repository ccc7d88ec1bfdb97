import type { HeirPayoutReceipt, PayoutLineRequest } from '../claim-lifecycle/payout.activities.js';

// The scholarship workflow's activities (claims queue): types only, implemented by
// services/claims/src/scholarship/scholarship.records.ts.

/** What the scholarship stands at, as the claims service sees it on its own clock. */
export interface ScholarshipStanding {
  /** Instalments due now (certificate verified where needed), to be paid. */
  ready: PayoutLineRequest[];
  /** Instalments neither paid nor ended (the ready ones included); none left: the scholarship is done. */
  open: number;
  /** Milliseconds until the next instalment falls due; null when none is scheduled. */
  nextDueInMs: number | null;
}

export interface ScholarshipStart {
  claimId: string;
  /** Rupiah as digits. */
  total: string;
  instalments: number;
}

export interface ScholarshipActivities {
  /**
   * At a claim's PAID: writes the instalments of its scholarship (one per child and school year)
   * and starts `scholarship/<claimId>` unless it runs already. Idempotent; null when the claim
   * has no scholarship entitlement.
   */
  startScholarship(request: { claimId: string }): Promise<ScholarshipStart | null>;
  /** Moves instalments whose day has come to READY (or AWAITING_CERTIFICATE) and says what is due. */
  advanceScholarship(request: { claimId: string }): Promise<ScholarshipStanding>;
  /**
   * Pays one READY instalment exactly once: books it as payable, then pays it as the heir's
   * instalment through the payout lines (one row per claim, heir, instalment; the provider's
   * idempotency key derived from it). A refusal for good fails with PAYOUT_REFUSED.
   */
  payScholarshipInstalment(request: PayoutLineRequest): Promise<HeirPayoutReceipt>;
}
