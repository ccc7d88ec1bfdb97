import type { ClaimProgress } from './claim-lifecycle.messages.js';

/** What the claim workflow knows while it runs; the Updates read and change it. */
export interface ClaimState {
  progress: ClaimProgress;
  /** Rupiah; set once intake has computed the benefit. */
  benefitTotal: bigint;
}

export function newClaimState(): ClaimState {
  return { progress: { status: 'SUBMITTED', verifiedBy: null, approvedBy: null }, benefitTotal: 0n };
}
